import type { ProseSegment } from '../core/citation-marks';
import { type ClaimDetectors, loadClaimDetectors as loadDetectors } from '../ingest/index';
import { maskedProse } from './assemble/prose-inlines';
import { MARK, proseBlocks } from './prose';

/**
 * Sentences of the analyst's own prose that state something a reader would want sourced — a
 * figure, a date, a quotation, or words put in someone's mouth ("said", "according to") —
 * and cite nothing. The capture view's suggestion detectors decide (ingest/suggest): a
 * sentence the capture view would offer as a fact is a claim.
 */
export type ClaimKind = 'figure' | 'date' | 'quote' | 'attribution';

export interface UnsourcedClaim {
  sentence: string;
  kinds: ClaimKind[];
}

let detectors: ClaimDetectors | undefined;

/**
 * Loads the detectors (chrono-node among them) the check needs, once per process: callers of
 * pre-flight await it for a briefing with prose (preflightReady), an export of facts alone
 * never loads them.
 */
export async function loadClaimDetectors(): Promise<void> {
  detectors ??= await loadDetectors();
}

function loaded(): ClaimDetectors {
  if (!detectors) throw new Error('the unsourced-claim check ran before loadClaimDetectors() finished');
  return detectors;
}

/** The sentences of one prose item that make a claim without a citation, in order. */
export function unsourcedClaims(segments: readonly ProseSegment[], today: string): UnsourcedClaim[] {
  const masked = maskedProse(segments);
  const key = `${today}\u0001${masked}`;
  let found = paragraphs.get(key);
  if (!found) {
    if (paragraphs.size >= CACHE_SIZE) paragraphs.clear();
    paragraphs.set(key, (found = findClaims(masked, today)));
  }
  return found;
}

function findClaims(masked: string, today: string): UnsourcedClaim[] {
  const out: UnsourcedClaim[] = [];
  // Block by block (a bullet is never half a sentence), each mark kept as MARK in the text.
  const blocks = proseBlocks(masked, () => ({ type: 'text', run: { text: MARK } }));
  for (const block of blocks) {
    const text = block.inlines.map((i) => (i.type === 'text' ? i.run.text : '')).join('');
    // A note after the full stop cites the sentence before it, not the one after.
    const marksFirst = text.replace(/([.!?…]["”’»]?)(\s*)(\u0000+)/g, '$3$1$2');
    for (const s of loaded().splitSentences(marksFirst)) {
      if (s.text.includes(MARK)) continue;
      const sentence = s.text.trim();
      const kinds = claimKinds(sentence, today);
      if (kinds.length) out.push({ sentence, kinds });
    }
  }
  return out;
}

// The detectors (chrono-node among them) take a millisecond or more a sentence; the live
// preview checks after every edit, and most sentences are the same as last time.
const cache = new Map<string, ClaimKind[]>();
/** The same for whole paragraphs: the preview re-checks every paragraph after each edit. */
const paragraphs = new Map<string, UnsourcedClaim[]>();
const CACHE_SIZE = 5_000;

function claimKinds(sentence: string, today: string): ClaimKind[] {
  const key = `${today}\u0001${sentence}`;
  let kinds = cache.get(key);
  if (kinds) return kinds;
  kinds = [];
  const d = loaded();
  if (d.suggestStatistic(sentence)) kinds.push('figure');
  if (d.suggestEventDate(sentence, today)) kinds.push('date');
  if (d.isQuote(sentence)) kinds.push('quote');
  if (d.suggestAttribution(sentence)) kinds.push('attribution');
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(key, kinds);
  return kinds;
}

export function describeKinds(kinds: readonly ClaimKind[]): string {
  const words = kinds.map((k) => (k === 'figure' ? 'a figure' : k === 'date' ? 'a date' : k === 'quote' ? 'a quotation' : 'an attribution'));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words[0];
}
