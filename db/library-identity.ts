import type Database from 'better-sqlite3';
import { LATEST_VERSION } from './migrations/index';

/** "DoSS": marks a SQLite file as a Dossier library, so we never migrate someone else's database. */
export const APPLICATION_ID = 0x446f5353;

/** Tables every Dossier library has had since its first schema. */
const CORE_TABLES = ['settings', 'sources', 'facts', 'tags', 'briefings'] as const;

/** What is wrong with a database as a Dossier library, in words that follow "the library …". */
export type IdentityProblem = string;

/**
 * Checks, reading only, that a database is a Dossier library this version can use: our
 * application id, a schema version we know, our tables, and (with `quick`) SQLite's
 * quick_check of every page.
 */
export function checkIdentity(db: Database.Database, options: { quick?: boolean } = {}): IdentityProblem | undefined {
  if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) return 'is not a Dossier library';
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > LATEST_VERSION) return `was written by a newer Dossier (library version ${version})`;
  const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  const missing = CORE_TABLES.filter((t) => !tables.has(t));
  if (missing.length) return `lacks its ${missing.join(', ')} table${missing.length > 1 ? 's' : ''}`;
  if (options.quick) {
    const verdict = db.prepare('PRAGMA quick_check(1)').pluck().get();
    if (verdict !== 'ok') return `fails SQLite's page check (${String(verdict)})`;
  }
  return undefined;
}

/** The id fixed when the library was made; undefined for libraries older than schema 3. */
export function readLibraryId(db: Database.Database): string | undefined {
  try {
    return (db.prepare("SELECT value FROM settings WHERE key = 'library_id'").pluck().get() as string | undefined) ?? undefined;
  } catch {
    return undefined;
  }
}
