import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DossierError } from '../../core/errors';
import type { ImportedDocument, ImportOptions } from '../document';
import { throwIfAborted, unreadable } from './abort';
import type { Fragment } from './pdf-fragment';
import type { Line } from './pdf-layout';
import { pageLayout } from './pdf-layout';
import { pdfSource } from './pdf-metadata';
import { pdfParagraphs } from './pdf-paragraphs';
import { removeRunningText } from './pdf-running';
import { loadPdfJs, safeDocumentOptions } from './pdfjs';

/**
 * PDF reports → blocks that each carry the page they are printed on.
 *
 * Pages are read one at a time — progress is reported and cancellation checked between pages —
 * and each page's positioned text becomes lines in reading order (pdf-layout.ts). Once every
 * page is known, running headers, footers and page numbers are removed (pdf-running.ts) and
 * lines are joined into paragraphs (pdf-paragraphs.ts). Tables are left out, and a warning
 * names their pages (pdf-tables.ts).
 *
 * Page locators use the PDF's page labels when it has them — the numbers printed on the pages,
 * so a report whose front matter is i–iv and whose body starts at 1 is cited as printed — and
 * the page's position (1, 2, 3 …) otherwise; a warning says when labels were used.
 *
 * Cancelling throws a DOMException named AbortError (see abort.ts). A PDF that cannot be read
 * (damaged, a scan without text) is a DossierError with code 'validation'; an encrypted one
 * opened without its password (or with a wrong one) has code 'password_required'.
 */
interface PageText {
  label: string;
  lines: Line[];
  height: number;
  failed: boolean;
  /** Tables found on the page and left out of its text (pdf-tables.ts). */
  tables: number;
}

export async function importPdf(bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportedDocument> {
  const name = opts.fileName ?? 'document.pdf';
  throwIfAborted(opts.signal);
  const pdfjs = await loadPdfJs();
  // pdf.js takes ownership of the buffer it is given (and may detach it): give it a copy.
  const task = pdfjs.getDocument({
    ...safeDocumentOptions(),
    data: new Uint8Array(bytes),
    ...(opts.password !== undefined ? { password: opts.password } : {}),
  });
  try {
    const pdf = await open(task, name, opts);
    const pages = await readPages(pdf, name, opts);
    const running = removeRunningText(pages);
    const blocks = pdfParagraphs(pages.map((p, i) => ({ label: p.label, lines: running.pages[i] })));
    const source = await metadata(pdf, pages, opts.fileName);
    return { format: 'pdf', source, blocks, warnings: warnings(name, bytes, pages) };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

async function open(task: PDFDocumentLoadingTask, name: string, opts: ImportOptions): Promise<PDFDocumentProxy> {
  try {
    const pdf = await untilAborted(task.promise, opts.signal);
    if (pdf.numPages === 0) throw unreadable(name, 'the PDF has no pages');
    return pdf;
  } catch (e) {
    throw openError(e, name, opts.password !== undefined);
  }
}

/** Every page's lines; a page pdf.js cannot read is recorded, not fatal, unless none can be read. */
async function readPages(pdf: PDFDocumentProxy, name: string, opts: ImportOptions): Promise<PageText[]> {
  const total = pdf.numPages;
  const labels = await pdf.getPageLabels().catch(() => null);
  const pages: PageText[] = [];
  for (let n = 1; n <= total; n++) {
    throwIfAborted(opts.signal);
    opts.onProgress?.({ phase: `Reading page ${n} of ${total}`, done: n - 1, total });
    const label = cleanLabel(labels?.[n - 1]) ?? String(n);
    try {
      const page = await pageFragments(pdf, n);
      const layout = pageLayout(page.fragments, page.width);
      pages.push({ label, lines: layout.lines, height: page.height, failed: false, tables: layout.tables.length });
    } catch (e) {
      if (isAbort(e)) throw e;
      pages.push({ label, lines: [], height: 0, failed: true, tables: 0 });
    }
  }
  throwIfAborted(opts.signal);
  opts.onProgress?.({ phase: 'Joining lines into paragraphs', done: total, total });

  if (pages.every((p) => p.failed)) throw unreadable(name, 'the PDF is damaged: none of its pages can be read');
  if (pages.every((p) => p.lines.length === 0 && p.tables === 0))
    throw unreadable(name, 'the PDF has no text layer (scanned image?); run OCR first, then import the OCRed PDF');
  return pages;
}

/** One page's text items → fragments in top-left page coordinates; the page's resources are freed after. */
async function pageFragments(pdf: PDFDocumentProxy, n: number): Promise<{ fragments: Fragment[]; width: number; height: number }> {
  const page = await pdf.getPage(n);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const fragments: Fragment[] = [];
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const m = multiply(viewport.transform, item.transform as number[]);
      // Upright horizontal text only: rotated watermarks ("DRAFT") and margin notes are not prose.
      if (m[0] <= 0 || Math.abs(m[1]) > 0.01 * m[0] || Math.abs(m[2]) > 0.01 * Math.abs(m[3])) continue;
      fragments.push({ text: item.str, x: m[4], y: m[5], width: item.width, size: Math.abs(m[3]) || item.height });
    }
    return { fragments, width: viewport.width, height: viewport.height };
  } finally {
    page.cleanup();
  }
}

/** The 2×3 affine product a·b: item space → page space → top-left viewport space. */
function multiply(a: number[], b: number[]): number[] {
  return [
    a[0] * b[0] + a[2] * b[1],
    a[1] * b[0] + a[3] * b[1],
    a[0] * b[2] + a[2] * b[3],
    a[1] * b[2] + a[3] * b[3],
    a[0] * b[4] + a[2] * b[5] + a[4],
    a[1] * b[4] + a[3] * b[5] + a[5],
  ];
}

async function metadata(pdf: PDFDocumentProxy, pages: PageText[], fileName: string | undefined): Promise<ImportedDocument['source']> {
  const meta = await pdf.getMetadata().catch(() => ({ info: {}, metadata: null }));
  const xmp = meta.metadata ? new Map<string, unknown>([...(meta.metadata as Iterable<[string, unknown]>)]) : new Map<string, unknown>();
  return pdfSource({
    info: (meta.info ?? {}) as Record<string, unknown>,
    xmp,
    printedTitle: printedTitle(pages[0]?.lines ?? []),
    titlePageLines: (pages[0]?.lines ?? []).map((l) => l.text),
    firstPagesText: pages
      .slice(0, 2)
      .flatMap((p) => p.lines.map((l) => l.text))
      .join('\n'),
    fileName,
  });
}

/** The title as printed: the run of largest-type lines at the top of page 1, if clearly larger than the text. */
function printedTitle(lines: Line[]): string | undefined {
  if (lines.length < 2) return undefined;
  const sizes = lines.map((l) => l.size).sort((a, b) => a - b);
  const median = sizes[sizes.length >> 1];
  const max = sizes[sizes.length - 1];
  if (max < 1.3 * median) return undefined;
  const first = lines.findIndex((l) => l.size === max);
  const title: string[] = [];
  for (let i = first; i < lines.length && lines[i].size >= 0.9 * max; i++) title.push(lines[i].text);
  const t = title.join(' ').trim();
  return t.length >= 3 && t.length <= 300 ? t : undefined;
}

function cleanLabel(label: string | undefined): string | undefined {
  const t = label?.replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, 50) : undefined;
}

function warnings(name: string, bytes: Uint8Array, pages: PageText[]): string[] {
  const out: string[] = [];
  if (pages.some((p, i) => p.label !== String(i + 1))) {
    out.push(`${name}: page locators use the page numbers printed in the PDF (its page labels), so the first page is cited as "${pages[0].label}"`);
  }
  const tables = pages.filter((p) => p.tables > 0);
  if (tables.length) {
    const n = tables.reduce((sum, p) => sum + p.tables, 0);
    out.push(
      `${name}: ${count(n, 'table')} left out (${tables.length === 1 ? 'page' : 'pages'} ${list(tables.map((p) => p.label))}): a table's cells are not sentences; see the page for its figures`,
    );
  }
  const textless = pages.filter((p) => !p.failed && p.lines.length === 0 && p.tables === 0).map((p) => p.label);
  if (textless.length) out.push(`${name}: ${count(textless.length, 'page')} had no text layer (scanned images?) and need OCR: ${list(textless)}`);
  const failed = pages.filter((p) => p.failed).map((p) => p.label);
  if (failed.length) out.push(`${name}: ${count(failed.length, 'page')} could not be read (damaged): ${list(failed)}`);
  if (!endsLikePdf(bytes)) out.push(`${name}: the file seems truncated (it does not end like a complete PDF); some pages or text may be missing`);
  return out;
}

function endsLikePdf(bytes: Uint8Array): boolean {
  return new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 1024))).includes('%%EOF');
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function list(labels: string[]): string {
  return labels.length > 12 ? `${labels.slice(0, 12).join(', ')} …` : labels.join(', ');
}

/**
 * What a person should be told when pdf.js cannot open the file. An encrypted PDF is its own
 * error code, so a shell can ask for the password and try again rather than give up.
 */
function openError(e: unknown, name: string, passwordGiven: boolean): unknown {
  if (isAbort(e) || e instanceof DossierError) return e;
  const kind = e instanceof Error ? e.name : '';
  const detail = e instanceof Error ? e.message : String(e);
  if (kind === 'PasswordException') {
    const problem = passwordGiven
      ? 'the password given for this password-protected PDF is wrong'
      : 'this PDF is password-protected; give its password to import it';
    return new DossierError('password_required', `${name}: ${problem}`, 'password');
  }
  if (kind === 'InvalidPDFException') return unreadable(name, `the PDF is damaged or truncated and cannot be read (${detail})`);
  return unreadable(name, `the PDF cannot be read: ${detail}`);
}

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** Rejects with AbortError as soon as the signal fires, even while pdf.js is still opening the file. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException('The import was cancelled', 'AbortError'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
