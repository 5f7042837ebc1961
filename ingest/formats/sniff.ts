import type { DocumentFormat } from '../document';
import { isZip, listZip, ZipRefused } from '../../core/zip/policy';

/**
 * What a file IS, decided by its bytes. Extensions lie (a PDF saved as "statement.docx", a web
 * page saved as ".txt"), so content decides and the extension only breaks ties: text vs
 * Markdown, an HTML fragment in a ".html" file, a damaged ".docx" that is still a ZIP.
 */
export type SniffedFormat = DocumentFormat | 'csl-json' | 'bibtex' | 'ris' | 'unknown';

/** How much of the start of a file the text checks look at. */
const HEAD = 64 * 1024;

export function sniffFormat(bytes: Uint8Array, fileName?: string): SniffedFormat {
  const ext = extensionOf(fileName);
  if (isPdf(bytes)) return 'pdf';
  if (isZip(bytes)) return sniffZip(bytes, ext);
  const head = textHead(bytes);
  if (head === undefined) return 'unknown';
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (isMhtml(start) || isHtml(start) || (HTML_EXT.has(ext) && /<[a-z!][^>]*>/i.test(start))) return 'html';
  if (isCslJson(start)) return 'csl-json';
  if (isBibtex(start)) return 'bibtex';
  if (/^TY {1,2}- /m.test(start.slice(0, 2048)) && /^ER {1,2}-/m.test(head)) return 'ris';
  if (/^[[{]/.test(start)) return 'unknown'; // other JSON: data, not a document
  if (ext === 'txt' || ext === 'text') return 'text';
  if (MARKDOWN_EXT.has(ext)) return 'markdown';
  return looksLikeMarkdown(start) ? 'markdown' : 'text';
}

/** Text with enough Markdown fingerprints to be read as Markdown (used for pasted text too). */
export function looksLikeMarkdown(text: string): boolean {
  return markdownCues(text) >= 2;
}

/** The format a file's name promises, for the "the extension lies" warning. */
export function formatFromExtension(fileName: string | undefined): SniffedFormat | undefined {
  const ext = extensionOf(fileName);
  if (ext === 'pdf') return 'pdf';
  if (ext === 'docx') return 'docx';
  if (HTML_EXT.has(ext)) return 'html';
  if (MARKDOWN_EXT.has(ext)) return 'markdown';
  if (ext === 'txt' || ext === 'text') return 'text';
  if (ext === 'json') return 'csl-json';
  if (ext === 'bib') return 'bibtex';
  if (ext === 'ris') return 'ris';
  return undefined;
}

/**
 * A person-readable reason why bytes of unknown format cannot be imported, naming what the file
 * probably is, so the message says "save it as .docx" rather than "unknown format".
 */
export function describeUnknown(bytes: Uint8Array): string {
  const b = bytes;
  const starts = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  if (b.length === 0) return 'the file is empty';
  if (starts(0xd0, 0xcf, 0x11, 0xe0))
    return 'this is an old-style Office file (.doc/.xls) or a password-protected Office file; save it as .docx without a password and import that';
  if (starts(0x7b, 0x5c, 0x72, 0x74, 0x66)) return 'this is an RTF file; save it as .docx or PDF and import that';
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46) || starts(0x49, 0x49, 0x2a) || starts(0x4d, 0x4d, 0x00, 0x2a)) {
    return 'this is an image; run OCR on it (or save it as a searchable PDF) and import the text';
  }
  if (isZip(b)) return zipKind(b);
  if (textHead(b) === undefined) return 'this is binary data in no format Dossier reads (PDF, Word .docx, HTML/MHTML, Markdown or plain text)';
  return 'the content is data (JSON or similar), not a document; Dossier reads PDF, Word .docx, HTML/MHTML, Markdown and plain text';
}

const HTML_EXT = new Set(['html', 'htm', 'xhtml', 'mhtml', 'mht', 'shtml']);
const MARKDOWN_EXT = new Set(['md', 'markdown', 'mdown', 'mkd', 'mkdn']);

function extensionOf(fileName: string | undefined): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(fileName ?? '');
  return m ? m[1].toLowerCase() : '';
}

/** The PDF header may follow up to 1 KiB of junk (readers accept it, so do we). */
function isPdf(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length - 5, 1024);
  for (let i = 0; i <= n; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return true;
  }
  return false;
}

function sniffZip(bytes: Uint8Array, ext: string): SniffedFormat {
  try {
    const names = listZip(bytes);
    return names.includes('word/document.xml') ? 'docx' : 'unknown';
  } catch {
    // A damaged (or too large) archive: if it claims to be a .docx, let the Word importer explain what is wrong.
    return ext === 'docx' ? 'docx' : 'unknown';
  }
}

function zipKind(bytes: Uint8Array): string {
  let names: string[];
  try {
    names = listZip(bytes);
  } catch (e) {
    if (e instanceof ZipRefused) return `this is a ZIP archive Dossier does not open (${e.message})`;
    return 'this is a damaged or truncated ZIP archive';
  }
  if (names.includes('xl/workbook.xml')) return 'this is an Excel workbook; Dossier imports documents (PDF, Word .docx, HTML, text)';
  if (names.includes('ppt/presentation.xml')) return 'this is a PowerPoint presentation; save it as PDF and import that';
  if (names.includes('content.xml') && names.includes('mimetype')) return 'this is an OpenDocument file; save it as .docx or PDF and import that';
  if (names.includes('word/document.xml')) return 'this is a Word document';
  return 'this is a ZIP archive, not a document; unzip it and import the files inside';
}

/**
 * The start of the file as text, or undefined when it is binary. Handles the encodings text
 * files arrive in (UTF-8, UTF-16 with a BOM, single-byte legacy encodings).
 */
function textHead(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, HEAD);
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head.subarray(2));
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head.subarray(2));
  let control = 0;
  for (const b of head) {
    if (b === 0) return undefined;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (head.length > 0 && control / head.length > 0.02) return undefined;
  return new TextDecoder('utf-8').decode(head);
}

/** A saved web archive: MIME headers announcing multipart/related with an HTML part. */
function isMhtml(start: string): boolean {
  const headerEnd = start.search(/\r?\n\r?\n/);
  const headers = headerEnd < 0 ? start.slice(0, 4096) : start.slice(0, headerEnd);
  return /^[A-Za-z-]+:/.test(start) && /content-type:\s*multipart\/related/i.test(headers) && /content-type:\s*text\/html/i.test(start);
}

function isHtml(start: string): boolean {
  const s = start.replace(/^(?:<\?xml[^>]*>\s*|<!--[\s\S]*?-->\s*)+/, '');
  if (/^<!doctype\s+html/i.test(s) || /^<html[\s>]/i.test(s)) return true;
  // A page saved without doctype or <html>: starts with a tag and has page-level tags early on.
  return /^</.test(s) && /<(?:head|body|meta|title)[\s>]/i.test(s.slice(0, 4096));
}

const CSL_TYPES =
  /"type"\s*:\s*"(?:article|article-journal|article-magazine|article-newspaper|book|chapter|report|webpage|post-weblog|paper-conference|thesis|dataset|document|legislation|legal_case|bill|treaty|speech|interview|broadcast|personal_communication|manuscript|entry-encyclopedia|entry-dictionary|motion_picture|map|patent|review|song|graphic|post|standard|software)"/;

/** CSL-JSON: an object or array of objects with a CSL "type" and bibliographic fields. */
function isCslJson(start: string): boolean {
  if (!/^[[{]/.test(start)) return false;
  return CSL_TYPES.test(start) && /"(?:title|author|issued|container-title|DOI|URL)"\s*:/.test(start);
}

/** BibTeX: the first thing that is not a comment is an entry like "@article{". */
function isBibtex(start: string): boolean {
  const s = start.replace(/^(?:%[^\n]*\n\s*)+/, '');
  return /^@[a-zA-Z]+\s*[{(]/.test(s);
}

/** Markdown's fingerprints: headings, fences, links, emphasis, front matter, list markers. */
function markdownCues(start: string): number {
  const s = start.slice(0, 16 * 1024);
  let cues = 0;
  if (/^#{1,6}\s+\S/m.test(s)) cues += 2;
  if (/^---\r?\n[\s\S]*?\r?\n---\r?\n/.test(s)) cues += 2;
  if (/^```/m.test(s)) cues++;
  if (/\[[^\]\n]+\]\([^)\s]+\)/.test(s)) cues++;
  if (/(\*\*|__)\S[^*\n]*\S\1/.test(s)) cues++;
  if (/^\s{0,3}[-*+]\s+\S/m.test(s)) cues++;
  if (/^>\s/m.test(s)) cues++;
  return cues;
}
