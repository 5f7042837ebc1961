import { describe, expect, it } from 'vitest';
import { CitationEngine } from './engine';
import { runsToPlain } from './html-runs';
import { ITEMS, lookup } from './test-fixtures';
import { CSL_CITATION_SCHEMA, runsToRtf, zoteroFieldInstruction } from './zotero';

describe('Zotero citation fields', () => {
  it('builds the CSL citation JSON Zotero stores for a note', () => {
    const engine = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography-with-ibid', items: lookup });
    const clusters = [
      { id: 'n1', cites: [{ itemId: 'book', locator: '12' }] },
      { id: 'n2', cites: [{ itemId: 'news', via: { itemId: 'report', locator: '4' } }] },
    ];
    const rendered = engine.renderDocument(clusters);
    const text = runsToPlain(rendered[1].runs);
    const payload = engine.zoteroCitationPayload(clusters[1], text);
    expect(payload).toEqual({
      citationID: 'n2',
      properties: {
        formattedCitation: expect.stringMatching(/^\{\\rtf Rana Haddad, .*\{\\i\{\}The Meridian Herald\}.*\}$/),
        plainCitation: text,
        noteIndex: 2,
      },
      citationItems: [
        { id: 'news', uris: [], itemData: ITEMS.news },
        { id: 'report', uris: [], itemData: ITEMS.report, locator: '4', prefix: ', quoted in ' },
      ],
      schema: CSL_CITATION_SCHEMA,
    });
    const first = engine.zoteroCitationPayload(clusters[0], runsToPlain(rendered[0].runs));
    expect(first.citationItems).toEqual([{ id: 'book', uris: [], itemData: ITEMS.book, locator: '12' }]);
    expect(first.properties.noteIndex).toBe(1);
  });

  it('uses noteIndex 0 for in-text styles', () => {
    const engine = CitationEngine.create({ styleId: 'apa', items: lookup });
    const clusters = [{ id: 'a', cites: [{ itemId: 'book', locator: '3', label: 'page' }] }];
    const [r] = engine.renderDocument(clusters);
    const payload = engine.zoteroCitationPayload(clusters[0], runsToPlain(r.runs));
    expect(payload.properties).toEqual({ formattedCitation: '(Smith, 2020, p. 3)', plainCitation: '(Smith, 2020, p. 3)', noteIndex: 0 });
    expect(payload.citationItems[0]).toEqual({ id: 'book', uris: [], itemData: ITEMS.book, locator: '3', label: 'page' });
  });

  it('writes the field instruction with the JSON inline, non-ASCII kept as is', () => {
    const engine = CitationEngine.create({ styleId: 'apa', items: lookup });
    const clusters = [{ id: 'x', cites: [{ itemId: 'tricky' }] }];
    const [r] = engine.renderDocument(clusters);
    const instruction = zoteroFieldInstruction(engine.zoteroCitationPayload(clusters[0], runsToPlain(r.runs)));
    expect(instruction.startsWith('ADDIN ZOTERO_ITEM CSL_CITATION {"citationID":"x",')).toBe(true);
    const json = JSON.parse(instruction.slice('ADDIN ZOTERO_ITEM CSL_CITATION '.length)) as { citationItems: { itemData: { title: string; URL: string } }[] };
    expect(json.citationItems[0].itemData.title).toBe('Trade & Tariffs <Draft> — 북한 경제 / الاقتصاد 🚢');
    expect(json.citationItems[0].itemData.URL).toBe('https://example.org/tariffs?a=1&b="two"');
    expect(instruction).toContain('북한');
  });

  it('formats RTF the way Zotero keeps formattedCitation for Word', () => {
    expect(
      runsToRtf([
        { text: 'Smith, ' },
        { text: 'Aid {and} Trade', italic: true },
        { text: ' 1' },
        { text: 'st', superscript: true },
        { text: ' “é” 🚢', smallCaps: true, bold: true },
      ]),
    ).toBe(
      'Smith, {\\i{}Aid \\{and\\} Trade} 1\\super st\\nosupersub{}{\\b{}{\\scaps  \\uc0\\u8220{}\\uc0\\u233{}\\uc0\\u8221{} \\uc0\\u-10179{}\\uc0\\u-8542{}}}',
    );
  });
});
