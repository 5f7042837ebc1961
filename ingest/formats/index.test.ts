import { describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import { readDocument, readPastedText } from './index';
import { newsPageHtml } from './testing/news-page';
import { buildReportPdf } from './testing/report-pdf';
import { buildStatementDocx } from './testing/statement-docx';

async function rejection(p: Promise<unknown>): Promise<DossierError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DossierError);
  expect((e as DossierError).code).toBe('validation');
  return e as DossierError;
}

const smallPdf = () =>
  buildReportPdf({ paragraphs: ['Exports of steel rose by four per cent in the first quarter, according to the customs office.'], title: 'Customs note' });

describe('readDocument: content decides, the name only breaks ties', { timeout: 20_000 }, () => {
  it('reads a PDF named .txt as a PDF, and says so', async () => {
    const doc = await readDocument(await smallPdf(), { fileName: 'customs-note.txt' });
    expect(doc.format).toBe('pdf');
    expect(doc.blocks.map((b) => b.text)).toContain('Exports of steel rose by four per cent in the first quarter, according to the customs office.');
    expect(doc.warnings[0]).toBe('customs-note.txt: the file name says plain text, but the content is a PDF; it was read as a PDF');
  });

  it('reads a Word file, a saved page and a text file by their content', async () => {
    expect((await readDocument(await buildStatementDocx(), { fileName: 'statement.docx' })).format).toBe('docx');
    const page = await readDocument(new TextEncoder().encode(newsPageHtml()), { fileName: 'page.htm' });
    expect(page.format).toBe('html');
    expect(page.warnings).toEqual([]);
    const md = await readDocument(new TextEncoder().encode('# Heading\n\nSome **bold** text and a [link](https://x.example).'), { fileName: 'notes' });
    expect(md.format).toBe('markdown');
  });

  it('does not warn when text and Markdown are told apart by the name', async () => {
    const doc = await readDocument(new TextEncoder().encode('# Heading\n\n**Bold** words.'), { fileName: 'plain.txt' });
    expect(doc.format).toBe('text');
    expect(doc.warnings).toEqual([]);
  });
});

describe('readDocument: refusals with a clear message', { timeout: 20_000 }, () => {
  it('binary garbage', async () => {
    const junk = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    const e = await rejection(readDocument(junk, { fileName: 'mystery.bin' }));
    expect(e.message).toBe('mystery.bin: this is binary data in no format Dossier reads (PDF, Word .docx, HTML/MHTML, Markdown or plain text)');
  });

  it('garbage named .docx is explained in Word terms', async () => {
    const junk = Uint8Array.from({ length: 2048 }, (_, i) => (i * 31 + 7) % 256);
    const e = await rejection(readDocument(junk, { fileName: 'statement.docx' }));
    expect(e.message).toBe('statement.docx: this is not a Word .docx file (a .docx is a ZIP package, and this file is not one)');
  });

  it('a file over the size cap (cap injected, nothing parsed)', async () => {
    const e = await rejection(readDocument(new Uint8Array(2048), { fileName: 'huge.pdf', maxBytes: 1024 }));
    expect(e.message).toBe('huge.pdf: the file is too large to import (2,048 bytes; the limit is 1,024 bytes); split it into smaller files');
  });

  it('an empty file', async () => {
    expect((await rejection(readDocument(new Uint8Array(0), { fileName: 'empty.txt' }))).message).toBe('empty.txt: the file is empty');
  });

  it('bibliography files belong in the sources importer', async () => {
    const bib = new TextEncoder().encode('@techreport{its2023,\n  title = {Tariff Escalation},\n  year = 2023\n}\n');
    expect((await rejection(readDocument(bib, { fileName: 'refs.bib' }))).message).toMatch(/^refs\.bib: this file holds BibTeX references, not a document/);
  });

  it('old binary Word files', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
    expect((await rejection(readDocument(ole, { fileName: 'old.doc' }))).message).toMatch(/^old\.doc: this is an old-style Office file/);
  });
});

describe('readPastedText', () => {
  it('reads pasted prose without inventing a title', () => {
    const doc = readPastedText('The quota falls to 41,000 tonnes.\n\nThe moratorium runs to 2026.');
    expect(doc.blocks.map((b) => b.text)).toEqual(['The quota falls to 41,000 tonnes.', 'The moratorium runs to 2026.']);
    expect(doc.source.title).toBeUndefined();
  });

  it('refuses pastes over the cap', () => {
    expect(() => readPastedText('x'.repeat(100), { maxBytes: 10 })).toThrow(/too large/);
  });
});
