import { isThematicBreak, parseLinePrefix } from './markdown';
import type { TextSpan } from './types';

/**
 * Paragraph-level blocks: text separated by blank lines, with Markdown headings and list items
 * as blocks of their own. A single newline inside a block is a soft wrap, not a break.
 */

type BlockKind = 'paragraph' | 'heading' | 'list-item';

/** One physical line of a block, as offsets into the original text. */
interface BlockLine {
  /** Start of the line. */
  start: number;
  /** Where the line's own text begins: after a `>` marker on blockquote lines, else `start`. */
  strip: number;
}

export interface Block {
  kind: BlockKind;
  /** Where sentence scanning starts: the first line's list marker, else its content. */
  visibleStart: number;
  /** First character of the content (after every block marker) = paragraph span start. */
  start: number;
  /** End of the content, trimmed = paragraph span end. */
  end: number;
  /** Lines after the first (continuation lines), for marker blanking and paragraph text. */
  more: BlockLine[];
}

interface Line {
  start: number;
  end: number;
}

/** Lines of `text`, accepting \n, \r\n and lone \r breaks. */
function* lines(text: string): Generator<Line> {
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      yield { start, end: i };
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (start < n) yield { start, end: n };
}

/**
 * Finds the blocks of `text` in one pass over its lines.
 *
 * Markdown rules followed (CommonMark, simplified): a heading is always its own block; every
 * list item starts a new block; an ordered item may interrupt a running paragraph only when it
 * is numbered 1 — so a soft-wrapped line that happens to begin "15. " stays in its sentence;
 * switching between blockquote and plain text starts a new block.
 */
export function findBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  // The block that the next non-blank line may continue, with its blockquote flag.
  let open: { block: Block; quote: boolean } | null = null;

  for (const line of lines(text)) {
    const raw = text.slice(line.start, line.end);
    if (raw.trim() === '' || isThematicBreak(raw)) {
      open = null;
      continue;
    }
    const p = parseLinePrefix(raw);
    if (p.content >= p.contentEnd) {
      open = null; // a line holding only markers (">", "#") separates blocks like a blank line
      continue;
    }
    const start = line.start + p.content;
    const end = line.start + p.contentEnd;

    if (p.heading) {
      blocks.push({ kind: 'heading', visibleStart: start, start, end, more: [] });
      open = null;
    } else if (p.list && startsListItem(open, p.list, p.quote)) {
      const block: Block = { kind: 'list-item', visibleStart: line.start + p.afterQuote, start, end, more: [] };
      blocks.push(block);
      open = { block, quote: p.quote };
    } else if (open !== null && open.quote === p.quote) {
      open.block.more.push({ start: line.start, strip: p.quote ? line.start + p.afterQuote : line.start });
      open.block.end = end;
    } else {
      const block: Block = { kind: 'paragraph', visibleStart: start, start, end, more: [] };
      blocks.push(block);
      open = { block, quote: p.quote };
    }
  }
  return blocks;
}

function startsListItem(open: { block: Block; quote: boolean } | null, list: { bullet: boolean; ordinal: number }, quote: boolean): boolean {
  if (open === null || open.block.kind === 'list-item' || open.quote !== quote) return true;
  return list.bullet || list.ordinal === 1;
}

/**
 * The paragraph's display text: the original slice, minus the `>` markers of wrapped blockquote
 * lines. Line breaks are kept as they are.
 */
function blockText(text: string, b: Block): string {
  if (b.more.length === 0) return text.slice(b.start, b.end);
  let out = '';
  let from = b.start;
  for (const line of b.more) {
    out += text.slice(from, line.start);
    from = line.strip;
  }
  return out + text.slice(from, b.end);
}

/**
 * The block as seen by the sentence splitter: the original text from `visibleStart` to `end`
 * with the `>` markers of wrapped lines replaced by spaces, so that an index into it plus
 * `visibleStart` is an index into the original text.
 */
export function blockWork(text: string, b: Block): string {
  if (b.more.length === 0) return text.slice(b.visibleStart, b.end);
  let out = '';
  let from = b.visibleStart;
  for (const line of b.more) {
    out += text.slice(from, line.start) + ' '.repeat(line.strip - line.start);
    from = line.strip;
  }
  return out + text.slice(from, b.end);
}

export function paragraphSpan(text: string, b: Block): TextSpan {
  return { text: blockText(text, b), start: b.start, end: b.end };
}
