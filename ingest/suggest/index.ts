import type { FactKind } from '../../core/model';
import { type AttributionSuggestion, suggestAttribution } from './attribution';
import { suggestEventDates } from './event-date';
import { type StatisticSuggestion, suggestStatistic } from './statistic';
import { NamesInDocument } from './names-in-document';
import { tokenize } from './tokens';

export { suggestAttribution } from './attribution';
export { suggestEventDate } from './event-date';
export { suggestStatistic } from './statistic';

/**
 * Everything Dossier can suggest for a candidate sentence before the analyst files it as a
 * fact. Suggestions only: each is shown for confirmation, none is written on its own.
 */
export interface Suggestions {
  kind: FactKind;
  attribution?: AttributionSuggestion;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  eventDate?: string;
  /** The end of a date range the sentence gives ("late December and early January"): eventDate is its start. */
  eventDateEnd?: string;
  statistic?: StatisticSuggestion;
}

/** A quotation this long is someone's words, not a scare-quoted term ("so-called “red lines”"). */
const QUOTE_WORDS = 4;

/**
 * Suggestions for one candidate sentence (`Candidate.text`), read against the source's
 * publication date (YYYY[-MM[-DD]]) when known. The kind: a quotation of at least four words
 * makes a quote; otherwise a figure makes a statistic; anything else is a paraphrase.
 */
export function suggestFor(sentence: string, published?: string): Suggestions {
  const text = suggestionWindow(sentence);
  const attribution = suggestAttribution(text);
  const dates = suggestEventDates(text, published);
  const statistic = suggestStatistic(text);
  const out: Suggestions = { kind: isQuote(text) ? 'quote' : statistic ? 'statistic' : 'paraphrase' };
  if (attribution) out.attribution = attribution;
  if (dates) out.eventDate = dates.start;
  if (dates?.end) out.eventDateEnd = dates.end;
  if (statistic) out.statistic = statistic;
  return out;
}

/**
 * Suggestions for the sentences of one document, in order. Each is read as by `suggestFor`,
 * and a speaker named by surname alone ("Pak added") takes the full name and role a sentence
 * before it gave ("Pak Jong-chol, a senior official at the foreign ministry, said").
 */
export function suggestForDocument(sentences: readonly string[], published?: string): Suggestions[] {
  const reader = new DocumentSuggestions(published);
  return sentences.map((sentence) => reader.next(sentence));
}

/** `suggestForDocument` one sentence at a time, for a caller that walks a document itself. */
export class DocumentSuggestions {
  private readonly names = new NamesInDocument();

  constructor(private readonly published?: string) {}

  /** Suggestions for the document's next sentence. */
  next(sentence: string): Suggestions {
    const s = suggestFor(sentence, this.published);
    const attribution = this.names.resolve(s.attribution);
    if (attribution) s.attribution = attribution;
    return s;
  }
}

/**
 * Suggestions read at most this many characters of a candidate. A sentence is rarely 500 and a
 * paragraph (--paragraphs) rarely 2,000; past that the text is a table or a page that lost its
 * full stops, and chrono-node's date parsing (and the attribution search) take time in
 * proportion to the square of the length: one such 400,000-character "sentence" took 30 s.
 */
const SUGGESTION_WINDOW = 2_000;

/** The candidate's first SUGGESTION_WINDOW characters, cut at a space so no word or figure is halved. */
function suggestionWindow(text: string): string {
  if (text.length <= SUGGESTION_WINDOW) return text;
  const space = text.lastIndexOf(' ', SUGGESTION_WINDOW);
  return text.slice(0, space > SUGGESTION_WINDOW / 2 ? space : SUGGESTION_WINDOW);
}

/** Whether the text quotes someone: a quotation of at least four words. */
export function isQuote(text: string): boolean {
  let run = 0;
  for (const t of tokenize(text)) {
    if (t.kind === 'open-quote') run = 0;
    else if (t.quoted && (t.kind === 'word' || t.kind === 'number')) run++;
    if (run >= QUOTE_WORDS) return true;
  }
  return false;
}
