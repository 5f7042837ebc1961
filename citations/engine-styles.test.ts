import { describe, expect, it } from 'vitest';
import { CitationEngine, type ClusterInput } from './engine';
import { runsToPlain } from './html-runs';
import { ITEMS, lookup } from './test-fixtures';

function render(styleId: string, clusters: ClusterInput[], options: { locale?: string } = {}): string[] {
  const engine = CitationEngine.create({ styleId, items: lookup, ...options });
  return engine.renderDocument(clusters).map((r) => runsToPlain(r.runs));
}

const one = (itemId: string, locator?: string, label?: string): ClusterInput[] => [
  { id: 'c1', cites: [{ itemId, ...(locator ? { locator } : {}), ...(label ? { label } : {}) }] },
];

describe('author-date and author-page styles', () => {
  it('APA 7th: (Author, 2024, p. 3), paragraphs, two sources, no note numbers', () => {
    const engine = CitationEngine.create({ styleId: 'apa', items: lookup });
    expect(engine.isNoteStyle).toBe(false);
    const out = engine.renderDocument([
      { id: 'a', cites: [{ itemId: 'book', locator: '3' }] },
      { id: 'b', cites: [{ itemId: 'report', locator: '12', label: 'paragraph' }] },
      { id: 'c', cites: [{ itemId: 'book2' }, { itemId: 'book', locator: '7-9' }] },
      { id: 'd', cites: [{ itemId: 'book', locator: '3' }] },
    ]);
    expect(out.every((r) => r.noteNumber === undefined)).toBe(true);
    expect(out.map((r) => runsToPlain(r.runs))).toEqual([
      '(Smith, 2020, p. 3)',
      '(U.S. Department of State, 2024, para. 12)',
      '(Okafor & Lindqvist, 2018; Smith, 2020, pp. 7–9)',
      '(Smith, 2020, p. 3)',
    ]);
  });

  it('MLA 9th: (Author page)', () => {
    expect(render('modern-language-association', [...one('book', '45'), { id: 'c2', cites: [{ itemId: 'book2', locator: '3' }] }])).toEqual([
      '(Smith 45)',
      '(Okafor and Lindqvist 3)',
    ]);
  });

  it('Harvard (Cite Them Right): (Author, year, p. n) in British English', () => {
    const engine = CitationEngine.create({ styleId: 'harvard-cite-them-right', items: lookup });
    expect(engine.locale).toBe('en-GB');
    expect(engine.renderDocument(one('book', '45')).map((r) => runsToPlain(r.runs))).toEqual(['(Smith, 2020, p. 45)']);
  });

  it('maps the locator label "article" to CSL 1.0.2 "article-locator" (not the item type "preprint")', () => {
    expect(render('chicago-fullnote-bibliography', [{ id: 'c1', cites: [{ itemId: 'report', locator: '4', label: 'article' }] }])[0]).toMatch(/, art\. 4\.$/);
    expect(render('apa', one('report', '4', 'article'))).toEqual(['(U.S. Department of State, 2024, Article 4)']);
  });

  it('Chicago author-date: (Author year, page)', () => {
    expect(render('chicago-author-date', one('book', '45'))).toEqual(['(Smith 2020, 45)']);
  });

  it('secondary citation in APA reads "as cited in", in one parenthesis', () => {
    expect(render('apa', [{ id: 'v', cites: [{ itemId: 'news', via: { itemId: 'report', locator: '4' } }] }])).toEqual([
      '(Haddad, 2024, as cited in U.S. Department of State, 2024, p. 4)',
    ]);
  });

  it('a via pair is never re-sorted by the style (the original stays first)', () => {
    // APA sorts cites in a parenthesis alphabetically; "Smith … as cited in Okafor" must keep its order.
    expect(render('apa', [{ id: 'v', cites: [{ itemId: 'book', locator: '3', via: { itemId: 'book2' } }] }])).toEqual([
      '(Smith, 2020, p. 3, as cited in Okafor & Lindqvist, 2018)',
    ]);
  });
});

describe('item data edge cases', () => {
  it('renders partial dates (year only, year and month)', () => {
    expect(render('chicago-fullnote-bibliography', [...one('report'), { id: 'c2', cites: [{ itemId: 'monthOnly' }] }])).toEqual([
      'U.S. Department of State, “Country Reports on Terrorism 2022” (Washington, DC: U.S. Department of State, 2024).',
      'World Food Programme, “Food Security Outlook” (Rome: World Food Programme, January 2024).',
    ]);
    expect(render('apa', [{ id: 'c', cites: [{ itemId: 'monthOnly' }, { itemId: 'report' }] }])).toEqual([
      '(U.S. Department of State, 2024; World Food Programme, 2024)',
    ]);
    const engine = CitationEngine.create({ styleId: 'apa', items: lookup });
    engine.renderDocument([{ id: 'c', cites: [{ itemId: 'monthOnly' }] }]);
    expect(runsToPlain(engine.bibliography().entries[0].runs)).toBe('World Food Programme. (2024). Food Security Outlook. World Food Programme.');
  });

  it('does not invert or abbreviate a corporate author given as a literal name', () => {
    const engine = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography', items: lookup });
    engine.renderDocument(one('report'));
    expect(runsToPlain(engine.bibliography().entries[0].runs)).toBe(
      'U.S. Department of State. “Country Reports on Terrorism 2022.” Washington, DC: U.S. Department of State, 2024.',
    );
    expect(render('apa', one('report'))).toEqual(['(U.S. Department of State, 2024)']);
  });

  it('keeps &, <, quotes in URLs, Korean, Arabic and emoji intact through html and runs', () => {
    const engine = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography', items: lookup });
    const [note] = engine.renderDocument(one('tricky'));
    const text = runsToPlain(note.runs);
    expect(text).toBe(
      'Institute for Trade Studies, “Trade & Tariffs <Draft> — 북한 경제 / الاقتصاد 🚢,” Trade Monitor, June 1, 2023, https://example.org/tariffs?a=1&b="two".',
    );
    expect(note.html).toContain('&#38;');
    expect(note.html).toContain('&#60;Draft&#62;');
    expect(note.runs.some((r) => /[<>]/.test(r.text) && !r.text.includes('Draft'))).toBe(false);
    const bib = engine.bibliography().entries[0];
    expect(runsToPlain(bib.runs)).toContain('북한 경제 / الاقتصاد 🚢');
    expect(runsToPlain(bib.runs)).toContain('https://example.org/tariffs?a=1&b="two"');
  });

  it('reads each item through the lookup and refreshes after an edit', () => {
    const items = { ...ITEMS };
    const engine = CitationEngine.create({ styleId: 'apa', items: (id) => items[id] });
    engine.renderDocument([...one('book'), { id: 'c2', cites: [{ itemId: 'report' }] }]);
    items.book = { ...items.book, issued: { 'date-parts': [[2021]] } };
    const changed = engine.refresh();
    expect(changed.map((r) => [r.id, runsToPlain(r.runs)])).toEqual([['c1', '(Smith, 2021)']]);
  });
});

describe('locale choice', () => {
  it('renders in en-GB when asked, overriding the style default', () => {
    const [us] = render('chicago-fullnote-bibliography', one('news'));
    const [gb] = render('chicago-fullnote-bibliography', one('news'), { locale: 'en-GB' });
    expect(us).toContain('March 5, 2024');
    expect(gb).toContain('5 March 2024');
  });

  it('uses `lang` only where the style names no locale of its own', () => {
    const chicago = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography', items: lookup, lang: 'en-GB' });
    expect(chicago.locale).toBe('en-GB');
    const harvard = CitationEngine.create({ styleId: 'harvard-cite-them-right', items: lookup, lang: 'en-US' });
    expect(harvard.locale).toBe('en-GB');
    const forced = CitationEngine.create({ styleId: 'harvard-cite-them-right', items: lookup, locale: 'en-US' });
    expect(forced.locale).toBe('en-US');
  });
});
