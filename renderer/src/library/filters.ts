import type { CallArgs } from '../../../api/contract';
import type { FactKind, Reliability } from '../../../core/model';

export type FactQuery = CallArgs<'facts:search'>[0];
export type SortKey = 'relevance' | 'newest' | 'oldest' | 'event' | 'issued';

/** Everything the library's search box, sidebar and filter bar can set. */
export interface LibraryFilters {
  text: string;
  tags: string[];
  sourceId?: string;
  sourceTypes: string[];
  kinds: FactKind[];
  reliability: Reliability[];
  eventFrom: string;
  eventTo: string;
  issuedFrom: string;
  issuedTo: string;
  notVerifiedSince: string;
  /**
   * Not in the filter bar: only a search saved from the command line (`--marking`) sets it; kept
   * so that search finds the same facts here as there, and counted as an active filter.
   */
  markings?: string[];
  /** Only facts that carry a figure. */
  hasFigure?: boolean;
  /** Empty: relevance when searching text, else newest first. */
  sort: SortKey | '';
}

export const EMPTY_FILTERS: LibraryFilters = {
  text: '',
  tags: [],
  sourceTypes: [],
  kinds: [],
  reliability: [],
  eventFrom: '',
  eventTo: '',
  issuedFrom: '',
  issuedTo: '',
  notVerifiedSince: '',
  sort: '',
};

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Filters → the API query; date fields that are not (yet) valid dates are left out, not sent. */
export function toQuery(f: LibraryFilters): FactQuery {
  const q: FactQuery = {};
  const text = f.text.trim();
  if (text) {
    q.text = text;
    q.prefixLast = true;
  }
  if (f.tags.length) q.tags = f.tags;
  if (f.sourceId) q.sourceId = f.sourceId;
  if (f.sourceTypes.length) q.sourceTypes = f.sourceTypes;
  if (f.kinds.length) q.kinds = f.kinds;
  if (f.reliability.length) q.reliability = f.reliability;
  if (f.markings?.length) q.markings = f.markings;
  if (f.hasFigure) q.hasFigure = true;
  for (const k of ['eventFrom', 'eventTo', 'issuedFrom', 'issuedTo', 'notVerifiedSince'] as const) {
    const v = f[k].trim();
    if (DATE.test(v)) q[k] = v;
  }
  if (f.sort) q.sort = f.sort;
  return q;
}

export function invalidDates(f: LibraryFilters): string[] {
  return (['eventFrom', 'eventTo', 'issuedFrom', 'issuedTo', 'notVerifiedSince'] as const).filter((k) => f[k].trim() !== '' && !DATE.test(f[k].trim()));
}

/** How many filters (besides the text and sort) are active. */
export function activeFilterCount(f: LibraryFilters): number {
  return (
    f.tags.length +
    (f.sourceId ? 1 : 0) +
    f.sourceTypes.length +
    f.kinds.length +
    f.reliability.length +
    (f.markings?.length ?? 0) +
    (f.hasFigure ? 1 : 0) +
    (['eventFrom', 'eventTo', 'issuedFrom', 'issuedTo', 'notVerifiedSince'] as const).filter((k) => f[k].trim() !== '').length
  );
}

export function sameFilters(a: LibraryFilters, b: LibraryFilters): boolean {
  return JSON.stringify(toQuery(a)) === JSON.stringify(toQuery(b));
}
