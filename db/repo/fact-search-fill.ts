import type { Db } from '../open';
import { stmt } from '../statements';
import { withoutTrigger } from './without-trigger';

/**
 * The search index entries of a range of facts, written in one statement in rowid order (so
 * FTS5 builds them in memory and writes few, large segments). The columns are exactly what
 * the `facts_ai` trigger (db/migrations/0001-initial.ts) writes for one fact;
 * db/repo/fact-insert.test.ts compares the two on a varied library.
 */
const FILL_SEARCH_INDEX = `INSERT INTO fact_search(rowid, text, tags, notes, attribution, source)
  SELECT f.seq, f.text,
         coalesce((SELECT group_concat(t.name, ' ') FROM fact_tags ft JOIN tags t ON t.seq = ft.tag_seq WHERE ft.fact_seq = f.seq), ''),
         coalesce(f.notes, ''),
         concat_ws(' ', f.attribution_name, f.attribution_role),
         (SELECT search_text FROM sources WHERE id = f.source_id)
  FROM facts f WHERE f.seq BETWEEN ? AND ? ORDER BY f.seq`;

/**
 * Runs `insertRows` (which adds the facts `firstSeq`…`lastSeq`) with the per-row index trigger
 * dropped, then indexes those facts in one statement and puts the trigger back, inside the
 * caller's transaction.
 *
 * Why: FTS5 writes its pending entries to disk at every statement that opens a savepoint, and
 * a statement with a trigger also copies every page it touches to the statement journal
 * first. Through the trigger, 500 rows to a statement, the index cost about twice this;
 * one INSERT … SELECT in rowid order lets FTS5 build the entries in memory and write them as
 * few, large segments.
 */
export function withoutFactIndexTrigger(db: Db, firstSeq: number, lastSeq: number, insertRows: () => void): void {
  withoutTrigger(db, 'facts_ai', () => {
    insertRows();
    fillSearchIndex(db, firstSeq, lastSeq);
  });
}

/** Indexes the facts `firstSeq`…`lastSeq` (all of them by default: a rebuilt index). */
export function fillSearchIndex(db: Db, firstSeq = 0, lastSeq = Number.MAX_SAFE_INTEGER): void {
  stmt(db, FILL_SEARCH_INDEX).run(firstSeq, lastSeq);
}
