import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileStamp, syncDir } from '../core/durable-file';
import { checkIdentity, readLibraryId, type IdentityProblem } from './library-identity';

/**
 * A write-ahead log (`-wal`) left beside a library by a crash is replayed by SQLite into
 * whatever file now has the library's name — even an older backup copied over it, or another
 * database's file — and written into it for good on the next checkpoint. SQLite cannot tell:
 * a WAL names no database. So before a library is opened, a leftover WAL is judged here, and
 * set aside (renamed, never deleted) when it cannot belong to the file.
 *
 * The judgement never writes to the library: it reads the file's header, reads the view
 * through the WAL with a read-only connection (which replays into memory only), and, when that
 * view is wrong or names another library, reads the file alone from a copy in memory.
 */
export interface JournalNotice {
  /** One line for the person: what was found, that the library was not changed, where it went. */
  message: string;
  /** Where the journal (and its -shm index) now are. */
  setAside: string[];
}

interface Options {
  nativeBinding?: string;
  now?: () => Date;
}

const WAL_HEADER_BYTES = 32;

/**
 * Up to this size (about 13,000 facts) the guard also runs SQLite's quick_check through the
 * journal and compares the library's id with the file alone. Both read every page: 29 ms at
 * 2,000 facts, 340 ms at 20,000 facts (25 MiB), measured by `npm run bench`. Above it only the
 * header, page-size and schema checks run, so a command run while the app holds a large
 * library open does not pay a full read of it. See RELIABILITY.md.
 */
const DEEP_CHECK_MAX_BYTES = 16 * 1024 * 1024;

export function guardJournal(path: string, options: Options = {}): JournalNotice | undefined {
  const wal = `${path}-wal`;
  if (!existsSync(wal) || statSync(wal).size <= WAL_HEADER_BYTES) return undefined;
  const reason = whyForeign(path, wal, options);
  if (!reason) return undefined;
  return setAside(path, reason, options.now?.() ?? new Date());
}

/** Why the WAL cannot belong to the file, or undefined when it may. */
function whyForeign(path: string, wal: string, options: Options): string | undefined {
  const main = readHead(path, 100);
  const log = readHead(wal, WAL_HEADER_BYTES);
  if (main.toString('latin1', 0, 16) !== 'SQLite format 3\0') return undefined; // not ours to judge: open reports it
  // Bytes 18–19 are 2 in WAL mode. Switching to WAL writes them before the first frame and
  // leaving WAL clears them only after the log is emptied, so a rollback-mode file never owns
  // a non-empty log: it is a copy put in the library's place (Dossier's backups are such files).
  if (main[18] !== 2 || main[19] !== 2) return 'the library file is a copy in rollback mode, such as a backup put in its place';
  const mainPageSize = main.readUInt16BE(16) === 1 ? 65536 : main.readUInt16BE(16);
  if (log.readUInt32BE(8) !== mainPageSize) return 'its page size differs from the library file’s';

  const deep = statSync(path).size <= DEEP_CHECK_MAX_BYTES;
  const throughLog = inspect(() => new Database(path, { readonly: true, fileMustExist: true, ...binding(options) }), deep);
  if (throughLog.problem === undefined && (throughLog.id === undefined || !deep)) return undefined; // nothing (cheap) left to compare
  // The file alone needs its own page check only when the view through the log failed: then
  // it decides whether the log is to blame. Otherwise only its id is wanted.
  const alone = inspect(() => new Database(fileAlone(path), binding(options)), throughLog.problem !== undefined);
  if (alone.problem !== undefined) return undefined; // the file itself is damaged: leave both for `check` to report
  if (throughLog.problem !== undefined) return `read through it, the library ${throughLog.problem}, while the file alone is sound`;
  if (alone.id !== undefined && throughLog.id !== alone.id) return 'it was written for a different library';
  return undefined;
}

interface Inspection {
  problem?: IdentityProblem;
  id?: string;
}

function inspect(open: () => Database.Database, quick: boolean): Inspection {
  let db: Database.Database | undefined;
  try {
    db = open();
    const problem = checkIdentity(db, { quick });
    if (problem) return { problem };
    const id = readLibraryId(db);
    return id === undefined ? {} : { id };
  } catch (e) {
    return { problem: `cannot be read (${(e as { code?: string }).code ?? (e as Error).message})` };
  } finally {
    db?.close();
  }
}

/**
 * The library file's own pages, without its WAL, as an in-memory database. The header is
 * marked rollback-mode so SQLite does not look for a log beside a file that has none.
 */
function fileAlone(path: string): Buffer {
  const bytes = readFileSync(path);
  bytes[18] = 1;
  bytes[19] = 1;
  return bytes;
}

function setAside(path: string, reason: string, now: Date): JournalNotice {
  const suffix = `set-aside-${fileStamp(now)}`;
  const moved: string[] = [];
  for (const ext of ['-wal', '-shm']) {
    const from = path + ext;
    if (!existsSync(from)) continue;
    const to = `${from}.${suffix}`;
    renameSync(from, to);
    moved.push(to);
  }
  syncDir(dirname(path));
  const names = moved.map((m) => basename(m)).join(' and ');
  return {
    message: `A leftover journal beside ${path} did not belong to it (${reason}); it was set aside as ${names} and the library file was not changed.`,
    setAside: moved,
  };
}

function readHead(path: string, bytes: number): Buffer {
  const buf = Buffer.alloc(bytes);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buf, 0, bytes, 0);
  } finally {
    closeSync(fd);
  }
  return buf;
}

function binding(options: Options): { nativeBinding?: string } {
  return options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
}
