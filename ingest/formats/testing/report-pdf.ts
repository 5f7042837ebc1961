import type { PDFFont, PDFPage } from 'pdf-lib';
import { PDFDocument, PDFHexString, PDFName, PDFNumber, StandardFonts } from 'pdf-lib';
import { escapeXml } from '../../../export/xml-text';

/**
 * Generates think-tank-style PDF reports for tests and the benchmark: US Letter, a full-width
 * title block on the first page, two justified-width columns, a running header and a printed
 * page number on every page, optional page labels, and Info metadata.
 *
 * Paragraph text may contain "|" to force a line break at that point (to place a hyphenated
 * word at the end of a line deterministically); "## " starts an in-column heading.
 */
/** A table drawn in the column: one row per entry, cells spread across the column, numbers right-aligned. */
interface TableSpec {
  table: string[][];
}

export interface ReportPdfOptions {
  paragraphs: Iterable<string | TableSpec>;
  /** Stop after this many pages even if text remains (the benchmark's page count). */
  maxPages?: number;
  title?: string;
  author?: string;
  subject?: string;
  created?: Date;
  /**
   * Shown at the top of every page, e.g. "Institute for Trade Studies — Working Paper 12"; two
   * texts alternate like a book's (odd pages left-aligned first text, even pages right-aligned second).
   */
  runningHeader?: string | [odd: string, even: string];
  /** The footer printed instead of the bare page number, e.g. (label) => `${label} | Institute`. */
  footer?: (label: string, index: number) => string;
  /** Page label ranges (PDF /PageLabels): from page index `from`, style and first number. */
  labels?: { from: number; style: 'D' | 'r' | 'R'; start: number }[];
  /** Title printed on the first page (defaults to `title`). */
  printedTitle?: string;
  byline?: string;
  /** A line printed under the byline on the title page ("Published 12 March 2024"). */
  dateline?: string;
  /** XMP properties written as a metadata stream, e.g. { 'dc:date': '2024-03-12', 'prism:publicationDate': '2024-03' }. */
  xmp?: Record<string, string>;
}

const WIDTH = 612;
const HEIGHT = 792;
const MARGIN = 54;
const GUTTER = 18;
const COLUMN = (WIDTH - 2 * MARGIN - GUTTER) / 2;
const TOP = 720;
const BOTTOM = 64;
const SIZE = 10;
const LEADING = 12.5;
const PARAGRAPH_GAP = 7;

export async function buildReportPdf(o: ReportPdfOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const body = await doc.embedFont(StandardFonts.TimesRoman);
  const bold = await doc.embedFont(StandardFonts.TimesRomanBold);
  const labels = o.labels ?? [];

  let page!: PDFPage;
  let column = 0;
  let y = 0;
  const newPage = (): boolean => {
    if (o.maxPages !== undefined && doc.getPageCount() >= o.maxPages) return false;
    page = doc.addPage([WIDTH, HEIGHT]);
    const index = doc.getPageCount() - 1;
    const even = index % 2 === 1;
    const header = Array.isArray(o.runningHeader) ? o.runningHeader[even ? 1 : 0] : o.runningHeader;
    if (header)
      page.drawText(header, {
        x: even && Array.isArray(o.runningHeader) ? WIDTH - MARGIN - body.widthOfTextAtSize(header, 8) : MARGIN,
        y: 756,
        size: 8,
        font: body,
      });
    const label = labelFor(index, labels);
    const footer = o.footer ? o.footer(label, index) : label;
    const footerX = o.footer ? (even ? MARGIN : WIDTH - MARGIN - body.widthOfTextAtSize(footer, 9)) : WIDTH / 2 - body.widthOfTextAtSize(footer, 9) / 2;
    page.drawText(footer, { x: footerX, y: 36, size: 9, font: body });
    column = 0;
    y = TOP;
    if (index === 0) y = titleBlock(page, o, bold, body);
    return true;
  };
  const nextColumn = (): boolean => {
    if (column === 0) {
      column = 1;
      y = page === doc.getPage(0) ? firstPageTop(o) : TOP;
      return true;
    }
    return newPage();
  };

  if (!newPage()) return doc.save();
  outer: for (const raw of o.paragraphs) {
    if (typeof raw !== 'string') {
      for (const row of raw.table) {
        if (y < BOTTOM && !nextColumn()) break outer;
        drawRow(page, row, MARGIN + column * (COLUMN + GUTTER), y, body);
        y -= LEADING;
      }
      y -= PARAGRAPH_GAP;
      continue;
    }
    const heading = raw.startsWith('## ');
    const text = heading ? raw.slice(3) : raw;
    const font = heading ? bold : body;
    const size = heading ? 12 : SIZE;
    for (const line of wrap(text, font, size)) {
      if (y < BOTTOM && !nextColumn()) break outer;
      const x = MARGIN + column * (COLUMN + GUTTER);
      page.drawText(line, { x, y, size, font });
      y -= heading ? LEADING + 3 : LEADING;
    }
    y -= PARAGRAPH_GAP;
  }

  if (o.title) doc.setTitle(o.title);
  if (o.author) doc.setAuthor(o.author);
  if (o.subject) doc.setSubject(o.subject);
  if (o.created) doc.setCreationDate(o.created);
  if (labels.length) setPageLabels(doc, labels);
  if (o.xmp) setXmp(doc, o.xmp);
  return doc.save();
}

/** First cell left-aligned at the column's edge, the others right-aligned in equal slots (as figures are set). */
function drawRow(page: PDFPage, row: string[], left: number, y: number, font: PDFFont): void {
  const first = COLUMN * 0.4;
  const slot = (COLUMN - first) / Math.max(1, row.length - 1);
  row.forEach((cell, i) => {
    const x = i === 0 ? left : left + first + slot * i - font.widthOfTextAtSize(cell, SIZE);
    page.drawText(cell, { x, y, size: SIZE, font });
  });
}

function titleBlock(page: PDFPage, o: ReportPdfOptions, bold: PDFFont, body: PDFFont): number {
  const title = o.printedTitle ?? o.title;
  if (!title) return TOP;
  page.drawText(title, { x: WIDTH / 2 - bold.widthOfTextAtSize(title, 18) / 2, y: 700, size: 18, font: bold });
  if (o.byline) page.drawText(o.byline, { x: WIDTH / 2 - body.widthOfTextAtSize(o.byline, 11) / 2, y: 678, size: 11, font: body });
  if (o.dateline) page.drawText(o.dateline, { x: WIDTH / 2 - body.widthOfTextAtSize(o.dateline, 10) / 2, y: 662, size: 10, font: body });
  return firstPageTop(o);
}

function firstPageTop(o: ReportPdfOptions): number {
  return (o.printedTitle ?? o.title) ? 640 : TOP;
}

/** Greedy line breaking to the column width; "|" forces a break. */
function wrap(text: string, font: PDFFont, size: number): string[] {
  const lines: string[] = [];
  for (const segment of text.split('|')) {
    let line = '';
    for (const word of segment.trim().split(/\s+/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(candidate, size) > COLUMN) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    if (line) lines.push(line);
  }
  return lines;
}

function labelFor(index: number, labels: { from: number; style: 'D' | 'r' | 'R'; start: number }[]): string {
  const range = [...labels].reverse().find((l) => l.from <= index);
  if (!range) return String(index + 1);
  const n = range.start + (index - range.from);
  return range.style === 'D' ? String(n) : range.style === 'r' ? roman(n) : roman(n).toUpperCase();
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let s = '';
  for (const [v, r] of table) {
    while (n >= v) {
      s += r;
      n -= v;
    }
  }
  return s;
}

function setPageLabels(doc: PDFDocument, labels: { from: number; style: 'D' | 'r' | 'R'; start: number }[]): void {
  const nums = labels.flatMap((l) => [PDFNumber.of(l.from), doc.context.obj({ S: PDFName.of(l.style), St: PDFNumber.of(l.start) })]);
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: nums }));
}

/** An XMP packet with the given simple properties (dc:, xmp:, prism: namespaces), as the catalog's /Metadata stream. */
function setXmp(doc: PDFDocument, props: Record<string, string>): void {
  const fields = Object.entries(props)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('\n');
  const xml = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/">
${fields}
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`;
  const stream = doc.context.stream(xml, { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}

/** A page with a drawn rectangle and no text at all: what a scan without OCR looks like to a text extractor. */
export async function buildImageOnlyPdf(pages = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([WIDTH, HEIGHT]).drawRectangle({ x: 72, y: 72, width: 468, height: 648, borderWidth: 2 });
  return doc.save();
}

/**
 * A PDF that demands a password: a Standard security handler dictionary whose password check
 * fails for the empty password. (pdf-lib cannot encrypt; the reader only needs the dictionary
 * to refuse the file, as it would a real password-protected report.)
 */
export async function buildPasswordPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([WIDTH, HEIGHT]).drawText('Secret', { x: 72, y: 700, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  const encrypt = doc.context.obj({
    Filter: PDFName.of('Standard'),
    V: PDFNumber.of(1),
    R: PDFNumber.of(2),
    Length: PDFNumber.of(40),
    P: PDFNumber.of(-4),
    O: PDFHexString.of('11'.repeat(32)),
    U: PDFHexString.of('22'.repeat(32)),
  });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of('ab'.repeat(16)), PDFHexString.of('ab'.repeat(16))]);
  return doc.save({ useObjectStreams: false });
}
