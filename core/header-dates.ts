import { invalid } from './errors';

/**
 * Dates typed in a memo's header (its date, the decide-by date, a sitrep's "as of"): read from
 * the forms analysts type, stored as YYYY-MM-DD, printed in the template's own locale. Reading
 * is deliberately narrow — a fixed set of forms, every part checked — so a typo is an error
 * the author sees rather than a wrong date on a memo.
 *
 * Read:  2024-01-18 · January 18, 2024 · Jan. 18, 2024 · 18 January 2024 · 18 Jan 24 ·
 *        1/18/2024 (M/D in en-US, D/M elsewhere; see `numeric`)
 */

/** Which header fields are dates, and the locale that reads their numeric forms. */
export interface HeaderDateRules {
  keys: readonly string[];
  locale: string;
}

export interface ReadDateOptions {
  /**
   * How to read "3/4/2024", where either number could be the month: by the locale (US M/D,
   * others D/M), or not at all ('unambiguous': the migration will not guess for the author).
   */
  numeric?: 'locale' | 'unambiguous';
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const NUMERIC = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$/;
const MONTH_FIRST = /^([\p{L}]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{2}|\d{4})$/u;
const DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?\s+([\p{L}]+)\.?,?\s+(\d{2}|\d{4})$/u;

export const DATE_EXAMPLE = 'write e.g. 2024-01-18 or January 18, 2024';

/** The ISO date (YYYY-MM-DD) a typed header date means, or undefined when it cannot be read. */
export function readHeaderDate(text: string, locale: string, options: ReadDateOptions = {}): string | undefined {
  const s = text.trim().replace(/\s+/g, ' ');
  let m = ISO.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC.exec(s);
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), fullYear(m[3])];
    if (a !== b && a <= 12 && b <= 12 && options.numeric === 'unambiguous') return undefined;
    // A number above 12 can only be the day, whatever the locale says.
    const monthFirst = a > 12 ? false : b > 12 ? true : isMonthFirst(locale);
    return monthFirst ? isoDate(y, a, b) : isoDate(y, b, a);
  }
  m = MONTH_FIRST.exec(s);
  if (m) {
    const month = monthNumber(m[1], locale);
    return month ? isoDate(fullYear(m[3]), month, Number(m[2])) : undefined;
  }
  m = DAY_FIRST.exec(s);
  if (m) {
    const month = monthNumber(m[2], locale);
    return month ? isoDate(fullYear(m[3]), month, Number(m[1])) : undefined;
  }
  return undefined;
}

/** The ISO date for a header field, or an error naming the field that changes nothing. */
export function parseHeaderDate(field: string, text: string, locale: string): string {
  const iso = readHeaderDate(text, locale);
  if (!iso) throw invalid(field, `cannot read "${text.trim()}" as a date; ${DATE_EXAMPLE}`);
  return iso;
}

/**
 * The fields with their date fields stored as ISO dates: empty values stay empty (an optional
 * date left blank), anything unreadable is an error naming `fields.<key>`.
 */
export function normaliseHeaderDates(fields: Readonly<Record<string, string>>, rules: HeaderDateRules): Record<string, string> {
  const out = { ...fields };
  for (const key of rules.keys) {
    const value = out[key];
    if (value === undefined || value.trim() === '') continue;
    out[key] = parseHeaderDate(`fields.${key}`, value, rules.locale);
  }
  return out;
}

export type HeaderDateFormat = 'long' | 'military';

/** "January 18, 2024" (en-US long), "18 January 2024" (en-GB long), "18 Jan 24" (military). */
export function formatHeaderDate(iso: string, locale: string, format: HeaderDateFormat = 'long'): string {
  const m = ISO.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (format === 'military') {
    const month = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(date).replace(/\.$/, '');
    return `${date.getUTCDate()} ${month} ${String(date.getUTCFullYear() % 100).padStart(2, '0')}`;
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A Date's calendar day as YYYY-MM-DD in local time (the memo is dated where it is written). */
export function localIsoDate(d: Date): string {
  return isoDate(d.getFullYear(), d.getMonth() + 1, d.getDate())!;
}

function isoDate(y: number, month: number, day: number): string | undefined {
  if (y < 1000 || y > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  const last = new Date(Date.UTC(y, month, 0)).getUTCDate();
  if (day > last) return undefined;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Two-digit years are this century's ("18 Jan 24" is 2024). */
function fullYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

/** Whether the locale writes numeric dates month first (1/18/2024): US English and its neighbours. */
function isMonthFirst(locale: string): boolean {
  const parts = new Intl.DateTimeFormat(locale, { timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(2024, 0, 18)));
  const month = parts.findIndex((p) => p.type === 'month');
  const day = parts.findIndex((p) => p.type === 'day');
  return month >= 0 && day >= 0 && month < day;
}

const monthNames = new Map<string, Map<string, number>>();

/**
 * Month names and abbreviations in the locale and in English (memos quote English dates
 * whatever their locale), lower-cased without their full stop: "jan", "january", "sept".
 */
function monthNumber(name: string, locale: string): number | undefined {
  let names = monthNames.get(locale);
  if (!names) {
    names = new Map();
    for (const loc of [locale, 'en-US', 'en-GB']) {
      for (const style of ['long', 'short'] as const) {
        const f = new Intl.DateTimeFormat(loc, { month: style, timeZone: 'UTC' });
        for (let i = 0; i < 12; i++)
          names.set(
            f
              .format(new Date(Date.UTC(2024, i, 1)))
              .toLowerCase()
              .replace(/\.$/, ''),
            i + 1,
          );
      }
    }
    names.set('sept', 9);
    monthNames.set(locale, names);
  }
  return names.get(name.toLowerCase());
}
