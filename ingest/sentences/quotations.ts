import { isLetter, isLower, isWhitespace } from './chars';
import type { Range } from './split';

/**
 * A quotation of several sentences closed by an attribution is one sentence:
 *
 *     "Prices will rise. Wages will not," the minister said.
 *
 * The scanner cuts after "rise." like anywhere else; what it cannot see from there is that the
 * quotation goes on and that the words after its closing quote belong to every sentence inside
 * it. A reader citing the minister takes the whole quotation with its attribution, so the
 * sentences from the one that opens the quotation to the one that closes it are joined when the
 * closing quote follows a comma ("…not," the minister said) or follows "?" or "!" and is followed
 * by a lower-case word ("…wages?" she asked). A quotation closed by a full stop ("…not." The
 * minister left) ends where it ends, and a quotation that runs on for more than MAX_SENTENCES
 * sentences is left split: that is a speech, not a quote to be cited in one piece.
 */
const MAX_SENTENCES = 5;

/** The character that closes each opening quote. Straight quotes close themselves. */
const CLOSER_OF: Readonly<Record<string, string>> = { '"': '"', '“': '”', '«': '»', '‘': '’' };

export function joinAttributedQuotations(text: string, ranges: Range[]): Range[] {
  if (ranges.length < 2) return ranges;
  const out: Range[] = [];
  for (let i = 0; i < ranges.length; i++) {
    const [start, end] = ranges[i];
    const last = attributedClose(text, ranges, i);
    if (last === undefined) {
      out.push([start, end]);
    } else {
      out.push([start, ranges[last][1]]);
      i = last;
    }
  }
  return out;
}

/** The index of the sentence whose attributed closing quote ends the quotation opened in sentence i. */
function attributedClose(text: string, ranges: Range[], i: number): number | undefined {
  const [start, end] = ranges[i];
  const closer = quoteOpenAtEnd(text, start, end);
  if (closer === undefined) return undefined;
  for (let j = i + 1; j < ranges.length && j < i + MAX_SENTENCES; j++) {
    const [s, e] = ranges[j];
    const at = closingQuote(text, s, e, closer);
    if (at === undefined) continue;
    return isAttributed(text, at, e) ? j : undefined;
  }
  return undefined;
}

/**
 * The closing character of a quotation opened in text[start, end) and still open at its end,
 * if any. Only the outermost quotation counts; an apostrophe (a ’ before a letter: "won’t") does
 * not close a ‘…’ quotation.
 */
function quoteOpenAtEnd(text: string, start: number, end: number): string | undefined {
  let closer: string | undefined;
  for (let k = start; k < end; k++) {
    const ch = text[k];
    if (closer === undefined) {
      if (Object.hasOwn(CLOSER_OF, ch) && (ch !== '‘' || !isLetter(text[k - 1]))) closer = CLOSER_OF[ch];
    } else if (closesHere(text, k, closer)) {
      closer = undefined;
    }
  }
  return closer;
}

function closingQuote(text: string, start: number, end: number, closer: string): number | undefined {
  for (let k = start; k < end; k++) if (closesHere(text, k, closer)) return k;
  return undefined;
}

function closesHere(text: string, k: number, closer: string): boolean {
  return text[k] === closer && (closer !== '’' || !isLetter(text[k + 1]));
}

/** The closing quote at `at` leaves the sentence to an attribution: `," the minister said`, `?" she asked`. */
function isAttributed(text: string, at: number, end: number): boolean {
  let next = at + 1;
  while (next < end && isWhitespace(text[next])) next++;
  if (next >= end || next === at + 1) return false;
  const before = text[at - 1];
  if (before === ',') return isLetter(text[next]);
  return (before === '?' || before === '!') && isLower(text[next]);
}
