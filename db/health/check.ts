import type { Db } from '../open';
import { schemaVersion } from '../open';
import { describeIntegrity } from './integrity-words';
import type { Problem } from './problem';
import { SEARCH_INDEX_TABLES, searchIndexState } from './search-index';
import { damagedOriginals, describeDamagedOriginal } from './originals';
import { ORIGINAL_INDEX_TABLES, originalIndexProblem } from '../originals/search-index';

export type { Problem } from './problem';

export interface CheckReport {
  ok: boolean;
  schemaVersion: number;
  /** SQLite's own integrity_check lines ("ok" left out). */
  integrity: string[];
  foreignKeys: { table: string; rowid: number; parent: string }[];
  counts: { sources: number; facts: number; tags: number; briefings: number };
  /** FTS rows out of step with facts (should be zero; rebuilt by `repairSearchIndex`). */
  searchIndexMismatch: number;
  problems: Problem[];
}

const COUNTED = ['sources', 'facts', 'tags', 'briefings'] as const;

/** Row counts only: cheap enough for a status bar (the full check reads every page). */
export function libraryCounts(db: Db): CheckReport['counts'] {
  const count = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  return { sources: count('sources'), facts: count('facts'), tags: count('tags'), briefings: count('briefings') };
}

/**
 * Full check: every page (integrity_check), every reference (foreign_key_check), the search
 * index against the facts, every stored original against its hashes. Reads only, and survives damage: a step that SQLite cannot finish
 * becomes a problem in the report, never an exception.
 */
export function checkLibrary(db: Db): CheckReport {
  const problems: Problem[] = [];
  const attempt = <T>(what: string, fallback: T, run: () => T): T => {
    try {
      return run();
    } catch (e) {
      const code = String((e as { code?: string }).code ?? (e as Error).message);
      const damaged = code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
      problems.push({ kind: 'unreadable', remedy: 'restore', message: `${what} cannot be read${damaged ? ': the file is damaged there' : ''} (${code}).` });
      return fallback;
    }
  };

  const integrity = attempt('The pages', ['unreadable'], () => (db.prepare('PRAGMA integrity_check(200)').pluck().all() as string[]).filter((r) => r !== 'ok'));
  if (integrity.length && integrity[0] !== 'unreadable') problems.push(...describeIntegrity(db, integrity));

  const foreignKeys = attempt(
    'The references between rows',
    [] as CheckReport['foreignKeys'],
    () => db.prepare('PRAGMA foreign_key_check').all() as CheckReport['foreignKeys'],
  );
  problems.push(...describeReferences(foreignKeys));

  const counts = { sources: 0, facts: 0, tags: 0, briefings: 0 };
  for (const t of COUNTED) counts[t] = attempt(`The ${t} table`, 0, () => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number);

  const originals = attempt('The stored originals', [], () => damagedOriginals(db));
  for (const d of originals) problems.push({ kind: 'original', remedy: 'restore', message: describeDamagedOriginal(d) });

  const search = searchIndexState(db);
  if (search.problem) problems.push({ kind: 'search-index', remedy: 'rebuild', message: search.problem });
  const originalIndex = originalIndexProblem(db);
  if (originalIndex) problems.push({ kind: 'search-index', remedy: 'rebuild', message: originalIndex });
  // Pages of the search indexes' own tables are derived data too: a rebuild replaces them.
  const derived = [...SEARCH_INDEX_TABLES, ...ORIGINAL_INDEX_TABLES];
  for (const p of problems) if (p.kind === 'pages' && derived.some((t) => p.message.includes(`"${t}"`))) p.remedy = 'rebuild';

  return {
    ok: problems.length === 0,
    schemaVersion: attempt('The schema version', 0, () => schemaVersion(db)),
    integrity: integrity[0] === 'unreadable' ? ['the pages could not be read'] : integrity,
    foreignKeys,
    counts,
    searchIndexMismatch: search.mismatch,
    problems,
  };
}

/** Foreign-key breaks grouped by table, in words. */
function describeReferences(rows: CheckReport['foreignKeys']): Problem[] {
  const byPair = new Map<string, number>();
  for (const r of rows) byPair.set(`${r.table}→${r.parent}`, (byPair.get(`${r.table}→${r.parent}`) ?? 0) + 1);
  return [...byPair].map(([pair, n]) => {
    const [table, parent] = pair.split('→') as [string, string];
    return {
      kind: 'references' as const,
      remedy: 'restore' as const,
      message: `${n} row${n === 1 ? '' : 's'} of "${table}" point${n === 1 ? 's' : ''} at ${parent} that no longer exist${n === 1 ? 's' : ''}: a backup has them.`,
    };
  });
}
