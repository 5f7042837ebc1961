import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DossierError } from '../core/errors';
import { copyFileFlushed, fileStamp, syncDir } from '../core/durable-file';
import { Library } from './library';

/**
 * Restoring is a command, not a file copy: copying a backup over a library that has a journal
 * beside it gets the journal replayed into the backup. Here the backup is verified first, the
 * current file and every companion are kept under one dated name, and the backup reaches the
 * library's name by an atomic rename of a flushed copy.
 */
export type BackupVerdict = { ok: true } | { ok: false; reason: string };

/** SQLite's companion files: moved together with the database, never left behind. */
const COMPANIONS = ['', '-wal', '-shm', '-journal'] as const;

/** Opens a backup read-only and runs the full check: a backup that fails it is never restored. */
export function verifyBackup(path: string, nativeBinding?: string): BackupVerdict {
  let lib: Library | undefined;
  const existed = COMPANIONS.filter((ext) => ext !== '' && existsSync(path + ext));
  try {
    lib = Library.open(path, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const report = lib.check();
    if (report.integrity.length > 0) return { ok: false, reason: `it fails SQLite's integrity check (${report.integrity.slice(0, 3).join('; ')})` };
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  } finally {
    lib?.close();
    // A read-only open of a WAL-mode file leaves empty -wal/-shm files: remove the ones we made.
    for (const ext of ['-wal', '-shm'] as const) {
      if (existed.includes(ext)) continue;
      try {
        if (ext === '-shm' || statSync(path + ext).size === 0) rmSync(path + ext, { force: true });
      } catch {
        // not created
      }
    }
  }
}

/** Throws, naming the reason, when `backupPath` must not be restored. */
export function assertRestorable(backupPath: string, nativeBinding?: string): void {
  if (!existsSync(backupPath)) throw new DossierError('not_found', `No backup at ${backupPath}.`);
  const verdict = verifyBackup(backupPath, nativeBinding);
  if (!verdict.ok)
    throw new DossierError('validation', `The backup ${backupPath} cannot be restored: ${verdict.reason}. The library was not changed.`, 'backup');
}

export interface RestoreOptions {
  /** The word in the kept file's name: `library.sqlite.<aside>-<date>`. */
  aside?: string;
  now?: Date;
  nativeBinding?: string;
  /** The caller has just run verifyBackup on it (and kept its library open until it passed). */
  verified?: boolean;
}

export interface RestoreResult {
  path: string;
  /** Where the previous library (and its journal) now are; absent when there was none. */
  keptAs?: string;
}

/** Replaces the (closed) library at `path` with a verified copy of `backupPath`. */
export function restoreLibrary(path: string, backupPath: string, options: RestoreOptions = {}): RestoreResult {
  if (!existsSync(backupPath)) throw new DossierError('not_found', `No backup at ${backupPath}.`);
  if (sameFile(path, backupPath)) throw new DossierError('validation', `${backupPath} is the library itself, not a backup of it.`, 'backup');
  if (!options.verified) assertRestorable(backupPath, options.nativeBinding);

  const keptAs = `${path}.${options.aside ?? 'before-restore'}-${fileStamp(options.now ?? new Date())}`;
  const moved: string[] = [];
  const temp = `${path}.restoring-${process.pid}`;
  try {
    copyFileFlushed(backupPath, temp);
    for (const ext of COMPANIONS) {
      if (!existsSync(path + ext)) continue;
      renameSync(path + ext, keptAs + ext);
      moved.push(ext);
    }
    renameSync(temp, path);
    syncDir(dirname(path));
  } catch (e) {
    rmSync(temp, { force: true });
    for (const ext of moved) {
      try {
        if (!existsSync(path + ext)) renameSync(keptAs + ext, path + ext);
      } catch {
        // leave it where it is; the message names it
      }
    }
    throw new DossierError(
      'io',
      `Restoring ${backupPath} failed: ${(e as Error).message}. The library file was left as it was${moved.length ? ` (or at ${keptAs})` : ''}.`,
    );
  }
  return moved.includes('') ? { path, keptAs } : { path };
}

function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
}

/**
 * Refuses while another program (the Dossier app, another command) has the library open:
 * renaming a file from under it would send its next writes into the kept copy. An exclusive
 * lock is granted only when no other connection holds the file; taking it also checkpoints the
 * library's own journal into the file as it closes, so the kept copy is one whole file.
 */
export function assertNotInUse(path: string, nativeBinding?: string): void {
  let lib: Library;
  try {
    lib = Library.open(path, { create: false, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch {
    return; // a damaged or foreign file is what a restore replaces; nothing can be writing to it through Dossier
  }
  try {
    lib.db.pragma('busy_timeout = 0');
    lib.db.pragma('locking_mode = EXCLUSIVE');
    lib.db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (e) {
    if (String((e as { code?: string }).code ?? '').startsWith('SQLITE_BUSY')) {
      throw new DossierError(
        'conflict',
        `${path} is open in another program (the Dossier app, or another command): close it there, then restore. Nothing was changed.`,
      );
    }
    throw e;
  } finally {
    lib.close();
  }
}
