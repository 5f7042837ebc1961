import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Library } from './library';
import { tempDir, SAMPLE_SOURCE } from './testing/temp-library';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function folder(): string {
  const t = tempDir();
  cleanup = t.cleanup;
  return t.dir;
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

/** A library with `n` facts whose name is `name`. */
function libraryWith(path: string, n: number, name: string): void {
  const lib = Library.open(path);
  const s = lib.addSource({ ...SAMPLE_SOURCE, title: name });
  for (let i = 0; i < n; i++) lib.addFact({ text: `${name} fact number ${i} about the corridor.`, sourceId: s.id });
  lib.close();
}

/**
 * The files a crash leaves: the library, its -wal holding commits not yet in the file, and the
 * -shm — taken while the connection is open, then put back after it closed.
 */
function crashAfter(path: string, write: (lib: Library) => void): void {
  const lib = Library.open(path);
  lib.db.pragma('wal_autocheckpoint = 0');
  write(lib);
  const files = ['', '-wal', '-shm'].map((ext) => [ext, readFileSync(path + ext)] as const);
  lib.close();
  for (const [ext, bytes] of files) writeFileSync(path + ext, bytes);
}

function factTexts(lib: Library): string[] {
  return lib
    .searchFacts({ limit: 1000 })
    .hits.map((h) => h.fact.text)
    .sort();
}

function setAsideFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /-(wal|shm)\.set-aside-/.test(f))
    .sort();
}

describe('a leftover journal never overwrites the library', () => {
  it('a backup copied over a crashed library keeps its own facts; the stale journal is set aside and the file is unchanged', async () => {
    const dir = folder();
    const path = join(dir, 'library.sqlite');
    libraryWith(path, 5, 'Older');
    const backup = join(dir, 'backup.sqlite');
    const lib = Library.open(path);
    await lib.backup(backup);
    lib.close();
    crashAfter(path, (l) => {
      const s = l.addSource({ ...SAMPLE_SOURCE, title: 'Newer' });
      for (let i = 0; i < 300; i++) l.addFact({ text: `Newer fact ${i} written after the backup.`, sourceId: s.id });
    });
    // What the damaged-library message used to suggest: copy the backup over the library.
    writeFileSync(path, readFileSync(backup));
    const before = sha(path);

    for (const readonly of [true, false]) {
      const notices: string[] = [];
      const reopened = Library.open(path, { readonly, notice: (m) => notices.push(m) });
      expect(factTexts(reopened)).toHaveLength(5);
      expect(reopened.check().ok).toBe(true);
      reopened.close();
      if (readonly) {
        expect(sha(path)).toBe(before);
        expect(notices).toHaveLength(1);
        expect(notices[0]).toMatch(
          /did not belong to it \(the library file is a copy in rollback mode.*set aside as library\.sqlite-wal\.set-aside-.* and library\.sqlite-shm\.set-aside-.*the library file was not changed/,
        );
      } else {
        expect(notices).toEqual([]); // set aside once, by the first open
      }
    }
    expect(setAsideFiles(dir)).toHaveLength(2);
  });

  it('a journal from another database is set aside and the library keeps every byte and fact', () => {
    const dir = folder();
    const path = join(dir, 'library.sqlite');
    libraryWith(path, 40, 'Ours');
    // Leave ours in WAL mode with its pages all in the file, as after a clean session.
    const other = join(dir, 'other.sqlite');
    const db = new Database(other);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE notes (body TEXT)');
    const ins = db.prepare('INSERT INTO notes VALUES (?)');
    for (let i = 0; i < 200; i++) ins.run(`note ${i} `.repeat(20));
    writeFileSync(`${path}-wal`, readFileSync(`${other}-wal`));
    db.close();
    const before = sha(path);

    const notices: string[] = [];
    const lib = Library.open(path, { readonly: true, notice: (m) => notices.push(m) });
    expect(factTexts(lib)).toHaveLength(40);
    lib.close();
    expect(sha(path)).toBe(before);
    expect(notices[0]).toMatch(/read through it, the library is not a Dossier library, while the file alone is sound/);
    // A read-only connection may leave an empty log of its own; the foreign frames are gone.
    expect(!existsSync(`${path}-wal`) || readFileSync(`${path}-wal`).length === 0).toBe(true);
  });

  it('a journal written for another Dossier library is set aside', () => {
    const dir = folder();
    const path = join(dir, 'library.sqlite');
    const twin = join(dir, 'twin.sqlite');
    libraryWith(path, 3, 'Ours');
    libraryWith(twin, 3, 'Theirs');
    // The twin's journal holds a whole new schema page set written after its last checkpoint.
    const foreign = readFileSync(path);
    writeFileSync(twin, foreign); // same starting pages, different library_id ...
    crashAfter(twin, (l) => {
      l.db.prepare("UPDATE settings SET value = 'feedfacefeedfacefeedfacefeedface' WHERE key = 'library_id'").run();
      const s = l.addSource({ ...SAMPLE_SOURCE, title: 'Theirs later' });
      l.addFact({ text: 'A fact only the twin has.', sourceId: s.id });
    });
    writeFileSync(`${path}-wal`, readFileSync(`${twin}-wal`));
    const before = sha(path);
    const notices: string[] = [];
    const lib = Library.open(path, { notice: (m) => notices.push(m) });
    expect(factTexts(lib)).toHaveLength(3);
    lib.close();
    expect(notices[0]).toMatch(/written for a different library/);
    expect(setAsideFiles(dir).length).toBeGreaterThan(0);
    // The write open then checkpointed nothing foreign: the facts are the file's own.
    const again = Library.open(path, { readonly: true });
    expect(factTexts(again).every((t) => t.startsWith('Ours'))).toBe(true);
    again.close();
    expect(before).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a library’s own journal after a crash is replayed, not set aside', () => {
    const dir = folder();
    const path = join(dir, 'library.sqlite');
    libraryWith(path, 2, 'Before');
    crashAfter(path, (l) => {
      const s = l.addSource({ ...SAMPLE_SOURCE, title: 'During' });
      l.addFact({ text: 'Committed just before the crash.', sourceId: s.id });
    });
    const notices: string[] = [];
    for (const readonly of [true, false]) {
      const lib = Library.open(path, { readonly, notice: (m) => notices.push(m) });
      expect(factTexts(lib)).toContain('Committed just before the crash.');
      lib.close();
    }
    expect(notices).toEqual([]);
    expect(setAsideFiles(dir)).toEqual([]);
  });

  it('a damaged file with a journal beside it is reported and neither file is touched', () => {
    const dir = folder();
    const path = join(dir, 'library.sqlite');
    libraryWith(path, 50, 'Ours');
    crashAfter(path, (l) => {
      const s = l.addSource({ ...SAMPLE_SOURCE, title: 'Late' });
      l.addFact({ text: 'Late fact.', sourceId: s.id });
    });
    const bytes = readFileSync(path);
    bytes.fill(0xa5, 4096 * 2, 4096 * 4); // two pages in the middle
    writeFileSync(path, bytes);
    const before = [sha(path), sha(`${path}-wal`)];
    const lib = Library.open(path, { readonly: true });
    const report = lib.check();
    lib.close();
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.message).join(' ')).toMatch(/damaged/);
    expect([sha(path), sha(`${path}-wal`)]).toEqual(before);
    expect(setAsideFiles(dir)).toEqual([]);
  });
});
