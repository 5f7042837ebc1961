import type { Fact, Locator } from '../../core/model';
import { foldQuoteText, quotedWords } from '../../core/quote-text';
import type { Db } from '../open';
import type { Passage } from './codec';
import { type OriginalInfo, type OriginalText, sourceTexts } from './store';

/**
 * "Show in source": the passage of the stored original a fact was taken from, with the fact's
 * words marked. Served only from an original whose hashes hold.
 */
export type FactContext =
  | { status: 'none' }
  | { status: 'damaged'; original: OriginalInfo }
  | {
      status: 'ok';
      original: OriginalInfo;
      /** Where the passage is: the fact's own locator, or where its words were found instead. */
      locator?: Locator;
      /** `at-locator`: the words are at the fact's locator; `elsewhere`: found at `locator`; `not-found`: the passage at the locator, unmarked. */
      found: 'at-locator' | 'elsewhere' | 'not-found';
      before: string;
      match: string;
      after: string;
    };

/** Characters shown either side of the marked words in a long passage. */
const AROUND = 320;

export function factContext(db: Db, fact: Fact): FactContext {
  const texts = sourceTexts(db, fact.sourceId);
  if (texts.length === 0) return { status: 'none' };
  const good = texts.filter((t): t is Extract<OriginalText, { status: 'ok' }> => t.status === 'ok');
  if (good.length === 0) return { status: 'damaged', original: texts[0].original };
  const words = quotedWords(fact.text);
  // The fact's words at its locator; then anywhere in the original; then its locator unmarked.
  for (const scope of ['at-locator', 'elsewhere'] as const) {
    for (const t of good) {
      const passages = scope === 'at-locator' ? t.passages.filter((p) => sameLocator(p, fact.locator)) : t.passages;
      for (const p of passages) {
        const hit = findWords(p.text, words);
        if (hit) return { status: 'ok', original: t.original, ...locatorOf(p), found: scope, ...around(...withNeighbours(t.passages, p, hit)) };
      }
    }
  }
  for (const t of good) {
    const at = t.passages.filter((p) => sameLocator(p, fact.locator));
    if (fact.locator && at.length) {
      // The passage sharing most words with the fact: where a changed quotation most likely sits.
      const nearest = closest(at, fact.text);
      const [text, hit] = withNeighbours(t.passages, nearest, { start: 0, end: 0 });
      return { status: 'ok', original: t.original, locator: fact.locator, found: 'not-found', ...around(text, { start: hit.start, end: hit.start }) };
    }
  }
  return { status: 'ok', original: good[0].original, found: 'not-found', before: '', match: '', after: '' };
}

function sameLocator(p: Passage, l: Locator | undefined): boolean {
  return l !== undefined && p.locator?.label === l.label && p.locator.value === l.value;
}

function locatorOf(p: Passage): { locator?: Locator } {
  return p.locator ? { locator: p.locator } : {};
}

/** Where in `text` the first of `words` occurs, compared folded, as indexes into `text`. */
function findWords(text: string, words: readonly string[]): { start: number; end: number } | undefined {
  const folded = foldQuoteText(text);
  for (const w of words) {
    const i = w ? folded.text.indexOf(w) : -1;
    if (i >= 0) return { start: folded.from[i], end: folded.from[i + w.length - 1] + 1 };
  }
  return undefined;
}

function closest(passages: readonly Passage[], text: string): Passage {
  const words = new Set(
    foldQuoteText(text)
      .text.split(/\W+/u)
      .filter((w) => w.length > 2),
  );
  let best = passages[0];
  let bestScore = -1;
  for (const p of passages) {
    const score = foldQuoteText(p.text)
      .text.split(/\W+/u)
      .filter((w) => words.has(w)).length;
    if (score > bestScore) [best, bestScore] = [p, score];
  }
  return best;
}

/**
 * The passage with the ones before and after it (paragraphs apart), the hit moved to match: a
 * quotation that is a paragraph of its own is read with what leads up to it and follows it.
 */
function withNeighbours(all: readonly Passage[], p: Passage, hit: { start: number; end: number }): [string, { start: number; end: number }] {
  const i = all.indexOf(p);
  const prev = i > 0 ? `${all[i - 1].text}\n\n` : '';
  const next = i + 1 < all.length ? `\n\n${all[i + 1].text}` : '';
  return [prev + p.text + next, { start: hit.start + prev.length, end: hit.end + prev.length }];
}

/** The passage split at the marked words, cut to about AROUND characters either side at a space. */
function around(text: string, hit: { start: number; end: number }): { before: string; match: string; after: string } {
  let from = Math.max(0, hit.start - AROUND);
  let to = Math.min(text.length, hit.end + AROUND);
  if (from > 0) from = text.indexOf(' ', from) + 1 || from;
  if (to < text.length) to = text.lastIndexOf(' ', to) > hit.end ? text.lastIndexOf(' ', to) : to;
  return {
    before: (from > 0 ? '…' : '') + text.slice(from, hit.start),
    match: text.slice(hit.start, hit.end),
    after: text.slice(hit.end, to) + (to < text.length ? '…' : ''),
  };
}
