import { zipSync, strToU8 } from 'fflate';
import { manyEntriesZip } from '../../core/zip/testing';
import { describe, expect, it } from 'vitest';
import { describeUnknown, sniffFormat } from './sniff';

const text = (s: string) => new TextEncoder().encode(s);

describe('sniffFormat', () => {
  it('recognises formats by their content', () => {
    expect(sniffFormat(text('%PDF-1.7\n1 0 obj'))).toBe('pdf');
    expect(sniffFormat(text('\n\n  junk before the header %PDF-1.4\n'))).toBe('pdf');
    expect(sniffFormat(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') }))).toBe('docx');
    expect(sniffFormat(zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }))).toBe('unknown');
    expect(sniffFormat(text('<!DOCTYPE html><html><body><p>x</p></body></html>'))).toBe('html');
    expect(sniffFormat(text('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'))).toBe('html');
    expect(sniffFormat(text('<meta charset="utf-8"><title>Saved</title><p>Body</p>'))).toBe('html');
    expect(sniffFormat(text('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>x</p>'))).toBe(
      'html',
    );
    expect(sniffFormat(text('[{"id":"a","type":"report","title":"Tariffs","issued":{"date-parts":[[2023]]}}]'))).toBe('csl-json');
    expect(sniffFormat(text('% exported\n@article{key2023,\n title={A}}'))).toBe('bibtex');
    expect(sniffFormat(text('TY  - RPRT\nTI  - Tariffs\nER  - \n'))).toBe('ris');
    expect(sniffFormat(text('{"rows": [1, 2, 3]}'))).toBe('unknown');
    expect(sniffFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('unknown');
  });

  it('uses the extension only to break ties', () => {
    expect(sniffFormat(text('%PDF-1.7\n'), 'statement.docx')).toBe('pdf');
    expect(sniffFormat(text('# Title\n\nSome **bold** text.'))).toBe('markdown');
    expect(sniffFormat(text('# Title\n\nSome **bold** text.'), 'notes.txt')).toBe('text');
    expect(sniffFormat(text('Plain prose, nothing more.'), 'notes.md')).toBe('markdown');
    expect(sniffFormat(text('Plain prose, nothing more.'))).toBe('text');
    expect(sniffFormat(text('<p>A fragment</p>'), 'clip.html')).toBe('html');
    expect(sniffFormat(text('<p>A fragment</p>'))).toBe('text');
    // A damaged zip that says it is a .docx goes to the Word importer, which explains the damage.
    expect(sniffFormat(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), 'broken.docx')).toBe('docx');
    expect(sniffFormat(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), 'broken.zip')).toBe('unknown');
  });

  it('lists a ZIP under the one policy (core/zip/policy.ts): too many entries is not a document', () => {
    expect(sniffFormat(manyEntriesZip(), 'many.zip')).toBe('unknown');
    expect(sniffFormat(manyEntriesZip(), 'many.docx')).toBe('docx'); // the Word importer says why it refuses
    expect(describeUnknown(manyEntriesZip())).toMatch(/^this is a ZIP archive Dossier does not open \(refused: it has 10,002 entries/);
  });

  it('reads UTF-16 text with a byte-order mark', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('<html><body>x</body></html>', (c) => [c.charCodeAt(0), 0]).flat()]);
    expect(sniffFormat(utf16)).toBe('html');
  });
});
