import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Source } from '../../core/model';
import type { Library } from '../../db/library';
import { tempLibrary } from '../../db/testing/temp-library';
import { citationKeys, exportBibtex, exportCslJson } from './export';
import { importSources } from './merge';
import { parseBibliography } from './parse';
import { BIBTEX, RIS, ZOTERO_CSL_JSON } from './testing/fixtures';

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
const content = ({ id: _i, createdAt: _c, updatedAt: _u, ...rest }: Source) => rest;
const sorted = (sources: Source[]) => sources.map(content).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** A library with every kind of source the importers make, plus hand-made ones. */
function populated(): Library {
  const lib = fresh();
  importSources(lib, parseBibliography(BIBTEX, 'bibtex').items);
  importSources(lib, parseBibliography(RIS, 'ris').items);
  importSources(lib, parseBibliography(ZOTERO_CSL_JSON, 'csl-json').items);
  lib.addSource({
    type: 'article-journal',
    title: 'Everything at once',
    authors: [
      { family: 'Kowalczyk', given: 'Anna', suffix: 'Jr.' },
      { family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' },
    ],
    editors: [{ family: 'Haddad', given: 'Karim' }],
    containerTitle: 'Journal of Policy Studies',
    publisher: 'Atlas',
    publisherPlace: 'New York',
    issued: '2021-06-30',
    accessed: '2024-02-01',
    url: 'https://jps.example/articles/everything_at_once?x=1&y=2',
    doi: '10.5555/jps.2021.7',
    pages: '12–34',
    volume: '7',
    issue: '2',
    number: 'A-9',
    language: 'en-GB',
    notes: 'Read twice; the table on p. 20 is the useful part.',
    reliability: 'B',
    extra: { custom: { project: 'corridor' }, ISSN: '1234-5678', 'citation-key': 'kowalczyk2021everything' },
  });
  lib.addSource({
    type: 'speech',
    title: 'Заявление о зерновом коридоре',
    authors: [{ family: 'Лавров', given: 'Сергей' }],
    issued: '2023-07-18',
    reliability: 'E',
  });
  lib.addSource({
    type: 'document',
    title: 'R&D spending: 50% of $ budgets_#1 {draft} ~ ^ \\ path',
    authors: [{ literal: 'Meridian R&D Unit' }],
    issued: '2022',
  });
  lib.addSource({ type: 'report', title: 'Annual review of the alliance', authors: [{ literal: 'NATO' }, { family: 'Plato' }], issued: '2023' });
  // Two sources nothing tells apart but their ids: they must stay two.
  lib.addSource({ type: 'document', title: 'Talking points' });
  lib.addSource({ type: 'document', title: 'Talking points' });
  // Same title, same year, different days: two statements.
  lib.addSource({ type: 'speech', title: 'Statement on Ukraine', authors: [{ literal: 'U.S. Department of State' }], issued: '2024-03-07' });
  lib.addSource({ type: 'speech', title: 'Statement on Ukraine', authors: [{ literal: 'U.S. Department of State' }], issued: '2024-03-09' });
  return lib;
}

describe('CSL-JSON export', () => {
  it('writes a pretty array of CSL items with the Dossier ids, original CSL types and grades', () => {
    const lib = populated();
    const sources = all(lib);
    const json = exportCslJson(sources);
    expect(json).toMatch(/^\[\n {2}\{/);
    const items = JSON.parse(json) as Record<string, unknown>[];
    expect(items.map((i) => i.id)).toEqual(sources.map((s) => s.id));
    expect(items.find((i) => i.title === 'Maritime Traffic After the Kerch Incident')).toMatchObject({ type: 'paper-conference' });
    expect(items.find((i) => i.title === 'Ports and power')).toMatchObject({ type: 'thesis', issued: { literal: 'forthcoming' } });
    expect(items.find((i) => i.title === 'Everything at once')).toMatchObject({ custom: { project: 'corridor', 'dossier-reliability': 'B' } });
    expect(items.every((i) => !('original-type' in i))).toBe(true);
  });

  it('round trip into a fresh library gives identical sources (all but id and timestamps)', () => {
    const a = populated();
    const json = exportCslJson(all(a));
    const { items, warnings } = parseBibliography(json, 'csl-json');
    expect(warnings).toEqual([]);
    const b = fresh();
    const r = importSources(b, items);
    expect(r.skipped).toEqual([]);
    expect(r.merged).toEqual([]);
    expect(r.created).toHaveLength(all(a).length);
    expect(sorted(all(b))).toEqual(sorted(all(a)));
  });

  it('round trip into the same library merges everything, creates nothing, changes nothing', () => {
    const a = populated();
    const before = all(a);
    const r = importSources(a, parseBibliography(exportCslJson(before), 'csl-json').items);
    expect(r.created).toEqual([]);
    expect(r.skipped).toEqual([]);
    expect(r.merged.map((m) => m.existing.id)).toEqual(before.map((s) => s.id));
    expect(r.merged.every((m) => m.fieldsFilled.length === 0)).toBe(true);
    expect(all(a)).toEqual(before);
  });

  it('a Zotero export round-trips its extra fields', () => {
    const lib = fresh();
    const zotero = parseBibliography(ZOTERO_CSL_JSON, 'csl-json').items;
    const created = importSources(lib, zotero).created;
    expect(created[0].extra).toMatchObject({
      'collection-title': 'Policy Reports',
      source: 'meridian.example',
      abstract: 'How the corridor changed freight costs.',
      genre: 'Policy report',
    });
    const back = JSON.parse(exportCslJson(created)) as Record<string, unknown>[];
    for (const [i, original] of zotero.entries()) {
      const { id: _id, ...fields } = original;
      expect(back[i]).toMatchObject(fields);
    }
  });
});

describe('BibTeX export', () => {
  it('protects institutions in double braces and keeps UTF-8 text, escaping only LaTeX specials', () => {
    const lib = populated();
    const bib = exportBibtex(all(lib));
    expect(bib).toMatch(/^ {2}author +=\s\{\{U\.S\. Department of State\}\},$/m);
    expect(bib).toContain('{{World Bank}}');
    // A one-word institution gets a second pair, a one-word person does not.
    expect(bib).toMatch(/^ {2}author +=\s\{\{\{NATO\}\} and \{Plato\}\},$/m);
    expect(bib).toContain('Заявление о зерновом коридоре');
    expect(bib).toContain('Müller, José');
    expect(bib).toContain(String.raw`{R\&{D} spending: 50\% of \$ budgets\_\#1 \{draft\} \textasciitilde{} \textasciicircum{} \textbackslash{} path`);
    expect(bib).toMatch(/^ {2}url +=\s\{https:\/\/jps\.example\/articles\/everything_at_once\?x=1&y=2\},$/m);
    expect(bib).toMatch(/urldate\s+= \{2024-03-07\}/);
  });

  it('gives readable keys, unique in the file, reusing imported keys', () => {
    const base = {
      id: 'x',
      type: 'report',
      title: 'Grain corridor costs',
      authors: [{ family: 'Okafor', given: 'A' }],
      editors: [],
      issued: '2024-01',
      extra: {},
      createdAt: '',
      updatedAt: '',
    } as Source;
    const keys = citationKeys([
      base,
      { ...base, title: 'The grain question' },
      { ...base, title: 'Grain, again' },
      { ...base, authors: [{ literal: 'U.S. Department of State' }], title: 'Statement on the corridor' },
      { ...base, authors: [{ family: 'Müller', given: 'J' }], title: 'Über die Lage', extra: { 'citation-key': 'okafor2024grain' } },
      { ...base, authors: [], issued: undefined, title: 'On the corridor' },
      { ...base, authors: [{ family: 'Лавров' }], title: 'Заявление', issued: '2023' },
    ]);
    expect(keys).toEqual(['okafor2024graina', 'okafor2024grainb', 'okafor2024grainc', 'us2024statement', 'okafor2024grain', 'corridor', 'source2023']);
  });

  it('round trip keeps title, authors (institutions too), year, DOI and URL', () => {
    const a = populated();
    const sources = all(a);
    const bib = exportBibtex(sources);
    const { items, warnings } = parseBibliography(bib, 'bibtex');
    expect(warnings).toEqual([]);
    expect(items).toHaveLength(sources.length);
    const b = fresh();
    const r = importSources(b, items);
    expect(r.skipped).toEqual([]);
    const back = r.created.concat(r.merged.map((m) => m.existing));
    for (const [i, s] of sources.entries()) {
      const t = items[i];
      expect(t.title, s.title).toBe(s.title);
      expect(t.DOI ?? undefined).toBe(s.doi);
      expect(t.URL ?? undefined).toBe(s.url);
      expect(t.issued?.['date-parts']?.[0]?.[0]).toBe(s.issued ? Number(s.issued.slice(0, 4)) : undefined);
      expect(t.author ?? [], s.title).toEqual(s.authors);
    }
    // The two "Talking points" have no key to tell them apart in BibTeX: they merge. All else is distinct.
    expect(back.length).toBe(sources.length);
    expect(all(b).length).toBe(sources.length - 1);
  });
});

describe('empty input', () => {
  let lib: Library;
  beforeEach(() => {
    lib = fresh();
  });
  it('exports nothing as an empty array or an empty file', () => {
    expect(JSON.parse(exportCslJson(all(lib)))).toEqual([]);
    expect(exportBibtex([])).toBe('');
  });
});
