import type { SourceInput } from '../../core/model';
import { decodeText } from '../decode-text';
import type { BlockKind, ImportedBlock, ImportedDocument, ImportOptions } from '../document';
import { stripMarkdownInline } from '../markdown-inline';
import { splitParagraphs } from '../sentences/index';
import { megabytes, throwIfAborted, unreadable } from './abort';
import { makeBlock, numberParagraphs } from './blocks';
import { normaliseDate } from './dates';
import { namesFromList } from './names';
import { firstText, httpUrl, titleFromFileName } from './text-clean';
import { separateParagraphs } from './text-paragraphs';
import { repairC1 } from './windows-1252';

/**
 * Plain text and Markdown → blocks. Paragraph splitting is the sentence segmenter's (blank
 * lines separate paragraphs, Markdown headings and list items are blocks of their own). What a
 * single newline means in plain text — a paragraph, as in text copied from a web page, or a
 * wrapped line, as in e-mail — is read from the text itself first (text-paragraphs.ts); in
 * Markdown it is a soft wrap, as CommonMark says.
 */
/**
 * The most text (UTF-8 bytes) one import takes: about 800,000 words, a shelf of books. Every
 * sentence becomes a candidate fact to review, so more is better split by chapter or section;
 * up to it an import takes time in proportion to its length (seconds a megabyte).
 */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;

export function importText(input: Uint8Array | string, opts: ImportOptions, format: 'text' | 'markdown' = 'text'): ImportedDocument {
  const name = opts.fileName ?? (format === 'markdown' ? 'document.md' : 'document.txt');
  throwIfAborted(opts.signal);
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > MAX_TEXT_BYTES) {
    // Just over the limit both round to "5.0 MB": then say it in bytes.
    const [is, limit] =
      megabytes(size) === megabytes(MAX_TEXT_BYTES)
        ? [size, MAX_TEXT_BYTES].map((n) => `${n.toLocaleString('en')} bytes`)
        : [megabytes(size), megabytes(MAX_TEXT_BYTES)];
    throw unreadable(
      name,
      `the text is ${is}; plain text and Markdown are imported up to ${limit} at a time. Split it into smaller files (by chapter or section) and import each`,
    );
  }
  const raw = typeof input === 'string' ? input : repairC1(decodeText(input, name));
  const { body, fields } = format === 'markdown' ? splitFrontMatter(raw) : { body: separateParagraphs(raw), fields: new Map<string, string[]>() };

  const blocks: ImportedBlock[] = [];
  for (const span of splitParagraphs(body)) {
    const prefix = linePrefix(body, span.start);
    const kind = kindOf(prefix, format);
    const b = makeBlock(kind, format === 'markdown' ? stripMarkdownInline(span.text) : span.text);
    if (!b) continue;
    const marker = kind === 'list-item' ? LIST_MARKER_END.exec(prefix)?.[1] : undefined;
    if (marker) b.listMarker = marker;
    blocks.push(b);
  }
  numberParagraphs(blocks);

  const firstHeading = format === 'markdown' ? blocks.find((b) => b.kind === 'heading')?.text : undefined;
  const source = sourceFrom(fields, firstHeading, opts);
  return { format, source, blocks, warnings: blocks.length === 0 ? [`${name}: the file has no text to import`] : [] };
}

/** A list item's marker, last before its text. */
const LIST_MARKER_END = /([-*+•‣⁃◦▪●○]|\d{1,9}[.)])\s*$/;

/** The block markers before a paragraph's first character, on its line. */
function linePrefix(text: string, start: number): string {
  // Back to the line's start by hand: lastIndexOf('\r') in a file without one searched the whole
  // text before every paragraph (an 8 MB file spent most of its import there).
  let lineStart = start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  return text.slice(lineStart, start);
}

/** The block markers before a paragraph's first character say what kind of block it is. */
function kindOf(prefix: string, format: 'text' | 'markdown'): BlockKind {
  if (/#\s*$/.test(prefix)) return format === 'markdown' ? 'heading' : 'paragraph';
  if (LIST_MARKER_END.test(prefix)) return 'list-item';
  if (prefix.includes('>')) return 'quote';
  return 'paragraph';
}

/**
 * YAML front matter as note-taking apps write it ("---\ntitle: …\nauthor: …\n---"). Only flat
 * "key: value" lines and "- item" lists are read; nothing is evaluated.
 */
function splitFrontMatter(text: string): { body: string; fields: Map<string, string[]> } {
  const fields = new Map<string, string[]>();
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { body: text, fields };
  let key = '';
  for (const line of m[1].split(/\r?\n/)) {
    const kv = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    const item = /^\s+-\s+(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (kv) {
      key = kv[1].toLowerCase();
      const v = unquote(kv[2]);
      fields.set(key, v ? [v] : []);
    } else if (item && key) {
      fields.get(key)!.push(unquote(item[1]));
    }
  }
  // Keep the offsets of the rest: the front matter becomes blank lines, not a shorter string.
  return { body: m[0].replace(/[^\r\n]/g, ' ') + text.slice(m[0].length), fields };
}

function unquote(v: string): string {
  const t = v.trim();
  return /^(["']).*\1$/.test(t) ? t.slice(1, -1) : t;
}

function sourceFrom(fields: Map<string, string[]>, firstHeading: string | undefined, opts: ImportOptions): Partial<SourceInput> {
  const one = (...keys: string[]) => firstText(...keys.map((k) => fields.get(k)?.[0]));
  const source: Partial<SourceInput> = { type: 'document' };
  const title = firstText(one('title'), firstHeading, titleFromFileName(opts.fileName));
  if (title) source.title = title;
  const authors = [...(fields.get('author') ?? []), ...(fields.get('authors') ?? [])].flatMap(namesFromList);
  if (authors.length) source.authors = authors;
  const issued = normaliseDate(one('date', 'published', 'issued'));
  if (issued) source.issued = issued;
  const url = httpUrl(one('url', 'source', 'link', 'canonical'));
  if (url) source.url = url;
  const publisher = one('publisher', 'site', 'organization', 'organisation');
  if (publisher) source.publisher = publisher;
  return source;
}
