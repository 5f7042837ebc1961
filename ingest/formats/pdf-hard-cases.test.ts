import { describe, expect, it } from 'vitest';
import { importPdf } from './pdf';
import type { Fragment } from './pdf-fragment';
import { pageLayout } from './pdf-layout';
import { buildReportPdf } from './testing/report-pdf';
import { REPORT_TITLE, reportParagraphs, SUMMARY } from './testing/report-text';

/** PDFs as publishers make them: alternating heads, numbered footers, tables, XMP dates. */
const INSTITUTE = 'Institute for Trade Studies';
const TABLE = [
  ['Economy', '2019', '2023', 'Change'],
  ['Kenya', '12.4', '15.1', '+2.7'],
  ['Ghana', '9.8', '8.6', '-1.2'],
  ['Peru', '21.0', '24.3', '+3.3'],
];
const BEFORE_TABLE = 'Table 1 sets out the regional share of inputs by economy for the two survey years.';
const AFTER_TABLE = 'The economies whose share fell had the fewest alternative suppliers before 2019.';

describe('importPdf: running heads and footers as publishers set them', { timeout: 30_000 }, () => {
  it('drops heads that alternate between odd and even pages and footers like "7 | Institute"', async () => {
    const bytes = await buildReportPdf({
      paragraphs: [...reportParagraphs(), ...reportParagraphs().slice(6)], // 6 pages: each head on 3
      title: REPORT_TITLE,
      runningHeader: [INSTITUTE, REPORT_TITLE],
      footer: (label, i) => (i % 2 ? `${label} | ${INSTITUTE}` : `${INSTITUTE} | March 2024 | ${label}`),
    });
    const doc = await importPdf(bytes, { fileName: 'alternating.pdf' });
    const pages = new Set(doc.blocks.map((b) => b.locator?.value));
    expect(pages.size).toBeGreaterThanOrEqual(6);
    const texts = doc.blocks.map((b) => b.text);
    expect(texts.filter((t) => t.includes(INSTITUTE))).toEqual([]);
    // The printed title stays once, as the first block; its running-head copies are gone.
    expect(texts.filter((t) => t.includes(REPORT_TITLE))).toEqual([REPORT_TITLE]);
    expect(texts).toContain(SUMMARY);
    expect(texts.filter((t) => t.startsWith('Finding '))).toHaveLength(80);
  });

  it('drops numbered footers and heads in a 2-page file, where repetition alone cannot tell', async () => {
    const bytes = await buildReportPdf({
      paragraphs: reportParagraphs(),
      maxPages: 2,
      title: REPORT_TITLE,
      runningHeader: [INSTITUTE, 'Working Paper 12'],
      footer: (label, i) => (i % 2 ? `${label} | ${INSTITUTE}` : `Working Paper 12 · ${label}`),
    });
    const doc = await importPdf(bytes, { fileName: 'short.pdf' });
    expect(new Set(doc.blocks.map((b) => b.locator?.value))).toEqual(new Set(['1', '2']));
    const all = doc.blocks.map((b) => b.text).join('\n');
    expect(all).not.toMatch(/Institute|Working Paper/);
    expect(doc.blocks[0].text).toBe(REPORT_TITLE);
    expect(all).toContain(SUMMARY);
  });
});

describe('importPdf: tables', { timeout: 30_000 }, () => {
  it('leaves a table out of the candidate text, keeps the prose around it, and names its page', async () => {
    const paragraphs = reportParagraphs();
    const at = paragraphs.indexOf('## Findings') + 14;
    paragraphs.splice(at, 0, BEFORE_TABLE, { table: TABLE } as never, AFTER_TABLE);
    const doc = await importPdf(await buildReportPdf({ paragraphs, title: REPORT_TITLE }), { fileName: 'tables.pdf' });
    const texts = doc.blocks.map((b) => b.text);
    expect(texts).toContain(BEFORE_TABLE);
    expect(texts).toContain(AFTER_TABLE);
    expect(texts.join('\n')).not.toMatch(/Kenya|Ghana|Peru|12\.4|Economy 2019/);
    const page = doc.blocks.find((b) => b.text === AFTER_TABLE)!.locator!.value;
    expect(doc.warnings).toEqual([`tables.pdf: 1 table left out (page ${page}): a table's cells are not sentences; see the page for its figures`]);
    expect(texts.filter((t) => t.startsWith('Finding '))).toHaveLength(40);
  });

  it('a PDF without tables has no such note', async () => {
    const doc = await importPdf(await buildReportPdf({ paragraphs: reportParagraphs(), title: REPORT_TITLE }), { fileName: 'plain.pdf' });
    expect(doc.warnings).toEqual([]);
  });
});

describe('pageLayout: tables found on whole rows', () => {
  const frag = (text: string, x: number, y: number, size = 10): Fragment => ({ text, x, y, width: text.length * 5, size });
  const twoColumns = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => [
      frag(`left column prose line ${from + i} goes here`, 54, 100 + (from + i) * 12),
      frag(`right column prose line ${from + i} here`, 320, 100 + (from + i) * 12),
    ]).flat();

  it('takes out a full-width table that crosses the gutter of a two-column page', () => {
    const table = [
      ['Economy', '2019', '2023', 'Change', 'Note'],
      ['Kenya', '12.4', '15.1', '+2.7', 'rail'],
      ['Ghana', '9.8', '8.6', '-1.2', 'port'],
      ['Peru', '21.0', '24.3', '+3.3', 'road'],
    ].flatMap((row, r) => row.map((cell, c) => frag(cell, 54 + c * 110, 285 + r * 12)));
    const { lines, tables } = pageLayout([...twoColumns(0, 15), ...table, ...twoColumns(20, 35)], 612);
    expect(tables).toEqual([{ top: 285, rows: 4 }]);
    expect(lines.map((l) => l.text).join('\n')).not.toMatch(/Kenya|Economy|12\.4/);
    expect(lines.filter((l) => l.column === 0)).toHaveLength(30);
  });

  it('finds no table in two-column prose or in a list of short lines', () => {
    const list = Array.from({ length: 6 }, (_, i) => frag(`• item ${i}`, 72, 600 + i * 12));
    expect(pageLayout([...twoColumns(0, 30), ...list], 612).tables).toEqual([]);
  });

  it('needs three rows of three aligned columns', () => {
    const rows = (n: number, cols: number) =>
      Array.from({ length: n }, (_, r) => Array.from({ length: cols }, (_, c) => frag(`c${r}${c}`, 72 + c * 120, 100 + r * 12))).flat();
    expect(pageLayout(rows(2, 4), 612).tables).toEqual([]);
    expect(pageLayout(rows(5, 2), 612).tables).toEqual([]);
    expect(pageLayout(rows(3, 3), 612).tables).toEqual([{ top: 100, rows: 3 }]);
  });
});

describe('importPdf: the publication date', { timeout: 30_000 }, () => {
  const created = new Date('2024-06-11T09:30:00Z');
  const issued = async (extra: Parameters<typeof buildReportPdf>[0] extends infer O ? Partial<O> : never) =>
    (
      await importPdf(
        await buildReportPdf({ paragraphs: [SUMMARY, 'Second paragraph of the brief.'], title: REPORT_TITLE, byline: 'Amara Okafor', created, ...extra }),
        { fileName: 'dated.pdf' },
      )
    ).source.issued;

  it('is the creation date when nothing else says', async () => {
    expect(await issued({})).toBe('2024-06-11');
  });

  it('is XMP prism:publicationDate or dc:date over the creation date', async () => {
    expect(await issued({ xmp: { 'prism:publicationDate': '2024-03-12', 'xmp:CreateDate': '2024-06-10T09:00:00Z' } })).toBe('2024-03-12');
    expect(await issued({ xmp: { 'dc:date': '2024-02' } })).toBe('2024-02');
  });

  it('is the date printed on the title page over the creation date', async () => {
    expect(await issued({ dateline: 'Published 12 March 2024' })).toBe('2024-03-12');
    expect(await issued({ dateline: 'Working Paper 12 | March 2024' })).toBe('2024-03');
  });
});
