import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../library';
import { tempLibrary } from '../testing/temp-library';

/** Facts loaded without being read against their source: never verified (the filter's subject). */
const UNREVIEWED = { unreviewed: true };

let lib: Library;
let done: () => void;
let ids: Record<string, string> = {};

beforeAll(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
  const herald = lib.addSource({
    type: 'article-newspaper',
    title: 'Grain corridor reopens',
    authors: [{ family: 'Okafor', given: 'Adaeze' }],
    containerTitle: 'The Meridian Herald',
    issued: '2024-01-19',
    reliability: 'B',
  });
  const report = lib.addSource({
    type: 'report',
    title: 'Fertiliser markets outlook',
    authors: [{ literal: 'Institute for Trade Studies' }],
    issued: '2023',
    reliability: 'E',
  });
  ids = {
    herald: herald.id,
    report: report.id,
    quote: lib.addFact(
      {
        text: '"Shipments will resume on Jan. 22," the port authority said.',
        kind: 'quote',
        sourceId: herald.id,
        eventDate: '2024-01-22',
        tags: ['grain', 'shipping'],
        attribution: { name: 'Leda Marsh', role: 'port authority spokeswoman' },
      },
      UNREVIEWED,
    ).id,
    stat: lib.addFact(
      { text: 'Exports fell 30% to 3.2 million tonnes in December.', kind: 'statistic', sourceId: herald.id, eventDate: '2023-12', tags: ['grain'] },
      UNREVIEWED,
    ).id,
    prices: lib.addFact({
      text: 'Fertiliser prices doubled after the sanctions (U.S. data).',
      sourceId: report.id,
      eventDate: '2023',
      notes: 'Compare with FAO index.',
      verifiedAt: '2024-02-01T00:00:00.000Z',
    }).id,
    cafe: lib.addFact({ text: 'Café owners in the port city reported fewer sailors.', sourceId: report.id, tags: ['anecdote'] }, UNREVIEWED).id,
  };
});
afterAll(() => done());

const found = (q: Parameters<Library['searchFacts']>[0]) =>
  lib
    .searchFacts(q)
    .hits.map((h) => Object.entries(ids).find(([, v]) => v === h.fact.id)![0])
    .sort();

describe('search', () => {
  it('finds words in fact text, tags, notes, attribution and source metadata', () => {
    expect(found({ text: 'shipments' })).toEqual(['quote']);
    expect(found({ text: 'shipping' })).toEqual(['quote']); // tag
    expect(found({ text: 'FAO' })).toEqual(['prices']); // notes
    expect(found({ text: 'spokeswoman' })).toEqual(['quote']); // attribution
    expect(found({ text: 'Okafor' })).toEqual(['quote', 'stat']); // author
    expect(found({ text: 'institute' })).toEqual(['cafe', 'prices']); // corporate author
  });

  it('ignores accents, supports prefixes, phrases, exclusion and OR', () => {
    expect(found({ text: 'cafe' })).toEqual(['cafe']);
    expect(lib.searchFacts({ text: 'cafe' }).hits[0].highlights).toContainEqual({ text: 'Café', match: true });
    expect(
      lib
        .searchFacts({ text: 'fertil', prefixLast: true })
        .hits.flatMap((h) => h.highlights ?? [])
        .filter((x) => x.match)
        .map((x) => x.text),
    ).toContain('Fertiliser');
    expect(found({ text: 'fertil*' })).toEqual(['cafe', 'prices']);
    expect(found({ text: 'fertil', prefixLast: true })).toEqual(['cafe', 'prices']);
    expect(found({ text: '"prices doubled"' })).toEqual(['prices']);
    expect(found({ text: '"doubled prices"' })).toEqual([]);
    expect(found({ text: 'port -sailors' })).toEqual(['quote']);
    expect(found({ text: '-grain' })).toEqual(['cafe', 'prices']);
    expect(found({ text: 'sailors OR shipments' })).toEqual(['cafe', 'quote']);
  });

  it('never fails on FTS syntax typed by a user', () => {
    for (const q of [
      '"',
      '"unclosed phrase',
      'a AND',
      'NOT',
      '(',
      ')',
      '*',
      'col:value',
      'U.S.',
      '-',
      '--',
      '^start',
      'a + b',
      'NEAR(a b)',
      '""',
      "'",
      '{}',
      'grain*)',
      '\u0000',
      '🙂',
      'AND OR NOT',
    ]) {
      expect(() => lib.searchFacts({ text: q }), q).not.toThrow();
    }
    expect(found({ text: 'U.S.' })).toEqual(['prices']);
    expect(found({ text: 'source:grain' })).toEqual([]);
    expect(found({ text: '(grain' })).toEqual(['quote', 'stat']);
  });

  it('marks matched words in the fact text without any HTML', () => {
    const hit = lib.searchFacts({ text: 'exports' }).hits[0];
    expect(hit.highlights).toEqual([
      { text: 'Exports', match: true },
      { text: ' fell 30% to 3.2 million tonnes in December.', match: false },
    ]);
  });

  it('marks the words of each hit in its own text, even when the match is in the source', () => {
    const hits = lib.searchFacts({ text: 'okafor' }).hits;
    expect(hits).toHaveLength(2);
    for (const h of hits) expect(h.highlights ?? [{ text: h.fact.text, match: false }]).toEqual([{ text: h.fact.text, match: false }]);
    const shipping = lib.searchFacts({ text: 'resume OR exports' }).hits;
    expect(shipping.map((h) => h.highlights!.filter((x) => x.match).map((x) => x.text))).toEqual(expect.arrayContaining([['resume'], ['Exports']]));
  });

  it('ranks a match in the fact text above a match only in the source', () => {
    const s = lib.addSource({ type: 'webpage', title: 'Sailors union page about sailors' });
    const own = lib.addFact({ text: 'Unrelated text about tariffs.', sourceId: s.id });
    const hits = lib.searchFacts({ text: 'sailors' }).hits.map((h) => h.fact.id);
    expect(hits[0]).toBe(ids.cafe);
    expect(hits).toContain(own.id);
    lib.removeSource(s.id, { cascade: true });
  });

  it('filters by tag, source, type, kind, reliability, dates and verification', () => {
    expect(found({ tags: ['grain'] })).toEqual(['quote', 'stat']);
    expect(found({ tags: ['grain', 'shipping'] })).toEqual(['quote']);
    expect(found({ sourceId: ids.report })).toEqual(['cafe', 'prices']);
    expect(found({ sourceTypes: ['report'] })).toEqual(['cafe', 'prices']);
    expect(found({ kinds: ['statistic'] })).toEqual(['stat']);
    expect(found({ reliability: ['A', 'B'] })).toEqual(['quote', 'stat']);
    expect(found({ eventFrom: '2024-01-01' })).toEqual(['quote']);
    expect(found({ eventFrom: '2023-12-15', eventTo: '2024-01-10' })).toEqual(['prices', 'stat']); // a month and a year overlap
    expect(found({ eventFrom: '2023-12-15', eventTo: '2023-12-20', kinds: ['statistic'] })).toEqual(['stat']);
    expect(found({ eventTo: '2023-06' })).toEqual(['prices']);
    expect(found({ issuedFrom: '2024' })).toEqual(['quote', 'stat']);
    expect(found({ issuedTo: '2023-12-31' })).toEqual(['cafe', 'prices']);
    expect(found({ notVerifiedSince: '2024-01-15' })).toEqual(['cafe', 'quote', 'stat']);
    expect(found({ text: 'grain', reliability: ['B'], kinds: ['quote'] })).toEqual(['quote']);
  });

  it('keeps the index in step when facts, tags and sources change', () => {
    lib.updateFact(ids.cafe, { text: 'Tavern owners in the port city reported fewer sailors.' });
    expect(found({ text: 'cafe' })).toEqual([]);
    expect(found({ text: 'tavern' })).toEqual(['cafe']);
    lib.renameTag('anecdote', 'hearsay');
    expect(found({ text: 'hearsay' })).toEqual(['cafe']);
    lib.updateSource(ids.report, { title: 'Nitrogen markets outlook' });
    expect(found({ text: 'nitrogen' })).toEqual(['cafe', 'prices']);
    expect(found({ text: 'fertiliser markets' })).toEqual(['prices']); // only its own text now
    expect(lib.check().searchIndexMismatch).toBe(0);
  });

  it('pages and counts', () => {
    const r = lib.searchFacts({ limit: 2, sort: 'oldest' });
    expect(r.total).toBe(4);
    expect(r.hits).toHaveLength(2);
    expect(lib.searchFacts({ limit: 2, offset: 2, sort: 'oldest' }).hits.map((h) => h.fact.id)).not.toContain(r.hits[0].fact.id);
  });
});
