import type { Db } from '../open';
import { stmt } from '../statements';

/**
 * Runs `work` with the trigger `name` dropped, then puts the trigger back — inside the
 * caller's transaction, so no other connection ever sees the library without it, and a
 * rollback restores it with everything else. For bulk writes that do the trigger's work once
 * for the whole batch: a row trigger makes every single-row INSERT a statement that copies
 * each page it touches to the statement journal first, and (for the search index) flushes
 * FTS5's pending entries to disk.
 */
export function withoutTrigger<T>(db: Db, name: string, work: () => T): T {
  return withTriggerDroppable(db, name, (drop) => {
    drop();
    return work();
  });
}

/**
 * The same for a write that learns only as it goes whether it writes at all (an import that
 * may merge every entry into existing sources): `drop` is called before its first insert, and
 * a write that never calls it leaves the schema — and so the file — untouched.
 */
export function withTriggerDroppable<T>(db: Db, name: string, work: (drop: () => void) => T): T {
  if (!db.inTransaction) throw new Error(`withoutTrigger(${name}) must run inside a transaction`);
  let sql: string | undefined;
  const drop = () => {
    if (sql !== undefined) return;
    sql = triggerSql(db, name);
    // Every migrated library has its triggers; one without would go on being written wrongly.
    if (!sql) throw new Error(`the library has no ${name} trigger (its schema is damaged)`);
    db.exec(`DROP TRIGGER ${name}`);
  };
  try {
    return work(drop);
  } finally {
    // After an error that ended the transaction, the rollback has put the trigger back already.
    if (sql !== undefined && db.inTransaction && !triggerSql(db, name)) db.exec(sql);
  }
}

function triggerSql(db: Db, name: string): string | undefined {
  return stmt(db, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").pluck().get(name) as string | undefined;
}
