import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import type { Library } from '../library';
import { SAMPLE_SOURCE, tempLibrary } from '../testing/temp-library';

let lib: Library;
let done: () => void;
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
});
afterEach(() => done());

/** Runs fn, expects a DossierError, and checks the library's row counts did not change. */
function rejects(fn: () => unknown, code: string, message: RegExp): void {
  const count = () =>
    lib.db
      .prepare(
        `SELECT (SELECT count(*) FROM sources) || '/' || (SELECT count(*) FROM facts) || '/' || (SELECT count(*) FROM tags) || '/' || (SELECT count(*) FROM fact_tags)`,
      )
      .pluck()
      .get();
  const before = count();
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(DossierError);
  expect((err as DossierError).code).toBe(code);
  expect((err as DossierError).message).toMatch(message);
  expect(count()).toBe(before);
}

describe('sources', () => {
  it('stores a source with structured and literal names and partial dates, round-tripping every field', () => {
    const s = lib.addSource({
      ...SAMPLE_SOURCE,
      authors: [{ family: 'Okafor', given: 'Adaeze' }, { literal: 'U.S. Department of State' }],
      issued: '2024-01',
      accessed: '2024-02-03',
      doi: 'https://doi.org/10.1234/abc.5',
      pages: '3-4',
      language: 'en',
      notes: 'Paywalled.',
    });
    expect(s.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.issued).toBe('2024-01');
    expect(s.doi).toBe('10.1234/abc.5');
    expect(s.authors[1]).toEqual({ literal: 'U.S. Department of State' });
    expect(lib.getSource(s.id)).toEqual(s);
    expect(lib.getSource(s.id.slice(0, 8)).id).toBe(s.id);
  });

  it('finds a fact by a shortened id, in any case, and refuses one that matches two', () => {
    const s = lib.addSource(SAMPLE_SOURCE);
    const [a, b, c] = ['One.', 'Two.', 'Three.'].map((text) => lib.addFact({ text, sourceId: s.id }).id);
    expect(lib.getFact(a.slice(0, 6)).id).toBe(a);
    expect(lib.getFact(b.slice(0, 13).toUpperCase()).id).toBe(b);
    const set = lib.db.prepare('UPDATE facts SET id = ? WHERE id = ?');
    set.run('abcdef01-0000-4000-8000-000000000001', a);
    set.run('abcdef02-0000-4000-8000-000000000002', c);
    rejects(() => lib.getFact('abcdef'), 'validation', /fact id "abcdef" is ambiguous/);
    expect(lib.getFact('ABCDEF02').id).toBe('abcdef02-0000-4000-8000-000000000002');
    rejects(() => lib.getFact('abcdef03'), 'not_found', /Fact not found: abcdef03/);
  });

  it('rejects an invalid date naming the field, and writes nothing', () => {
    rejects(() => lib.addSource({ ...SAMPLE_SOURCE, issued: '2024-13-01' }), 'validation', /^source\.issued: .*YYYY-MM-DD/);
    rejects(() => lib.addSource({ ...SAMPLE_SOURCE, issued: '2023-02-29' }), 'validation', /source\.issued/);
    rejects(() => lib.addSource({ ...SAMPLE_SOURCE, title: '   ' }), 'validation', /^source\.title: must not be empty/);
    rejects(() => lib.addSource({ ...SAMPLE_SOURCE, type: 'tweet' }), 'validation', /^source\.type: must be one of/);
    rejects(() => lib.addSource({ ...SAMPLE_SOURCE, url: 'javascript:alert(1)' }), 'validation', /^source\.url: must be an http/);
    rejects(() => lib.addSource({ ...SAMPLE_SOURCE, reliability: 'G' }), 'validation', /reliability/);
    rejects(() => lib.addSource({ ...SAMPLE_SOURCE, authors: [{ given: 'Only' }] }), 'validation', /source\.authors\.0: a name needs a family name/);
    rejects(() => lib.addSource({ ...SAMPLE_SOURCE, colour: 'red' }), 'validation', /unknown field "colour"/);
  });

  it('edits fields, clears optional ones with an empty string, and refuses to empty the title', () => {
    const s = lib.addSource(SAMPLE_SOURCE);
    const e = lib.updateSource(s.id, { title: 'New title', url: '', reliability: 'A' });
    expect(e.title).toBe('New title');
    expect(e.url).toBeUndefined();
    expect(e.reliability).toBe('A');
    rejects(() => lib.updateSource(s.id, { title: '' }), 'validation', /source\.title/);
  });

  it('refuses to delete a source that has facts unless asked to cascade', () => {
    const s = lib.addSource(SAMPLE_SOURCE);
    lib.addFact({ text: 'One fact.', sourceId: s.id });
    rejects(() => lib.removeSource(s.id), 'conflict', /still has 1 fact/);
    expect(lib.removeSource(s.id, { cascade: true }).removedFacts).toBe(1);
    expect(() => lib.getSource(s.id)).toThrow(/not found/);
    expect(lib.searchFacts({}).total).toBe(0);
  });

  it('refuses a cascade that would pull a fact out of a briefing', () => {
    const s = lib.addSource(SAMPLE_SOURCE);
    const f = lib.addFact({ text: 'Cited fact.', sourceId: s.id });
    const b = lib.createBriefing({ title: 'Memo', templateId: 'info-memo' }, [{ key: 'bluf', heading: 'BLUF' }]);
    lib.addItems(b.id, [{ kind: 'fact', factId: f.id }]);
    rejects(() => lib.removeSource(s.id, { cascade: true }), 'conflict', /cited in briefing\(s\): "Memo"/);
  });
});

describe('facts', () => {
  it('stores every field of the model', () => {
    const s = lib.addSource(SAMPLE_SOURCE);
    const via = lib.addSource({ type: 'article-newspaper', title: 'Agency wire', containerTitle: 'Wire Service' });
    const f = lib.addFact({
      text: '  "We will not yield," the minister said.  ',
      kind: 'quote',
      sourceId: s.id,
      locator: { label: 'paragraph', value: '4' },
      attribution: { name: 'Ines Duarte', role: 'foreign minister' },
      viaSourceId: via.id,
      eventDate: '2024-01-18',
      credibility: 2,
      marking: 'cui',
      tags: ['Grain', 'Black Sea'],
      notes: 'Check the translation.',
    });
    expect(f.text).toBe('"We will not yield," the minister said.');
    expect(f).toMatchObject({
      kind: 'quote',
      sourceId: s.id,
      locator: { label: 'paragraph', value: '4' },
      attribution: { name: 'Ines Duarte', role: 'foreign minister' },
      viaSourceId: via.id,
      eventDate: '2024-01-18',
      credibility: 2,
      marking: 'CUI',
      tags: ['Black Sea', 'Grain'],
      notes: 'Check the translation.',
    });
    // Typed from a source the user has just read: verified on its capture date.
    expect(f.verifiedAt).toBe(f.createdAt);
    expect(lib.getFact(f.id)).toEqual(f);
  });

  it('cannot exist without a source', () => {
    rejects(() => lib.addFact({ text: 'Orphan claim.' }), 'validation', /^fact\.sourceId: is required: every fact needs a source/);
    rejects(() => lib.addFact({ text: 'Orphan claim.', sourceId: 'no-such-source' }), 'validation', /^fact\.sourceId: no source with id/);
    expect(() =>
      lib.db.prepare("INSERT INTO facts (id, text, text_hash, kind, source_id, created_at, updated_at) VALUES ('x','t',x'00','quote','nope','n','n')").run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('rejects empty text, bad credibility, unknown marking and bad dates with the field named', () => {
    const s = lib.addSource(SAMPLE_SOURCE);
    rejects(() => lib.addFact({ text: ' \n ', sourceId: s.id }), 'validation', /^fact\.text: must not be empty/);
    rejects(() => lib.addFact({ text: 'x', sourceId: s.id, credibility: 7 }), 'validation', /^fact\.credibility: must be 1–6/);
    rejects(() => lib.addFact({ text: 'x', sourceId: s.id, marking: 'NOFORN-ish' }), 'validation', /^fact\.marking: "NOFORN-ish" is not a marking/);
    rejects(() => lib.addFact({ text: 'x', sourceId: s.id, eventDate: '18/01/2024' }), 'validation', /^fact\.eventDate: is not a date/);
    rejects(() => lib.addFact({ text: 'x', sourceId: s.id, locator: { label: 'folio', value: '3' } }), 'validation', /^fact\.locator\.label/);
  });

  it('refuses a duplicate tag, in one list or already on the fact, and changes nothing', () => {
    const s = lib.addSource(SAMPLE_SOURCE);
    rejects(() => lib.addFact({ text: 'x', sourceId: s.id, tags: ['Ukraine', 'ukraine'] }), 'validation', /^fact\.tags: duplicate tag "ukraine"/);
    const f = lib.addFact({ text: 'y', sourceId: s.id, tags: ['Ukraine'] });
    rejects(() => lib.tagFact(f.id, ['UKRAINE']), 'conflict', /already has tag "UKRAINE"/);
    expect(lib.getFact(f.id).tags).toEqual(['Ukraine']);
  });

  it('treats tags case-insensitively and renames or merges them everywhere', () => {
    const s = lib.addSource(SAMPLE_SOURCE);
    const a = lib.addFact({ text: 'a', sourceId: s.id, tags: ['grain'] });
    const b = lib.addFact({ text: 'b', sourceId: s.id, tags: ['Grain exports'] });
    lib.tagFact(b.id, ['GRAIN']);
    expect(lib.listTags()).toEqual([
      { name: 'grain', count: 2 },
      { name: 'Grain exports', count: 1 },
    ]);
    expect(() => lib.renameTag('grain', 'grain exports')).toThrow(/already exists/);
    lib.renameTag('grain', 'Grain exports', { merge: true });
    expect(lib.listTags()).toEqual([{ name: 'Grain exports', count: 2 }]);
    expect(lib.getFact(a.id).tags).toEqual(['Grain exports']);
    expect(lib.searchFacts({ tags: ['grain exports'] }).total).toBe(2);
    lib.untagFact(a.id, ['grain exports']);
    expect(lib.getFact(a.id).tags).toEqual([]);
  });

  it('edits, verifies, and clears fields; reports the briefings that cite a corrected fact', () => {
    const s = lib.addSource(SAMPLE_SOURCE);
    const f = lib.addFact({ text: 'Exports rose 4 percent.', sourceId: s.id, credibility: 3, locator: { label: 'page', value: '2' } });
    const b = lib.createBriefing({ title: 'Weekly', templateId: 'situation-report' }, [{ key: 'situation', heading: 'Situation' }]);
    lib.addItems(b.id, [{ kind: 'fact', factId: f.id }]);
    const e = lib.updateFact(f.id, { text: 'Exports rose 5 percent.', credibility: null, locator: null, kind: 'statistic' });
    expect(e).toMatchObject({ text: 'Exports rose 5 percent.', kind: 'statistic' });
    expect(e.credibility).toBeUndefined();
    expect(e.locator).toBeUndefined();
    expect(lib.briefingsUsingFact(f.id)).toEqual([{ briefingId: b.id, title: 'Weekly', count: 1 }]);
    const v = lib.verifyFact(f.id, '2024-03-01T10:00:00.000Z');
    expect(v.verifiedAt).toBe('2024-03-01T10:00:00.000Z');
    rejects(() => lib.removeFact(f.id), 'conflict', /cited in briefing\(s\) "Weekly"/);
  });

  it('refuses the same words twice for one source but allows them for another', () => {
    const s = lib.addSource(SAMPLE_SOURCE);
    const t = lib.addSource({ type: 'report', title: 'Another' });
    lib.addFact({ text: 'Talks resumed on “Monday”.', sourceId: s.id });
    rejects(() => lib.addFact({ text: 'talks  resumed on "Monday".', sourceId: s.id }), 'conflict', /same text/);
    expect(lib.addFact({ text: 'Talks resumed on “Monday”.', sourceId: t.id }).sourceId).toBe(t.id);
  });

  it('keeps a failed multi-row write out entirely (transaction)', () => {
    const s = lib.addSource(SAMPLE_SOURCE);
    const f = lib.addFact({ text: 'A fact.', sourceId: s.id });
    const b = lib.createBriefing({ title: 'B', templateId: 'info-memo' }, [{ key: 'bluf', heading: 'BLUF' }]);
    const before = lib.getBriefing(b.id);
    expect(() =>
      lib.addItems(b.id, [
        { kind: 'fact', factId: f.id },
        { kind: 'fact', factId: 'missing-fact' },
      ]),
    ).toThrow(/items\[1\]\.factId: no fact/);
    expect(lib.getBriefing(b.id)).toEqual(before);
  });
});

describe('clearing fields', () => {
  it('clears event date, via source, marking and notes with null', () => {
    const s = lib.addSource(SAMPLE_SOURCE);
    const via = lib.addSource({ type: 'report', title: 'Wire' });
    const f = lib.addFact({ text: 'Cleared later.', sourceId: s.id, eventDate: '2024', viaSourceId: via.id, marking: 'U', notes: 'n' });
    const c = lib.updateFact(f.id, { eventDate: null, viaSourceId: null, marking: null, notes: null });
    expect([c.eventDate, c.viaSourceId, c.marking, c.notes]).toEqual([undefined, undefined, undefined, undefined]);
  });
  it('returns a briefing to the template default note placement', () => {
    const b = lib.createBriefing({ title: 'B', templateId: 'info-memo', notePlacement: 'endnotes' }, [{ key: 'bluf', heading: 'BLUF' }]);
    expect(lib.updateBriefing(b.id, { notePlacement: null }).notePlacement).toBeUndefined();
  });
});

describe('merging duplicate sources', () => {
  it('moves facts, merges identical ones (repointing briefings), fills empty fields, deletes the duplicate', () => {
    const keep = lib.addSource({ type: 'article-newspaper', title: 'Grain corridor reopens', issued: '2024-01-19' });
    const dup = lib.addSource({ ...SAMPLE_SOURCE, title: 'Grain Corridor Reopens (copy)' });
    const relay = lib.addSource({ type: 'report', title: 'Digest' });
    const same = lib.addFact({ text: 'Ships left Odesa.', sourceId: keep.id });
    const twin = lib.addFact({ text: 'Ships left Odesa.', sourceId: dup.id });
    const other = lib.addFact({ text: 'Talks resumed.', sourceId: dup.id });
    const relayed = lib.addFact({ text: 'A relayed claim.', sourceId: relay.id, viaSourceId: dup.id });
    const b = lib.createBriefing({ title: 'B', templateId: 'info-memo' }, [{ key: 'bluf', heading: 'BLUF' }]);
    lib.addItems(b.id, [{ kind: 'fact', factId: twin.id }]);
    const r = lib.mergeSources(keep.id, dup.id);
    expect(r).toMatchObject({ movedFacts: 1, mergedFacts: 1 });
    expect(r.source).toMatchObject({
      title: 'Grain corridor reopens',
      url: SAMPLE_SOURCE.url,
      containerTitle: SAMPLE_SOURCE.containerTitle,
      reliability: 'B',
      issued: '2024-01-19',
    });
    expect(r.source.authors).toEqual(SAMPLE_SOURCE.authors);
    expect(() => lib.getSource(dup.id)).toThrow(/not found/);
    expect(lib.getFact(other.id).sourceId).toBe(keep.id);
    expect(lib.getFact(relayed.id).viaSourceId).toBe(keep.id);
    expect(lib.getBriefing(b.id).sections[0].items[0]).toMatchObject({ factId: same.id });
    expect(lib.check().ok).toBe(true);
    rejects(() => lib.mergeSources(keep.id, keep.id), 'validation', /cannot be merged into itself/);
  });
});
