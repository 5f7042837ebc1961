import { decideCut } from './boundary';
import { isWhitespace } from './chars';
import { scanCluster } from './cluster';
import { type InlineList, inlineList } from './enumerators';

/** A sentence as [start, end) indexes into the scanned string, trimmed of whitespace. */
export type Range = [number, number];

/**
 * Splits one block of text (no blank lines inside) into sentence ranges, scanning from `from`;
 * `contentStart` is where the text starts after a list item's marker.
 *
 * Single pass: the scanner jumps from one run of sentence punctuation to the next and asks
 * decideCut whether it ends the sentence; inline list items ("1. … 2. …") add cuts of their
 * own. Every decision looks only at a bounded window around the punctuation, so the whole
 * split is linear in the length of the block.
 */
export function splitRanges(text: string, from = 0, contentStart = from): Range[] {
  const ranges: Range[] = [];
  const list = listAt(text, from, contentStart);
  const listCuts = list.cuts;
  let nextList = 0;
  let sentenceStart = from;

  const cutAt = (pos: number) => {
    if (pos <= sentenceStart) return; // also NO_CUT (-1)
    pushTrimmed(text, ranges, sentenceStart, pos);
    sentenceStart = pos;
  };

  const TERMINATOR = /[.?!…]/g; // local: a shared global regex would carry lastIndex across calls
  TERMINATOR.lastIndex = from;
  for (;;) {
    const match = TERMINATOR.exec(text);
    const punct = match ? match.index : text.length;
    // List items that start before this punctuation come first: they move the sentence start,
    // which the punctuation's rules depend on ("2. The second item").
    while (nextList < listCuts.length && listCuts[nextList] <= punct) cutAt(listCuts[nextList++]);
    if (!match) break;
    const cluster = scanCluster(text, punct);
    cutAt(decideCut(text, cluster, sentenceStart));
    TERMINATOR.lastIndex = Math.max(cluster.closersEnd, punct + 1);
  }
  pushTrimmed(text, ranges, sentenceStart, text.length);
  return list.cuts.length ? ranges.map((r) => dropMarker(r, list.textStart)) : ranges;
}

/**
 * The inline list the block opens with: at `from` when its marker is one of the list's ("• 9. …
 * • 10. …"), else at `contentStart`, after a Markdown list marker ("- a. … b. …").
 */
function listAt(text: string, from: number, contentStart: number): InlineList {
  const list = inlineList(text, from);
  if (list.cuts.length || contentStart <= from) return list;
  const inner = inlineList(text, contentStart);
  // The first sentence starts at the Markdown marker: its text, after the item's marker too.
  if (inner.cuts.length) inner.textStart.set(from, inner.textStart.get(inner.first)!);
  return inner;
}

/** An inline list item's range without its marker ("2) ", "• 10. "), unless nothing else is left. */
function dropMarker(range: Range, textStart: Map<number, number>): Range {
  const start = textStart.get(range[0]);
  return start !== undefined && start < range[1] ? [start, range[1]] : range;
}

export function pushTrimmed(text: string, out: Range[], start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && isWhitespace(text[s])) s++;
  while (e > s && isWhitespace(text[e - 1])) e--;
  if (s < e) out.push([s, e]);
}
