import { beforeAll, describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import type { ImportedBlock, ImportedDocument, ImportProgress } from '../document';
import { importPdf } from './pdf';
import type { Fragment } from './pdf-fragment';
import type { Line } from './pdf-layout';
import { pageLines } from './pdf-layout';
import type { PageText } from './pdf-running';
import { removeRunningText } from './pdf-running';
import { buildImageOnlyPdf, buildPasswordPdf, buildReportPdf } from './testing/report-pdf';
import { COMPOUNDS, HYPHENATED, LINE_END_COMPOUND, REPORT_TITLE, reportParagraphs, RUNNING_HEADER, SUMMARY } from './testing/report-text';

const flat = (s: string) => s.replace(/\|/g, '');

async function workingPaper(labels = true): Promise<Uint8Array> {
  return buildReportPdf({
    paragraphs: reportParagraphs(),
    title: REPORT_TITLE,
    author: 'Amara Okafor; Institute for Trade Studies',
    subject: 'Working paper on tariff escalation',
    created: new Date('2023-05-04T10:00:00Z'),
    runningHeader: RUNNING_HEADER,
    byline: 'Amara Okafor',
    // Printed numbering: front matter iii, iv, then the body from 1.
    ...(labels
      ? {
          labels: [
            { from: 0, style: 'r' as const, start: 3 },
            { from: 2, style: 'D' as const, start: 1 },
          ],
        }
      : {}),
  });
}

async function rejection(p: Promise<unknown>): Promise<DossierError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DossierError);
  return e as DossierError;
}

describe('importPdf: a two-column working paper', () => {
  const progress: ImportProgress[] = [];
  let doc: ImportedDocument;
  let texts: string[];
  let findings: ImportedBlock[];
  beforeAll(async () => {
    doc = await importPdf(await workingPaper(), { fileName: 'wp12.pdf', onProgress: (p) => progress.push(p) });
    texts = doc.blocks.map((b) => b.text);
    findings = doc.blocks.filter((b) => b.text.startsWith('Finding '));
  }, 30_000);

  it('reads metadata from the Info dictionary', () => {
    expect(doc.format).toBe('pdf');
    expect(doc.source).toEqual({
      type: 'report',
      title: REPORT_TITLE,
      authors: [{ given: 'Amara', family: 'Okafor' }, { literal: 'Institute for Trade Studies' }],
      issued: '2023-05-04',
      extra: { abstract: 'Working paper on tariff escalation' },
    });
  });

  it('reads columns left then right, paragraphs whole and in order, across columns and pages', () => {
    expect(texts.slice(0, 3)).toEqual([REPORT_TITLE, 'Amara Okafor', 'Summary']);
    expect(findings.map((b) => Number(/^Finding (\d+)/.exec(b.text)![1]))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const f of findings) expect(f.text).toMatch(/^Finding \d+: the survey .* even if duties are reduced\.$/);
    expect(doc.blocks.find((b) => b.text === 'Findings')?.kind).toBe('heading');
    expect(texts).toContain(SUMMARY);
  });

  it('uses the printed page labels as page locators, with a range for paragraphs crossing a page', () => {
    const pages = new Set(doc.blocks.map((b) => b.locator?.value));
    expect(doc.blocks.every((b) => b.locator?.label === 'page')).toBe(true);
    expect(doc.blocks[0].locator?.value).toBe('iii');
    expect(pages).toContain('iv');
    expect(pages).toContain('1');
    expect([...pages].some((p) => /^[ivx\d]+-[ivx\d]+$/.test(p!))).toBe(true);
    expect(doc.warnings.join(' ')).toMatch(/page labels.*"iii"/);
  });

  it('drops the running header and page numbers', () => {
    const all = texts.join('\n');
    expect(all).not.toContain('Working Paper 12');
    expect(texts.some((t) => /^(?:[ivx]+|\d+)$/.test(t))).toBe(false);
  });

  it('joins words hyphenated at a line end and keeps real hyphens', () => {
    expect(texts).toContain(flat(HYPHENATED).replace('govern-ment', 'government'));
    expect(texts).toContain(flat(COMPOUNDS)); // "long-term" mid-line, "Euro-Atlantic" at a break
    expect(texts).toContain(flat(LINE_END_COMPOUND)); // "long-|term": the document writes it hyphenated
  });

  it('reports progress page by page', () => {
    const reading = progress.filter((p) => p.phase.startsWith('Reading page'));
    expect(reading.length).toBe(reading[0].total);
    expect(reading.map((p) => p.done)).toEqual(reading.map((_, i) => i));
  });
});

describe('importPdf: page numbers without labels', () => {
  it('cites pages by position when the PDF has no page labels', { timeout: 30_000 }, async () => {
    const doc = await importPdf(await workingPaper(false), { fileName: 'plain.pdf' });
    expect(doc.blocks[0].locator).toEqual({ label: 'page', value: '1' });
    expect(new Set(doc.blocks.map((b) => b.locator?.value))).toContain('3');
    expect(doc.warnings).toEqual([]);
  });
});

describe('importPdf: files it must refuse clearly', { timeout: 20_000 }, () => {
  it('a scan without a text layer', async () => {
    const e = await rejection(importPdf(await buildImageOnlyPdf(), { fileName: 'scan.pdf' }));
    expect(e.code).toBe('validation');
    expect(e.message).toBe('scan.pdf: the PDF has no text layer (scanned image?); run OCR first, then import the OCRed PDF');
  });

  it('a password-protected PDF', async () => {
    const e = await rejection(importPdf(await buildPasswordPdf(), { fileName: 'secret.pdf' }));
    expect(e).toMatchObject({
      code: 'password_required',
      field: 'password',
      message: 'secret.pdf: this PDF is password-protected; give its password to import it',
    });
  });

  it('a truncated PDF', async () => {
    const bytes = await workingPaper();
    const e = await rejection(importPdf(bytes.slice(0, Math.floor(bytes.length * 0.6)), { fileName: 'cut.pdf' }));
    expect(e.message).toMatch(/^cut\.pdf: the PDF is damaged or truncated/);
  });

  it('garbage behind a PDF header', async () => {
    const junk = new Uint8Array(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 251;
    junk.set(new TextEncoder().encode('%PDF-1.7\n'), 0);
    const e = await rejection(importPdf(junk, { fileName: 'junk.pdf' }));
    expect(e.message).toMatch(/^junk\.pdf: the PDF (?:is damaged|cannot be read)/);
  });
});

describe('importPdf: cancellation', () => {
  it('stops between pages with an AbortError', { timeout: 30_000 }, async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const run = importPdf(await workingPaper(), {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.done);
        if (p.done === 1) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([0, 1]);
  });

  it('refuses to start when already cancelled', async () => {
    await expect(importPdf(new Uint8Array(10), { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('pageLines: reading order', () => {
  const frag = (text: string, x: number, y: number, size = 10): Fragment => ({ text, x, y, width: text.length * 5, size });

  it('reads a full-width title, then the left column, then the right, then the full-width footer', () => {
    const left = Array.from({ length: 20 }, (_, i) => frag(`left line ${i} of the first column text`, 54, 100 + i * 12));
    const right = Array.from({ length: 20 }, (_, i) => frag(`right line ${i} of the second column`, 320, 100 + i * 12));
    const lines = pageLines([frag('A Title That Spans Both Columns Of The Page In Bold', 150, 60, 18), ...right, ...left, frag('7', 303, 760, 9)], 612);
    expect(lines.map((l) => l.text)).toEqual([
      'A Title That Spans Both Columns Of The Page In Bold',
      ...left.map((f) => f.text),
      ...right.map((f) => f.text),
      '7',
    ]);
    expect(lines[1].column).toBe(0);
    expect(lines[21].column).toBe(1);
  });

  it('keeps a single-column page in line order and joins a line split into fragments', () => {
    const lines = pageLines(
      [
        frag('The first line runs across', 72, 100),
        frag('the whole page width.', 72 + 26 * 5 + 3, 100),
        frag('A second line also runs across the whole page width.', 72, 114),
      ],
      612,
    );
    expect(lines.map((l) => [l.text, l.column])).toEqual([
      ['The first line runs across the whole page width.', -1],
      ['A second line also runs across the whole page width.', -1],
    ]);
  });
});

describe('removeRunningText', () => {
  const line = (text: string, y: number, size = 10): Line => ({ text, x: 54, right: 300, y, size, column: -1, band: 0 });
  const page = (n: number): PageText => ({
    height: 792,
    lines: [
      line(`Annual Review ${2020 + n}`, 40, 10), // a running header: same text but its digits, set apart
      line('The same opening line on every page', 80), // body text at the same place on every page
      line(`followed by text that differs on page ${n}.`, 92.5),
      line(`${n}`, 760, 9), // the page number
    ],
  });

  it('drops headers and page numbers but never body lines that merely repeat', () => {
    const { pages, removed } = removeRunningText([page(1), page(2), page(3)]);
    expect(removed).toBe(6);
    expect(pages.map((p) => p.map((l) => l.text))).toEqual(
      [1, 2, 3].map((n) => ['The same opening line on every page', `followed by text that differs on page ${n}.`]),
    );
  });
});
