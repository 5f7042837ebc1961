import { classifyWord } from './abbreviations';
import { continuesTime, isCaptionWord, isExclamationName, isSentenceStarter, isTemporalIntroWord } from './boundary-words';
import { isLower, isUpper, isWhitespace } from './chars';
import type { Cluster } from './cluster';
import type { NextWord, WordBefore } from './context';
import { nextWord, onlyOpeningBetween, previousWord, wordBefore, wordsBetween } from './context';
import { isLabelWord } from './labels';

/** No boundary at this punctuation. */
const NO_CUT = -1;

/**
 * Decides whether the punctuation cluster `c` ends a sentence. Returns the index where the next
 * sentence may start (normally `c.closersEnd`), or NO_CUT.
 *
 * `sentenceStart` is where the current sentence began; a few rules look at the sentence so far.
 */
export function decideCut(text: string, c: Cluster, sentenceStart: number): number {
  if (c.nextStart >= text.length) return NO_CUT; // the end of the block ends the sentence anyway
  if (c.nextStart === c.closersEnd) return gluedCut(text, c);
  const next = nextWord(text, c.nextStart);
  if (c.question) return questionCut(text, c, next);
  if (c.dots >= 3) return ellipsisCut(text, c, next);
  return periodCut(text, c, next, sentenceStart);
}

function startsSentence(next: NextWord): boolean {
  return next.kind === 'upper' && isSentenceStarter(next.word, next.dotted);
}

/** "?", "!", "?!", "!!": a boundary unless a lowercase word follows (`"Why?" she asked`). */
function questionCut(text: string, c: Cluster, next: NextWord): number {
  if (next.kind === 'lower') return NO_CUT;
  const onlyBang = c.end === c.start + 1 && text[c.start] === '!';
  if (onlyBang && isExclamationName(wordBefore(text, c.start).word)) {
    return startsSentence(next) ? c.closersEnd : NO_CUT; // "Yahoo! Japan", "Yahoo! It was…"
  }
  return c.closersEnd;
}

/**
 * Ellipses. Typography tells omission from trailing off:
 *  - "[...]" or "(…)" marks an omission inside a quotation: never a boundary;
 *  - a spaced ". . ." is the legal/academic omission mark: it stays inside the sentence unless
 *    a fourth dot (the sentence's own full stop) is present;
 *  - "word. . . . Next": the full stop ends the sentence and the ellipsis opens the next one;
 *  - an unspaced "..." or "…" ends the sentence when a capitalised word follows.
 * A lowercase word after any ellipsis continues the sentence.
 */
function ellipsisCut(text: string, c: Cluster, next: NextWord): number {
  const before = text[c.start - 1];
  const after = text[c.end];
  if ((before === '[' && after === ']') || (before === '(' && after === ')')) return NO_CUT;
  if (next.kind !== 'upper') return NO_CUT;
  if (!c.spaced) return c.closersEnd;
  if (c.dots < 4) return NO_CUT;
  const attached = before !== undefined && !isWhitespace(before);
  return attached ? c.start + 1 : c.closersEnd;
}

/** A single full stop (or two): the abbreviation rules live here. */
function periodCut(text: string, c: Cluster, next: NextWord, sentenceStart: number): number {
  if (next.kind === 'lower') return NO_CUT; // "co. at noon", "U.S. for 20 years", "great.' she said"
  const cut = c.closersEnd;
  const prev = wordBefore(text, c.start, sentenceStart);
  if (prev.word === '' || prev.closed) return cut;
  // "1. The first item", "b. The second item": the full stop belongs to a list marker.
  if (isLabelWord(prev.word) && onlyOpeningBetween(text, sentenceStart, prev.start)) return NO_CUT;
  if (isCaptionNumber(text, prev, sentenceStart)) return NO_CUT;

  switch (classifyWord(prev.word)) {
    case 'regular':
      return cut;
    case 'title':
    case 'mid':
      return NO_CUT;
    case 'numbered':
      return numberLike(next) ? NO_CUT : cut;
    case 'can-end':
      return startsSentence(next) ? cut : NO_CUT;
    case 'list-end':
      return next.kind === 'upper' ? cut : NO_CUT;
    case 'saint-street':
      return isStreet(text, prev) && startsSentence(next) ? cut : NO_CUT;
    case 'time':
      return timeCut(text, next, prev, sentenceStart) ? cut : NO_CUT;
    case 'initial':
      return initialCut(text, next, prev) ? cut : NO_CUT;
  }
}

/**
 * "Table 2. Funding by year", "Chapter IV. The Economy", "Figure 3.1. Exports": the sentence so
 * far is a caption word and its number, so the full stop only separates the caption's label.
 */
function isCaptionNumber(text: string, prev: WordBefore, sentenceStart: number): boolean {
  if (!isLabelWord(prev.word) && !/^\d{1,3}(?:\.\d{1,3})*[a-z]?$/.test(prev.word)) return false;
  const before = wordsBetween(text, sentenceStart, prev.start, 1);
  return before !== null && before.length === 1 && isCaptionWord(before[0].replace(/\.$/, ''));
}

/** "No. 10", "Fig. 2", "art. III", "Fig. 3a", "§ 5". */
function numberLike(next: NextWord): boolean {
  if (next.kind === 'digit') return true;
  if (next.kind !== 'upper') return false;
  if (/^[IVXLC]{2,}$/.test(next.word)) return true;
  return next.word.length === 1 && next.after !== undefined && !isWhitespace(next.after);
}

/** "Main St. The…" (street, may end) versus "St. Michael's", "of St. Louis" (saint). */
function isStreet(text: string, prev: WordBefore): boolean {
  const before = previousWord(text, prev.start);
  return isUpper(before[0]) || /^\d+(?:st|nd|rd|th)$/i.test(before);
}

/**
 * a.m./p.m. before a capitalised word is the "holy grail" case:
 * "At 5 a.m. Mr. Smith went…" (one sentence) vs "…left at 6 P.M. Mr. Smith then…" (two).
 * Weekdays, months and time zones continue the time ("9 a.m. Tuesday"); inside an
 * introductory time phrase ("At 5 a.m.", "Shortly after 6 p.m.") the sentence has not yet
 * had its main clause, so it cannot end; otherwise a capitalised word starts a new sentence.
 */
function timeCut(text: string, next: NextWord, prev: WordBefore, sentenceStart: number): boolean {
  if (next.kind !== 'upper') return false;
  if (continuesTime(next.word)) return false;
  const intro = wordsBetween(text, sentenceStart, prev.start, 8);
  if (intro !== null && intro.every((w) => isTemporalIntroWord(w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')))) {
    return false;
  }
  return true;
}

/**
 * A single letter before a full stop is usually an initial ("Jonas E. Smith", "J. R. R.
 * Tolkien", "p. 55"). It ends the sentence only before a typical sentence opener ("a grade of
 * A. The…") or when it is the pronoun I after a lowercase word ("you and I. Did…").
 */
function initialCut(text: string, next: NextWord, prev: WordBefore): boolean {
  if (next.kind !== 'upper') return false;
  if (startsSentence(next)) return true;
  return prev.word === 'I' && isLower(previousWord(text, prev.start)[0]);
}

// Top-level domains that follow a dot without a space in names like "Amazon.Com".
const TLDS = new Set(['com', 'org', 'net', 'gov', 'edu', 'int', 'mil', 'io', 'co', 'uk', 'eu', 'de', 'fr', 'info', 'biz']);

/**
 * A full stop with no space after it is almost always inside a token (3.2, example.com,
 * Jane.Doe, U.S.-led). One exception is text where extraction lost the space:
 * "Hello world.Today is Tuesday." — a lowercase word, a full stop, then a capitalised word.
 */
function gluedCut(text: string, c: Cluster): number {
  if (c.question || c.dots !== 1 || c.closersEnd !== c.end || !isUpper(text[c.end])) return NO_CUT;
  const next = nextWord(text, c.end);
  if (next.word.length < 2 || !isLower(next.word[1]) || TLDS.has(next.word.toLowerCase())) return NO_CUT;
  const prev = wordBefore(text, c.start);
  const segment = prev.word.slice(prev.word.lastIndexOf('.') + 1);
  if (!/(?:\p{Ll}{2}|\d,\d{3})$/u.test(segment) || classifyWord(segment) !== 'regular') return NO_CUT;
  // Whole token must not be an address: e-mail, URL, path or file name.
  let e = c.end;
  while (e < text.length && e - c.end < 64 && !isWhitespace(text[e])) e++;
  const token = prev.word + text.slice(c.start, e);
  if (/[@/\\:_]|www\./i.test(token)) return NO_CUT;
  return c.end;
}
