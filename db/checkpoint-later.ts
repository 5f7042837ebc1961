import type { Db } from './open';

/**
 * Runs `work` — a write that commits, usually a large one — with SQLite's automatic WAL
 * checkpoint held back, and checkpoints at the next turn of the event loop instead: after the
 * import has returned and its result been shown.
 *
 * Why: after a commit that leaves more than 1,000 pages in the write-ahead log, the committing
 * connection copies the whole log into the library file before the COMMIT returns (100 MiB
 * after a 100,000-fact import: 0.3–0.5 s). That copy is not what makes the write durable — the
 * log is synced at the commit either way (`synchronous = FULL`), and a crash before the
 * checkpoint loses nothing: the next open replays the log. So the caller is answered first.
 * A connection closed before that turn (the command line exits) checkpoints as it closes.
 */
export function withCheckpointLater<T>(db: Db, work: () => T): T {
  const pages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  if (pages <= 0) return work();
  db.pragma('wal_autocheckpoint = 0');
  try {
    return work();
  } finally {
    db.pragma(`wal_autocheckpoint = ${pages}`);
    setImmediate(() => checkpointIfIdle(db));
  }
}

/** PASSIVE: copies what no reader still needs and never waits for one. */
function checkpointIfIdle(db: Db): void {
  if (!db.open || db.inTransaction) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or read-only: the next commit past the threshold checkpoints, as it always did.
  }
}
