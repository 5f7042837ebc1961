import { dirname } from 'node:path';
import { DossierError, isDossierError } from '../../core/errors';
import { removeLeftovers } from '../../db/leftovers';
import { Library } from '../../db/library';
import { assertRestorable, restoreLibrary } from '../../db/restore';
import { fileStamp } from '../../core/durable-file';
import { flushNoteCacheWrites } from '../../export/note-cache';
import type { LibraryStatus } from './types';
import { type BackupEntry, backupFolderFor, describeProblems, isBackupDue, listBackups, newestGoodBackup, takeBackup } from './backups';

/**
 * The open library of the desktop app and its lifecycle: open (with the integrity check),
 * switch, automatic backups, and restore. Plain Node — no Electron — so it is tested on real
 * files with a real Library.
 */
export interface LibraryHostOptions {
  /** better_sqlite3.node built for Electron's ABI (development); undefined in packaged builds. */
  nativeBinding?: string;
  /** userData/backups */
  backupRoot: string;
  now?: () => Date;
  log?: { info(m: string): void; warn(m: string): void };
}

export class LibraryHost {
  private lib: Library | undefined;
  private current: LibraryStatus = { state: 'closed' };
  private readonly now: () => Date;
  private readonly log: NonNullable<LibraryHostOptions['log']>;

  constructor(private readonly o: LibraryHostOptions) {
    this.now = o.now ?? (() => new Date());
    this.log = o.log ?? { info: () => undefined, warn: () => undefined };
  }

  get status(): LibraryStatus {
    return this.current;
  }

  get library(): Library | undefined {
    return this.lib;
  }

  /** The library path shown or last attempted, open or not. */
  get path(): string | undefined {
    return this.current.state === 'closed' ? undefined : this.current.path;
  }

  backupDir(path = this.path): string {
    if (!path) throw new DossierError('not_found', 'No library is open');
    return backupFolderFor(this.o.backupRoot, path);
  }

  backups(): BackupEntry[] {
    return this.path ? listBackups(this.backupDir()) : [];
  }

  /**
   * Opens a library file (creating it when it does not exist) and checks it. A damaged file
   * is closed again and reported with the newest good backup; derived data out of step (the
   * search index) is rebuilt on the spot. A file that cannot be written — read-only media, a
   * read-only folder — opens read-only: it can be read and exported, and the status says so.
   */
  open(path: string): LibraryStatus {
    this.close();
    // Temporary files of runs that were killed (a backup, an export, a restore), before the
    // library is opened: never one a running process is still writing (db/leftovers.ts).
    for (const p of removeLeftovers([dirname(path), this.backupDir(path)])) this.log.info(`removed ${p}, left by a run that was stopped`);
    const notices: string[] = [];
    const options = { ...(this.o.nativeBinding ? { nativeBinding: this.o.nativeBinding } : {}), notice: (m: string) => (notices.push(m), this.log.warn(m)) };
    let lib: Library;
    try {
      lib = Library.open(path, options);
    } catch (e) {
      if (!cannotWrite(e)) return (this.current = this.failure(path, e));
      try {
        lib = Library.open(path, { ...options, readonly: true });
        this.log.warn(`${path}: opened read-only (${(e as Error).message})`);
      } catch (again) {
        return (this.current = this.failure(path, again));
      }
    }
    try {
      let report = lib.check();
      if (!lib.readOnly && report.problems.length > 0 && report.problems.every((p) => p.remedy === 'rebuild')) {
        this.log.warn(`${path}: ${report.problems.map((p) => p.message).join(' ')} Rebuilding.`);
        lib.repair(this.now());
        report = lib.check();
      }
      if (report.problems.some((p) => p.kind === 'pages' || p.kind === 'unreadable')) {
        lib.close();
        return (this.current = this.damaged(path, `The library failed its check: ${describeProblems(report).join(' ')}`));
      }
      this.lib = lib;
      const last = listBackups(this.backupDir(path))[0];
      this.current = {
        state: 'open',
        path,
        healthy: report.ok,
        problems: describeProblems(report),
        ...(last ? { lastBackup: info(last) } : {}),
        ...(lib.readOnly ? { readOnly: true } : {}),
        ...(notices.length ? { notices } : {}),
      };
      return this.current;
    } catch (e) {
      lib.close();
      return (this.current = this.failure(path, e));
    }
  }

  close(): void {
    // What the app's citation sessions rendered and have not yet kept (they wait for a pause):
    // kept now, so the briefing opens from it next time instead of rendering every note.
    if (this.lib) flushNoteCacheWrites(this.lib);
    this.lib?.close();
    this.lib = undefined;
  }

  /** A backup into the rotation now; refused when the library is not open or fails its check. */
  async backupNow(checkpoint: () => void = () => undefined): Promise<BackupEntry> {
    const lib = this.requireOpen();
    const check = lib.check();
    checkpoint();
    const entry = await takeBackup(lib, this.backupDir(), { now: this.now(), check, ...(this.o.nativeBinding ? { nativeBinding: this.o.nativeBinding } : {}) });
    if (this.current.state === 'open') this.current = { ...this.current, healthy: true, problems: [], lastBackup: info(entry) };
    return entry;
  }

  /** The daily backup: taken when the newest is a day old, skipped (with a reason) otherwise. */
  async backupIfDue(): Promise<BackupEntry | { skipped: string }> {
    if (this.current.state !== 'open') return { skipped: 'no library open' };
    if (!this.current.healthy) return { skipped: 'the library failed its check' };
    if (!isBackupDue(this.backups(), this.now())) return { skipped: 'a recent backup exists' };
    return this.backupNow();
  }

  /**
   * Replaces the library file with a backup: verify the backup; close the library; move the
   * current file and its -wal/-shm/-journal aside as `<file>.<aside>-<date>` (a stale -wal next
   * to the restored file would be replayed into it and corrupt it); copy the backup to a
   * temporary name, flush, rename into place; reopen. If the copy fails the set-aside files are
   * moved back.
   */
  restore(backupPath: string, aside: 'damaged' | 'before-restore', path = this.path): LibraryStatus & { keptAs?: string } {
    if (!path) throw new DossierError('not_found', 'No library to restore into');
    assertRestorable(backupPath, this.o.nativeBinding);
    this.close();
    const { keptAs } = restoreLibrary(path, backupPath, {
      aside,
      now: this.now(),
      verified: true,
      ...(this.o.nativeBinding ? { nativeBinding: this.o.nativeBinding } : {}),
    });
    this.log.info(`restored ${backupPath} into ${path}${keptAs ? `; the previous file is at ${keptAs}` : ''}`);
    const status = this.open(path);
    return keptAs ? { ...status, keptAs } : status;
  }

  /** The newest backup that passes its check, for the "library damaged" screen. */
  newestGoodBackup(path = this.path): BackupEntry | undefined {
    return path ? newestGoodBackup(this.backupDir(path), this.o.nativeBinding) : undefined;
  }

  private requireOpen(): Library {
    if (!this.lib || this.current.state !== 'open') throw new DossierError('library_corrupt', 'No library is open');
    return this.lib;
  }

  private damaged(path: string, message: string): LibraryStatus {
    const newest = this.newestGoodBackup(path);
    return { state: 'damaged', path, message, ...(newest ? { newestBackup: info(newest) } : {}) };
  }

  private failure(path: string, e: unknown): LibraryStatus {
    const code = isDossierError(e) ? e.code : ((e as { code?: string })?.code ?? 'internal');
    const message = (e as Error)?.message ?? String(e);
    if (code === 'library_corrupt' || code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || String(code).startsWith('SQLITE_CORRUPT'))
      return this.damaged(path, message);
    return { state: 'unavailable', path, code, message };
  }
}

/** The write open was refused by the file system, not by the file's content. */
function cannotWrite(e: unknown): boolean {
  return isDossierError(e) && e.code === 'io' && /is read-only|SQLITE_CANTOPEN|SQLITE_READONLY/.test(e.message);
}

function info(b: BackupEntry) {
  return { name: b.name, createdAt: b.createdAt, bytes: b.bytes };
}

/** 2026-03-01T10-22-33Z: a file-name-safe timestamp. */
export const stamp = fileStamp;
