import { type Token, tokenize } from './tokens';

/**
 * What the words around a date say about it, for ./event-date:
 *   - its tense: "said on Tuesday" is the Tuesday before publication, "would open on Tuesday"
 *     the one after; "would open by March" the next March, "resumed in May" the last May;
 *   - whether it is the sentence's event at all: "every Tuesday" is a habit, "since January"
 *     the start of a period, "not next year" a denial, "the Sept. 11 attacks" a name, and
 *     "Holm, who took office in January, said …" dates Holm, not what she said.
 */

/** Words that put a clause in the future (or the hypothetical, which is never the past). */
const FUTURE = new Set([
  'will',
  'would',
  "'ll",
  'shall',
  'could',
  'might',
  'should',
  'must',
  'due',
  'scheduled',
  'expected',
  'planned',
  'plans',
  'plan',
  'aims',
  'likely',
  'going',
  'next',
  'upcoming',
  'coming',
  'intends',
  'hopes',
  'wants',
  'seeks',
  'promised',
  'pledged',
  'vowed',
]);

/** Present tense of events that are on a calendar: "The summit opens on Nov. 18". */
const SCHEDULED = new Set(['opens', 'begins', 'starts', 'ends', 'closes', 'meets', 'convenes', 'resumes', 'expires', 'arrives', 'departs', 'visits', 'takes']);

const IRREGULAR_PAST = new Set([
  'said',
  'told',
  'began',
  'met',
  'held',
  'made',
  'struck',
  'fell',
  'rose',
  'took',
  'went',
  'came',
  'hit',
  'shot',
  'left',
  'saw',
  'won',
  'lost',
  'spoke',
  'sent',
  'flew',
  'gave',
  'led',
  'fought',
  'broke',
  'ran',
  'paid',
  'sold',
  'bought',
  'brought',
  'built',
  'caught',
  'drew',
  'fled',
  'found',
  'froze',
  'grew',
  'kept',
  'knew',
  'laid',
  'meant',
  'sank',
  'sought',
  'shut',
  'stood',
  'stole',
  'threw',
  'wrote',
  'withdrew',
  'was',
  'were',
  'had',
  'did',
  'became',
  'got',
  'overtook',
  'slid',
  'swept',
  'spent',
  'wept',
]);

/** After these an "-ed" word is a participle of the clause's own tense: "would be published". */
const BEFORE_PARTICIPLE = new Set(['be', 'being', 'to']);

type Tense = 'future' | 'past';

function tenseOf(toks: readonly Token[], k: number): Tense | undefined {
  const t = toks[k];
  if (t.kind !== 'word') return undefined;
  // "may" in lower case is the verb; "May" is the month.
  if (FUTURE.has(t.lower) || (t.text === 'may' && !t.initial)) return 'future';
  if (SCHEDULED.has(t.lower)) return 'future';
  if (IRREGULAR_PAST.has(t.lower)) return 'past';
  if (/[a-z]ed$/.test(t.lower) && t.lower.length > 4 && !BEFORE_PARTICIPLE.has(toks[k - 1]?.lower ?? '')) return 'past';
  return undefined;
}

/** A clause ends at these: a verb beyond them belongs to another clause. */
function clauseEnd(t: Token): boolean {
  return t.kind === 'comma' || t.kind === 'end' || t.kind === 'break' || t.kind === 'open-quote' || t.kind === 'close-quote' || t.lower === 'that';
}

/**
 * The tense of the clause holding the characters [start, end) of the sentence: the nearest
 * verb before the date within its clause ("would be published on Wednesday"), else the first
 * after it ("The strike on Sunday killed two people"); undefined when the clause has none.
 */
export function tenseAt(sentence: string, start: number, end: number): Tense | undefined {
  const toks = tokenize(sentence);
  const first = toks.findIndex((t) => t.end > start);
  if (first < 0) return undefined;
  for (let k = first - 1; k >= 0 && !clauseEnd(toks[k]); k--) {
    const tense = tenseOf(toks, k);
    if (tense) return tense;
  }
  for (let k = toks.findIndex((t) => t.start >= end); k >= 0 && k < toks.length && !clauseEnd(toks[k]); k++) {
    const tense = tenseOf(toks, k);
    if (tense) return tense;
  }
  return undefined;
}

/** Names of events made of their date: "the Sept. 11 attacks", "the Jan. 6 riot". */
const NAMED_BY_DATE = /^\s*(?:attacks?|bombings?|riots?|raid|massacre|accords?|uprising|revolution|protests?|incident|shooting|coup|crackdown)\b/i;

/** Clauses that describe someone or something in passing: what they date is not the event. */
const ASIDE =
  /,\s*(?:who|which|whose|founded|established|born|created|appointed|elected|built|launched|set up|formed|originally|initially|previously|once|first)\b[^,]*$/i;

/** A run of time, not a date: "within 30 days", "last four days", "for two weeks". */
const DURATION =
  /^(?:(?:within|in|for|over|after|during|last|the|past|next|another)\s+)*(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|many)\s+(?:days?|weeks?|months?|years?|hours?|decades?)$/i;

/**
 * Whether the date at [start, end) of the sentence (reading `words`) is not the sentence's
 * event: a habit, a period's start, a denial, a name, an aside, or a length of time.
 */
export function notTheEvent(sentence: string, start: number, end: number, words: string): boolean {
  const before = sentence.slice(0, start);
  if (/\b(?:every|each|since|not|before|until|till)\s+(?:the\s+)?$/i.test(before)) return true;
  // "the fiscal year to June", "the June quarter": a period named by the month it ends.
  if (
    /\b(?:year|months)\s+to\s+$/i.test(before) ||
    /\b(?:year|months)\s+to\b/i.test(words) ||
    (/^\s*quarter\b/i.test(sentence.slice(end)) && !/[-–]|\bto\b/.test(words))
  )
    return true;
  if (NAMED_BY_DATE.test(sentence.slice(end))) return true;
  if (ASIDE.test(before) && sentence.slice(start).includes(',')) return true;
  // "in the week after the plan was announced": which week, the sentence does not say.
  if (/^(?:in|during|over|for)?\s*the\s+(?:day|week|weekend|month|year)(?:\s+(?:after|before))?$/i.test(words.trim())) return true;
  return DURATION.test(words.trim());
}
