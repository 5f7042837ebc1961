import { describe, expect, it } from 'vitest';
import { CitationEngine } from './engine';
import { runsToPlain } from './html-runs';
import { lookup, MINIMAL_CSL } from './test-fixtures';

describe('bibliography', () => {
  it('lists only cited items, in the style order, with hanging indent', () => {
    const engine = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography-with-ibid', items: lookup });
    engine.renderDocument([
      { id: 'a', cites: [{ itemId: 'report' }] },
      { id: 'b', cites: [{ itemId: 'book', locator: '4' }] },
      { id: 'c', cites: [{ itemId: 'book2' }, { itemId: 'report' }] },
    ]);
    const bib = engine.bibliography();
    expect(bib.hangingIndent).toBe(true);
    expect(bib.entries.map((e) => runsToPlain(e.runs))).toEqual([
      'Okafor, Adaeze, and Erik Lindqvist. Sanctions and Statecraft. Cambridge: Cambridge University Press, 2018.',
      'Smith, Jane. The Politics of Aid. Oxford: Oxford University Press, 2020.',
      'U.S. Department of State. “Country Reports on Terrorism 2022.” Washington, DC: U.S. Department of State, 2024.',
    ]);
    expect(bib.entries[1].html).toBe('<div class="csl-entry">Smith, Jane. <i>The Politics of Aid</i>. Oxford: Oxford University Press, 2020.</div>');
    expect(bib.entries[1].runs).toEqual([
      { text: 'Smith, Jane. ' },
      { text: 'The Politics of Aid', italic: true },
      { text: '. Oxford: Oxford University Press, 2020.' },
    ]);
  });

  it('follows the document: an item no longer cited leaves the bibliography', () => {
    const engine = CitationEngine.create({ styleId: 'apa', items: lookup });
    engine.renderDocument([
      { id: 'a', cites: [{ itemId: 'book' }] },
      { id: 'b', cites: [{ itemId: 'article' }] },
    ]);
    expect(engine.bibliography().entries).toHaveLength(2);
    engine.removeCluster('b');
    expect(engine.bibliography().entries.map((e) => runsToPlain(e.runs))).toEqual(['Smith, J. (2020). The Politics of Aid. Oxford University Press.']);
    engine.insertCluster({ id: 'c', cites: [{ itemId: 'article' }] }, 0);
    expect(engine.bibliography().entries.map((e) => runsToPlain(e.runs))).toEqual([
      'Chen, W. (2023). Rethinking Deterrence. International Security, 48(2), 7–45. https://doi.org/10.1162/isec_a_00001',
      'Smith, J. (2020). The Politics of Aid. Oxford University Press.',
    ]);
  });

  it('numeric styles put the label in a margin column followed by a tab', () => {
    const engine = CitationEngine.create({ styleId: 'ieee', items: lookup });
    const out = engine.renderDocument([
      { id: 'a', cites: [{ itemId: 'book', locator: '4' }] },
      { id: 'b', cites: [{ itemId: 'article' }, { itemId: 'book' }] },
    ]);
    expect(out.map((r) => runsToPlain(r.runs))).toEqual(['[1, p. 4]', '[1], [2]']);
    const bib = engine.bibliography();
    expect(bib.secondFieldAlign).toBe('flush');
    expect(runsToPlain(bib.entries[0].runs)).toMatch(/^\[1\]\tJ\. Smith, The Politics of Aid\./);
  });

  it('is empty for a style without a bibliography', () => {
    const noBib = MINIMAL_CSL.replace(/<bibliography>[\s\S]*<\/bibliography>/, '');
    const engine = CitationEngine.create({ styleXml: noBib, items: lookup });
    engine.renderDocument([{ id: 'a', cites: [{ itemId: 'book' }] }]);
    expect(engine.bibliography()).toEqual({ entries: [], hangingIndent: false });
  });

  it('reports OSCOLA spacing without hanging indent', () => {
    const engine = CitationEngine.create({ styleId: 'oscola', items: lookup });
    engine.renderDocument([{ id: 'a', cites: [{ itemId: 'book' }] }]);
    const bib = engine.bibliography();
    expect(bib.hangingIndent).toBe(false);
    expect(bib.entries.map((e) => runsToPlain(e.runs))).toEqual(['Smith J, The Politics of Aid (Oxford University Press 2020)']);
  });
});
