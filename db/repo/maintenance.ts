import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DossierError } from '../../core/errors';
import type { Db } from '../open';
import { schemaVersion } from '../open';

export interface CheckReport {
  ok: boolean;
  schemaVersion: number;
  integrity: string[];
  foreignKeys: { table: string; rowid: number; parent: string }[];
  counts: { sources: number; facts: number; tags: number; briefings: number };
  /** FTS rows out of step with facts (should be zero; rebuilt by `repairSearchIndex`). */
  searchIndexMismatch: number;
}

/** Row counts only: cheap enough for a status bar (the full check reads every page). */
export function libraryCounts(db: Db): CheckReport['counts'] {
  const count = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  return { sources: count('sources'), facts: count('facts'), tags: count('tags'), briefings: count('briefings') };
}

/** Full integrity and foreign-key check, plus the search index's agreement with the facts. */
export function checkLibrary(db: Db): CheckReport {
  const integrity = (db.prepare('PRAGMA integrity_check').pluck().all() as string[]).filter((r) => r !== 'ok');
  const foreignKeys = db.prepare('PRAGMA foreign_key_check').all() as CheckReport['foreignKeys'];
  const count = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  const counts = { sources: count('sources'), facts: count('facts'), tags: count('tags'), briefings: count('briefings') };
  const indexed = count('fact_search');
  const missing = db.prepare('SELECT count(*) FROM facts f WHERE NOT EXISTS (SELECT 1 FROM fact_search WHERE rowid = f.seq)').pluck().get() as number;
  const searchIndexMismatch = missing + Math.max(0, indexed - (counts.facts - missing));
  return {
    ok: integrity.length === 0 && foreignKeys.length === 0 && searchIndexMismatch === 0,
    schemaVersion: schemaVersion(db),
    integrity,
    foreignKeys,
    counts,
    searchIndexMismatch,
  };
}

/**
 * Online backup to `dest` while the library stays usable. Written to a temporary name,
 * checked, then renamed, so a failed backup never replaces a good one. `signal` cancels it
 * between pages and, at the latest, just before the rename: the temporary file is removed
 * and an existing file at `dest` is left as it was.
 */
export async function backupLibrary(db: Db, dest: string, opts: { signal?: AbortSignal } = {}): Promise<{ path: string; bytes: number }> {
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
export function repairSearchIndex(db: Db): void {
  db.transaction(() => {
    db.exec(`
      DELETE FROM fact_search;
      INSERT INTO fact_search(rowid, text, tags, notes, attribution, source)
      SELECT f.seq, f.text,
        coalesce((SELECT group_concat(t.name, ' ') FROM fact_tags ft JOIN tags t ON t.seq = ft.tag_seq WHERE ft.fact_seq = f.seq), ''),
        coalesce(f.notes, ''), concat_ws(' ', f.attribution_name, f.attribution_role),
        (SELECT search_text FROM sources WHERE id = f.source_id)
      FROM facts f;
    `);
  })();
}
