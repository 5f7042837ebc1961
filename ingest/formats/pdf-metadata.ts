import type { CslName } from '../../core/csl';
import type { SourceInput } from '../../core/model';
import { normaliseDate } from './dates';
import { nameFromString, namesFromList } from './names';
import { cleanMeta, doiFrom, firstText, titleFromFileName } from './text-clean';

/**
 * A PDF's own description of itself: the Info dictionary (Title, Author, Subject, Keywords,
 * CreationDate) and the XMP packet (dc:title, dc:creator, xmp:CreateDate, prism:doi), which
 * newer tools keep more carefully. Generators often leave junk here ("Microsoft Word -
 * draft_v3.docx", "untitled"); junk is ignored and the largest text on the first page — the
 * printed title — stands in.
 */
export interface PdfMetadataInput {
  info: Record<string, unknown>;
  /** pdf.js's parsed XMP: lowercased property names → string or list of strings. */
  xmp: Map<string, unknown>;
  /** The biggest line on page 1, if it is clearly bigger than the body text. */
  printedTitle?: string;
  /** Text of the first pages, to find a DOI printed on them. */
  firstPagesText: string;
  fileName?: string;
}

export function pdfSource(m: PdfMetadataInput): Partial<SourceInput> {
  const info = (k: string) => (typeof m.info[k] === 'string' ? (m.info[k] as string) : undefined);
  const xmp = (k: string) => m.xmp.get(k);
  const source: Partial<SourceInput> = { type: 'report' };

  const title = firstText(usableTitle(xmpText(xmp('dc:title'))), usableTitle(info('Title')), m.printedTitle, titleFromFileName(m.fileName));
  if (title) source.title = title;

  const creators = xmp('dc:creator');
  const authors: CslName[] = Array.isArray(creators)
    ? creators.map((c) => nameFromString(String(c))).filter((n): n is CslName => n !== undefined)
    : namesFromList(info('Author') ?? '');
  if (authors.length) source.authors = authors;

  const issued = normaliseDate(info('CreationDate')) ?? normaliseDate(xmpText(xmp('xmp:createdate'))) ?? normaliseDate(xmpText(xmp('dc:date')));
  if (issued) source.issued = issued;

  const doi = doiFrom(xmpText(xmp('prism:doi'))) ?? doiFrom(xmpText(xmp('dc:identifier'))) ?? printedDoi(m.firstPagesText);
  if (doi) source.doi = doi;

  const extra: Record<string, unknown> = {};
  const subject = firstText(info('Subject'), xmpText(xmp('dc:description')));
  if (subject) extra.abstract = subject;
  const keywords = firstText(info('Keywords'), xmpText(xmp('pdf:keywords')));
  if (keywords) extra.keyword = keywords;
  if (Object.keys(extra).length) source.extra = extra;
  return source;
}

function xmpText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

/** Titles that generators write instead of the real one. */
function usableTitle(t: string | undefined): string | undefined {
  const s = cleanMeta(t);
  if (!s || s.length < 3) return undefined;
  if (/^(?:untitled|title|document|microsoft word\b|powerpoint presentation|slide \d+)/i.test(s)) return undefined;
  if (/\.(?:docx?|pdf|indd|qxp|pages|rtf|odt|pptx?|xlsx?|tex|dvi|ps)$/i.test(s)) return undefined;
  return s;
}

/** "doi:10.1234/abc" or "https://doi.org/10.1234/abc" printed on the first pages. */
function printedDoi(text: string): string | undefined {
  const m = /(?:doi(?:\.org)?[:/]\s*)(10\.\d{4,9}\/\S+)/i.exec(text);
  return m ? doiFrom(m[1]) : undefined;
}
