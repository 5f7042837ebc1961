import type { CslName } from '../../core/csl';
import type { PartialDate } from '../../core/dates';
import type { SourceInput } from '../../core/model';
import { normaliseDate } from './dates';
import { nameFromString, namesFromList } from './names';
import { cleanMeta, doiFrom, firstText, titleFromFileName } from './text-clean';

/**
 * A PDF's own description of itself: the Info dictionary (Title, Author, Subject, Keywords,
 * CreationDate) and the XMP packet (dc:title, dc:creator, dc:date, prism:publicationDate,
 * prism:doi), which newer tools keep more carefully. Generators often leave junk here ("Microsoft Word -
 * draft_v3.docx", "untitled"); junk is ignored and the largest text on the first page — the
 * printed title — stands in.
 */
export interface PdfMetadataInput {
  info: Record<string, unknown>;
  /** pdf.js's parsed XMP: lowercased property names → string or list of strings. */
  xmp: Map<string, unknown>;
  /** The biggest line on page 1, if it is clearly bigger than the body text. */
  printedTitle?: string;
  /** Lines of page 1 in reading order, to find the date printed on the title page. */
  titlePageLines?: string[];
  /** Text of the first pages, to find a DOI printed on them. */
  firstPagesText: string;
  fileName?: string;
}

export function pdfSource(m: PdfMetadataInput): Partial<SourceInput> {
  const info = (k: string) => (typeof m.info[k] === 'string' ? m.info[k] : undefined);
  const xmp = (k: string) => m.xmp.get(k);
  const source: Partial<SourceInput> = { type: 'report' };

  const title = firstText(usableTitle(xmpText(xmp('dc:title'))), usableTitle(info('Title')), m.printedTitle, titleFromFileName(m.fileName));
  if (title) source.title = title;

  const creators = xmp('dc:creator');
  const authors: CslName[] = Array.isArray(creators)
    ? creators.map((c) => nameFromString(String(c))).filter((n): n is CslName => n !== undefined)
    : namesFromList(info('Author') ?? '');
  if (authors.length) source.authors = authors;

  // The file's creation date is when someone exported it — often months after (a re-saved
  // copy) or before (a draft) the publication. What the document says wins: a publication date
  // in XMP, then a date printed on the title page; the creation date only when nothing does.
  const issued =
    normaliseDate(xmpText(xmp('prism:publicationdate'))) ??
    normaliseDate(xmpText(xmp('prism:coverdate'))) ??
    normaliseDate(xmpText(xmp('dc:date'))) ??
    printedDate(m.titlePageLines ?? []) ??
    normaliseDate(info('CreationDate')) ??
    normaliseDate(xmpText(xmp('xmp:createdate')));
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

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** "March 2024", "12 March 2024", "March 12, 2024", "2024-03-12": a whole date, nothing else. */
const DATE = `(?:\\d{1,2}\\s+${MONTH},?\\s+\\d{4}|${MONTH}\\s+(?:\\d{1,2},?\\s+)?\\d{4}|\\d{4}-\\d{2}(?:-\\d{2})?)`;
const LEAD = '(?:(?:first\\s+)?published(?:\\s+on)?|publication\\s+date|date(?:\\s+of\\s+publication)?|issued|released)\\s*:?\\s*';
const DATE_LINE = new RegExp(`^(?:${LEAD})?(${DATE})$`, 'i');

/**
 * The date printed on the title page: a line (or a part of one between separators, as in
 * "Working Paper 12 | March 2024") that is a date and nothing else, or "Published 12 March
 * 2024". A date inside a sentence ("In March 2022, …") is what the report is about, not when
 * it was published, and is never taken.
 */
function printedDate(lines: string[]): PartialDate | undefined {
  for (const line of lines.slice(0, 40)) {
    for (const part of line.split(/\s+[|·•—–]\s+/)) {
      const m = DATE_LINE.exec(part.trim());
      const date = m ? normaliseDate(m[1].replace(/\s+/g, ' ')) : undefined;
      if (date) return date;
    }
  }
  return undefined;
}
