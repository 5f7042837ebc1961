import { describe, expect, it } from 'vitest';
import { importText } from './text';

describe('importText: plain text', () => {
  it('splits paragraphs on blank lines, joins soft wraps, and numbers paragraphs', () => {
    const doc = importText('First paragraph, wrapped\nacross two lines.\n\nSecond paragraph.\r\n\r\n- a listed point\n', { fileName: 'notes.txt' });
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: 'First paragraph, wrapped across two lines.', locator: { label: 'paragraph', value: '1' } },
      { kind: 'paragraph', text: 'Second paragraph.', locator: { label: 'paragraph', value: '2' } },
      { kind: 'list-item', listMarker: '-', text: 'a listed point', locator: { label: 'paragraph', value: '3' } },
    ]);
    expect(doc.source).toEqual({ type: 'document', title: 'notes' });
  });

  it('decodes Windows-1252 (curly quotes, dashes, euro) and UTF-16 with a BOM', () => {
    const cp1252 = Uint8Array.from([0x93, ...new TextEncoder().encode('Caf'), 0xe9, 0x94, 0x20, 0x96, 0x20, 0x80, ...new TextEncoder().encode('5 bn'), 0x85]);
    expect(importText(cp1252, {}).blocks[0].text).toBe('“Café” – €5 bn…');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('Ünïcödé “text”', (c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]).flat()]);
    expect(importText(utf16, {}).blocks[0].text).toBe('Ünïcödé “text”');
  });

  it('refuses binary data', () => {
    expect(() => importText(new Uint8Array([0x00, 0x01, 0x02, 0x03]), { fileName: 'blob.txt' })).toThrow(/blob\.txt: this is not a text file/);
  });

  it('removes characters that hide or reorder text', () => {
    const doc = importText('Pay\u200B to \u202Eevil\u202C account\u0000 now\f.', {});
    expect(doc.blocks[0].text).toBe('Pay to evil account now .');
  });
});

describe('importText: Markdown', () => {
  it('reads front matter, headings and lists, and strips inline markup', () => {
    const md = [
      '---',
      'title: "Notes on the Valletta talks"',
      'author:',
      '  - Marta Kowalczyk',
      '  - Tomás Ó Briain',
      'date: 2024-03-12',
      'url: https://notes.example/valletta',
      '---',
      '',
      '# Valletta talks',
      '',
      'The **quota** falls to [41,000 tonnes](https://example.org/q).',
      '',
      '> A quoted line.',
      '',
      '1. First point',
      '2. Second point',
    ].join('\n');
    const doc = importText(md, { fileName: 'valletta.md' }, 'markdown');
    expect(doc.format).toBe('markdown');
    expect(doc.source).toEqual({
      type: 'document',
      title: 'Notes on the Valletta talks',
      authors: [
        { given: 'Marta', family: 'Kowalczyk' },
        { given: 'Tomás', family: 'Ó Briain' },
      ],
      issued: '2024-03-12',
      url: 'https://notes.example/valletta',
    });
    expect(doc.blocks).toEqual([
      { kind: 'heading', text: 'Valletta talks' },
      { kind: 'paragraph', text: 'The quota falls to 41,000 tonnes.', locator: { label: 'paragraph', value: '1' } },
      { kind: 'quote', text: 'A quoted line.', locator: { label: 'paragraph', value: '2' } },
      { kind: 'list-item', listMarker: '1.', text: 'First point', locator: { label: 'paragraph', value: '3' } },
      { kind: 'list-item', listMarker: '2.', text: 'Second point', locator: { label: 'paragraph', value: '4' } },
    ]);
  });

  it('takes the first heading as title when there is no front matter', () => {
    expect(importText('# Brief on quotas\n\nText.', {}, 'markdown').source.title).toBe('Brief on quotas');
  });
});
