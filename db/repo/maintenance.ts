import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DossierError } from '../../core/errors';
import type { Db } from '../open';
import { rebuildSearchIndex } from '../health/search-index';

export { checkLibrary, libraryCounts, type CheckReport } from '../health/check';

/**
 * Online backup to `dest` while the library stays usable. Written to a temporary name,
 * checked, then renamed, so a failed backup never replaces a good one. `signal` cancels it
 * between pages and, at the latest, just before the rename: the temporary file is removed
 * and an existing file at `dest` is left as it was.
 */
export async function backupLibrary(db: Db, dest: string, opts: { force?: boolean; signal?: AbortSignal } = {}): Promise<{ path: string; bytes: number }> {
  if (existsSync(dest) && statSync(dest).isDirectory())
    throw new DossierError('validation', `${dest} is a folder: give the backup a file name, e.g. ${dest}/library-backup.sqlite.`, 'path');
  if (existsSync(dest) && !opts.force) {
    throw new DossierError(
      'conflict',
      `${dest} already exists: choose another name, or add --force to replace it (it is replaced only after the new backup has passed its check).`,
    );
  }
  if (existsSync(dest) && db.name && existsSync(db.name) && sameFile(db.name, dest)) {
    throw new DossierError('validation', `${dest} is the library itself: a backup must be another file.`, 'path');
  }
  mkdirSync(dirname(dest), { recursive: true });
  const tmp = `${dest}.partial-${process.pid}`;
  const signal = opts.signal;
  try {
    // better-sqlite3 copies a step of pages per turn of the event loop and calls `progress`
    // between steps; throwing there stops the copy. 100 pages a step is its own default.
    await db.backup(tmp, {
      progress: () => {
        signal?.throwIfAborted();
        return 100;
      },
    });
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
    if (signal) {
      // The check above is synchronous: a turn of the loop lets a cancel made during it be seen.
      await new Promise((resolve) => setImmediate(resolve));
      signal.throwIfAborted();
    }
    renameSync(tmp, dest);
  } catch (e) {
    if (existsSync(tmp)) rmSync(tmp, { force: true });
    if (e instanceof DossierError || (e as Error)?.name === 'AbortError') throw e;
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
