import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DossierError } from '../core/errors';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index';

export type Db = Database.Database;

/** "DoSS": marks a SQLite file as a Dossier library, so we never migrate someone else's database. */
export const APPLICATION_ID = 0x446f5353;

export interface OpenOptions {
  /** Open without creating or migrating (for inspection and backups). */
  readonly?: boolean;
  /** Path of a better_sqlite3.node built for the running ABI (Electron passes its own build). */
  nativeBinding?: string;
  /** Migrate only up to this version; tests use it to build every earlier schema. */
  targetVersion?: number;
}

/**
 * Opens (creating if needed) a library file, refusing anything that is not a Dossier library
 * or was written by a newer Dossier *before* touching it, then applies pending migrations.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const fresh = !existsSync(path) || statSync(path).size === 0;
  if (!fresh) assertSqliteHeader(path);
  if (fresh && options.readonly) throw new DossierError('not_found', `Library not found: ${path}`);
  if (fresh) mkdirSync(dirname(path), { recursive: true });

  let db: Db;
  try {
    db = new Database(path, {
      readonly: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (e) {
    throw asLibraryError(path, e);
  }
  try {
    db.pragma('busy_timeout = 5000');
    assertOurs(db, path);
    if (!options.readonly) {
      // WAL lets the app and the command line share the library; FULL because better-sqlite3's
      // WAL default (NORMAL) may lose the latest commits on power loss.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    // 32 MiB of page cache (the default is 2 MiB): a 100,000-fact library's indexes stay hot.
    db.pragma('cache_size = -32768');
    if (!options.readonly) migrate(db, options.targetVersion ?? LATEST_VERSION);
    return db;
  } catch (e) {
    db.close();
    throw asLibraryError(path, e);
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every pending migration up to `target` in one transaction: all or nothing. */
export function migrate(db: Db, target: number = LATEST_VERSION): void {
  const current = schemaVersion(db);
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  }).immediate();
}

function assertSqliteHeader(path: string): void {
  const header = Buffer.alloc(16);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, header, 0, 16, 0);
  } catch (e) {
    throw new DossierError('io', `Cannot read library ${path}: ${(e as Error).message}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (header.toString('latin1') !== 'SQLite format 3\0') {
    throw new DossierError(
      'library_corrupt',
      `${path} is not a Dossier library: the file is not an SQLite database (damaged or a different kind of file). It was not changed.`,
    );
  }
}

/** Reads only the header fields, so a refused file is never modified. */
function assertOurs(db: Db, path: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = schemaVersion(db);
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  if (appId !== APPLICATION_ID && (version !== 0 || tables.n > 0)) {
    throw new DossierError('library_corrupt', `${path} is an SQLite database but not a Dossier library. It was not changed.`);
  }
  if (version > LATEST_VERSION) {
    throw new DossierError(
      'library_future',
      `${path} was written by a newer version of Dossier (library version ${version}; this Dossier reads up to ${LATEST_VERSION}). Update Dossier to open it; the file was not changed.`,
    );
  }
}

function asLibraryError(path: string, e: unknown): unknown {
  if (e instanceof DossierError) return e;
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new DossierError('library_corrupt', `${path} is damaged and cannot be read as a Dossier library (${code}). Restore a backup; the file was not changed.`);
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    return new DossierError('io', `Cannot open library ${path}: ${(e as Error).message}`);
  }
  if (code === 'SQLITE_BUSY') {
    return new DossierError('io', `Library ${path} is busy (another Dossier is writing); try again.`);
  }
  return e;
}
