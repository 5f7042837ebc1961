import type { DocumentFormat, ImportedDocument, ImportOptions } from '../document';
import { megabytes, throwIfAborted, unreadable } from './abort';
import { importDocx } from './docx';
import { importHtml } from './html';
import { importPdf } from './pdf';
import type { SniffedFormat } from './sniff';
import { describeUnknown, formatFromExtension, looksLikeMarkdown, sniffFormat } from './sniff';
import { importText } from './text';

/**
 * Reading any document the user drops, opens or pastes: one entry point that decides the format
 * from the content (sniff.ts) and hands the bytes to that format's importer.
 *
 *   readDocument(bytes, { fileName, signal, onProgress }) → ImportedDocument
 *   readPastedHtml(html) / readPastedText(text)           → ImportedDocument (clipboard)
 *
 * Every refusal is a DossierError (code 'validation', field 'file') whose message names the
 * file and says what to do; cancelling throws a DOMException named AbortError.
 */
export { sniffFormat } from './sniff';

/** Files above this size are refused before any parsing (a 300-page report is ~5–30 MB). */
const MAX_DOCUMENT_BYTES = 200 * 1024 * 1024;

/** Pasted content is named "the pasted text" in messages; that is not a title, so the user names the source. */
const PASTED = 'the pasted text';

export interface ReadDocumentOptions extends ImportOptions {
  fileName?: string;
  /** Size cap in bytes; defaults to MAX_DOCUMENT_BYTES (tests inject a small one). */
  maxBytes?: number;
}

const FORMAT_NAMES: Record<SniffedFormat, string> = {
  pdf: 'a PDF',
  docx: 'a Word document',
  html: 'a web page',
  markdown: 'Markdown text',
  text: 'plain text',
  'csl-json': 'CSL-JSON references',
  bibtex: 'BibTeX references',
  ris: 'RIS references',
  unknown: 'an unknown format',
};

export async function readDocument(bytes: Uint8Array, opts: ReadDocumentOptions = {}): Promise<ImportedDocument> {
  const name = opts.fileName ?? 'document';
  checkSize(bytes.length, opts.maxBytes ?? MAX_DOCUMENT_BYTES, name);
  if (bytes.length === 0) throw unreadable(name, 'the file is empty');
  throwIfAborted(opts.signal);

  const format = sniffFormat(bytes, opts.fileName);
  const claimed = formatFromExtension(opts.fileName);
  const doc = await importAs(format, claimed, bytes, opts, name);
  if (claimed && claimed !== format && !(isText(claimed) && isText(format))) {
    doc.warnings.unshift(
      `${name}: the file name says ${FORMAT_NAMES[claimed]}, but the content is ${FORMAT_NAMES[format]}; it was read as ${FORMAT_NAMES[format]}`,
    );
  }
  return doc;
}

/**
 * HTML from the clipboard. The selection is what the user wanted, so every block is kept
 * (no article extraction); scripts and handlers are dropped exactly as for saved pages.
 * Windows' CF_HTML envelope (its "SourceURL:" header and fragment markers) is understood.
 */
export function readPastedHtml(html: string, opts: { baseUrl?: string; /** In characters. */ maxBytes?: number } = {}): ImportedDocument {
  checkSize(html.length, opts.maxBytes ?? MAX_DOCUMENT_BYTES, PASTED);
  const { fragment, sourceUrl } = unwrapClipboardHtml(html);
  const baseUrl = opts.baseUrl ?? sourceUrl;
  return withoutNameAsTitle(importHtml(fragment, { extract: 'all', fileName: PASTED, ...(baseUrl ? { baseUrl } : {}) }));
}

/** Plain text from the clipboard; read as Markdown when it clearly is. */
export function readPastedText(text: string, opts: { /** In characters. */ maxBytes?: number } = {}): ImportedDocument {
  checkSize(text.length, opts.maxBytes ?? MAX_DOCUMENT_BYTES, PASTED);
  return withoutNameAsTitle(importText(text, { fileName: PASTED }, looksLikeMarkdown(text) ? 'markdown' : 'text'));
}

function withoutNameAsTitle(doc: ImportedDocument): ImportedDocument {
  if (doc.source.title === PASTED) delete doc.source.title;
  return doc;
}

async function importAs(
  format: SniffedFormat,
  claimed: SniffedFormat | undefined,
  bytes: Uint8Array,
  opts: ReadDocumentOptions,
  name: string,
): Promise<ImportedDocument> {
  switch (format) {
    case 'pdf':
      return importPdf(bytes, opts);
    case 'docx':
      return importDocx(bytes, opts);
    case 'html':
      return importHtml(bytes, opts);
    case 'text':
    case 'markdown':
      return importText(bytes, opts, format);
    case 'csl-json':
    case 'bibtex':
    case 'ris':
      throw unreadable(name, `this file holds ${FORMAT_NAMES[format]}, not a document; import it as sources (references) instead`);
    case 'unknown':
      // A file named .docx that is no ZIP at all: say so in Word's terms.
      if (claimed === 'docx') return importDocx(bytes, opts);
      throw unreadable(name, describeUnknown(bytes));
  }
}

function checkSize(size: number, max: number, name: string): void {
  if (size > max) {
    throw unreadable(name, `the file is too large to import (${megabytes(size)}; the limit is ${megabytes(max)}); split it into smaller files`);
  }
}

function isText(f: SniffedFormat): f is Extract<DocumentFormat, 'text' | 'markdown'> {
  return f === 'text' || f === 'markdown';
}

function unwrapClipboardHtml(html: string): { fragment: string; sourceUrl?: string } {
  const sourceUrl = /^Version:[\s\S]*?^SourceURL:(.*)$/m.exec(html.slice(0, 2048))?.[1]?.trim();
  const start = html.indexOf('<!--StartFragment-->');
  const end = html.indexOf('<!--EndFragment-->');
  const fragment = start >= 0 && end > start ? html.slice(start + '<!--StartFragment-->'.length, end) : html.replace(/^Version:[\s\S]*?(?=<)/, '');
  return sourceUrl ? { fragment, sourceUrl } : { fragment };
}
