import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CslItem } from '../../core/csl';
import type { Library } from '../../db/library';
import { SAMPLE_SOURCE, tempLibrary } from '../../db/testing/temp-library';
import { importSources } from './merge';
import { parseBibliography } from './parse';
import { BIBTEX, RIS, ZOTERO_CSL_JSON } from './testing/fixtures';

let lib: Library;
let cleanup: () => void;
beforeEach(() => {
  ({ lib, cleanup } = tempLibrary());
});
afterEach(() => cleanup());

const snapshot = (l: Library) => l.listSources().map(({ factCount: _f, ...s }) => s);

const report = (over: Partial<CslItem> = {}): CslItem => ({
  id: 'r1',
  type: 'report',
  title: 'Grain Corridor: Costs and Benefits',
  author: [{ family: 'Okafor', given: 'Adaeze' }],
  publisher: 'Meridian Institute',
  issued: { 'date-parts': [[2024, 1]] },
  ...over,
});

describe('importSources', () => {
  it('creates one source per item, keeping unknown CSL fields in extra', () => {
    const { items } = parseBibliography(BIBTEX, 'bibtex');
    const r = importSources(lib, items);
    expect(r.created).toHaveLength(8);
    expect(r.merged).toEqual([]);
    expect(r.skipped).toEqual([]);
    const okafor = r.created[0];
    expect(okafor).toMatchObject({
      type: 'report',
      title: 'The NATO Grain Corridor: Costs – and Benefits',
      publisher: 'Meridian Institute',
      publisherPlace: 'London',
      number: 'PR-12',
      issued: '2024-01',
      accessed: '2024-03-05',
      doi: '10.5555/MERIDIAN.2024.12',
      url: 'https://www.meridian.example/reports/grain-corridor/',
    });
    expect(okafor.extra).toMatchObject({ genre: 'Policy Report', 'citation-key': 'okafor2024grain', abstract: 'How the corridor changed freight costs.' });
    const statement = r.created.find((s) => s.title.startsWith('Statement'))!;
    expect(statement.authors).toEqual([{ literal: 'U.S. Department of State' }]);
    // A conference paper is stored as a chapter; its CSL type is kept for export.
    const paper = r.created.find((s) => s.title.startsWith('Maritime'))!;
    expect(paper).toMatchObject({ type: 'chapter', containerTitle: 'Proceedings of the Conference on Maritime Security' });
    expect(paper.extra['original-type']).toBe('paper-conference');
    expect(lib.listSources()).toHaveLength(8);
  });

  it('skips an invalid item with a message naming it and the field, and imports the rest', () => {
    const items = [
      report(),
      report({ id: 'bad-url', title: 'Bad link', URL: 'www.example.org/x' }),
      report({ id: 'untitled', title: '  ' }),
      report({ id: 'r3', title: 'Other', DOI: 'not a doi' }),
    ];
    const r = importSources(lib, items);
    expect(r.created.map((s) => s.title)).toEqual(['Grain Corridor: Costs and Benefits']);
    expect(r.skipped).toEqual([
      { index: 1, problem: expect.stringMatching(/^Item 2 "bad-url" \("Bad link"\): url: must be an http\(s\) address/) },
      { index: 2, problem: expect.stringMatching(/^Item 3 "untitled": title: must not be empty/) },
      { index: 3, problem: expect.stringMatching(/^Item 4 "r3" \("Other"\): doi: is not a DOI/) },
    ]);
  });

  it('merges a duplicate by DOI (any case, with a doi.org prefix) and fills only empty fields', () => {
    const existing = lib.addSource({ ...SAMPLE_SOURCE, type: 'report', title: 'My own title', doi: '10.5555/ABC.1', notes: 'my notes', issued: '2024-01-19' });
    const r = importSources(lib, [
      report({
        DOI: 'https://doi.org/10.5555/abc.1',
        title: 'Their title',
        note: 'their note',
        issued: { 'date-parts': [[2023]] },
        page: '1-20',
        abstract: 'Abs',
      }),
    ]);
    expect(r.created).toEqual([]);
    expect(r.merged).toHaveLength(1);
    const m = r.merged[0];
    expect(m.existing.id).toBe(existing.id);
    expect(m.fieldsFilled.sort()).toEqual(['extra.abstract', 'pages', 'publisher']);
    expect(m.existing).toMatchObject({ title: 'My own title', notes: 'my notes', issued: '2024-01-19', pages: '1-20', publisher: 'Meridian Institute' });
    expect(m.existing.authors).toEqual(SAMPLE_SOURCE.authors);
    expect(lib.getSource(existing.id)).toEqual(m.existing);
  });

  it('merges by URL ignoring http/https, www, a trailing slash, the fragment and tracking parameters', () => {
    const a = lib.addSource({ ...SAMPLE_SOURCE, title: 'A', url: 'https://meridian.example/grain-corridor/' });
    const b = lib.addSource({ ...SAMPLE_SOURCE, title: 'B', url: 'http://www.meridian.example/b?id=7' });
    const r = importSources(lib, [
      { id: '1', type: 'webpage', title: 'A again', URL: 'http://www.meridian.example/grain-corridor' },
      { id: '2', type: 'webpage', title: 'A thrice', URL: 'https://meridian.example/grain-corridor#section-2' },
      { id: '3', type: 'webpage', title: 'B again', URL: 'https://meridian.example/b/?id=7&utm_source=newsletter' },
      { id: '4', type: 'webpage', title: 'Not B', URL: 'https://meridian.example/b?id=8' },
    ]);
    expect(r.merged.map((m) => m.existing.id)).toEqual([a.id, a.id, b.id]);
    expect(r.created.map((s) => s.title)).toEqual(['Not B']);
  });

  it('merges by normalised title with the same year, never across different DOIs', () => {
    const s = lib.addSource({ type: 'report', title: 'Grain corridor — costs & benefits', issued: '2024-01-19', doi: '10.5555/one' });
    const r = importSources(lib, [
      report({ id: 'same', title: 'GRAIN CORRIDOR: Costs and Benefits', DOI: undefined }),
      report({ id: 'other-year', title: 'Grain corridor: costs and benefits', issued: { 'date-parts': [[2023]] } }),
      report({ id: 'second-edition', title: 'Grain Corridor, Costs and Benefits', DOI: '10.5555/two' }),
    ]);
    expect(r.merged.map((m) => m.existing.id)).toEqual([s.id]);
    expect(r.created.map((c) => [c.issued, c.doi])).toEqual([
      ['2023', undefined],
      ['2024-01', '10.5555/two'],
    ]);
  });

  it('does not merge same-titled records whose dates, authors or URLs contradict', () => {
    const state = [{ literal: 'U.S. Department of State' }];
    const s = lib.addSource({ type: 'speech', title: 'Statement on Ukraine', authors: state, issued: '2024-03-07', url: 'https://state.example/s/1' });
    const r = importSources(lib, [
      { id: 'other-day', type: 'speech', title: 'Statement on Ukraine', author: state, issued: { 'date-parts': [[2024, 3, 9]] } },
      {
        id: 'other-author',
        type: 'speech',
        title: 'Statement on Ukraine',
        author: [{ literal: 'Ministry of Foreign Affairs' }],
        issued: { 'date-parts': [[2024, 3, 7]] },
      },
      {
        id: 'other-url',
        type: 'speech',
        title: 'Statement on Ukraine',
        author: state,
        issued: { 'date-parts': [[2024, 3, 7]] },
        URL: 'https://state.example/s/2',
      },
      { id: 'same', type: 'speech', title: 'Statement on Ukraine.', author: state, issued: { 'date-parts': [[2024, 3]] }, note: 'Read out at the briefing' },
    ]);
    expect(r.created.map((c) => c.issued)).toEqual(['2024-03-09', '2024-03-07', '2024-03-07']);
    expect(r.merged).toEqual([{ existing: expect.objectContaining({ id: s.id, notes: 'Read out at the briefing' }), fieldsFilled: ['notes'] }]);
    // With two same-titled statements in the library, the one whose date agrees is the match.
    const again = importSources(lib, [{ id: 'x', type: 'speech', title: 'Statement on Ukraine', author: state, issued: { 'date-parts': [[2024, 3, 9]] } }]);
    expect(again.created).toEqual([]);
    expect(again.merged[0].existing.id).toBe(r.created[0].id);
  });

  it('merges duplicates within the same file into the source the first one created', () => {
    const r = importSources(lib, [
      report({ id: 'a', URL: 'https://meridian.example/r' }),
      report({ id: 'b', title: 'Different title', URL: 'http://meridian.example/r/', DOI: '10.5555/xyz', page: '12' }),
      report({ id: 'c', title: 'Another', DOI: '10.5555/XYZ', volume: '3' }),
    ]);
    expect(r.created).toHaveLength(1);
    expect(r.merged).toHaveLength(2);
    expect(r.merged[0].fieldsFilled).toEqual(['doi', 'pages']);
    expect(r.merged[1].fieldsFilled).toEqual(['volume']);
    // Every entry shows the source as it ended up.
    expect(r.created[0]).toMatchObject({ doi: '10.5555/xyz', pages: '12', volume: '3' });
    expect(r.merged[0].existing).toEqual(r.created[0]);
    expect(lib.listSources()).toHaveLength(1);
  });

  it('re-importing the same file creates nothing and changes nothing', () => {
    const bib = parseBibliography(BIBTEX, 'bibtex').items;
    importSources(lib, bib);
    const before = snapshot(lib);
    const r = importSources(lib, bib);
    expect(r.created).toEqual([]);
    expect(r.merged).toHaveLength(8);
    expect(r.merged.every((m) => m.fieldsFilled.length === 0)).toBe(true);
    expect(snapshot(lib)).toEqual(before);
  });

  it('merges the same works from RIS and Zotero into the BibTeX-imported sources', () => {
    importSources(lib, parseBibliography(BIBTEX, 'bibtex').items);
    const ris = importSources(lib, parseBibliography(RIS, 'ris').items);
    // Report by DOI, newspaper by URL, statement by URL (www and all); the blog post is new.
    expect(ris.merged).toHaveLength(3);
    expect(ris.created.map((s) => s.title)).toEqual(['Shipping insurance after the corridor']);
    const zotero = importSources(lib, parseBibliography(ZOTERO_CSL_JSON, 'csl-json').items);
    expect(zotero.merged).toHaveLength(2);
    expect(zotero.created.map((s) => s.type)).toEqual(['document']);
    expect(zotero.created[0].extra).toMatchObject({ 'original-type': 'thesis', genre: 'PhD thesis', issued: { literal: 'forthcoming' } });
  });

  it('dry run reports the same result and writes nothing', () => {
    lib.addSource({ ...SAMPLE_SOURCE, doi: '10.5555/MERIDIAN.2024.12' });
    const before = snapshot(lib);
    const items = parseBibliography(BIBTEX, 'bibtex').items;
    const dry = importSources(lib, items, { dryRun: true });
    expect(snapshot(lib)).toEqual(before);
    expect(dry.created).toHaveLength(7);
    expect(dry.merged).toHaveLength(1);
    const real = importSources(lib, items);
    expect(real.created.map((s) => s.title)).toEqual(dry.created.map((s) => s.title));
    expect(real.merged[0].fieldsFilled).toEqual(dry.merged[0].fieldsFilled);
  });

  it('cancelled after N progress events: AbortError, and the library is exactly as before', () => {
    lib.addSource({ ...SAMPLE_SOURCE, doi: '10.5555/MERIDIAN.2024.12' });
    const before = snapshot(lib);
    const ctrl = new AbortController();
    let events = 0;
    const items = parseBibliography(BIBTEX, 'bibtex').items;
    expect(() =>
      importSources(lib, items, {
        signal: ctrl.signal,
        onProgress: (p) => {
          expect(p.total).toBe(8);
          if (++events === 5) ctrl.abort();
        },
      }),
    ).toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect(events).toBe(5);
    expect(snapshot(lib)).toEqual(before);
    // An already-aborted signal stops before anything.
    expect(() => importSources(lib, items, { signal: AbortSignal.abort() })).toThrow(expect.objectContaining({ name: 'AbortError' }));
  });

  it('an unexpected error mid-way rolls the whole import back', () => {
    const before = snapshot(lib);
    let events = 0;
    expect(() =>
      importSources(lib, parseBibliography(BIBTEX, 'bibtex').items, {
        onProgress: () => {
          if (++events === 6) throw new Error('disk on fire');
        },
      }),
    ).toThrow('disk on fire');
    expect(snapshot(lib)).toEqual(before);
  });
});
