import { collapseWhitespace } from './chars';
import { splitLineList } from './line-lists';
import type { Block } from './paragraphs';
import { blockWork, findBlocks, paragraphSpan } from './paragraphs';
import { joinAttributedQuotations } from './quotations';
import { splitRanges } from './split';
import type { SegmentedParagraph, TextSpan } from './types';

/** Paragraph-level blocks of `text`: see paragraphs.ts for what counts as a block. */
export function splitParagraphs(text: string): TextSpan[] {
  return findBlocks(text).map((b) => paragraphSpan(text, b));
}

/** Paragraphs with their sentences; a sentence never crosses a paragraph boundary. */
export function segment(text: string): SegmentedParagraph[] {
  return findBlocks(text).map((b) => ({ paragraph: paragraphSpan(text, b), sentences: blockSentences(text, b) }));
}

/** All sentences of `text` in document order (the sentences of segment(text), flattened). */
export function splitSentences(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  for (const b of findBlocks(text)) {
    for (const s of blockSentences(text, b)) out.push(s); // no spread: blocks can hold 100k+ sentences
  }
  return out;
}

function blockSentences(text: string, b: Block): TextSpan[] {
  const work = blockWork(text, b);
  const offset = b.visibleStart;
  const contentStart = b.start - offset;
  let ranges = splitRanges(work, 0, contentStart);
  if (ranges.length === 1 && b.kind === 'paragraph') ranges = splitLineList(work, ranges[0]) ?? ranges;
  ranges = joinAttributedQuotations(work, ranges);
  // A list item's marker ("1.", "•") is scanned, because inline-list detection needs it, but it
  // is not part of any sentence.
  const spans: TextSpan[] = [];
  for (const [s, e] of ranges) {
    if (e <= contentStart) continue;
    const start = Math.max(s, contentStart);
    spans.push({ text: collapseWhitespace(work.slice(start, e)), start: offset + start, end: offset + e });
  }
  return spans;
}
