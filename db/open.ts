import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DossierError, errorCode } from '../core/errors';
import { guardJournal } from './journal-guard';
import { APPLICATION_ID } from './library-identity';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index';
import { describeLibraryError } from './sqlite-errors';

export type Db = Database.Database;
export { APPLICATION_ID };

export interface OpenOptions {
  /**
   * Open for reading only: the file is never written (a library on read-only media or in a
   * read-only folder opens too), and a missing or empty file is an error, not a new library.
   */
  readonly?: boolean;
  /** For write opens: create the library when the file is missing or empty (default true). */
  create?: boolean;
  /** Path of a better_sqlite3.node built for the running ABI (Electron passes its own build). */
  nativeBinding?: string;
  /** Migrate only up to this version; tests use it to build every earlier schema. */
  targetVersion?: number;
  /** Told, in one line, of anything opening did beside the library (a journal set aside). */
  notice?: (message: string) => void;
  now?: () => Date;
}

/**
 * Opens a library file. Nothing is written before the file has been judged, through a
 * read-only connection, to be a Dossier library this version can use — so every refusal
 * leaves its bytes as they were — and a leftover journal that does not belong to the file
 * is set aside first (db/journal-guard.ts), because SQLite would replay it into the file.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const kind = fileKind(path);
  if (kind === 'folder') throw new DossierError('io', `${path} is a folder, not a library file: give the path of the library's .sqlite file.`);
  if (kind === 'none') {
    if (options.readonly || options.create === false) {
      throw new DossierError(
        'not_found',
        `No library at ${path}: create one with "dossier init" (or any command that adds to it), or give the path of an existing library.`,
      );
    }
    mkdirSync(dirname(path), { recursive: true });
    return openWritable(path, options);
  }
  assertSqliteHeader(path);
  const notice = guardJournal(path, options);
  if (notice) options.notice?.(notice.message);
  return options.readonly ? openReadOnly(path, options) : openWritable(path, probe(path, options));
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every pending migration up to `target` in one transaction: all or nothing. */
function migrate(db: Db, target: number = LATEST_VERSION): void {
  const current = schemaVersion(db);
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${pending[pending.length - 1].version}`);
  }).immediate();
}

function openWritable(path: string, options: OpenOptions): Db {
  const db = connect(path, options, false);
  try {
    assertOurs(db, path);
    // WAL lets the app and the command line share the library; FULL because better-sqlite3's
    // WAL default (NORMAL) may lose the latest commits on power loss.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    tune(db);
    migrate(db, options.targetVersion ?? LATEST_VERSION);
    return db;
  } catch (e) {
    db.close();
    throw describeLibraryError(path, e, 'open');
  }
}

/**
 * A read-only connection. Where SQLite cannot give one — a WAL-mode file in a folder where its
 * index file cannot be made — or the schema is older than this Dossier's, the library is read
 * into memory instead (and migrated there), so reading never upgrades or writes the file.
 */
function openReadOnly(path: string, options: OpenOptions): Db {
  let db: Db | undefined;
  try {
    db = connect(path, options, true);
    assertOurs(db, path, { mustExist: true });
    if (schemaVersion(db) === LATEST_VERSION || options.targetVersion !== undefined) return tune(db);
    const bytes = db.serialize();
    db.close();
    return inMemoryCopy(bytes, options);
  } catch (e) {
    if (db?.open) db.close();
    if (!isCantOpen(e)) throw describeLibraryError(path, e, 'open');
    if (existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0) {
      throw new DossierError(
        'io',
        `${path} has unsaved changes in ${path}-wal that cannot be read from this read-only folder: open it once where it can be written. The file was not changed.`,
      );
    }
    return readOnlyFromBytes(path, options);
  }
}

/** A library whose folder refuses SQLite's index file: its bytes, read once, in memory. */
function readOnlyFromBytes(path: string, options: OpenOptions): Db {
  const fd = openSync(path, 'r');
  let bytes: Buffer;
  try {
    bytes = Buffer.alloc(statSync(path).size);
    readSync(fd, bytes, 0, bytes.length, 0);
  } finally {
    closeSync(fd);
  }
  bytes[18] = 1; // rollback mode: there is no log to look for beside an in-memory copy
  bytes[19] = 1;
  const probeDb = new Database(bytes, binding(options));
  try {
    assertOurs(probeDb, path, { mustExist: true });
  } finally {
    probeDb.close();
  }
  return inMemoryCopy(bytes, options);
}

function inMemoryCopy(bytes: Buffer, options: OpenOptions): Db {
  const db = new Database(bytes, binding(options));
  db.pragma('foreign_keys = ON');
  migrate(db, options.targetVersion ?? LATEST_VERSION);
  // A copy is never saved: refuse writes rather than accept and lose them.
  db.pragma('query_only = ON');
  return tune(db);
}

/** Judges the file through a read-only connection before anything may write to it. */
function probe(path: string, options: OpenOptions): OpenOptions {
  let db: Db | undefined;
  try {
    db = connect(path, options, true);
    assertOurs(db, path);
  } catch (e) {
    // A folder that refuses the index file is the write open's to report (as read-only).
    if (!isCantOpen(e)) throw describeLibraryError(path, e, 'open');
  } finally {
    db?.close();
  }
  return options;
}

function connect(path: string, options: OpenOptions, readonly: boolean): Db {
  try {
    const db = new Database(path, { readonly, fileMustExist: readonly, ...binding(options) });
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (e) {
    throw describeLibraryError(path, e, 'open');
  }
}

function tune(db: Db): Db {
  db.pragma('foreign_keys = ON');
  // 32 MiB of page cache (the default is 2 MiB): a 100,000-fact library's indexes stay hot.
  db.pragma('cache_size = -32768');
  return db;
}

function fileKind(path: string): 'none' | 'folder' | 'file' {
  if (!existsSync(path)) return 'none';
  const s = statSync(path);
  if (s.isDirectory()) return 'folder';
  return s.size === 0 ? 'none' : 'file';
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
function assertOurs(db: Db, path: string, opts: { mustExist?: boolean } = {}): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = schemaVersion(db);
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  if (opts.mustExist && appId !== APPLICATION_ID && version === 0 && tables.n === 0) {
    throw new DossierError(
      'not_found',
      `No library at ${path}: the file is an empty database. Create a library with "dossier init" (or any command that adds to it).`,
    );
  }
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

function isCantOpen(e: unknown): boolean {
  const code = errorCode(e);
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) return true;
  // describeLibraryError has already worded it; the cause is in the message.
  return e instanceof DossierError && e.code === 'io' && /SQLITE_CANTOPEN|SQLITE_READONLY/.test(e.message);
}

function binding(options: OpenOptions): { nativeBinding?: string } {
  return options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
}
