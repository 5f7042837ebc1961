import * as chrono from 'chrono-node';
import type { PartialDate } from '../../core/dates';
import { fromDateParts } from '../../core/dates';

/**
 * Publication dates as files state them → Dossier's partial dates (YYYY, YYYY-MM, YYYY-MM-DD).
 *
 * The date is kept as WRITTEN, never shifted to UTC: "2024-01-18T23:30:00-05:00" is the 18th,
 * the day the newspaper printed, not the 19th. Only what the text makes certain survives:
 * "March 2024" stays a month, and an ambiguous "03/04/2024" keeps only its year.
 */
export function normaliseDate(value: string | null | undefined): PartialDate | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (!s) return undefined;
  return pdfDate(s) ?? isoDate(s) ?? slashDate(s) ?? monthYear(s) ?? proseDate(s);
}

/** PDF dates: "D:20230504100000+01'00'", any prefix of the digits. */
function pdfDate(s: string): PartialDate | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?/.exec(s);
  return m ? parts(m[1], m[2], m[3]) : undefined;
}

/** ISO 8601 and its everyday relatives: 2024, 2024-01, 2024-01-18T…, 2024/01/18, 20240118. */
function isoDate(s: string): PartialDate | undefined {
  const m = /^(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?(?:[T\s].*)?$/.exec(s);
  if (m) return parts(m[1], m[3], m[4]);
  const compact = /^(\d{4})(\d{2})(\d{2})(?:T.*)?$/.exec(s);
  return compact ? parts(compact[1], compact[2], compact[3]) : undefined;
}

/** d/m/yyyy or m/d/yyyy: decided only when one number cannot be a month. */
function slashDate(s: string): PartialDate | undefined {
  const m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (a > 12 && b <= 12) return parts(m[3], m[2], m[1]);
  if (b > 12 && a <= 12) return parts(m[3], m[1], m[2]);
  return parts(m[3]);
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "March 2024", "Sept. 2023": a month without a day (chrono's strict mode wants a day). */
function monthYear(s: string): PartialDate | undefined {
  const m = /^([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(s);
  const word = m?.[1]!.toLowerCase() ?? '';
  const month = word.length >= 3 ? MONTHS.findIndex((name) => name.startsWith(word)) : -1;
  return month >= 0 ? parts(m![2], String(month + 1)) : undefined;
}

/** "18 January 2024", "Jan. 18, 2024": only the certain components. */
function proseDate(s: string): PartialDate | undefined {
  const r = chrono.strict.parse(s.slice(0, 200), new Date(Date.UTC(2000, 0, 1)))[0];
  if (!r || !r.start.isCertain('year')) return undefined;
  const c = r.start;
  const month = c.isCertain('month') ? c.get('month') : null;
  const day = month !== null && c.isCertain('day') ? c.get('day') : null;
  return parts(String(c.get('year')), month === null ? undefined : String(month), day === null ? undefined : String(day));
}

function parts(y: string | undefined, m?: string, d?: string): PartialDate | undefined {
  if (y === undefined) return undefined;
  const list = [Number(y)];
  if (m !== undefined) {
    list.push(Number(m));
    if (d !== undefined) list.push(Number(d));
  }
  const year = list[0];
  if (year < 1000 || year > 2999) return undefined;
  return fromDateParts(list);
}
