import * as chrono from 'chrono-node';
import { isPartialDate, type PartialDate } from '../../core/dates';
import { notTheEvent, tenseAt } from './date-context';

/**
 * The date a sentence is about, as a partial date (YYYY, YYYY-MM or YYYY-MM-DD), read with
 * chrono-node against the source's publication date:
 *   "on Jan. 15"            → 2024-01-15 (the year from the publication date)
 *   "in late December"      → 2023-12 when published in January 2024: the year comes from the
 *                             publication date, the last December before it (or the next one
 *                             in a sentence about the future: "talks are due to resume in May")
 *   "February 2022"         → 2022-02
 *   "in 2019", "mid-2021"   → 2019, 2021 (chrono does not read bare years; a rule below does)
 *   "on Tuesday"            → the Tuesday on or before publication (the next one in a clause
 *                             about the future: "will meet on Tuesday"). The tense is the
 *                             date's own clause's (./date-context): "said on Tuesday that
 *                             talks would resume next week" is the Tuesday before.
 *   "yesterday", "3 days ago" → that day
 *   "last week", "this week" → the MONTH of that week (YYYY-MM). A day would claim a precision
 *                             the sentence does not have; the month is the finest partial date
 *                             that is true. A week spanning two months counts in the month of
 *                             its Thursday, the one holding most of its days (ISO-8601's rule).
 *   "last month"            → YYYY-MM; "last year", "a year earlier" → YYYY
 *
 * Precision is only what the sentence gives: "in December" stays YYYY-MM (chrono's
 * `isCertain('day')` is false). A reference-relative expression needs a publication date at
 * least as precise as what it resolves ("on Tuesday" needs the day of publication; "last
 * month" the month): without one there is no suggestion rather than a guess from today's date.
 *
 * Which parts come from the sentence and which from the reference is found by parsing twice
 * against two references 400 days apart: a part that moves with the reference was not in the
 * text. With several dates, the first in the sentence wins. A date that is not the sentence's
 * event ("every Tuesday", "since January", "within 30 days", "Holm, who took office in
 * January, said") is skipped; one that cannot be placed is left empty rather than guessed.
 */
export function suggestEventDate(sentence: string, published?: string): PartialDate | undefined {
  return suggestEventDates(sentence, published)?.start;
}

/**
 * The date a sentence is about, as `suggestEventDate` reads it, with the end of the range when
 * the sentence gives one: "from Dec. 28 to Jan. 4", "Jan. 15-17", "in late December and early
 * January", "between March and May", "from 2019 to 2021".
 */
export function suggestEventDates(sentence: string, published?: string): EventDates | undefined {
  const ref = reference(published);
  const text = prepare(sentence);
  const candidates = [...chronoDates(text, ref, sentence), ...yearDates(text, sentence)];
  candidates.sort((a, b) => a.index - b.index);
  const first = candidates[0];
  if (!first) return undefined;
  const next = candidates[1];
  const end = first.endDate ?? (next && CONNECTOR.test(text.slice(first.end, next.index)) ? next.date : undefined);
  return end ? { start: first.date, ...rangeEnd(first.date, end) } : { start: first.date };
}

export interface EventDates {
  start: PartialDate;
  /** The end of a range, after the start. */
  end?: PartialDate;
}

/** What joins two dates into a range: "and", "to", "until", "-", "and end in early". */
const CONNECTOR =
  /^\s*(?:(?:and|to|until|till|through|thru)(?:\s+(?:end|ends|ending|finish|finishes|run|runs|last|lasts|continue)(?:\s+(?:in|on|by|until))?)?|[-–])\s*(?:(?:the\s+)?(?:early|late|mid|end\s+of|start\s+of|beginning\s+of)[\s-]*)?$/i;

/** The end of a range, a year later if its year was taken for the start's ("December and January"). */
function rangeEnd(start: PartialDate, end: PartialDate): { end?: PartialDate } {
  if (after(end, start)) return { end };
  const later = String(Number(end.slice(0, 4)) + 1) + end.slice(4);
  return end.length > 4 && isPartialDate(later) && after(later, start) ? { end: later } : {};
}

/** Whether partial date b comes after a (compared at the coarser precision of the two). */
function after(b: PartialDate, a: PartialDate): boolean {
  const n = Math.min(a.length, b.length);
  return b.slice(0, n) > a.slice(0, n);
}

type Precision = 0 | 1 | 2 | 3; // none, year, month, day

interface Reference {
  /** Noon UTC of the publication day (or the middle of its month or year). */
  instant: Date;
  precision: Precision;
}

interface Candidate {
  /** Where the date's words start and end in the sentence. */
  index: number;
  end: number;
  date: PartialDate;
  /** The end of a range the words give themselves ("Jan. 15-17"). */
  endDate?: PartialDate;
}

function reference(published: string | undefined): Reference | undefined {
  const p = published?.trim();
  if (!p || !isPartialDate(p)) return undefined;
  const [y, m, d] = p.split('-').map(Number) as [number, number | undefined, number | undefined];
  // The middle of a month or year: "late December" then resolves to the nearest December.
  return { instant: new Date(Date.UTC(y, (m ?? 7) - 1, d ?? (m ? 15 : 1), 12)), precision: (1 + (m ? 1 : 0) + (d ? 1 : 0)) as Precision };
}

/**
 * Phrases chrono misreads, blanked with spaces so indices stay put: "the night of Dec. 31"
 * would otherwise become "tonight"; "now" is the present, not an event date.
 */
function prepare(sentence: string): string {
  return (
    sentence
      .replace(/\b(?:night|morning|evening|afternoon|early hours)\s+of\b/gi, (m) => ' '.repeat(m.length))
      .replace(/\b(?:now|right now|currently)\b/gi, (m) => ' '.repeat(m.length))
      // chrono reads "late December" but not "early May": the month alone is what it gives anyway.
      .replace(/\b(?:early|late|mid)[\s-]+(?=(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)/g, (m) =>
        ' '.repeat(m.length),
      )
  );
}

const DAY_MS = 86_400_000;
const FUTURE = /\b(?:will|shall|'ll|is due|are due|due to|scheduled|set to|plans? to|planning to|is to|are to|next|coming|upcoming)\b/i;
const WEEK = /\bweek(?:s|end)?\b/i;
const MONTH_WORDS =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/gi;
/** Alone, these are far more often something else: "the Sun", "Sat down", "Wed", "Mar". */
const AMBIGUOUS = /^(?:sat|sun|wed|mar)$/i;

/** Reference instants two parses use when there is no publication date (any two will do). */
const ANCHORS: [Date, Date] = [new Date(Date.UTC(2001, 2, 10, 12)), new Date(Date.UTC(2002, 3, 14, 12))];

function chronoDates(text: string, ref: Reference | undefined, original: string): Candidate[] {
  const a = ref?.instant ?? ANCHORS[0];
  const b = ref ? new Date(a.getTime() + 400 * DAY_MS) : ANCHORS[1];
  const first = chrono.parse(text, { instant: a, timezone: 0 });
  const second = chrono.parse(text, { instant: b, timezone: 0 });
  const out: Candidate[] = [];
  for (const r of first) {
    const end = r.index + r.text.length;
    if (notTheEvent(original, r.index, end, r.text)) continue;
    const twin = second.find((s) => s.index === r.index && s.text === r.text);
    const reading: Reading = {
      words: r.text.trim(),
      tags: r.tags(),
      ref,
      original,
      index: r.index,
      future: (tenseAt(original, r.index, end) ?? (FUTURE.test(original) ? 'future' : 'past')) === 'future',
    };
    const date = resolve(r.start, twin?.start, reading);
    if (!date) continue;
    // A week's end is no help ("the week to Jan. 14" is read as a range from next week).
    const endDate = r.end && !WEEK.test(reading.words) ? resolve(r.end, twin?.end, reading) : undefined;
    out.push({ index: r.index, end, date, ...(endDate && after(endDate, date) ? { endDate } : {}) });
  }
  return out;
}

/** What resolving one of chrono's dates needs besides its components. */
interface Reading {
  words: string;
  tags: Set<string>;
  ref: Reference | undefined;
  original: string;
  index: number;
  /** The clause speaks of the future: a bare weekday or month is the next one, not the last. */
  future: boolean;
}

function resolve(c: chrono.ParsedComponents, twin: chrono.ParsedComponents | undefined, reading: Reading): PartialDate | undefined {
  const { words, tags, ref, original, future } = reading;
  // Month and day names are capitalised in English: "a march on the capital" is no date.
  for (const m of original.slice(reading.index, reading.index + words.length).matchAll(MONTH_WORDS)) {
    if (!/^\p{Lu}/u.test(m[0])) return undefined;
    // "May" opening a sentence is the verb ("May the talks …" aside, news rarely starts so).
    if (m[0] === 'May' && original.slice(0, reading.index + m.index).trim() === '') return undefined;
  }
  if (AMBIGUOUS.test(words)) return undefined;
  // "4/10" is more often a fraction or a score than a date; with a year it is a date.
  if ([...tags].some((t) => t.includes('Slash')) && !c.isCertain('year')) return undefined;

  const casual = [...tags].some((t) => /^casualReference\/(?:today|yesterday|tomorrow|morning|afternoon|evening|night|tonight|noon|lastNight)/.test(t));
  const week = WEEK.test(words);
  const bareWeekday = c.isCertain('weekday') && !c.isCertain('day');
  let precision: Precision = c.isCertain('day') || bareWeekday || casual ? 3 : c.isCertain('month') ? 2 : c.isCertain('year') ? 1 : 0;
  if (week) precision = 2;
  // "the end of last year" is a stretch of time, not its last day.
  if ([...tags].some((t) => t.includes('EndOfPeriod'))) precision = Math.min(precision, 2) as Precision;
  if (precision === 0) return undefined; // a time of day, with no date

  // What the reference contributes: the finest part that moves when the reference moves.
  let needs: Precision;
  if (twin) {
    const moved = (k: 'year' | 'month' | 'day') => twin.get(k) !== c.get(k);
    needs = moved('day') && precision === 3 ? 3 : moved('month') && precision >= 2 ? 2 : moved('year') ? 1 : 0;
    if (week && needs) needs = 3;
  } else {
    needs = 3; // could not compare: trust it only with a full reference
  }
  if (needs > (ref?.precision ?? 0)) return undefined;

  let y = c.get('year')!;
  let m = c.get('month')!;
  let d = c.get('day')!;
  if (bareWeekday && ref) {
    // A bare weekday: the last one on or before publication, or the next in a clause about
    // the future. chrono picks the nearest, which may be either.
    const at = Date.UTC(y, m - 1, d);
    const pub = Date.UTC(ref.instant.getUTCFullYear(), ref.instant.getUTCMonth(), ref.instant.getUTCDate());
    const shifted = !future && at > pub ? at - 7 * DAY_MS : future && at < pub ? at + 7 * DAY_MS : at;
    [y, m, d] = ymd(shifted);
  }
  if (week) [y, m, d] = ymd(thursdayOf(Date.UTC(y, m - 1, d)));
  if (needs === 1 && precision >= 2 && ref && ref.precision >= 2) {
    // Month (and day) from the sentence, year from the publication date: chrono takes the
    // nearest, but "Talks resumed in May" in a January article is last May, and "the vote is
    // set for March 3" in a December article is next March.
    const pub = ref.instant;
    const key = (yy: number) => (precision === 3 ? Date.UTC(yy, m - 1, d) : Date.UTC(yy, m - 1, 1));
    const pubKey = precision === 3 ? Date.UTC(pub.getUTCFullYear(), pub.getUTCMonth(), pub.getUTCDate()) : Date.UTC(pub.getUTCFullYear(), pub.getUTCMonth(), 1);
    if (!future && key(y) > pubKey) y--;
    else if (future && key(y) < pubKey) y++;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = precision === 3 ? `${y}-${pad(m)}-${pad(d)}` : precision === 2 ? `${y}-${pad(m)}` : String(y);
  return isPartialDate(date) ? date : undefined;
}

/** The Thursday of the week holding `at` (weeks from Monday; a Sunday starts the US week after). */
function thursdayOf(at: number): number {
  const weekday = new Date(at).getUTCDay(); // 0 Sunday … 6 Saturday
  if (weekday === 0) return at + 4 * DAY_MS;
  return at + (4 - weekday) * DAY_MS;
}

function ymd(at: number): [number, number, number] {
  const d = new Date(at);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/**
 * Bare years, which chrono leaves alone: "in 2019", "during 2020", "early 2021", "mid-2021",
 * "the end of 2022", "Q3 2023", "the 2019 election". Only after these words: "the 2019
 * agreement" names a thing, "since 2014" starts a period, "by 2030" sets a target.
 */
const YEAR =
  /(?:\b(?:in|during|throughout|of|early|late|mid|Q[1-4])\s+|\bmid-)((?:1[89]|20)\d\d)\b(?![-–/]\d|,\d|\.\d|\s*(?:%|percent|per cent))|\bthe\s+((?:1[89]|20)\d\d)(?=\s+(?:(?:general|presidential|parliamentary|local|national)\s+)?(?:elections?|vote|referendum|census)\b)/gi;

/** "from 2019 to 2021", "between 2019 and 2021": a range of years. */
const YEAR_RANGE = /\b(?:from|between)\s+((?:1[89]|20)\d\d)\s+(?:to|and|until|through)\s+((?:1[89]|20)\d\d)\b/gi;

function yearDates(text: string, original: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(YEAR_RANGE)) {
    if (m[2] > m[1]) out.push({ index: m.index + m[0].indexOf(m[1]), end: m.index + m[0].length, date: m[1], endDate: m[2] });
  }
  for (const m of text.matchAll(YEAR)) {
    const year = m[1] ?? m[2];
    const index = m.index + m[0].lastIndexOf(year);
    if (out.some((c) => c.index <= index && index < c.end) || notTheEvent(original, index, index + 4, year)) continue;
    out.push({ index, end: index + 4, date: year });
  }
  return out;
}
