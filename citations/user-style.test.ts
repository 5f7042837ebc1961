import { describe, expect, it } from 'vitest';
import { CitationEngine } from './engine';
import { runsToPlain } from './html-runs';
import { lookup, MINIMAL_CSL } from './test-fixtures';
import { importUserStyle, parseUserStyle } from './user-style';
import { parseXml } from './xml-tree';

describe('importUserStyle', () => {
  it('accepts a valid minimal CSL style', () => {
    expect(importUserStyle(MINIMAL_CSL, 'house-style.csl')).toEqual({
      id: 'http://example.gov/styles/house',
      title: 'Ministry House Style',
      class: 'in-text',
    });
  });

  it('renders with an accepted style', () => {
    const engine = CitationEngine.create({ styleXml: MINIMAL_CSL, items: lookup });
    const [c] = engine.renderDocument([{ id: 'c1', cites: [{ itemId: 'book' }] }]);
    expect(runsToPlain(c.runs)).toBe('(Smith 2020)');
    expect(engine.bibliography().entries.map((e) => runsToPlain(e.runs))).toEqual(['Smith, Jane. The Politics of Aid']);
  });

  it('accepts a namespace prefix, CDATA and comments', () => {
    const prefixed = MINIMAL_CSL.replace(/<(\/?)(?!\?)/g, '<$1cs:')
      .replace('xmlns=', 'xmlns:cs=')
      .replace('<cs:title>Ministry House Style', '<cs:title><![CDATA[Ministry & House]]> Style<!-- note -->');
    expect(importUserStyle(prefixed, 'prefixed.csl')).toMatchObject({ title: 'Ministry & House Style' });
  });

  it('rejects malformed XML with the line and the problem', () => {
    const broken = MINIMAL_CSL.replace('</citation>', '</citaton>');
    expect(() => importUserStyle(broken, 'house-style.csl')).toThrow(
      /^house-style\.csl: not well-formed XML \(line 13, column 3: <\/citaton> does not match <citation>\)$/,
    );
    expect(() => importUserStyle('<style', 'a.csl')).toThrow(/^a\.csl: not well-formed XML .*never closed/);
    expect(() => importUserStyle('<style a="1" a="2"/>', 'b.csl')).toThrow(/attribute a appears twice/);
    expect(() => importUserStyle('<style>&nbsp;</style>', 'c.csl')).toThrow(/unknown entity &nbsp;/);
    expect(() => importUserStyle('', 'd.csl')).toThrow(/^d\.csl: the file is empty$/);
    expect(() => importUserStyle('<a/><b/>', 'e.csl')).toThrow(/second root element/);
    expect(() => importUserStyle('<!DOCTYPE x [<!ENTITY e "x">]><style/>', 'f.csl')).toThrow(/DTD internal subsets/);
  });

  it('rejects a document that is not a CSL style', () => {
    expect(() => importUserStyle('<html><body/></html>', 'page.csl')).toThrow(/^page\.csl: root element is <html>, not a CSL <style>$/);
    expect(() => importUserStyle('<style class="in-text"/>', 'nons.csl')).toThrow(/^nons\.csl: <style> is not in the CSL namespace/);
  });

  it('names the missing part of a CSL style', () => {
    expect(() => importUserStyle(MINIMAL_CSL.replace(/<citation>[\s\S]*<\/citation>/, ''), 'house-style.csl')).toThrow(
      /^house-style\.csl: missing <citation> element$/,
    );
    expect(() => importUserStyle(MINIMAL_CSL.replace(/<id>.*<\/id>/, ''), 'x.csl')).toThrow(/^x\.csl: missing <info>\/<id>$/);
    expect(() => importUserStyle(MINIMAL_CSL.replace(/<title>.*<\/title>/, ''), 'x.csl')).toThrow(/^x\.csl: missing <info>\/<title>$/);
    expect(() => importUserStyle(MINIMAL_CSL.replace(/<info>[\s\S]*<\/info>/, ''), 'x.csl')).toThrow(/^x\.csl: missing <info> element$/);
    expect(() => importUserStyle(MINIMAL_CSL.replace(' class="in-text"', ''), 'x.csl')).toThrow(/missing class="note" or class="in-text"/);
    expect(() => importUserStyle(MINIMAL_CSL.replace('class="in-text"', 'class="footnote"'), 'x.csl')).toThrow(
      /class must be "note" or "in-text", not "footnote"/,
    );
    const noLayout = MINIMAL_CSL.replace(/<citation>[\s\S]*?<\/citation>/, '<citation><sort/></citation>');
    expect(() => importUserStyle(noLayout, 'x.csl')).toThrow(/^x\.csl: missing <layout> in <citation>$/);
  });

  it('explains dependent styles', () => {
    const dependent = `<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">
      <info><title>Some Journal</title><id>http://www.zotero.org/styles/some-journal</id>
      <link href="http://www.zotero.org/styles/apa" rel="independent-parent"/></info></style>`;
    expect(() => importUserStyle(dependent, 'journal.csl')).toThrow(
      /^journal\.csl: dependent style: its parent style http:\/\/www\.zotero\.org\/styles\/apa is neither bundled nor added; add the parent first/,
    );
  });

  it('rejects a style citeproc cannot render with', () => {
    const badMacro = MINIMAL_CSL.replace('<names variable="author"><name form="short"/></names>', '<text macro="nowhere"/>');
    expect(() => importUserStyle(badMacro, 'macro.csl')).toThrow(/^macro\.csl: macro "nowhere" is used but never defined$/);
    const loop = MINIMAL_CSL.replace('<citation>', '<macro name="m"><text macro="m"/></macro><citation>').replace(
      '<names variable="author"><name form="short"/></names>',
      '<text macro="m"/>',
    );
    expect(() => importUserStyle(loop, 'loop.csl')).toThrow(/^loop\.csl: citeproc cannot use this style: .*infinite loop/);
    const empty = MINIMAL_CSL.replace(/<layout prefix="\(" suffix="\)" delimiter="; ">[\s\S]*?<\/layout>/, '<layout><text variable="genre"/></layout>');
    expect(() => importUserStyle(empty, 'empty.csl')).toThrow(/^empty\.csl: the style renders nothing for a test book citation$/);
  });
});

describe('parseXml', () => {
  it('keeps term text, adds "" to empty terms and drops layout whitespace', () => {
    const doc = parseXml('<style xmlns="http://purl.org/net/xbiblio/csl">\n  <term name="a">and\n more</term>\n  <term name="b"/>\n</style>');
    expect(doc.root.children).toEqual([
      { name: 'term', attrs: { name: 'a' }, children: ['and  more'] },
      { name: 'term', attrs: { name: 'b' }, children: [''] },
    ]);
  });

  it('gives the structural parse without rendering (used for listing folders)', () => {
    expect(parseUserStyle(MINIMAL_CSL, 'h.csl')).toMatchObject({ id: 'http://example.gov/styles/house', class: 'in-text' });
  });
});
