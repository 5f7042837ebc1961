import type { CslName } from '../../core/csl';
import type { Db } from '../open';
import { stmt } from '../statements';

/**
 * The SQL and transactions of capture and of the bibliography import (ingest/ decides what to
 * write, through the repositories; the statements and the transaction boundaries live here).
 */

/**
 * Runs a write given as steps (a generator: the source, then the facts a batch at a time) to
 * its end inside ONE transaction: all of it or, on any error or cancellation, nothing.
 */
export function writeStepsInOneTransaction<T>(db: Db, steps: () => Generator<void, T>): T {
  return db.transaction((): T => {
    const it = steps();
    for (;;) {
      const step = it.next();
      if (step.done) return step.value;
    }
  })();
}

/**
 * Runs `work` in ONE IMMEDIATE transaction — the write lock is taken before reading, so another
 * writer cannot invalidate what was read halfway through — and, for a dry run, rolls it back
 * at the end: the result is worked out as if written, and the library is left as it was.
 */
export function writeOnceImmediate<T>(db: Db, work: () => T, opts: { dryRun?: boolean } = {}): T {
  // Thrown to roll the transaction back: a dry run goes through every step and keeps nothing.
  const rollback = new Error('dry run');
  let result: T | undefined;
  const txn = db.transaction(() => {
    result = work();
    if (opts.dryRun) throw rollback;
  });
  try {
    if (opts.dryRun) txn();
    else txn.immediate();
  } catch (e) {
    if (e !== rollback) throw e;
  }
  return result as T;
}

/** The highest position of the source's facts (0 for none): new facts are numbered after it. */
export function lastFactPosition(db: Db, sourceId: string): number {
  return stmt(db, 'SELECT coalesce(max(position), 0) FROM facts WHERE source_id = ?').pluck().get(sourceId) as number;
}

/** The fields a bibliography import matches sources on, for every source, oldest first. */
export interface SourceKeys {
  id: string;
  doi: string | undefined;
  url: string | undefined;
  title: string;
  issued: string | undefined;
  authors: CslName[];
}

export function allSourceKeys(db: Db): SourceKeys[] {
  const rows = stmt(db, 'SELECT id, doi, url, title, issued, authors FROM sources ORDER BY seq').all() as {
    id: string;
    doi: string | null;
    url: string | null;
    title: string;
    issued: string | null;
    authors: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    doi: r.doi ?? undefined,
    url: r.url ?? undefined,
    issued: r.issued ?? undefined,
    authors: JSON.parse(r.authors) as CslName[],
  }));
}
