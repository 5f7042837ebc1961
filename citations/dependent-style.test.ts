import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/temp-library';
import { CitationEngine } from './engine';
import { runsToPlain } from './html-runs';
import { listStyles, loadStyle, parentLookup, scanUserStyles } from './style-catalog';
import { lookup, MINIMAL_CSL } from './test-fixtures';
import { importUserStyle } from './user-style';

/** A dependent style as the CSL repository writes them: metadata and a parent, no <citation>. */
function dependentCsl(o: { id: string; title: string; parent: string; locale?: string; cls?: string }): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"${o.cls ? ` class="${o.cls}"` : ''}${o.locale ? ` default-locale="${o.locale}"` : ''}>
  <info>
    <title>${o.title}</title>
    <id>${o.id}</id>
    <link href="${o.id}" rel="self"/>
    <link href="${o.parent}" rel="independent-parent"/>
    <updated>2024-01-01T00:00:00+00:00</updated>
  </info>
</style>
`;
}

const ON_APA = dependentCsl({
  id: 'http://www.zotero.org/styles/journal-of-grain',
  title: 'Journal of Grain Studies',
  parent: 'http://www.zotero.org/styles/apa',
  locale: 'de-DE',
  cls: 'in-text',
});
const ON_CHICAGO = dependentCsl({
  id: 'http://www.zotero.org/styles/harbour-review',
  title: 'Harbour Review',
  parent: 'http://www.zotero.org/styles/chicago-fullnote-bibliography',
});
const ON_HOUSE = dependentCsl({ id: 'http://example.gov/styles/house-annex', title: 'House Style (Annex)', parent: 'http://example.gov/styles/house' });

let dir: string;
let done: () => void;
beforeEach(() => ({ dir, cleanup: done } = tempDir()));
afterEach(() => done());

describe('dependent styles', () => {
  it('are accepted on a bundled parent, with their own id and title and the parent class', () => {
    expect(importUserStyle(ON_APA, 'journal-of-grain.csl', parentLookup())).toEqual({
      id: 'http://www.zotero.org/styles/journal-of-grain',
      title: 'Journal of Grain Studies',
      class: 'in-text',
      parent: 'http://www.zotero.org/styles/apa',
    });
    // No class on the dependent's own <style> (as most repository files): the parent's counts.
    expect(importUserStyle(ON_CHICAGO, 'harbour-review.csl', parentLookup())).toMatchObject({ class: 'note' });
  });

  it("render as their parent, in the dependent's own default locale", () => {
    writeFileSync(join(dir, 'journal-of-grain.csl'), ON_APA);
    writeFileSync(join(dir, 'harbour-review.csl'), ON_CHICAGO);
    const grain = CitationEngine.create({ styleId: 'http://www.zotero.org/styles/journal-of-grain', userStyleDir: dir, items: lookup });
    expect(grain.styleTitle).toBe('Journal of Grain Studies');
    expect(grain.styleUri).toBe('http://www.zotero.org/styles/journal-of-grain');
    expect(grain.locale).toBe('de-DE');
    const [c] = grain.renderDocument([{ id: 'c1', cites: [{ itemId: 'book2' }] }]);
    expect(runsToPlain(c.runs)).toBe('(Okafor & Lindqvist, 2018)');

    const harbour = CitationEngine.create({ styleId: 'http://www.zotero.org/styles/harbour-review', userStyleDir: dir, items: lookup });
    const chicago = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography', items: lookup });
    const cite = [{ id: 'c1', cites: [{ itemId: 'book', locator: '12', label: 'page' }] }];
    expect(runsToPlain(harbour.renderDocument(cite)[0].runs)).toBe(runsToPlain(chicago.renderDocument(cite)[0].runs));
    expect(harbour.isNoteStyle).toBe(true);
  });

  it('are accepted on a parent the user added, and listed with their own title', () => {
    expect(() => importUserStyle(ON_HOUSE, 'annex.csl', parentLookup(dir))).toThrow(
      /^annex\.csl: dependent style: its parent style http:\/\/example\.gov\/styles\/house is neither bundled nor added/,
    );
    writeFileSync(join(dir, 'house.csl'), MINIMAL_CSL);
    expect(importUserStyle(ON_HOUSE, 'annex.csl', parentLookup(dir))).toMatchObject({ title: 'House Style (Annex)', class: 'in-text' });
    writeFileSync(join(dir, 'annex.csl'), ON_HOUSE);
    expect(
      listStyles(dir)
        .filter((s) => s.source === 'user')
        .map((s) => s.title),
    ).toEqual(['House Style (Annex)', 'Ministry House Style']);
    const annex = CitationEngine.create({ styleId: 'http://example.gov/styles/house-annex', userStyleDir: dir, items: lookup });
    expect(runsToPlain(annex.renderDocument([{ id: 'c1', cites: [{ itemId: 'book' }] }])[0].runs)).toBe('(Smith 2020)');
    expect(loadStyle('annex', dir).title).toBe('House Style (Annex)');
  });

  it('name the missing parent when it is neither bundled nor added, in the folder listing too', () => {
    const orphan = dependentCsl({
      id: 'http://www.zotero.org/styles/orphan-journal',
      title: 'Orphan Journal',
      parent: 'http://www.zotero.org/styles/no-such-parent-style',
    });
    expect(() => importUserStyle(orphan, 'orphan.csl', parentLookup(dir))).toThrow(
      'orphan.csl: dependent style: its parent style http://www.zotero.org/styles/no-such-parent-style is neither bundled nor added; add the parent first (dossier styles add PARENT.csl)',
    );
    writeFileSync(join(dir, 'orphan.csl'), orphan);
    expect(scanUserStyles(dir).rejected.map((r) => r.error)).toEqual([expect.stringContaining('no-such-parent-style is neither bundled nor added')]);
  });

  it('cannot stand on another dependent style', () => {
    writeFileSync(join(dir, 'annex.csl'), ON_HOUSE);
    const second = dependentCsl({ id: 'http://example.gov/styles/annex-2', title: 'Annex 2', parent: 'http://example.gov/styles/house-annex' });
    writeFileSync(join(dir, 'annex-2.csl'), second);
    expect(() => importUserStyle(readFileSync(join(dir, 'annex-2.csl'), 'utf8'), 'annex-2.csl', parentLookup(dir))).toThrow(
      /house-annex is neither bundled nor added/,
    );
  });
});
