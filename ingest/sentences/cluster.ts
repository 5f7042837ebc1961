import { isCloser, isSuperscriptDigit, isWhitespace } from './chars';

/**
 * A run of sentence punctuation and what directly follows it, e.g. `?!"` in `Hello?!" Is…`,
 * or the spaced ellipsis `. . . .` in `a period . . . . Next`.
 */
export interface Cluster {
  /** Index of the first punctuation character. */
  start: number;
  /** Index after the last punctuation character. */
  end: number;
  /** Index after the closing quotes, brackets and footnote marks that follow the punctuation. */
  closersEnd: number;
  /** First non-whitespace index after `closersEnd` (text.length at the end). */
  nextStart: number;
  /** Number of dots; `…` counts as three. */
  dots: number;
  /** Contains `?` or `!`. */
  question: boolean;
  /** The dots are separated by single spaces (". . ."). */
  spaced: boolean;
}

/** A dot that stands alone, as in ". . .": followed by a space, another dot, a closer or the end. */
function standaloneDot(text: string, i: number): boolean {
  if (text[i] !== '.') return false;
  const after = text[i + 1];
  return after === undefined || after === ' ' || after === '.' || isCloser(after);
}

/** Footnote reference like "[12]" right after a full stop (Wikipedia and report exports). */
function footnoteLength(text: string, i: number): number {
  if (text[i] !== '[') return 0;
  let j = i + 1;
  while (j < text.length && j - i <= 4 && text[j] >= '0' && text[j] <= '9') j++;
  return j > i + 1 && text[j] === ']' ? j + 1 - i : 0;
}

export function scanCluster(text: string, start: number): Cluster {
  const n = text.length;
  let i = start;
  let dots = 0;
  let question = false;
  let spaced = false;
  while (i < n) {
    const ch = text[i];
    if (ch === '.') dots++;
    else if (ch === '…') dots += 3;
    else if (ch === '?' || ch === '!') question = true;
    else if (ch === ' ' && dots > 0 && !question && standaloneDot(text, i + 1)) spaced = true;
    else break;
    i++;
  }
  const end = i;
  for (;;) {
    const ch = text[i];
    if (ch === undefined) break;
    if (isCloser(ch) || isSuperscriptDigit(ch)) {
      i++;
      continue;
    }
    const footnote = footnoteLength(text, i);
    if (footnote === 0) break;
    i += footnote;
  }
  const closersEnd = i;
  while (i < n && isWhitespace(text[i])) i++;
  return { start, end, closersEnd, nextStart: i, dots, question, spaced };
}
