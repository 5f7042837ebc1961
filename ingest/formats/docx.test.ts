import { Document, ExternalHyperlink, Packer, Paragraph, TextRun } from 'docx';
import { Zip, ZipDeflate, zipSync, strToU8 } from 'fflate';
import mammoth from 'mammoth';
import { highRatioZip, manyEntriesZip } from '../../core/zip/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DossierError } from '../../core/errors';
import { importDocx } from './docx';
import { buildStatementDocx, STATEMENT } from './testing/statement-docx';

async function rejection(p: Promise<unknown>): Promise<DossierError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DossierError);
  return e as DossierError;
}

/**
 * A .docx-shaped zip bomb: word/document.xml inflates to `megabytes` MB of zeros from ~100 KB.
 * Built by streaming 1 MB chunks through the deflater, so the test never holds the expanded data.
 */
function zipBomb(megabytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  const types = new ZipDeflate('[Content_Types].xml');
  zip.add(types);
  types.push(strToU8('<?xml version="1.0"?><Types/>'), true);
  const entry = new ZipDeflate('word/document.xml', { level: 9 });
  zip.add(entry);
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < megabytes; i++) entry.push(zeros, i === megabytes - 1);
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Rewrites the central-directory size of word/document.xml to `size`: a bomb that lies. */
function lieAboutSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const name = strToU8('word/document.xml');
  for (let p = 0; p + 46 + name.length <= out.length; p++) {
    if (view.getUint32(p, true) === 0x02014b50 && out.subarray(p + 46, p + 46 + name.length).every((b, i) => b === name[i])) view.setUint32(p + 24, size, true);
  }
  return out;
}

let bomb101: Uint8Array | undefined;
const bomb = () => (bomb101 ??= zipBomb(101));

afterEach(() => vi.restoreAllMocks());

describe('importDocx: a government statement', () => {
  it('reads headings, numbered paragraphs, list items, the footnote and the core properties', { timeout: 20_000 }, async () => {
    vi.useFakeTimers({ now: new Date('2024-03-14T09:30:00Z'), toFake: ['Date'] });
    const bytes = await buildStatementDocx(); // docx stamps dcterms:created with "now"
    vi.useRealTimers();
    const doc = await importDocx(bytes, { fileName: 'statement.docx' });
    const [p1, p2, p3] = STATEMENT.paragraphs;
    expect(doc.format).toBe('docx');
    expect(doc.blocks).toEqual([
      { kind: 'heading', text: STATEMENT.title },
      { kind: 'heading', text: 'Background' },
      { kind: 'paragraph', text: p1, locator: { label: 'paragraph', value: '1' } }, // the "[1]" mark removed
      { kind: 'paragraph', text: p2, locator: { label: 'paragraph', value: '2' } },
      { kind: 'heading', text: 'Next steps' },
      { kind: 'list-item', text: STATEMENT.bullets[0], locator: { label: 'paragraph', value: '3' } },
      { kind: 'list-item', text: STATEMENT.bullets[1], locator: { label: 'paragraph', value: '4' } },
      { kind: 'paragraph', text: p3, locator: { label: 'paragraph', value: '5' } },
      { kind: 'footnote', text: STATEMENT.footnote, locator: { label: 'note', value: '1' } },
    ]);
    expect(doc.source).toEqual({
      type: 'document',
      title: STATEMENT.title,
      authors: [{ literal: 'Ministry of Maritime Affairs' }],
      issued: '2024-03-14',
      extra: { abstract: STATEMENT.subject, keyword: STATEMENT.keywords },
    });
    expect(doc.warnings).toEqual([]);
  });

  it('keeps the words of a hyperlink whose address is javascript: (the address is never kept)', async () => {
    const link = (href: string, text: string) => new ExternalHyperlink({ link: href, children: [new TextRun(text)] });
    const word = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('The ministry confirmed the '), link('javascript:alert(1)', 'port'), new TextRun(' will stay open.')] }),
            new Paragraph({ children: [new TextRun('Talks resume in '), link('vbscript:msgbox(1)', 'Valletta'), new TextRun(' on 2 April.')] }),
          ],
        },
      ],
    });
    const doc = await importDocx(new Uint8Array(await Packer.toBuffer(word)), { fileName: 'links.docx' });
    expect(doc.blocks.map((b) => b.text)).toEqual(['The ministry confirmed the port will stay open.', 'Talks resume in Valletta on 2 April.']);
  });
});

describe('importDocx: files it must refuse before mammoth sees them', { timeout: 30_000 }, () => {
  it('a zip bomb (declared 101 MB from a tiny file)', async () => {
    const spy = vi.spyOn(mammoth, 'convertToHtml');
    expect(bomb().length).toBeLessThan(200 * 1024);
    const e = await rejection(importDocx(bomb(), { fileName: 'bomb.docx' }));
    expect(e.message).toMatch(/^bomb\.docx: refused: the archive would expand to 101 MB .*zip bomb/);
    expect(spy).not.toHaveBeenCalled();
  });

  it('a zip bomb whose directory lies about its sizes (caught by inflating under a budget)', async () => {
    const spy = vi.spyOn(mammoth, 'convertToHtml');
    const e = await rejection(importDocx(lieAboutSize(bomb(), 1000), { fileName: 'liar.docx' }));
    expect(e.message).toMatch(/^liar\.docx: refused: the archive expands to more than 100 MB/);
    expect(spy).not.toHaveBeenCalled();
  });

  it('an archive with absurdly many entries (core/zip/policy.ts)', async () => {
    const spy = vi.spyOn(mammoth, 'convertToHtml');
    const e = await rejection(importDocx(manyEntriesZip(), { fileName: 'many.docx' }));
    expect(e.message).toMatch(/^many\.docx: refused: it has 10,002 entries \(more than 10,000\)/);
    expect(spy).not.toHaveBeenCalled();
  });

  it('an entry that expands more than 1,000:1 though the whole stays under 100 MB (core/zip/policy.ts)', async () => {
    const spy = vi.spyOn(mammoth, 'convertToHtml');
    const e = await rejection(importDocx(highRatioZip(), { fileName: 'ratio.docx' }));
    expect(e.message).toMatch(/^ratio\.docx: refused: the archive has an entry \("word\/media\/padding\.bin"\) that expands 10\d\d:1/);
    expect(spy).not.toHaveBeenCalled();
  });

  it('a file that is not a zip', async () => {
    const e = await rejection(importDocx(new TextEncoder().encode('Just some text saved with the wrong name.'), { fileName: 'notes.docx' }));
    expect(e.message).toBe('notes.docx: this is not a Word .docx file (a .docx is a ZIP package, and this file is not one)');
  });

  it('a zip that is not a Word document', async () => {
    const e = await rejection(importDocx(zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }), { fileName: 'budget.docx' }));
    expect(e.message).toBe('budget.docx: this ZIP package is not a Word document (it has no word/document.xml)');
  });

  it('a truncated .docx', async () => {
    const bytes = await buildStatementDocx();
    const e = await rejection(importDocx(bytes.slice(0, bytes.length - 200), { fileName: 'cut.docx' }));
    expect(e.message).toMatch(/^cut\.docx: the file cannot be opened: .*truncated/);
  });
});
