import { afterEach, describe, expect, it } from 'vitest';
import type { Source } from '../../core/model';
import type { Library } from '../../db/library';
import { tempLibrary } from '../../db/testing/temp-library';
import { sourceToExportCsl } from './csl-source';
import { exportBibtex, exportCslJson, exportRis } from './export';
import { importSources } from './merge';
import { type BibliographyFormat, parseBibliography } from './parse';

/**
 * BibLaTeX and RIS exports keep what a reference manager shows besides the citation: short
 * title, abstract, keywords, language, and the item's own type (a thesis, a web page, a
 * chapter in an edited book), and each imports back into a library with them.
 */
const libs: { lib: Library; cleanup(): void }[] = [];
const fresh = () => {
  const t = tempLibrary();
  libs.push(t);
  return t.lib;
};
afterEach(() => {
  while (libs.length) libs.pop()!.cleanup();
});
const all = (lib: Library): Source[] => lib.listSources().map(({ factCount: _f, ...s }) => s);

const ITEMS = [
  {
    id: 'thesis',
    type: 'thesis',
    title: 'Grain Logistics in the Black Sea: Ports, Insurers and the State',
    'title-short': 'Grain Logistics in the Black Sea',
    abstract: 'How ports and insurers answered the blockade, 2022–2024.',
    keyword: 'grain, logistics, maritime insurance',
    language: 'en-GB',
    author: [{ family: 'Petrov', given: 'Sara' }],
    publisher: 'University of Odesa',
    genre: 'PhD thesis',
    issued: { 'date-parts': [[2021]] },
  },
  {
    id: 'web',
    type: 'webpage',
    title: 'Corridor shipping dashboard',
    URL: 'https://ministry.example.gov/corridor',
    language: 'uk',
    author: [{ literal: 'Ministry of Infrastructure' }],
    issued: { 'date-parts': [[2024, 3, 1]] },
    accessed: { 'date-parts': [[2024, 4, 2]] },
  },
  {
    id: 'chapter',
    type: 'chapter',
    title: 'Ports under fire',
    'container-title': 'The Black Sea after 2022',
    abstract: 'A chapter on port capacity.',
    author: [{ family: 'Chen', given: 'Wei' }],
    editor: [{ family: 'Lee', given: 'Mark' }],
    publisher: 'Oxford University Press',
    page: '1-20',
    issued: { 'date-parts': [[2023]] },
  },
];

function exported(): Source[] {
  const lib = fresh();
  importSources(lib, parseBibliography(JSON.stringify(ITEMS), 'csl-json').items);
  return all(lib).sort((a, b) => a.title.localeCompare(b.title));
}

/**
 * The fields under test, as the library would export them to CSL-JSON again. Keywords as a
 * list: citation-js joins them back with bare commas ("a,b"), the same keywords.
 */
function kept(sources: Source[]) {
  return sources
    .map(sourceToExportCsl)
    .map((i) => ({
      type: i.type,
      title: i.title,
      'title-short': i['title-short'],
      abstract: i.abstract,
      keyword: typeof i.keyword === 'string' ? i.keyword.split(/\s*,\s*/) : i.keyword,
      language: i.language,
    }))
    .sort((a, b) => String(a.title).localeCompare(String(b.title)));
}

function reimported(text: string, format: BibliographyFormat): Source[] {
  const { items, warnings } = parseBibliography(text, format);
  expect(warnings).toEqual([]);
  const lib = fresh();
  const r = importSources(lib, items);
  expect(r.skipped).toEqual([]);
  return all(lib);
}

describe('BibTeX export (BibLaTeX data model)', () => {
  it('writes @thesis, @online and @incollection with shorttitle, abstract, keywords and language', () => {
    const bib = exportBibtex(exported());
    expect(bib).toMatch(/^@thesis\{petrov2021grain,$/m);
    expect(bib).toMatch(/^@online\{ministry2024corridor,$/m);
    expect(bib).toMatch(/^@incollection\{chen2023ports,$/m);
    expect(bib).not.toMatch(/^@misc\{/m);
    // The access date once, as BibLaTeX's urldate, not again as a note.
    expect(bib).toMatch(/^ {2}urldate += \{2024-04-02\},$/m);
    expect(bib).not.toContain('[Online; accessed');
    expect(bib).toMatch(/^ {2}shorttitle += \{Grain \{Logistics\} in the \{Black\} \{Sea\}\},$/m);
    expect(bib).toMatch(/^ {2}abstract +=\s\{How ports and insurers answered the blockade, 2022–2024\.\},$/m);
    expect(bib).toMatch(/^ {2}keywords +=\s\{grain, logistics, maritime insurance\},$/m);
    expect(bib).toMatch(/^ {2}language +=\s\{en-GB\},$/m);
  });

  it('imports back with the same types, short title, abstract, keywords and language', () => {
    const before = exported();
    expect(kept(reimported(exportBibtex(before), 'bibtex'))).toEqual(kept(before));
  });
});

describe('RIS export', () => {
  it('writes one record per source with its RIS type and a KW line per keyword', () => {
    const ris = exportRis(exported());
    expect(ris.match(/^TY {2}- /gm)).toHaveLength(3);
    expect(ris.match(/^ER {2}- ?$/gm)).toHaveLength(3);
    expect(ris).toMatch(/^TY {2}- THES$/m);
    expect(ris).toMatch(/^TY {2}- CHAP$/m);
    expect(ris).toMatch(/^ST {2}- Grain Logistics in the Black Sea$/m);
    expect(ris).toMatch(/^AB {2}- How ports and insurers answered the blockade, 2022–2024\.$/m);
    expect(ris.match(/^KW {2}- .*$/gm)).toEqual(['KW  - grain', 'KW  - logistics', 'KW  - maritime insurance']);
    expect(ris).toMatch(/^LA {2}- en-GB$/m);
    expect(exportRis([])).toBe('');
  });

  it('imports back with the same types, short title, abstract, keywords and language', () => {
    const before = exported();
    expect(kept(reimported(exportRis(before), 'ris'))).toEqual(kept(before));
  });

  it('loses no source a CSL-JSON export has', () => {
    const before = exported();
    const fromRis = reimported(exportRis(before), 'ris')
      .map((s) => s.title)
      .sort();
    const fromJson = reimported(exportCslJson(before), 'csl-json')
      .map((s) => s.title)
      .sort();
    expect(fromRis).toEqual(fromJson);
  });
});
