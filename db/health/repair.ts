import { existsSync } from 'node:fs';
import { DossierError } from '../../core/errors';
import { copyFileFlushed, fileStamp } from '../../core/durable-file';
import type { Db } from '../open';
import { RESTORE_HINT } from '../sqlite-errors';
import { checkLibrary, type Problem } from './check';
import { rebuildSearchIndex } from './search-index';
import { ORIGINAL_INDEX_TABLES, rebuildOriginalIndex } from '../originals/search-index';

export interface RepairResult {
  /** The copy of the library taken before anything was rebuilt; absent when nothing was. */
  backup?: string;
  /** What was rebuilt, in words. */
  repaired: string[];
  /** Problems that remain, each needing a backup. */
  remaining: Problem[];
}

/**
 * Mends what can be mended without touching a base row: the full-text index is rebuilt from
 * the facts, SQL indexes from their tables, lost free pages reclaimed. A copy of the library
 * as it was is kept first, beside it, so even a rebuild can be undone.
 */
export function repairLibrary(db: Db, path: string, now = new Date()): RepairResult {
  const before = checkLibrary(db);
  const fixable = before.problems.filter((p) => p.remedy === 'rebuild');
  if (fixable.length === 0) return { repaired: [], remaining: before.problems };

  const backup = keepCopy(db, path, now);
  const repaired: string[] = [];
  const ofOriginals = (p: Problem) => p.message.includes('stored originals') || ORIGINAL_INDEX_TABLES.some((t) => p.message.includes(`"${t}"`));
  if (fixable.some((p) => !ofOriginals(p) && (p.kind === 'search-index' || (p.kind === 'pages' && p.remedy === 'rebuild')))) {
    rebuildSearchIndex(db);
    repaired.push('rebuilt the search index from the facts');
  }
  if (fixable.some((p) => ofOriginals(p) && (p.kind === 'search-index' || p.kind === 'pages'))) {
    rebuildOriginalIndex(db);
    repaired.push('rebuilt the search index of the stored originals from them');
  }
  if (fixable.some((p) => p.kind === 'index' && p.message.startsWith('The index'))) {
    db.exec('REINDEX');
    repaired.push('rebuilt the SQL indexes from their tables');
  }
  const after = checkLibrary(db);
  if (after.problems.some((p) => /lost from the file's free list/.test(p.message)) && after.problems.every((p) => p.remedy === 'rebuild')) {
    db.exec('VACUUM');
    repaired.push('compacted the file to recover lost pages');
  }
  return { backup, repaired, remaining: checkLibrary(db).problems };
}

/** The file and its journal, as they are, under `<library>.before-repair-<date>`. */
function keepCopy(db: Db, path: string, now: Date): string {
  const dest = `${path}.before-repair-${fileStamp(now)}`;
  if (existsSync(dest)) throw new DossierError('conflict', `${dest} already exists; try again in a second.`);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // a damaged page may stop the checkpoint: the journal is copied with the file below
  }
  try {
    copyFileFlushed(path, dest);
    if (existsSync(`${path}-wal`)) copyFileFlushed(`${path}-wal`, `${dest}-wal`);
  } catch (e) {
    throw new DossierError(
      'io',
      `Could not keep a copy of the library before repairing it (${(e as Error).message}); nothing was repaired. Free some space, or ${RESTORE_HINT}.`,
    );
  }
  return dest;
}
