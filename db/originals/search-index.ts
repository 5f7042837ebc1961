import type { Db } from '../open';
import { ORIGINAL_SEARCH_DDL } from '../migrations/0006-originals';
import { passagesVerified } from './codec';
import { indexPassages } from './store';

/**
 * The originals' full-text index is derived data, like the facts' (db/health/search-index.ts):
 * each original records how many passages it has, so `check` counts the index against them,
 * and `check --repair` refills it from the stored (verified) text.
 */
export const ORIGINAL_INDEX_TABLES = [
  'original_search',
  'original_search_data',
  'original_search_idx',
  'original_search_docsize',
  'original_search_config',
] as const;

export function originalIndexProblem(db: Db): string | undefined {
  if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'original_search'").get()) {
    return 'The search index of the stored originals is missing; it can be rebuilt from them.';
  }
  try {
    const expected = db.prepare('SELECT coalesce(sum(passage_count), 0) FROM originals').pluck().get() as number;
    const indexed = db.prepare('SELECT count(*) FROM original_search').pluck().get() as number;
    if (expected === indexed) return undefined;
    return `The search index of the stored originals is out of step with them by ${Math.abs(expected - indexed)} passage(s); it can be rebuilt from them.`;
  } catch (e) {
    return `The search index of the stored originals is damaged (${(e as { code?: string }).code ?? (e as Error).message}); it can be rebuilt from them.`;
  }
}

/** Empties the index (or makes it anew) and indexes every original whose text is sound. */
export function rebuildOriginalIndex(db: Db): void {
  db.transaction(() => {
    try {
      db.exec("INSERT INTO original_search(original_search) VALUES ('delete-all')");
    } catch {
      db.exec('DROP TABLE IF EXISTS original_search');
      db.exec(ORIGINAL_SEARCH_DDL);
    }
    const rows = db.prepare('SELECT sha256, passages, text_sha256 FROM originals').all() as { sha256: string; passages: Buffer; text_sha256: string }[];
    for (const r of rows) {
      const passages = passagesVerified(r.passages, r.text_sha256);
      if (passages)
        indexPassages(
          db,
          r.sha256,
          passages.map((p) => p.text),
        );
    }
  })();
}
