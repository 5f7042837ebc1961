import type { Fact } from '../../core/model';
import { normaliseQuoteText, quotedWords } from '../../core/quote-text';
import type { Db } from '../open';
import { type OriginalInfo, sourceTexts } from './store';

/**
 * Whether a quote fact's words are in its source's stored original: `none` when the source has
 * no original (nothing to check against: not flagged), `damaged` when every original it has
 * fails its hash (never trusted), `missing` when no original has the words.
 */
export type QuoteVerdict =
  { status: 'found' } | { status: 'none' } | { status: 'missing'; original: OriginalInfo } | { status: 'damaged'; original: OriginalInfo };

/** A checker for many facts: each source's originals are read (and verified) once. */
export function quoteChecker(db: Db): (fact: Fact) => QuoteVerdict {
  const bySource = new Map<string, { texts: string[]; originals: OriginalInfo[]; damaged: number }>();
  const load = (sourceId: string) => {
    let entry = bySource.get(sourceId);
    if (!entry) {
      const all = sourceTexts(db, sourceId);
      entry = {
        texts: all.flatMap((t) => (t.status === 'ok' ? [normaliseQuoteText(t.passages.map((p) => p.text).join('\n'))] : [])),
        originals: all.map((t) => t.original),
        damaged: all.filter((t) => t.status === 'damaged').length,
      };
      bySource.set(sourceId, entry);
    }
    return entry;
  };
  return (fact) => {
    const s = load(fact.sourceId);
    if (s.originals.length === 0) return { status: 'none' };
    if (s.texts.length === 0) return { status: 'damaged', original: s.originals[0] };
    const words = quotedWords(fact.text);
    return s.texts.some((t) => words.some((w) => containsQuote(t, w))) ? { status: 'found' } : { status: 'missing', original: s.originals[0] };
  };
}

/**
 * Whether `text` says `words`; an ellipsis in a quote ("...", "[...]") marks words left out,
 * so the pieces between must appear in order.
 */
function containsQuote(text: string, words: string): boolean {
  const pieces = words.split(/\s*\[?\.\.\.\]?\s*/).filter((p) => p.length > 0);
  let from = 0;
  for (const p of pieces) {
    const at = text.indexOf(p, from);
    if (at < 0) return false;
    from = at + p.length;
  }
  return pieces.length > 0;
}
