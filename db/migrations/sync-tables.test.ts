import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../library';
import { tempLibrary } from '../testing/temp-library';
import { readSyncColumns, SYNC_TABLES } from './sync-tables';

let lib: Library;
let done: () => void;
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
});
afterEach(() => done());

const triggerSql = (name: string) =>
  lib.db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").pluck().get(name) as string | undefined;

describe('the shared tables and their outbox triggers', () => {
  // A migration that adds a column to a shared table must recreate the triggers
  // (createSyncTriggers), or the new column's changes would never reach the team.
  it('every column that travels is watched by its table’s update trigger', () => {
    for (const t of SYNC_TABLES) {
      const sql = triggerSql(`sync_${t.table}_au`);
      expect(sql, t.table).toBeDefined();
      const watched = /AFTER UPDATE OF ([^]*?) ON/
        .exec(sql!)![1]
        .split(',')
        .map((c) => c.trim());
      expect(watched, t.table).toEqual(readSyncColumns(lib.db, t).map((c) => c.name));
      expect(triggerSql(`sync_${t.table}_ad`), t.table).toBeDefined();
    }
  });

  it('excludes only columns the table has (a renamed column would travel unnoticed)', () => {
    for (const t of SYNC_TABLES) {
      const names = (lib.db.prepare(`PRAGMA table_info(${t.table})`).all() as { name: string }[]).map((c) => c.name);
      for (const c of [...t.exclude, ...t.json]) expect(names, `${t.table}.${c}`).toContain(c);
    }
  });
});
