import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../db/library';
import { SAMPLE_SOURCE, tempDir } from '../db/testing/temp-library';
import { type CliRun, runInProcess } from './testing/in-process';

let dir: string;
let cleanup: () => void;
let path: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  path = join(dir, 'library.sqlite');
});
afterEach(() => cleanup());

function cli(...args: string[]): Promise<CliRun> {
  return runInProcess(path, args);
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

function seed(n = 3): string[] {
  const lib = Library.open(path);
  const s = lib.addSource(SAMPLE_SOURCE);
  const ids = Array.from({ length: n }, (_, i) => lib.addFact({ text: `Fact ${i} on the corridor.`, sourceId: s.id, tags: ['grain'] }).id);
  const b = lib.createBriefing({ title: 'Corridor memo', templateId: 'info-memo' }, [{ key: 'bluf', heading: 'BLUF' }]);
  lib.addItems(
    b.id,
    ids.map((factId) => ({ kind: 'fact', factId })),
  );
  lib.close();
  return ids;
}

describe('reading never writes', () => {
  it('read commands leave the library file byte for byte unchanged', async () => {
    seed();
    const before = sha(path);
    for (const args of [
      ['facts'],
      ['sources'],
      ['tags'],
      ['brief', 'list'],
      ['brief', 'show', 'Corridor memo'],
      ['brief', 'check', 'Corridor memo'],
      ['check'],
      ['markings'],
    ]) {
      const r = await cli(...args);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
    }
    expect(sha(path)).toBe(before);
  });

  it('an export writes only its record (the version it was and the file’s hash) and the notes it rendered', async () => {
    seed();
    const tables = () => {
      const db = new Database(path, { readonly: true });
      const names = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")
        .pluck()
        .all() as string[];
      const out = Object.fromEntries(names.map((n) => [n, JSON.stringify(db.prepare(`SELECT * FROM "${n}"`).all())]));
      db.close();
      return out;
    };
    const before = tables();
    expect((await cli('export', 'Corridor memo', '--out', join(dir, 'memo.docx'))).code).toBe(0);
    expect(existsSync(join(dir, 'memo.docx'))).toBe(true);
    const after = tables();
    const changed = Object.keys(after).filter((n) => after[n] !== before[n]);
    // …and the notes it rendered, kept for the next export (derived data, export/note-cache.ts).
    expect(changed.sort()).toEqual(['briefing_exports', 'briefing_note_cache', 'briefing_versions']);
  });

  it('a read command on a missing or empty path is an error and creates nothing', async () => {
    for (const args of [['facts'], ['sources'], ['check'], ['export', 'X', '--out', join(dir, 'x.docx')], ['backup', join(dir, 'b.sqlite')]]) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^dossier: No library at .*library\.sqlite: create one with "dossier init"/);
      expect(existsSync(path)).toBe(false);
    }
    writeFileSync(path, '');
    expect((await cli('facts')).err).toMatch(/No library at/);
    expect(readFileSync(path).length).toBe(0);
  });

  it('init creates a library explicitly and never replaces one', async () => {
    expect((await cli('init')).code).toBe(0);
    expect((await cli('facts', '--json')).code).toBe(0);
    const before = sha(path);
    const again = await cli('init');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists; a library is never replaced/);
    expect(sha(path)).toBe(before);
  });

  it('a library at an older schema is read without being upgraded', async () => {
    const Old = new Database(path);
    Old.close();
    const lib = Library.open(path, { targetVersion: 2 });
    lib.addSource(SAMPLE_SOURCE);
    lib.close();
    const before = sha(path);
    const r = await cli('sources', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toHaveLength(1);
    expect(sha(path)).toBe(before);
    expect(new Database(path, { readonly: true }).pragma('user_version', { simple: true })).toBe(2);
  });
});

describe('backup and restore are commands', () => {
  it('backup refuses to overwrite without --force, and --force replaces it with a checked copy', async () => {
    seed();
    const dest = join(dir, 'backup.sqlite');
    writeFileSync(dest, 'an older file the analyst wants to keep');
    const refused = await cli('backup', dest);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/already exists: choose another name, or add --force/);
    expect(readFileSync(dest, 'utf8')).toBe('an older file the analyst wants to keep');
    expect((await cli('backup', dest, '--force')).code).toBe(0);
    const copy = Library.open(dest, { readonly: true });
    expect(copy.counts().facts).toBe(3);
    copy.close();
  });

  it('restore verifies the backup, keeps the current library and its journal as a dated copy, and swaps', async () => {
    seed(2);
    const backup = join(dir, 'backup.sqlite');
    expect((await cli('backup', backup)).code).toBe(0);
    const lib = Library.open(path);
    lib.addFact({ text: 'Written after the backup.', sourceId: lib.listSources()[0].id });
    lib.close();

    const r = await cli('restore', backup);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/The library as it was is kept as .*library\.sqlite\.before-restore-/);
    const restored = Library.open(path, { readonly: true });
    expect(restored.counts().facts).toBe(2);
    restored.close();
    const kept = readdirSync(dir).find((f) => /^library\.sqlite\.before-restore-[\dTZ-]+$/.test(f))!;
    const old = Library.open(join(dir, kept), { readonly: true });
    expect(old.counts().facts).toBe(3);
    old.close();
  });

  it('restore refuses a damaged backup and a library in use, changing nothing', async () => {
    seed(2);
    const before = sha(path);
    const bad = join(dir, 'bad.sqlite');
    writeFileSync(bad, Buffer.alloc(8192, 7));
    const refused = await cli('restore', bad);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/cannot be restored: .*The library was not changed/);
    expect(sha(path)).toBe(before);

    const backup = join(dir, 'good.sqlite');
    expect((await cli('backup', backup)).code).toBe(0);
    const app = Library.open(path); // another program holding the library open
    try {
      const busy = await cli('restore', backup);
      expect(busy.code).toBe(2);
      expect(busy.err).toMatch(/is open in another program .*close it there, then restore\. Nothing was changed\./);
    } finally {
      app.close();
    }
    expect(readdirSync(dir).filter((f) => f.includes('before-restore'))).toEqual([]);
  });
});

describe('check explains damage, check --repair mends derived data', () => {
  it('reports a dropped search index in words with exit 2, and --repair rebuilds it after keeping a copy', async () => {
    seed(3);
    const raw = new Database(path);
    raw.exec('DROP TABLE fact_search');
    raw.close();
    const before = sha(path);
    const r = await cli('check');
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/! The search index is missing, so searching and adding facts fail; it can be rebuilt from the facts\. \(dossier check --repair\)/);
    expect(r.out).not.toMatch(/unexpected/);
    expect(sha(path)).toBe(before);

    const factsBefore = new Database(path, { readonly: true }).prepare('SELECT id, text, source_id FROM facts ORDER BY seq').all();
    const repaired = await cli('check', '--repair');
    expect(repaired.code, repaired.out + repaired.err).toBe(0);
    expect(repaired.out).toMatch(/Kept the library as it was at .*before-repair-.*; rebuilt the search index from the facts/);
    expect(new Database(path, { readonly: true }).prepare('SELECT id, text, source_id FROM facts ORDER BY seq').all()).toEqual(factsBefore);
    expect(JSON.parse((await cli('facts', '--search', 'corridor', '--json')).out).total).toBe(3);
    expect(readdirSync(dir).some((f) => /^library\.sqlite\.before-repair-/.test(f))).toBe(true);
  });

  it('reports broken references per table and says a backup is needed; --repair leaves base rows alone', async () => {
    seed(2);
    const raw = new Database(path);
    raw.pragma('foreign_keys = OFF');
    raw.prepare("UPDATE facts SET source_id = 'gone-0000' WHERE seq = 1").run();
    raw.close();
    const r = await cli('check');
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/! 1 row of "facts" points at sources that no longer exists: a backup has them\./);
    expect(r.out).toMatch(/restore a backup with "dossier restore BACKUP" \(in the app: File ▸ Restore Backup…\)/);
    const before = sha(path);
    const repaired = await cli('check', '--repair');
    expect(repaired.code).toBe(2);
    expect(sha(path)).toBe(before); // nothing it can rebuild: no copy, no change
  });

  it('reports damaged pages by table name, never "unexpected error", and leaves the file as it was', async () => {
    seed(200);
    const raw = new Database(path);
    raw.pragma('journal_mode = DELETE');
    const root = raw.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'facts'").pluck().get() as number;
    raw.close();
    const bytes = readFileSync(path);
    bytes.fill(0x5a, (root - 1) * 4096 + 8, root * 4096); // keep the page header, scramble its cells
    writeFileSync(path, bytes);
    const before = sha(path);
    const r = await cli('check');
    expect(r.code).toBe(2);
    expect(r.out + r.err).not.toMatch(/unexpected/);
    expect(r.out).toMatch(/"facts"|damaged/);
    expect(sha(path)).toBe(before);
  });
});
