import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { verifyBackup } from '../../db/restore';
import Database from 'better-sqlite3';
import { DossierError } from '../../core/errors';
import { Library } from '../../db/library';
import type { CheckReport } from '../../db/repo/maintenance';
import type { BackupInfo } from './types';

/**
 * Automatic rotating backups, Zotero's way: at most one a day, the newest seven kept, each
 * verified before it counts (backupLibrary writes to a temporary name, runs integrity_check on
 * the copy and only then renames it into place), and never a backup of a library that fails
 * its check — a damaged library must not push the last good backups out of the rotation.
 *
 * Each library has its own folder under userData/backups, named after the file and a hash of
 * its full path, so two libraries called library.sqlite never share a rotation.
 */
export const KEEP_BACKUPS = 7;
const BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;

const NAME = /^backup-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.sqlite$/;

export interface BackupEntry extends BackupInfo {
  path: string;
}

export function backupFolderFor(backupRoot: string, libraryPath: string): string {
  const full = resolve(libraryPath);
  const stem =
    basename(full, extname(full))
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(0, 40) || 'library';
  const hash = createHash('sha256')
    .update(process.platform === 'linux' ? full : full.toLowerCase())
    .digest('hex')
    .slice(0, 10);
  return join(backupRoot, `${stem}-${hash}`);
}

/** backup-YYYYMMDD-HHMMSS.sqlite in UTC: sorts by name in time order. */
export function backupName(at: Date, n = 0): string {
  const p = (v: number) => String(v).padStart(2, '0');
  const stamp = `${at.getUTCFullYear()}${p(at.getUTCMonth() + 1)}${p(at.getUTCDate())}-${p(at.getUTCHours())}${p(at.getUTCMinutes())}${p(at.getUTCSeconds())}`;
  return `backup-${stamp}${n > 0 ? `-${n}` : ''}.sqlite`;
}

export function parseBackupName(name: string): Date | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

/** The finished backups in a folder, newest first (temporary `.partial-…` files are not listed). */
export function listBackups(dir: string): BackupEntry[] {
  if (!existsSync(dir)) return [];
  const out: BackupEntry[] = [];
  for (const name of readdirSync(dir)) {
    const at = parseBackupName(name);
    if (!at) continue;
    const path = join(dir, name);
    try {
      const st = statSync(path);
      if (st.isFile()) out.push({ name, path, createdAt: at.toISOString(), bytes: st.size });
    } catch {
      // removed meanwhile
    }
  }
  return out.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

export function isBackupDue(backups: readonly BackupInfo[], now: Date, intervalMs = BACKUP_INTERVAL_MS): boolean {
  const newest = backups[0];
  if (!newest) return true;
  const age = now.getTime() - Date.parse(newest.createdAt);
  // A clock set back (newest backup "in the future") also makes a backup due.
  return age >= intervalMs || age < 0;
}

/** Deletes all but the newest `keep` backups, and temporary files a crash left behind. */
function pruneBackups(dir: string, keep = KEEP_BACKUPS, now = new Date()): string[] {
  const removed: string[] = [];
  for (const b of listBackups(dir).slice(keep)) {
    rmSync(b.path, { force: true });
    removed.push(b.name);
  }
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      // SQLite companions whose database is gone (a pruned backup, a renamed .partial file).
      const companion = /^(.*)-(wal|shm)$/.exec(name);
      if (companion && !existsSync(join(dir, companion[1]))) {
        rmSync(join(dir, name), { force: true });
        continue;
      }
      if (!/\.partial-\d+$/.test(name)) continue;
      const path = join(dir, name);
      try {
        if (now.getTime() - statSync(path).mtimeMs > 60 * 60 * 1000) rmSync(path, { force: true });
      } catch {
        // gone
      }
    }
  }
  return removed;
}

export interface TakeBackupOptions {
  /** better_sqlite3.node for Electron's ABI (development builds). */
  nativeBinding?: string;
  now?: Date;
  keep?: number;
  /** The library's check; run fresh when not given. A failed check refuses the backup. */
  check?: CheckReport;
}

/** One verified backup into the rotation folder, then the rotation trimmed to `keep`. */
export async function takeBackup(lib: Library, dir: string, o: TakeBackupOptions = {}): Promise<BackupEntry> {
  const report = o.check ?? lib.check();
  if (!report.ok) {
    throw new DossierError(
      'library_corrupt',
      `The library failed its check (${describeProblems(report).join('; ')}), so no backup was taken and the earlier backups were kept.`,
    );
  }
  const now = o.now ?? new Date();
  mkdirSync(dir, { recursive: true });
  let n = 0;
  while (existsSync(join(dir, backupName(now, n)))) n++;
  const dest = join(dir, backupName(now, n));
  const r = await lib.backup(dest);
  toRollbackJournal(dest, o.nativeBinding);
  pruneBackups(dir, o.keep ?? KEEP_BACKUPS, now);
  return { name: basename(dest), path: dest, createdAt: now.toISOString(), bytes: statSync(dest).size || r.bytes };
}

/**
 * A backup is a copy of a WAL-mode library and stays in WAL mode; opening such a file even
 * read-only makes SQLite create -wal and -shm files beside it. Switched to a rollback journal
 * it is one self-contained file that verification can open without leaving anything behind.
 * (Opening the restored library switches it back to WAL.)
 */
function toRollbackJournal(path: string, nativeBinding?: string): void {
  const db = new Database(path, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

export { verifyBackup } from '../../db/restore';

/** The newest backup that passes verifyBackup, or undefined. */
export function newestGoodBackup(dir: string, nativeBinding?: string): BackupEntry | undefined {
  return listBackups(dir).find((b) => verifyBackup(b.path, nativeBinding).ok);
}

export function describeProblems(r: CheckReport): string[] {
  return r.problems.map((p) => p.message);
}
