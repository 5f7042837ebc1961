import { isBullet, isWhitespace } from './chars';
import { previousWord } from './context';

/**
 * Inline enumerations: "1. The first item 2. The second item", "a) … b) …", "(a) … (b) …",
 * "• 9. … • 10. …".
 *
 * PDF extraction and pasted web text often flatten a list onto one line. Item markers are not
 * sentence punctuation, so two things have to happen: the full stop in "2." must not end a
 * sentence, and each item after the first must start a new sentence even when the previous item
 * has no final full stop.
 *
 * To avoid cutting ordinary prose ("grew from 1 to 2. Then…"), a list is recognised only when
 * the text STARTS with a marker and later markers continue its sequence (same style, value + 1)
 * and do not follow a word that makes the number a quantity ("from 1 to 2.").
 */

// Marker at a token boundary: optional bullet, then 1–3 digits or one lowercase letter, then
// ".)", "." or ")" — or the label in parentheses, "(a)" — then whitespace. Years ("2019.") are
// excluded by the digit limit.
const MARKER = /(?:^|(?<=\s))([•‣⁃◦▪▫●○∙]\s?)?(?:(\d{1,3}|[a-z])(\.\)|\.|\))|\((\d{1,3}|[a-z])\))(?=\s)/g;

// A number after these words is a quantity, not the next item: "1. Costs rose from 1 to 2. Then…".
const QUANTITY_WORDS = new Set([
  'to',
  'from',
  'and',
  'or',
  'of',
  'by',
  'than',
  'between',
  'at',
  'about',
  'in',
  'on',
  'for',
  'with',
  'over',
  'under',
  'nearly',
  'almost',
  'only',
  'just',
  'no',
  'nos',
  'p',
  'pp',
  'fig',
]);

interface Marker {
  /** Where the item starts (the bullet if any, else the number/letter). */
  pos: number;
  /** Where the item's text starts, after the marker and its space. */
  textStart: number;
  value: number;
  numeric: boolean;
  style: string;
  bulleted: boolean;
}

function toMarker(text: string, m: RegExpExecArray): Marker {
  const label = m[2] ?? m[4];
  const numeric = label >= '0' && label <= '9';
  let textStart = m.index + m[0].length;
  while (textStart < text.length && isWhitespace(text[textStart])) textStart++;
  return {
    pos: m.index,
    textStart,
    value: numeric ? Number(label) : label.charCodeAt(0),
    numeric,
    style: m[3] ?? '()',
    bulleted: m[1] !== undefined,
  };
}

function continues(prev: Marker, next: Marker): boolean {
  return next.numeric === prev.numeric && next.style === prev.style && next.bulleted === prev.bulleted && next.value === prev.value + 1;
}

/** An inline list found at the start of a block: where its items begin and where their text does. */
export interface InlineList {
  /** Where the first item begins. */
  first: number;
  /** Positions (indexes into the text) where an item after the first one begins. */
  cuts: number[];
  /**
   * Item start (the first item's included) → start of the item's text after its marker. A
   * marker is not part of the item's sentence: "1) The first item 2) The second item" gives
   * "The first item" and "The second item", as a Markdown list item loses its "1." — every item
   * of a list alike.
   */
  textStart: Map<number, number>;
}

const NO_LIST: InlineList = { first: -1, cuts: [], textStart: new Map() };

/**
 * The inline list `text` opens with, if any. `from` is where the block's content starts; the
 * list must begin there and have at least two items.
 */
export function inlineList(text: string, from: number): InlineList {
  let first = from;
  while (first < text.length && isWhitespace(text[first])) first++;
  // Cheap rejection: almost no paragraph starts with a list marker.
  const c = text[first];
  if (c === undefined || !(isBullet(c) || c === '(' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) return NO_LIST;

  MARKER.lastIndex = first;
  const head = MARKER.exec(text);
  if (!head || head.index !== first) return NO_LIST;
  let last = toMarker(text, head);
  if (!last.numeric && last.value !== 'a'.charCodeAt(0)) return NO_LIST; // letter lists start at "a"

  const cuts: number[] = [];
  const textStart = new Map([[last.pos, last.textStart]]);
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    const marker = toMarker(text, m);
    if (continues(last, marker) && !QUANTITY_WORDS.has(previousWord(text, marker.pos).toLowerCase())) {
      cuts.push(marker.pos);
      textStart.set(marker.pos, marker.textStart);
      last = marker;
    }
  }
  return cuts.length ? { first, cuts, textStart } : NO_LIST;
}
