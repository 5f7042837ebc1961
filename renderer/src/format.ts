import type { CslName } from '../../core/csl';
import type { Source } from '../../core/model';

const MONTHS = ['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

/** "2024", "Jan. 2024", "18 Jan. 2024" from a partial ISO date; anything else as given. */
export function formatPartialDate(d: string | undefined): string {
  if (!d) return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(d);
  if (!m) return d;
  const [, y, mo, day] = m;
  if (!mo) return y;
  const month = MONTHS[Number(mo) - 1] ?? mo;
  return day ? `${Number(day)} ${month} ${y}` : `${month} ${y}`;
}

/** A date-time as a short local date, e.g. "28 Nov. 2026". */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 fact", "1,000+ facts". */
export function plural(n: number, word: string, capped = false): string {
  return `${formatCount(n)}${capped ? '+' : ''} ${word}${n === 1 && !capped ? '' : 's'}`;
}

/** "Okafor", "Okafor and Lee", "Okafor et al.", or an institution. */
export function shortAuthors(names: readonly CslName[] | undefined): string {
  if (!names || names.length === 0) return '';
  const last = (n: CslName) => n.literal ?? [n['non-dropping-particle'], n.family].filter(Boolean).join(' ');
  if (names.length === 1) return last(names[0]);
  if (names.length === 2) return `${last(names[0])} and ${last(names[1])}`;
  return `${last(names[0])} et al.`;
}

/** A one-line citation for lists: "Okafor, The Meridian Herald, 19 Jan. 2025". */
export function shortCitation(source: Pick<Source, 'title' | 'issued'> & Partial<Pick<Source, 'authors' | 'containerTitle' | 'publisher'>>): string {
  const who = shortAuthors(source.authors);
  const where = source.containerTitle ?? (who ? '' : (source.publisher ?? ''));
  return [who, where, formatPartialDate(source.issued)].filter(Boolean).join(', ');
}

/** Days ago as an ISO date (YYYY-MM-DD), for "not verified since" filters. */
export function daysAgo(days: number, now = new Date()): string {
  const d = new Date(now.getTime() - days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export const SOURCE_TYPE_LABELS: Record<string, string> = {
  'article-newspaper': 'Newspaper article',
  'article-magazine': 'Magazine article',
  'article-journal': 'Journal article',
  report: 'Report',
  webpage: 'Web page',
  'post-weblog': 'Blog post',
  book: 'Book',
  chapter: 'Book chapter',
  speech: 'Speech / statement',
  interview: 'Interview',
  legislation: 'Legislation',
  legal_case: 'Legal case',
  bill: 'Bill',
  treaty: 'Treaty',
  dataset: 'Dataset',
  broadcast: 'Broadcast',
  personal_communication: 'Personal communication',
  document: 'Document',
};

export const RELIABILITY_LABELS: Record<string, string> = {
  A: 'A — Completely reliable',
  B: 'B — Usually reliable',
  C: 'C — Fairly reliable',
  D: 'D — Not usually reliable',
  E: 'E — Unreliable',
  F: 'F — Reliability cannot be judged',
};

export const CREDIBILITY_LABELS: Record<number, string> = {
  1: '1 — Confirmed',
  2: '2 — Probably true',
  3: '3 — Possibly true',
  4: '4 — Doubtful',
  5: '5 — Improbable',
  6: '6 — Cannot be judged',
};

export const KIND_LABELS: Record<string, string> = { quote: 'Quote', paraphrase: 'Paraphrase', statistic: 'Statistic' };

/** Removes bidi controls and zero-width characters from text shown in one-line UI (file names, titles). */
export function stripInvisibles(s: string): string {
  return s.replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '');
}
