import { isBoundary, type Token } from '../tokens';
import { ARTICLES, NOT_IN_PHRASE, ROLE_NOUNS } from './lexicons';

/**
 * Finding a speaker's noun phrase in the tokens next to a cue: read leftwards from a verb
 * ("the foreign ministry said") or rightwards from it ("said Ines Duarte"), within its clause.
 */

/** A candidate speaker: a run of tokens [from, to], optionally with an appositive role run. */
export interface Phrase {
  from: number;
  to: number;
  appositive?: { from: number; to: number };
}

/** Days and months: capitalised, but never part of a speaker's phrase. */
const CALENDAR = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:january|february|march|april|june|july|august|september|october|november|december)$/;

/** Whether a token can be part of a speaker's noun phrase at all. */
function phraseWord(t: Token | undefined): boolean {
  if (!t || isBoundary(t)) return false;
  if (t.kind === 'number') return true;
  if (t.kind === 'symbol') return t.text === '&';
  if (t.kind !== 'word') return false;
  if (!NOT_IN_PHRASE.has(t.lower)) return true;
  // A capital inside the sentence makes a name of an ordinary word: "Theresa May", "Will Smith".
  return t.cap && !t.initial && t.text !== 'I' && !CALENDAR.test(t.lower);
}

/**
 * Whether a preposition at index i continues the phrase: "a spokesperson for the ministry",
 * "an analyst at the institute", "officials in Kyiv", "diplomats from both countries".
 */
function prepositionInside(toks: readonly Token[], i: number): boolean {
  const t = toks[i];
  const before = toks[i - 1]?.lower ?? '';
  if (!phraseWord(toks[i + 1])) return false;
  if (t.lower === 'for' || t.lower === 'at') return ROLE_NOUNS.has(before);
  // "a schoolteacher in Maracaibo": a singular role takes a place, not "in a statement".
  if (t.lower === 'in' || t.lower === 'from') return ROLE_NOUNS.has(before) && before !== 'statistics' && (/s$/.test(before) || capitalInside(toks[i + 1]));
  if (t.lower === 'with') return before === 'familiar' || toks[i + 1].lower === 'knowledge';
  // "Israel's ambassador to the U.N.", "a source close to the presidency".
  if (t.lower === 'to') return ['ambassador', 'envoy', 'representative', 'adviser', 'advisor', 'delegate', 'close', 'attaché', 'attache'].includes(before);
  // Two names joined: "Duarte and Lindqvist said".
  if (t.lower === 'and') return (toks[i - 1]?.cap ?? false) && (toks[i + 1]?.cap ?? false) && toks[i + 1].kind === 'word';
  return false;
}

function capitalInside(t: Token | undefined): boolean {
  return !!t && t.kind === 'word' && t.cap && !t.initial;
}

/** After these, an article belongs to the phrase: "the chief of the army", "analysts at the bank". */
const INNER = new Set(['of', 'for', 'at', 'in', 'from', 'with', 'to', 'and']);

/** The phrase ending at token `end`, read leftwards to the start of its clause. */
export function phraseEndingAt(toks: readonly Token[], end: number): Phrase | undefined {
  let i = end;
  while (i >= 0 && (phraseWord(toks[i]) || (i > 0 && prepositionInside(toks, i)))) i--;
  let from = i + 1;
  if (from > end) return undefined;
  // Without a comma before it, the subject starts at its article: "exports fell the ministry
  // said" has the subject "the ministry". An article after "of" belongs to the phrase.
  for (let k = end; k > from; k--) {
    if (ARTICLES.has(toks[k].lower) && !INNER.has(toks[k - 1].lower)) {
      from = k;
      break;
    }
  }
  return trim(toks, from, end);
}

/** The phrase starting at token `start`, read rightwards to the end of its clause. */
export function phraseStartingAt(toks: readonly Token[], start: number): Phrase | undefined {
  let i = start;
  while (i < toks.length && (phraseWord(toks[i]) || prepositionInside(toks, i))) {
    // A second article starts a new phrase: "told the BBC the talks had failed".
    if (i > start && ARTICLES.has(toks[i].lower) && !INNER.has(toks[i - 1].lower)) break;
    i++;
  }
  return trim(toks, start, i - 1);
}

/** Drops leading and trailing words that cannot start or end a phrase. */
function trim(toks: readonly Token[], from: number, to: number): Phrase | undefined {
  const edge = new Set(['of', 'for', 'at', 'and', '&']);
  while (from <= to && edge.has(toks[from].lower)) from++;
  while (to >= from && (edge.has(toks[to].lower) || ARTICLES.has(toks[to].lower))) to--;
  // Longer than this, it is a clause we misread, not a speaker.
  if (from > to || to - from > 9) return undefined;
  return { from, to };
}

/** The comma-delimited run that ends just before token `end` (exclusive), if it is a phrase. */
export function segmentBefore(toks: readonly Token[], end: number): Phrase | undefined {
  let i = end - 1;
  while (i >= 0 && !isBoundary(toks[i])) i--;
  const from = i + 1;
  if (from > end - 1) return undefined;
  // The whole segment must be one phrase ("the foreign minister"), not a clause.
  for (let k = from; k < end; k++) if (!phraseWord(toks[k]) && !prepositionInside(toks, k)) return undefined;
  return trim(toks, from, end - 1);
}
