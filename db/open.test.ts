import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DossierError } from '../core/errors';
import { textHash } from '../core/text-key';
import { Library } from './library';
import { readLibraryId } from './library-identity';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index';
import { APPLICATION_ID, openDatabase, schemaVersion } from './open';
import { corroboratingFacts, independentSourceCount, linkCorroboration } from './repo/corroboration';
import { tempDir } from './testing/temp-library';
import { importText } from '../ingest/import-text';
import { prepareOriginal, type PreparedOriginal } from './originals/codec';

const SEED_ORIGINALS = [
  prepareOriginal(Buffer.from('<p>Grain moved.</p>'), 'text/html', [{ text: 'Grain moved.' }], 'first.html'),
  prepareOriginal(Buffer.from('<p>Barges waited.</p>'), 'text/html', [{ text: 'Barges waited.' }], 'second.html'),
];
import { assembleBriefing } from '../export/assemble';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function dir(): string {
  const t = tempDir();
  cleanup = t.cleanup;
  return t.dir;
}

function errorOf(fn: () => unknown): DossierError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DossierError) return e;
    throw e;
  }
  throw new Error('expected a DossierError');
}

describe('opening a library', () => {
  it('creates a new library with WAL, synchronous=FULL, foreign keys and the latest schema', () => {
    const path = join(dir(), 'sub', 'lib.sqlite');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses a file that is not SQLite and leaves it byte for byte unchanged', () => {
    const path = join(dir(), 'garbage.sqlite');
    const garbage = Buffer.from('this is not a database at all, just some text that someone renamed\n'.repeat(100));
    writeFileSync(path, garbage);
    const e = errorOf(() => Library.open(path));
    expect(e.code).toBe('library_corrupt');
    expect(e.message).toMatch(/not an SQLite database/);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it('refuses a library whose pages are damaged, with a clear message', () => {
    const path = join(dir(), 'damaged.sqlite');
    const lib = Library.open(path);
    lib.addSource({ type: 'report', title: 'A report' });
    lib.db.pragma('wal_checkpoint(TRUNCATE)');
    lib.close();
    const bytes = readFileSync(path);
    // Keep the header, overwrite the schema page with noise.
    for (let i = 100; i < Math.min(bytes.length, 4096); i++) bytes[i] = (i * 37) & 0xff;
    writeFileSync(path, bytes);
    const e = errorOf(() => Library.open(path));
    expect(e.code).toBe('library_corrupt');
    expect(e.message).toContain(path);
  });

  it('refuses a library written by a newer Dossier and does not modify it', () => {
    const path = join(dir(), 'future.sqlite');
    Library.open(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = readFileSync(path);
    const e = errorOf(() => Library.open(path));
    expect(e.code).toBe('library_future');
    expect(e.message).toMatch(/newer version of Dossier/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("refuses someone else's SQLite database instead of migrating it", () => {
    const path = join(dir(), 'other.sqlite');
    const raw = new Database(path);
    raw.exec('CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)');
    raw.close();
    const e = errorOf(() => Library.open(path));
    expect(e.code).toBe('library_corrupt');
    expect(e.message).toMatch(/not a Dossier library/);
    const check = new Database(path);
    expect(check.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'facts'").pluck().get()).toBe(0);
    check.close();
  });

  it('lets two connections use one library at once (app and command line)', () => {
    const path = join(dir(), 'shared.sqlite');
    const a = Library.open(path);
    const b = Library.open(path);
    const s = a.addSource({ type: 'report', title: 'Shared' });
    expect(b.getSource(s.id).title).toBe('Shared');
    b.addFact({ text: 'Written by the second connection.', sourceId: s.id });
    expect(a.factsOfSource(s.id)).toHaveLength(1);
    a.close();
    b.close();
  });
});

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  // One test per migration: build the schema just before it, put data in, migrate, and check
  // that the data survived and the new schema works. Data seeds are per version.
  const seeds: Record<number, { seed(db: Database.Database): void; verify(lib: Library): void }> = {
    1: {
      seed() {
        /* version 0 is an empty file: nothing to carry */
      },
      verify(lib) {
        const s = lib.addSource({ type: 'report', title: 'After migration 1' });
        lib.addFact({ text: 'The schema accepts facts.', sourceId: s.id, tags: ['t'] });
        expect(lib.searchFacts({ text: 'schema' }).total).toBe(1);
      },
    },
    2: {
      // Version 1 rows written with raw SQL, as a library saved by Dossier 0.1 holds them.
      seed(db) {
        const now = '2024-01-19T10:00:00.000Z';
        const source = db.prepare('INSERT INTO sources (id, type, title, container_title, issued, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
        source.run('0b9a1c52-1111-4a6e-9d42-000000000001', 'article-newspaper', 'Grain corridor reopens', 'The Meridian Herald', '2024-01-19', now, now);
        source.run('0b9a1c52-2222-4a6e-9d42-000000000002', 'article-newspaper', 'Ports busy again', 'Coastal Dispatch', '2024-01-20', now, now);
        const fact = db.prepare('INSERT INTO facts (id, text, text_hash, kind, source_id, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
        const rows: [string, string, string][] = [
          [
            '7f3e0d2a-aaaa-4c1b-8e5f-000000000001',
            'Ships carried 1.2 million tonnes of grain through the corridor in December.',
            '0b9a1c52-1111-4a6e-9d42-000000000001',
          ],
          ['7f3e0d2a-bbbb-4c1b-8e5f-000000000002', 'The port authority expects traffic to double by March.', '0b9a1c52-1111-4a6e-9d42-000000000001'],
          [
            '7f3e0d2a-cccc-4c1b-8e5f-000000000003',
            'About 1.2 million tonnes of grain left through the corridor in December.',
            '0b9a1c52-2222-4a6e-9d42-000000000002',
          ],
        ];
        rows.forEach(([id, text, sourceId], i) => fact.run(id, text, textHash(text), 'statistic', sourceId, i + 1, now, now));
      },
      verify(lib) {
        const [a, b, c] = ['7f3e0d2a-aaaa-4c1b-8e5f-000000000001', '7f3e0d2a-bbbb-4c1b-8e5f-000000000002', '7f3e0d2a-cccc-4c1b-8e5f-000000000003'];
        expect(lib.getFact(a).text).toMatch(/^Ships carried 1\.2 million tonnes/);
        expect(lib.factsOfSource('0b9a1c52-1111-4a6e-9d42-000000000001').map((f) => f.id)).toEqual([a, b]);
        expect(lib.searchFacts({ text: 'tonnes' }).total).toBe(2);
        // The carried hashes still catch a re-imported sentence.
        expect(() =>
          lib.addFact({ text: 'ships carried 1.2 million tonnes of grain through the corridor in December.', sourceId: lib.getFact(a).sourceId }),
        ).toThrow(/same text/);
        // The new table: link, read back both ways, count origins, cascade on delete.
        linkCorroboration(lib.db, c, a, 'Same December figure');
        expect(corroboratingFacts(lib.db, a).map((f) => f.id)).toEqual([c]);
        expect(corroboratingFacts(lib.db, c).map((f) => f.id)).toEqual([a]);
        expect(independentSourceCount(lib.db, a)).toBe(2);
        lib.removeFact(c);
        expect(corroboratingFacts(lib.db, a)).toEqual([]);
        expect(lib.db.prepare('SELECT count(*) FROM corroborations').pluck().get()).toBe(0);
      },
    },
    3: {
      seed(db) {
        db.prepare("INSERT INTO settings (key, value) VALUES ('marking_scheme', 'uk')").run();
      },
      verify(lib) {
        const id = readLibraryId(lib.db);
        expect(id).toMatch(/^[0-9a-f]{32}$/);
        expect(lib.db.prepare("SELECT value FROM settings WHERE key = 'marking_scheme'").pluck().get()).toBe('uk');
        // Every library gets its own id.
        const other = Library.open(join(dirname(lib.path), 'other.sqlite'));
        expect(readLibraryId(other.db)).not.toBe(id);
        other.close();
      },
    },
    4: {
      // A version 3 briefing with a placed fact: it is taken as seen, and prose can cite.
      seed(db) {
        const now = '2024-01-19T10:00:00.000Z';
        db.prepare("INSERT INTO sources (id, type, title, created_at, updated_at) VALUES ('s-1', 'report', 'Corridor report', ?, ?)").run(now, now);
        db.prepare('INSERT INTO facts (id, text, text_hash, kind, source_id, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
          '7f3e0d2a-aaaa-4c1b-8e5f-000000000001',
          'Grain moved.',
          textHash('Grain moved.'),
          'paraphrase',
          's-1',
          1,
          now,
          now,
        );
        db.prepare("INSERT INTO briefings (id, title, template_id, fields, created_at, updated_at) VALUES ('b-1', 'Memo', 'info-memo', '{}', ?, ?)").run(
          now,
          now,
        );
        db.prepare("INSERT INTO briefing_sections (id, briefing_id, position, key, heading) VALUES ('sec-1', 'b-1', 0, 'bluf', 'BLUF')").run();
        db.prepare(
          "INSERT INTO briefing_items (id, section_id, position, kind, fact_id) VALUES ('i-1', 'sec-1', 0, 'fact', '7f3e0d2a-aaaa-4c1b-8e5f-000000000001')",
        ).run();
      },
      verify(lib) {
        const fact = '7f3e0d2a-aaaa-4c1b-8e5f-000000000001';
        expect(lib.changedFacts('b-1')).toEqual([]);
        lib.updateFact(fact, { text: 'Grain moved again.' });
        expect(lib.changedFacts('b-1')).toMatchObject([{ factId: fact, oldText: 'Grain moved.', newText: 'Grain moved again.', changed: ['text'] }]);
        const b = lib.addItems('b-1', [{ kind: 'prose', text: `We cite it [see @${fact}, p. 2].` }]);
        expect(b.sections[0].items).toHaveLength(2);
        expect(() => lib.removeFact(fact)).toThrow(/cited in briefing/);
      },
    },
    5: {
      // Version 4 briefings with header dates typed as free text.
      seed(db) {
        const now = '2024-01-19T10:00:00.000Z';
        const add = db.prepare('INSERT INTO briefings (id, title, template_id, fields, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
        add.run('b-1', 'Action', 'action-memo', JSON.stringify({ date: 'January 18, 2024', decideBy: '1/25/2024', for: 'The Secretary' }), now, now);
        add.run('b-2', 'Sitrep', 'situation-report', JSON.stringify({ date: '18 Jan. 2024', asOf: '0800Z Thursday', subject: 'Floods' }), now, now);
        add.run('b-3', 'Memo', 'info-memo', JSON.stringify({ date: '3/4/2024', through: '' }), now, now);
      },
      verify(lib) {
        // Readable dates are converted; other fields are untouched.
        expect(lib.getBriefing('b-1').fields).toEqual({ date: '2024-01-18', decideBy: '2024-01-25', for: 'The Secretary' });
        // Unreadable text is kept for the author to fix (pre-flight names it).
        expect(lib.getBriefing('b-2').fields).toEqual({ date: '2024-01-18', asOf: '0800Z Thursday', subject: 'Floods' });
        // A numeric date either way round is not guessed.
        expect(lib.getBriefing('b-3').fields).toEqual({ date: '3/4/2024', through: '' });
      },
    },
    6: {
      // A version 5 source with facts: it has no original (none was kept then), and captures now keep one.
      seed(db) {
        const now = '2024-01-19T10:00:00.000Z';
        db.prepare("INSERT INTO sources (id, type, title, created_at, updated_at) VALUES ('s-1', 'report', 'Corridor report', ?, ?)").run(now, now);
        db.prepare('INSERT INTO facts (id, text, text_hash, kind, source_id, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
          '7f3e0d2a-aaaa-4c1b-8e5f-000000000001',
          '“Grain moved,” he said.',
          textHash('“Grain moved,” he said.'),
          'quote',
          's-1',
          1,
          now,
          now,
        );
      },
      verify(lib) {
        expect(lib.originalsOfSource('s-1')).toEqual([]);
        expect(lib.factContext('7f3e0d2a-aaaa-4c1b-8e5f-000000000001')).toEqual({ status: 'none' });
        const r = importText(lib, { text: 'Ships left the port at dawn. “Grain moved,” he said.', sourceId: 's-1' });
        expect(r.facts).toHaveLength(1); // the quote was already there
        expect(lib.originalsOfSource('s-1')).toHaveLength(1);
        expect(lib.factContext('7f3e0d2a-aaaa-4c1b-8e5f-000000000001')).toMatchObject({ status: 'ok', match: '“Grain moved,” he said.' });
        expect(lib.searchOriginals('dawn')).toHaveLength(1);
      },
    },
    7: {
      // A version 6 statistic with an event date: it carries over with no figure and no range end, and can be given both.
      seed(db) {
        const now = '2024-01-19T10:00:00.000Z';
        db.prepare("INSERT INTO sources (id, type, title, created_at, updated_at) VALUES ('s-1', 'report', 'Corridor report', ?, ?)").run(now, now);
        db.prepare(
          'INSERT INTO facts (id, text, text_hash, kind, source_id, position, event_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(
          '7f3e0d2a-aaaa-4c1b-8e5f-000000000001',
          'Exports rose 12% in December.',
          textHash('Exports rose 12% in December.'),
          'statistic',
          's-1',
          1,
          '2023-12',
          now,
          now,
        );
      },
      verify(lib) {
        const id = '7f3e0d2a-aaaa-4c1b-8e5f-000000000001';
        const before = lib.getFact(id);
        expect(before).toMatchObject({ text: 'Exports rose 12% in December.', kind: 'statistic', eventDate: '2023-12' });
        expect(before.figure).toBeUndefined();
        expect(before.eventDateEnd).toBeUndefined();
        expect(lib.searchFacts({ hasFigure: true }).total).toBe(0);
        const after = lib.updateFact(id, { figure: { stated: '12%', value: 12, unit: 'percent' }, eventDateEnd: '2024-01' });
        expect(after).toMatchObject({ figure: { stated: '12%', value: 12, unit: 'percent' }, eventDate: '2023-12', eventDateEnd: '2024-01' });
        expect(lib.searchFacts({ hasFigure: true }).hits.map((h) => h.fact.id)).toEqual([id]);
        expect(lib.searchFacts({ eventFrom: '2024-01-15' }).total).toBe(1);
        // The schema itself refuses a range end without a start, whoever writes it.
        expect(() => lib.db.prepare('UPDATE facts SET event_date = NULL WHERE id = ?').run(id)).toThrow(/CHECK constraint/);
      },
    },
    8: {
      // A version 7 briefing citing a fact: it has no kept notes; its first render keeps them, and they go with it.
      seed(db) {
        const now = '2024-01-19T10:00:00.000Z';
        db.prepare("INSERT INTO sources (id, type, title, created_at, updated_at) VALUES ('s-1', 'report', 'Corridor report', ?, ?)").run(now, now);
        db.prepare('INSERT INTO facts (id, text, text_hash, kind, source_id, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
          '7f3e0d2a-aaaa-4c1b-8e5f-000000000001',
          'Grain moved.',
          textHash('Grain moved.'),
          'paraphrase',
          's-1',
          1,
          now,
          now,
        );
        db.prepare("INSERT INTO briefings (id, title, template_id, fields, created_at, updated_at) VALUES ('b-1', 'Memo', 'info-memo', '{}', ?, ?)").run(
          now,
          now,
        );
        db.prepare("INSERT INTO briefing_sections (id, briefing_id, position, key, heading) VALUES ('sec-1', 'b-1', 0, 'bluf', 'BLUF')").run();
        db.prepare(
          "INSERT INTO briefing_items (id, section_id, position, kind, fact_id) VALUES ('i-1', 'sec-1', 0, 'fact', '7f3e0d2a-aaaa-4c1b-8e5f-000000000001')",
        ).run();
      },
      verify(lib) {
        expect(lib.noteCacheKeys('b-1')).toBeUndefined();
        expect(assembleBriefing(lib, 'b-1', { keepNotes: true }).notesFrom.cache).toBe('none');
        expect(lib.noteCacheKeys('b-1')).toMatchObject({ format: 1 });
        expect(assembleBriefing(lib, 'b-1', { keepNotes: true }).notesFrom.cache).toBe('document');
        expect(lib.saveNoteCache('no-such-briefing', { format: 1, globalKey: 'g', docKey: 'd', data: Buffer.from('x') })).toBe(false);
        lib.removeBriefing('b-1');
        expect(lib.db.prepare('SELECT count(*) FROM briefing_note_cache').pluck().get()).toBe(0);
      },
    },
    9: {
      // A version 8 library with a fact: after the migration it is linked to no team, shares nothing, and its edits queue nothing.
      seed(db) {
        const now = '2024-01-19T10:00:00.000Z';
        db.prepare("INSERT INTO sources (id, type, title, created_at, updated_at) VALUES ('s-1', 'report', 'Corridor report', ?, ?)").run(now, now);
        db.prepare('INSERT INTO facts (id, text, text_hash, kind, source_id, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
          '7f3e0d2a-aaaa-4c1b-8e5f-000000000009',
          'Grain moved.',
          textHash('Grain moved.'),
          'paraphrase',
          's-1',
          1,
          now,
          now,
        );
      },
      verify(lib) {
        const count = (table: string) => lib.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
        expect(count('team_link')).toBe(0);
        expect(count('sync_rows')).toBe(0);
        lib.updateFact('7f3e0d2a-aaaa-4c1b-8e5f-000000000009', { notes: 'Checked against the port log.' });
        expect(count('sync_outbox')).toBe(0);
        expect(lib.db.prepare('SELECT active FROM sync_applying').pluck().get()).toBe(0);
        // Once linked and shared, the same library's edits are queued by the triggers.
        lib.setTeamLink({ server: 'postgresql://ana@team.example/dossier', teamId: 't-1', teamName: 'Desk', userName: 'ana', scheme: 'us-cui' });
        expect(lib.shareWithTeam('t-1', { ids: ['7f3e0d2a-aaaa-4c1b-8e5f-000000000009'] })).toEqual({ source: 1, fact: 1, link: 0, briefing: 0, original: 0 });
        lib.updateFact('7f3e0d2a-aaaa-4c1b-8e5f-000000000009', { notes: 'Second look.' });
        expect(lib.pendingMutations().map((m) => [m.entity, m.fields.notes ?? null])).toEqual([
          ['source', null],
          ['fact', 'Checked against the port log.'],
          ['fact', 'Second look.'],
        ]);
      },
    },
    10: {
      // A version 9 library with tagged, annotated facts: the index is refilled from them, with no copy of its own.
      seed(db) {
        const now = '2024-01-19T10:00:00.000Z';
        db.prepare('INSERT INTO sources (id, type, title, authors, container_title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          's-1',
          'article-newspaper',
          'Corridor report',
          JSON.stringify([{ family: 'Okafor', given: 'Adaeze' }]),
          'The Meridian Herald',
          now,
          now,
        );
        const fact = db.prepare(
          'INSERT INTO facts (id, text, text_hash, kind, source_id, notes, attribution_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        );
        fact.run(
          'f-1',
          'Grain moved through the corridor.',
          textHash('Grain moved through the corridor.'),
          'paraphrase',
          's-1',
          'Port log',
          'Leda Marsh',
          now,
          now,
        );
        fact.run('f-2', 'Barges waited at Izmail.', textHash('Barges waited at Izmail.'), 'paraphrase', 's-1', null, null, now, now);
        db.exec("INSERT INTO tags (name) VALUES ('shipping'); INSERT INTO fact_tags (fact_seq, tag_seq) VALUES (2, 1);");
      },
      verify(lib) {
        const found = (text: string) => lib.searchFacts({ text }).hits.map((h) => h.fact.id);
        expect(found('grain')).toEqual(['f-1']);
        expect(found('Izmail')).toEqual(['f-2']);
        expect(found('Okafor').sort()).toEqual(['f-1', 'f-2']); // the source's author, title and outlet
        expect(found('report').sort()).toEqual(['f-1', 'f-2']);
        expect(found('Meridian').sort()).toEqual(['f-1', 'f-2']);
        expect(found('shipping')).toEqual(['f-2']);
        expect(found('log')).toEqual(['f-1']);
        expect(found('Marsh')).toEqual(['f-1']);
        expect(lib.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'fact_search_content'").pluck().get()).toBe(0);
        lib.db.prepare("INSERT INTO fact_search(fact_search, rank) VALUES ('integrity-check', 1)").run();
      },
    },
    11: {
      // A version 10 library linked to a team: a shared source with a stored original and a change
      // waiting, a personal source with another, a conflict and a pack base. The sync tables are
      // rebuilt with every row kept; the shared source's original is queued after what waited.
      seed(db) {
        const now = '2024-01-19T10:00:00.000Z';
        const source = db.prepare("INSERT INTO sources (id, type, title, created_at, updated_at) VALUES (?, 'report', ?, ?, ?)");
        source.run('s-1', 'Corridor report', now, now);
        source.run('s-2', 'Port notes', now, now);
        const keep = (o: PreparedOriginal, sourceId: string) => {
          db.prepare(
            "INSERT INTO originals (sha256, media_type, byte_size, compression, compressed, passages, passage_count, text_sha256, created_at) VALUES (?, ?, ?, 'deflate-raw', ?, ?, ?, ?, ?)",
          ).run(o.sha256, o.mediaType, o.byteSize, o.compressed, o.passages, o.texts.length, o.textSha256, now);
          db.prepare('INSERT INTO source_originals (source_id, sha256, file_name, captured_at) VALUES (?, ?, ?, ?)').run(sourceId, o.sha256, o.fileName, now);
          const seq = db.prepare('SELECT seq FROM originals WHERE sha256 = ?').pluck().get(o.sha256) as number;
          db.prepare('INSERT INTO original_search (rowid, text) VALUES (?, ?)').run(seq * 16777216, o.texts[0]);
        };
        keep(SEED_ORIGINALS[0], 's-1');
        keep(SEED_ORIGINALS[1], 's-2');
        db.exec(`
          INSERT INTO team_link (id, server, team_id, team_name, user_name, scheme, linked_at) VALUES (1, 'postgresql://ana@team.example/dossier', 't-1', 'Desk', 'ana', 'us', '${now}');
          INSERT INTO sync_rows (entity, id, team_id, version, origin) VALUES ('source', 's-1', 't-1', 3, 'local');
          INSERT INTO sync_outbox (mutation_id, entity, id, op, fields, base_version, created_at) VALUES ('m-1', 'source', 's-1', 'upsert', '{"title":"Corridor report"}', 3, '${now}');
          INSERT INTO sync_conflicts (id, entity, entity_id, kind, field, mine, theirs, server_version, created_at) VALUES ('c-1', 'source', 's-1', 'field', 'title', '"A"', '"B"', 3, '${now}');
          INSERT INTO pack_base (entity, id, data) VALUES ('source', 's-2', '{"title":"Port notes"}');
        `);
      },
      verify(lib) {
        const [first, second] = SEED_ORIGINALS;
        expect(lib.pendingMutations().map((m) => [m.mutationId === 'm-1' ? 'm-1' : 'new', m.entity, m.id, m.baseVersion])).toEqual([
          ['m-1', 'source', 's-1', 3],
          ['new', 'original', `s-1~${first.sha256}`, 0],
        ]);
        expect(lib.pendingMutations()[1].fields).toEqual({
          source_id: 's-1',
          sha256: first.sha256,
          file_name: 'first.html',
          captured_at: '2024-01-19T10:00:00.000Z',
        });
        expect(lib.db.prepare('SELECT entity, id, version, origin FROM sync_rows ORDER BY entity').all()).toEqual([
          { entity: 'original', id: `s-1~${first.sha256}`, version: 0, origin: 'local' },
          { entity: 'source', id: 's-1', version: 3, origin: 'local' },
        ]);
        expect(lib.listConflicts({ open: true }).map((c) => c.id)).toEqual(['c-1']);
        expect(lib.db.prepare('SELECT data FROM pack_base').pluck().all()).toEqual(['{"title":"Port notes"}']);
        // Attaching the personal source's file to the shared source now queues it; the personal source's own link stays personal.
        lib.db
          .prepare('INSERT INTO source_originals (source_id, sha256, file_name, captured_at) VALUES (?, ?, ?, ?)')
          .run('s-1', second.sha256, 'again.html', 'now');
        expect(lib.pendingMutations().map((m) => m.id)).toEqual(['s-1', `s-1~${first.sha256}`, `s-1~${second.sha256}`]);
        expect(lib.rowData('original', `s-2~${second.sha256}`)).toMatchObject({ source_id: 's-2', file_name: 'second.html' });
      },
    },
  };

  for (const m of MIGRATIONS) {
    it(`migration ${m.version} (${m.name}) carries the data of version ${m.version - 1}`, () => {
      const path = join(dir(), `m${m.version}.sqlite`);
      const before = openDatabase(path, { targetVersion: m.version - 1 });
      expect(schemaVersion(before)).toBe(m.version - 1);
      const seed = seeds[m.version];
      expect(seed, `migration ${m.version} needs a data test in db/open.test.ts`).toBeDefined();
      seed.seed(before);
      before.close();
      const lib = Library.open(path);
      expect(schemaVersion(lib.db)).toBe(LATEST_VERSION);
      seed.verify(lib);
      expect(lib.check().ok).toBe(true);
      lib.close();
    });
  }

  // Migration 7 from every earlier schema: a library of any age gains figures and date ranges.
  for (let from = 0; from < 7; from++) {
    it(`a version ${from} library, opened now, stores a fact's figure and date range`, () => {
      const path = join(dir(), `from${from}.sqlite`);
      openDatabase(path, { targetVersion: from }).close();
      const lib = Library.open(path);
      const s = lib.addSource({ type: 'report', title: 'Corridor report' });
      const f = lib.addFact({
        text: 'Exports rose 12% over the winter.',
        sourceId: s.id,
        eventDate: '2023-12',
        eventDateEnd: '2024-02',
        figure: { stated: '12%', value: 12, unit: 'percent' },
      });
      expect(lib.getFact(f.id)).toMatchObject({ eventDate: '2023-12', eventDateEnd: '2024-02', figure: { stated: '12%', value: 12, unit: 'percent' } });
      expect(lib.searchFacts({ hasFigure: true, eventFrom: '2024-02-10' }).total).toBe(1);
      expect(lib.check().ok).toBe(true);
      lib.close();
    });
  }

  it('applies nothing when a migration fails (all or nothing)', () => {
    const path = join(dir(), 'atomic.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE sources (x)'); // makes migration 1 fail half-way
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.close();
    expect(() => Library.open(path)).toThrow();
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    expect(check.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'settings'").pluck().get()).toBe(0);
    check.close();
  });
});
