import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DossierError } from '../../core/errors';
import type { Db } from '../open';
import { rebuildSearchIndex } from '../health/search-index';

export { checkLibrary, libraryCounts, type CheckReport, type Problem } from '../health/check';

/**
 * Online backup to `dest` while the library stays usable. Written to a temporary name,
 * checked, then renamed, so a failed backup never replaces a good one.
 */
export async function backupLibrary(db: Db, dest: string, options: { force?: boolean } = {}): Promise<{ path: string; bytes: number }> {
  if (existsSync(dest) && statSync(dest).isDirectory()) throw new DossierError('validation', `${dest} is a folder: give the backup a file name, e.g. ${dest}/library-backup.sqlite.`, 'path');
  if (existsSync(dest) && !options.force) {
    throw new DossierError('conflict', `${dest} already exists: choose another name, or add --force to replace it (it is replaced only after the new backup has passed its check).`);
  }
  if (existsSync(dest) && db.name && existsSync(db.name) && sameFile(db.name, dest)) {
    throw new DossierError('validation', `${dest} is the library itself: a backup must be another file.`, 'path');
  }
  mkdirSync(dirname(dest), { recursive: true });
  const tmp = `${dest}.partial-${process.pid}`;
  try {
    await db.backup(tmp);
    // Read-write so the copy can leave WAL mode: a WAL-mode check would leave -wal and -shm
    // files beside the backup, and a backup should be one self-contained file.
    const copy = new Database(tmp);
    try {
      copy.pragma('journal_mode = DELETE');
      const ok = copy.prepare('PRAGMA integrity_check').pluck().get();
      if (ok !== 'ok') throw new DossierError('io', `Backup check failed (${String(ok)}); the previous backup at ${dest} was kept.`);
    } finally {
      copy.close();
    }
    renameSync(tmp, dest);
  } catch (e) {
    if (existsSync(tmp)) rmSync(tmp, { force: true });
    if (e instanceof DossierError) throw e;
    throw new DossierError('io', `Backup to ${dest} failed: ${(e as Error).message}`);
  }
  return { path: dest, bytes: statSync(dest).size };
}

/** Rebuilds the search index from the facts, e.g. after `check` found it out of step. */
export const repairSearchIndex = rebuildSearchIndex;

function sameFile(a: string, b: string): boolean {
  const x = statSync(a);
  const y = statSync(b);
  return x.ino === y.ino && x.dev === y.dev;
}
