import { describe, expect, it } from 'vitest';
import type { CslItem } from '../../core/csl';
import { DossierError } from '../../core/errors';
import type { ImportProgress } from '../document';
import { syntheticBibtex } from './bench';
import { parseBibliography } from './parse';
import { BIBTEX, RIS, ZOTERO_CSL_JSON } from './testing/fixtures';

const byId = (items: CslItem[], id: string) => {
  const item = items.find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id} in ${items.map((i) => i.id).join(', ')}`);
  return item;
};
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('BibTeX', () => {
  const { items, warnings, skipped } = parseBibliography(BIBTEX, 'bibtex');

  it('reads every well-formed entry, skips the broken one and names it with its key and line', () => {
    expect(items.map((i) => i.id)).toEqual([
      'okafor2024grain',
      'lee2024deal',
      'state2024statement',
      'aidact2022',
      'chen2021maritime',
      'garcia2019sanctions',
      'plato1992republic',
      'worldbank2023prices',
    ]);
    expect(warnings).toEqual([]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ key: 'broken2023', line: lineOf(BIBTEX, '@misc{broken2023') });
    expect(skipped[0].problem).toContain(`"broken2023" (@misc, line ${lineOf(BIBTEX, '@misc{broken2023')})`);
    expect(skipped[0].problem).toMatch(/not closed/);
  });

  it('decodes LaTeX accents, dashes and protected capitals; resolves @string macros', () => {
    const r = byId(items, 'okafor2024grain');
    expect(r.title).toBe('The NATO Grain Corridor: Costs – and Benefits');
    expect(r.author).toEqual([
      { given: 'Adaeze', family: 'Okafor' },
      { given: 'José', family: 'Müller' },
      { given: 'Søren', family: 'Østergaard' },
    ]);
    expect(byId(items, 'garcia2019sanctions').author).toEqual([{ given: 'María', family: 'García' }]);
    expect(r.publisher).toBe('Meridian Institute');
  });

  it('maps a think-tank @techreport to a report with institution, number, place, partial date, DOI, URL and access date', () => {
    const r = byId(items, 'okafor2024grain');
    expect(r).toMatchObject({
      type: 'report',
      genre: 'Policy Report',
      number: 'PR-12',
      'publisher-place': 'London',
      issued: { 'date-parts': [[2024, 1]] },
      accessed: { 'date-parts': [[2024, 3, 5]] },
      DOI: '10.5555/MERIDIAN.2024.12',
      URL: 'https://www.meridian.example/reports/grain-corridor/',
      abstract: 'How the corridor changed freight costs.',
      'citation-key': 'okafor2024grain',
    });
  });

  it('reads a newspaper article (entrysubtype) with urldate', () => {
    expect(byId(items, 'lee2024deal')).toMatchObject({
      type: 'article-newspaper',
      'container-title': 'The Meridian Herald',
      issued: { 'date-parts': [[2024, 1, 19]] },
      accessed: { 'date-parts': [[2024, 1, 20]] },
    });
    expect(byId(items, 'lee2024deal').genre).toBeUndefined();
  });

  it('turns double-braced institutions into CSL literals, but keeps a braced or bare single name a family name', () => {
    expect(byId(items, 'state2024statement')).toMatchObject({
      type: 'webpage',
      author: [{ literal: 'U.S. Department of State' }],
      issued: { 'date-parts': [[2024, 3]] },
      publisher: 'Office of the Spokesperson',
    });
    expect(byId(items, 'worldbank2023prices')).toMatchObject({
      type: 'webpage',
      author: [{ literal: 'World Bank' }],
      URL: 'https://data.worldbank.example/food-prices',
      issued: { 'date-parts': [[2023, 11]] },
    });
    expect(byId(items, 'plato1992republic').author).toEqual([{ family: 'Plato' }]);
    const single = parseBibliography('@book{a, author = {{Plato}}, title = {Republic}}', 'bibtex').items[0];
    expect(single.author).toEqual([{ family: 'Plato' }]);
    const mixed = parseBibliography(
      String.raw`@report{b, author = {{NATO Parliamentary Assembly} and Lloyd George, David and {Lloyd George}, Megan}, title = {T}}`,
      'bibtex',
    ).items[0];
    expect(mixed.author).toEqual([
      { literal: 'NATO Parliamentary Assembly' },
      { given: 'David', family: 'Lloyd George' },
      { given: 'Megan', family: 'Lloyd George' },
    ]);
  });

  it('reads legislation, conference papers, chapters and books', () => {
    expect(byId(items, 'aidact2022')).toMatchObject({ type: 'legislation', number: 'Pub. L. 117-81', issued: { 'date-parts': [[2022]] } });
    expect(byId(items, 'chen2021maritime')).toMatchObject({
      type: 'paper-conference',
      'container-title': 'Proceedings of the Conference on Maritime Security',
      page: '45-61',
      title: 'Maritime Traffic After the Kerch Incident',
    });
    expect(byId(items, 'chen2021maritime').author![1]).toEqual({ given: 'Jan', family: 'Berg', 'non-dropping-particle': 'van der' });
    expect(byId(items, 'garcia2019sanctions')).toMatchObject({
      type: 'chapter',
      editor: [{ given: 'Anna', family: 'Kowalczyk' }],
      'container-title': 'Handbook of Economic Statecraft',
      issued: { 'date-parts': [[2019, 9]] },
    });
    expect(byId(items, 'plato1992republic')).toMatchObject({ type: 'book', publisher: 'Hackett' });
  });

  it('reads partial dates in every spelling', () => {
    const bib = String.raw`
@misc{y, title = {Year only}, year = 2024}
@misc{ym, title = {Year and month name}, year = {2024}, month = {March}}
@misc{d, title = {BibLaTeX month}, date = {2024-03}}
@misc{bad, title = {Impossible day}, date = {2024-02-30}}
@misc{lit, title = {No date}, year = {n.d.}}`;
    const { items: got } = parseBibliography(bib, 'bibtex');
    expect(byId(got, 'y').issued).toEqual({ 'date-parts': [[2024]] });
    expect(byId(got, 'ym').issued).toEqual({ 'date-parts': [[2024, 3]] });
    expect(byId(got, 'd').issued).toEqual({ 'date-parts': [[2024, 3]] });
    expect(byId(got, 'bad').issued).toEqual({ 'date-parts': [[2024, 2]] });
    expect(byId(got, 'lit').issued).toEqual({ literal: 'n.d.' });
  });

  it('unescapes URLs, reads entries without a key, and reports a syntax error with its file line', () => {
    const bib = [
      String.raw`@misc{u, title = {Escaped}, url = {https://x.example/a\_b\%20c}}`,
      String.raw`@misc{, title = {No key}}`,
      String.raw`@article{x, title = {Missing comma} year = 2024}`,
      String.raw`@misc{z, title = {Last}}`,
    ].join('\n');
    const { items: got, warnings: w, skipped: s } = parseBibliography(bib, 'bibtex');
    expect(byId(got, 'u').URL).toBe('https://x.example/a_b%20c');
    expect(got.find((i) => i.title === 'No key')).toMatchObject({ id: 'entry-line-2' });
    expect(got.find((i) => i.title === 'No key')!['citation-key']).toBeUndefined();
    expect(got.map((i) => i.title)).toContain('Last');
    expect(w).toEqual([]);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ key: 'x', line: 3 });
    expect(s[0].problem).toMatch(/Entry "x" \(line 3\) could not be read \(.*at line 3, column \d+\); it was skipped/);
  });

  it('skips entries nested inside another one, naming each with its key and line', () => {
    const bib = [
      '@article{outer2024,',
      '  title = {Grain corridor insurance},',
      '  author = {Okafor, Adaeze},',
      '  @inproceedings{inner2023, title = {Black Sea shipping}, year = {2023}}',
      '  year = {2024}',
      '}',
      '@book{oneline2022, title = {Outer}, @book{inner2021, title = {Inner}}, year = 2022}',
      '@article{fine2020, title = {Fine}, author = {Lee, Mark}, journal = {Maritime Review}, year = {2020}}',
    ].join('\n');
    const r = parseBibliography(bib, 'bibtex');
    expect(r.items.map((i) => i.id)).toEqual(['inner2023', 'fine2020']);
    expect(r.skipped.map(({ key, line }) => ({ key, line }))).toEqual([
      { key: 'outer2024', line: 1 },
      { key: 'oneline2022', line: 7 },
    ]);
    expect(r.skipped[0].problem).toBe(
      'Entry "outer2024" (@article, line 1) is not closed: a "{" has no matching "}" before the next entry at line 4; it was skipped.',
    );
    expect(r.skipped[1].problem).toMatch(/^Entry "oneline2022" \(line 7\) could not be read \(invalid syntax at line 7, column \d+\); it was skipped\.$/);
    expect(r.warnings).toEqual(['Entry "inner2023" (@inproceedings, line 4): text after its closing "}" was ignored; is there a "}" too many inside it?']);
  });

  it('fills crossref fields from the parent entry', () => {
    const bib = String.raw`
@inproceedings{child, author = {Chen, Wei}, title = {Paper}, crossref = {procs}, pages = {1--2}}
@proceedings{procs, title = {Proceedings of Things}, publisher = {Seaways Press}, year = {2020}}`;
    const { items: got } = parseBibliography(bib, 'bibtex');
    expect(byId(got, 'child')).toMatchObject({ 'container-title': 'Proceedings of Things', publisher: 'Seaways Press', issued: { 'date-parts': [[2020]] } });
  });

  it('reports progress per entry and cancels between entries with an AbortError', () => {
    const events: ImportProgress[] = [];
    parseBibliography(BIBTEX, 'bibtex', { onProgress: (p) => events.push(p) });
    expect(events.at(-1)).toEqual({ phase: 'Converting entry 8 of 8', done: 8, total: 8 });

    const ctrl = new AbortController();
    let seen = 0;
    const run = () =>
      parseBibliography(BIBTEX, 'bibtex', {
        signal: ctrl.signal,
        onProgress: () => {
          if (++seen === 3) ctrl.abort();
        },
      });
    expect(run).toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect(seen).toBe(3);
  });

  it('parses 10,000 entries in seconds, and a file of one endless brace in linear time', () => {
    const t0 = performance.now();
    const { items: got, warnings: w } = parseBibliography(syntheticBibtex(10_000), 'bibtex');
    const ms = performance.now() - t0;
    expect(got).toHaveLength(10_000);
    expect(w).toEqual([]);
    expect(ms).toBeLessThan(15_000);

    const evil = '@misc{a, title = ' + '{'.repeat(200_000) + '\n'.repeat(50_000) + '@misc{b, title={ok}}\n';
    const t1 = performance.now();
    const r = parseBibliography(evil, 'bibtex');
    expect(performance.now() - t1).toBeLessThan(2_000);
    expect(r.items.map((i) => i.id)).toEqual(['b']);
    expect(r.skipped[0].problem).toMatch(/Entry "a" .* not closed/);
  });
});

describe('RIS', () => {
  const { items, warnings } = parseBibliography(RIS, 'ris');

  it('reads every record', () => {
    expect(warnings).toEqual([]);
    expect(items.map((i) => i.type)).toEqual(['report', 'article-newspaper', 'report', 'webpage']);
  });

  it('reads partial dates (PY 2024///, DA 2024/03/), Y2 access dates, DOIs and wrapped abstracts', () => {
    expect(items[0]).toMatchObject({
      title: 'Grain corridor costs and benefits',
      author: [
        { family: 'Okafor', given: 'Adaeze' },
        { family: 'Müller', given: 'José' },
      ],
      issued: { 'date-parts': [[2024, 3]] },
      accessed: { 'date-parts': [[2024, 4, 5]] },
      publisher: 'Meridian Institute',
      'publisher-place': 'London',
      DOI: '10.5555/meridian.2024.12',
      abstract: 'How the corridor changed freight costs, with data from three seasons.',
    });
  });

  it("makes a newspaper record's AU its author, and reads a full DA with a trailing slash", () => {
    expect(items[1]).toMatchObject({
      author: [{ family: 'Lee', given: 'Kim' }],
      'container-title': 'The Meridian Herald',
      issued: { 'date-parts': [[2024, 1, 19]] },
      accessed: { 'date-parts': [[2024, 1, 20]] },
    });
    expect(items[1].reporter).toBeUndefined();
  });

  it('reads an institution as a literal and PY 2024/03/07/ as a full date', () => {
    expect(items[2]).toMatchObject({ author: [{ literal: 'U.S. Department of State' }], issued: { 'date-parts': [[2024, 3, 7]] } });
    expect(items[3]).toMatchObject({ type: 'webpage', accessed: { 'date-parts': [[2023, 12, 1]] }, URL: 'https://blog.example/insurance' });
  });

  it('survives stray lines, a missing ER and unknown types, with warnings', () => {
    const ris = 'AU  - Nobody\nTY  - ZZZZ\nTI  - Odd type\nPY  - 2020\nER  - \nTY  - WEB\nTI  - A page\nUR  - https://x.example\nAU  - Chen, Wei\n';
    const r = parseBibliography(ris, 'ris');
    expect(r.items).toMatchObject([
      { type: 'document', title: 'Odd type', issued: { 'date-parts': [[2020]] } },
      { type: 'webpage', title: 'A page', URL: 'https://x.example', author: [{ family: 'Chen', given: 'Wei' }] },
    ]);
    expect(r.warnings.join('\n')).toMatch(/line 1 are outside any record/);
    expect(r.warnings.join('\n')).toMatch(/line 6 has no "ER"/);
    expect(r.warnings.join('\n')).toMatch(/"ZZZZ" is unknown/);
  });
});

describe('CSL-JSON', () => {
  it('reads a Zotero export: string date parts, numbers as text, extra fields kept, stray name keys dropped', () => {
    const { items, warnings } = parseBibliography(ZOTERO_CSL_JSON, 'csl-json');
    expect(warnings).toEqual([]);
    expect(items[0]).toMatchObject({
      type: 'report',
      issued: { 'date-parts': [[2024, 1]] },
      accessed: { 'date-parts': [[2024, 3, 5]] },
      'collection-title': 'Policy Reports',
      'citation-key': 'okafor2024grain',
      author: [{ family: 'Okafor', given: 'Adaeze' }, { literal: 'Meridian Institute Research Team' }],
    });
    expect(items[1]).toMatchObject({ page: '4', section: 'World' });
    expect(items[2]).toMatchObject({ type: 'thesis', author: [{ family: 'Nakamura', given: 'Yuki' }], issued: { literal: 'forthcoming' } });
  });

  it('accepts a single item, and refuses what is not CSL-JSON with a DossierError', () => {
    expect(parseBibliography('{"type":"book","title":"One"}', 'csl-json').items).toMatchObject([{ id: 'item-1', type: 'book', title: 'One' }]);
    expect(() => parseBibliography('[{"type": "book",', 'csl-json', { fileName: 'zotero.json' })).toThrow(DossierError);
    expect(() => parseBibliography('[{"type": "book",', 'csl-json', { fileName: 'zotero.json' })).toThrow(/zotero\.json: is not CSL-JSON/);
    expect(() => parseBibliography('42', 'csl-json')).toThrow(/expected an array/);
    const r = parseBibliography('[1, {"title": "No type"}]', 'csl-json');
    expect(r.items).toMatchObject([{ type: 'document', title: 'No type' }]);
    expect(r.skipped).toEqual([{ problem: 'Item 1 is not an object; it was skipped.' }]);
    expect(r.warnings).toEqual(['Item 2 has no type; it was imported as "document".']);
  });
});
