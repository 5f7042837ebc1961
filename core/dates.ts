/**
 * Partial dates as sources really have them: a year ("2024"), a month ("2024-01") or a day
 * ("2024-01-18"). Stored as ISO-8601 prefixes so they sort as text and convert losslessly to
 * CSL's date-parts.
 */
export type PartialDate = string;

const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function isPartialDate(s: string): boolean {
  const m = PARTIAL.exec(s);
  if (!m) return false;
  const month = m[2] === undefined ? undefined : Number(m[2]);
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (month !== undefined && (month < 1 || month > 12)) return false;
  if (day !== undefined) {
    const last = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
    if (day < 1 || day > last) return false;
  }
  return true;
}

export function toDateParts(d: PartialDate): number[] {
  return d.split('-').map(Number);
}

export function fromDateParts(parts: readonly number[]): PartialDate | undefined {
  const [y, m, d] = parts;
  if (y === undefined || !Number.isInteger(y)) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  let s = String(y).padStart(4, '0');
  if (m !== undefined && Number.isInteger(m)) {
    s += `-${pad(m)}`;
    if (d !== undefined && Number.isInteger(d)) s += `-${pad(d)}`;
  }
  return isPartialDate(s) ? s : undefined;
}

/** The last day a partial date could mean, for "from" filters ("2024-02" ends 2024-02-29). */
export function partialDateEnd(d: PartialDate): string {
  const [y, m] = toDateParts(d);
  if (d.length === 4) return `${d}-12-31`;
  if (d.length === 7) {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${d}-${String(last).padStart(2, '0')}`;
  }
  return d;
}

/**
 * What is wrong with an event-date range, if anything: the end must not come before the
 * start. Partial dates compare by their widest reading ("2024-01" ends after "2024-01-18").
 */
export function dateRangeProblem(start: PartialDate | undefined, end: PartialDate): string | undefined {
  if (!start) return 'needs an event date: it is the end of the range that starts there';
  if (partialDateEnd(end) < start) return `must not be before the event date (${start})`;
  return undefined;
}

export function nowIso(): string {
  return new Date().toISOString();
}
