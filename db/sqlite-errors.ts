import { DossierError, errorCode } from '../core/errors';

/** Where every message that sends a person to a backup says how: the command and the menu item. */
export const RESTORE_HINT = 'restore a backup with "dossier restore BACKUP" (in the app: File ▸ Restore Backup…)';

/**
 * Turns what SQLite or the file system said about a library into one line a person can act on:
 * the cause in words and what to do. `stage` says whether the library had been opened, because
 * only a refused open may promise that the file was not changed.
 */
export function describeLibraryError(path: string, e: unknown, stage: 'open' | 'use'): unknown {
  if (e instanceof DossierError) return e;
  const code = errorCode(e);
  const detail = (e as Error)?.message ?? String(e);
  const unchanged = stage === 'open' ? ' The file was not changed.' : ' The change was rolled back; the library is as it was.';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new DossierError('library_corrupt', `${path} is damaged (${code}): run "dossier check" for a report, or ${RESTORE_HINT}.${unchanged}`);
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new DossierError(
      'io',
      `${path} is read-only (${code}): reading and exporting work, but to change it make the file and its folder writable, or copy it somewhere writable.${unchanged}`,
    );
  }
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code.startsWith('SQLITE_LOCKED')) {
    return new DossierError(
      'io',
      `${path} is locked by another program (another Dossier writing to it, or a sync or backup tool): wait or close it, then try again.${unchanged}`,
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || /database or disk is full|no space left/i.test(detail)) {
    return new DossierError('io', `The disk holding ${path} is full: free some space, then try again.${unchanged}`);
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT' || code === 'ENOTDIR') {
    return new DossierError('io', `Cannot open ${path} (${code}): check that the drive is connected and that the file and its folder exist and may be read.`);
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new DossierError('io', `The disk failed while using ${path} (${code}): check the drive, then try again.${unchanged}`);
  }
  return e;
}
