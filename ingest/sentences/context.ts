import { isBullet, isCloser, isDigit, isLetter, isLower, isOpener, isUpper, isWhitespace } from './chars';
import { isLabelWord } from './labels';

/**
 * Reading the words around a candidate boundary. Every scan is capped at MAX_SCAN characters so
 * that pathological input (a megabyte without spaces) cannot make segmentation quadratic.
 */
const MAX_SCAN = 64;

export interface WordBefore {
  /** The token before the punctuation, without opening quotes/brackets/bullets. */
  word: string;
  /** Index of `word` in the text. */
  start: number;
  /** The token ended in a closing bracket or quote: "(see U.S.)." */
  closed: boolean;
}

/**
 * The whitespace-delimited token that ends at `end` (exclusive). It never reaches back past
 * `floor`, the start of the current sentence ("Tuesday.Mr." after a cut at "Tuesday.").
 */
export function wordBefore(text: string, end: number, floor = 0): WordBefore {
  let s = end;
  const limit = Math.max(floor, end - MAX_SCAN);
  while (s > limit && !isWhitespace(text[s - 1])) s--;
  if (s === limit && s > floor && !isWhitespace(text[s - 1])) {
    return { word: '', start: end, closed: false }; // too long to be an abbreviation
  }
  while (s < end && (isOpener(text[s]) || isBullet(text[s]))) s++;
  return { word: text.slice(s, end), start: s, closed: end > s && isCloser(text[end - 1]) };
}

/** The word before index `pos` (skipping whitespace), without surrounding punctuation. */
export function previousWord(text: string, pos: number): string {
  let e = pos;
  const limit = Math.max(0, pos - MAX_SCAN);
  while (e > limit && isWhitespace(text[e - 1])) e--;
  let s = e;
  while (s > limit && !isWhitespace(text[s - 1])) s--;
  return text.slice(s, e).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

type NextKind = 'upper' | 'lower' | 'digit' | 'other' | 'none';

export interface NextWord {
  kind: NextKind;
  /** The letters of the next word ("It" for "It’s", "Mr" for "Mr."); '' when not a word. */
  word: string;
  /** The word is immediately followed by a full stop: an abbreviation or initial ("Mr.", "A."). */
  dotted: boolean;
  /** The character right after the word. */
  after: string | undefined;
}

// A parenthesised item label opening a sentence: "(b) The Administrator shall…", "(iv) Each…".
const PAREN_LABEL = /\((?:\d{1,3}|[a-zA-Z]|[ivxlc]{2,5})\)\s/y;

/** Describes what starts at `pos`, looking through opening quotes and brackets. */
export function nextWord(text: string, pos: number): NextWord {
  PAREN_LABEL.lastIndex = pos;
  if (PAREN_LABEL.test(text)) return { kind: 'upper', word: '', dotted: false, after: '(' };
  let p = pos;
  const limit = Math.min(text.length, pos + 8);
  while (p < limit && isOpener(text[p])) p++;
  const ch = text[p];
  if (ch === undefined) return { kind: 'none', word: '', dotted: false, after: undefined };
  if (isDigit(ch) || ch === '§' || ch === '¶') return { kind: 'digit', word: '', dotted: false, after: ch };
  if (!isLetter(ch)) return { kind: 'other', word: '', dotted: false, after: ch };
  let e = p;
  const wordLimit = Math.min(text.length, p + MAX_SCAN);
  while (e < wordLimit && isLetter(text[e])) e++;
  const word = text.slice(p, e);
  // Brand names like "iPhone" or "eBay" begin with a lowercase letter yet open sentences.
  const camel = isLower(ch) && word.length > 1 && /^[a-z]{1,2}\p{Lu}/u.test(word);
  // So do lowercase list labels: "…the cost. iii. The third reason…".
  const label = isLower(ch) && (text[e] === '.' || text[e] === ')') && isWhitespace(text[e + 1]) && isLabelWord(word);
  const kind: NextKind = isUpper(ch) || camel || label ? 'upper' : 'lower';
  return { kind, word, dotted: text[e] === '.', after: text[e] };
}

/** True when only whitespace, bullets and opening brackets lie between `from` and `to`. */
export function onlyOpeningBetween(text: string, from: number, to: number): boolean {
  if (to - from > MAX_SCAN) return false;
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (!isWhitespace(ch) && !isBullet(ch) && !isOpener(ch)) return false;
  }
  return true;
}

/** The words between `from` and `to`, or null when there are more than `max` of them. */
export function wordsBetween(text: string, from: number, to: number, max: number): string[] | null {
  if (to - from > max * 16) return null;
  const words = text
    .slice(from, to)
    .split(/\s+/)
    .filter((w) => w.length > 0);
  return words.length > max ? null : words;
}
