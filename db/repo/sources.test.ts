import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import type { SourceInput } from '../../core/model';
import { Library } from '../library';
import { SAMPLE_SOURCE, tempLibrary } from '../testing/temp-library';
import { insertSource, updateSource, withSearchTextDeferred } from './sources';

let lib: Library;
let path: string;
let done: () => void;
beforeEach(() => {
  const t = tempLibrary();
  ({ lib, path } = t);
  done = t.cleanup;
});
afterEach(() => done());

describe('getSources', () => {
  it('reads several sources in the order asked, each once, equal to reading them one by one', () => {
    const a = lib.addSource(SAMPLE_SOURCE);
    const b = lib.addSource({
      type: 'report',
      title: 'Black Sea Shipping After the Ceasefire',
      authors: [{ literal: 'Institute for Trade Studies' }],
      issued: '2024-12',
      extra: { note: 'x' },
    });
    const c = lib.addSource({ type: 'webpage', title: 'Port statistics', url: 'https://port.example/stats' });
    const got = lib.getSources([c.id, a.id, c.id, b.id]);
    expect([...got.keys()]).toEqual([c.id, a.id, b.id]);
    for (const s of [a, b, c]) expect(got.get(s.id)).toEqual(lib.getSource(s.id));
    expect(lib.getSources([]).size).toBe(0);
  });

  it('refuses an id with no source by name, and does not take prefixes', () => {
    const a = lib.addSource(SAMPLE_SOURCE);
    const missing = '00000000-0000-4000-8000-000000000000';
    let err: unknown;
    try {
      lib.getSources([a.id, missing]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DossierError);
    expect(err).toMatchObject({ code: 'not_found', message: `Source not found: ${missing}` });
    // A prefix is how people type ids; a batch read is of stored ids, so a prefix is no id.
    expect(() => lib.getSources([a.id.slice(0, 8)])).toThrow(`Source not found: ${a.id.slice(0, 8)}`);
  });

  it('reads more sources than SQLite binds variables (32,766) in one call, from the file', () => {
    const n = 33_000;
    lib.db.exec(`INSERT INTO sources (id, type, title, created_at, updated_at)
      WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${n})
      SELECT printf('bulk-%05d', i), 'report', 'Report ' || i, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM k`);
    lib.close();
    const reader = Library.open(path, { readonly: true });
    const ids = Array.from({ length: n }, (_, i) => `bulk-${String(n - i).padStart(5, '0')}`);
    let got: Map<string, unknown>;
    try {
      got = reader.getSources(ids);
    } finally {
      reader.close();
    }
    expect(got.size).toBe(n);
    expect([...got.keys()].slice(0, 2)).toEqual(['bulk-33000', 'bulk-32999']);
    expect(got.get('bulk-00001')).toMatchObject({ id: 'bulk-00001', title: 'Report 1', type: 'report' });
  });
});

describe('withSearchTextDeferred', () => {
  const inputs: SourceInput[] = [
    { ...SAMPLE_SOURCE, authors: [...SAMPLE_SOURCE.authors] },
    { type: 'report', title: 'Fertiliser outlook', authors: [{ literal: 'Institute for Trade Studies' }], publisher: 'ITS' },
    { type: 'webpage', title: 'Port notices', authors: [{ family: 'Müller', given: 'Jürgen' }, { family: 'Okafor' }] },
  ];
  const searchText = (l: Library) => l.db.prepare('SELECT title, search_text FROM sources ORDER BY seq').all();
  const schema = () => lib.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").all();

  it('gives sources added (and changed) inside it the search text the triggers give, and puts the trigger back', () => {
    const before = schema();
    lib.db.transaction(() =>
      withSearchTextDeferred(lib.db, (beforeInsert) => {
        const ids = inputs.map((s) => {
          beforeInsert();
          return insertSource(lib.db, s).id;
        });
        updateSource(lib.db, ids[1], { containerTitle: 'Quarterly Review' });
      }),
    )();
    const other = tempLibrary();
    try {
      const ids = inputs.map((s) => other.lib.addSource(s).id);
      other.lib.updateSource(ids[1], { containerTitle: 'Quarterly Review' });
      expect(searchText(lib)).toEqual(searchText(other.lib));
      expect((searchText(lib) as { search_text: string }[])[2].search_text).toContain('Müller');
    } finally {
      other.cleanup();
    }
    expect(schema()).toEqual(before);
  });

  it('leaves the schema untouched when nothing is inserted', () => {
    const version = () => lib.db.pragma('schema_version', { simple: true });
    const before = version();
    lib.db.transaction(() => withSearchTextDeferred(lib.db, () => undefined))();
    expect(version()).toBe(before);
  });
});
