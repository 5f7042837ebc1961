import type { Db } from '../open';
import { stmt } from '../statements';

/**
 * The full-text index is derived data: every row of it is computed from facts, tags and
 * sources, so a missing or damaged index is rebuilt from them, never restored from a backup.
 */
export const SEARCH_INDEX_TABLES = ['fact_search', 'fact_search_data', 'fact_search_idx', 'fact_search_docsize', 'fact_search_config'] as const;

// Same definition and ranking as migration 0010 (a released migration is never edited, so the
// rebuild keeps its own copy; db/health/search-index.test.ts checks that the two agree).
const CREATE_INDEX = `
  CREATE VIRTUAL TABLE fact_search USING fts5(
    text, tags, notes, attribution, source,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3',
    content = 'fact_search_rows',
    content_rowid = 'seq'
  );
  INSERT INTO fact_search(fact_search, rank) VALUES ('rank', 'bm25(10.0, 5.0, 2.0, 4.0, 1.5)');`;

/**
 * The search index entries of a range of facts, written in one statement in rowid order (so
 * FTS5 builds them in memory and writes few, large segments). The columns are those of the
 * `fact_search_rows` view (db/migrations/0010-search-from-view.ts), which the triggers
 * index one fact at a time from.
 */
const FILL_SEARCH_INDEX = `INSERT INTO fact_search(rowid, text, tags, notes, attribution, source)
  SELECT seq, text, tags, notes, attribution, source FROM fact_search_rows WHERE seq BETWEEN ? AND ? ORDER BY seq`;

/** Indexes the facts `firstSeq`…`lastSeq` (all of them by default: a rebuilt index). */
export function fillSearchIndex(db: Db, firstSeq = 0, lastSeq = Number.MAX_SAFE_INTEGER): void {
  stmt(db, FILL_SEARCH_INDEX).run(firstSeq, lastSeq);
}

export interface SearchIndexState {
  /** Facts missing from the index plus index rows with no fact. */
  mismatch: number;
  problem?: string;
}

/** Reads the whole index (every term of every segment) and compares it with the facts. */
export function searchIndexState(db: Db): SearchIndexState {
  const facts = safeCount(db, 'SELECT count(*) FROM facts');
  if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'fact_search'").get()) {
    return { mismatch: facts, problem: 'The search index is missing, so searching and adding facts fail; it can be rebuilt from the facts.' };
  }
  try {
    // The index reads its words from the facts (external content): what it holds is what has
    // a row of column sizes.
    const indexed = db.prepare('SELECT count(*) FROM fact_search_docsize').pluck().get() as number;
    const missing = db.prepare('SELECT count(*) FROM facts f WHERE NOT EXISTS (SELECT 1 FROM fact_search_docsize WHERE id = f.seq)').pluck().get() as number;
    readEveryTerm(db);
    const mismatch = missing + Math.max(0, indexed - (facts - missing));
    if (mismatch === 0) return { mismatch };
    return {
      mismatch,
      problem: `The search index is out of step with the facts by ${mismatch} row${mismatch === 1 ? '' : 's'}; it can be rebuilt from the facts.`,
    };
  } catch (e) {
    return {
      mismatch: 0,
      problem: `The search index is damaged (${(e as { code?: string }).code ?? (e as Error).message}); it can be rebuilt from the facts.`,
    };
  }
}

/** Replaces the index with one computed from the facts: emptied and refilled, or made anew. */
export function rebuildSearchIndex(db: Db): void {
  db.transaction(() => {
    try {
      // An external-content index is emptied by its own command (a DELETE would read each row's words to remove them).
      db.exec("INSERT INTO fact_search(fact_search) VALUES ('delete-all')");
      fillSearchIndex(db);
      readEveryTerm(db);
      return;
    } catch {
      // missing or too damaged to empty: drop it (when SQLite can) and make it anew
    }
    db.exec('DROP TABLE IF EXISTS fact_search');
    db.exec(CREATE_INDEX);
    fillSearchIndex(db);
  })();
}

/**
 * A damaged segment only shows when a query reads it; the vocabulary table reads them all.
 * It lives in the connection's temp schema, which even a read-only connection may write.
 */
function readEveryTerm(db: Db): void {
  // An in-memory copy refuses writes (query_only) so none is lost; a temp table is no such write.
  const queryOnly = db.pragma('query_only', { simple: true }) === 1;
  if (queryOnly) db.pragma('query_only = OFF');
  try {
    db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.dossier_search_terms USING fts5vocab(main, fact_search, row)');
    db.prepare('SELECT count(*), sum(cnt) FROM temp.dossier_search_terms').get();
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.dossier_search_terms');
    if (queryOnly) db.pragma('query_only = ON');
  }
}

function safeCount(db: Db, sql: string): number {
  try {
    return db.prepare(sql).pluck().get() as number;
  } catch {
    return 0;
  }
}
