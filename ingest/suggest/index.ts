import type { FactKind } from '../../core/model';
import { type AttributionSuggestion, suggestAttribution } from './attribution';
import { suggestEventDate } from './event-date';
import { type StatisticSuggestion, suggestStatistic } from './statistic';
import { tokenize } from './tokens';

export { suggestAttribution, type AttributionSuggestion } from './attribution';
export { suggestEventDate } from './event-date';
export { suggestStatistic, type StatisticSuggestion } from './statistic';

/**
 * Everything Dossier can suggest for a candidate sentence before the analyst files it as a
 * fact. Suggestions only: each is shown for confirmation, none is written on its own.
 */
export interface Suggestions {
  kind: FactKind;
  attribution?: AttributionSuggestion;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  eventDate?: string;
  statistic?: StatisticSuggestion;
}

/** A quotation this long is someone's words, not a scare-quoted term ("so-called “red lines”"). */
const QUOTE_WORDS = 4;

/**
 * Suggestions for one candidate sentence (`Candidate.text`), read against the source's
 * publication date (YYYY[-MM[-DD]]) when known. The kind: a quotation of at least four words
 * makes a quote; otherwise a figure makes a statistic; anything else is a paraphrase.
 */
export function suggestFor(text: string, published?: string): Suggestions {
  const attribution = suggestAttribution(text);
  const eventDate = suggestEventDate(text, published);
  const statistic = suggestStatistic(text);
  const out: Suggestions = { kind: isQuote(text) ? 'quote' : statistic ? 'statistic' : 'paraphrase' };
  if (attribution) out.attribution = attribution;
  if (eventDate) out.eventDate = eventDate;
  if (statistic) out.statistic = statistic;
  return out;
}

function isQuote(text: string): boolean {
  let run = 0;
  for (const t of tokenize(text)) {
    if (t.kind === 'open-quote') run = 0;
    else if (t.quoted && (t.kind === 'word' || t.kind === 'number')) run++;
    if (run >= QUOTE_WORDS) return true;
  }
  return false;
}
