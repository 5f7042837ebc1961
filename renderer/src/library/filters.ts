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
    (['eventFrom', 'eventTo', 'issuedFrom', 'issuedTo', 'notVerifiedSince'] as const).filter((k) => f[k].trim() !== '').length
  );
}

export function sameFilters(a: LibraryFilters, b: LibraryFilters): boolean {
  return JSON.stringify(toQuery(a)) === JSON.stringify(toQuery(b));
}

// ---- Saved searches: kept in localStorage, per machine ----

export interface SavedSearch {
  id: string;
  name: string;
  filters: LibraryFilters;
}

const KEY = 'dossier.savedSearches.v1';

export function loadSavedSearches(storage: Pick<Storage, 'getItem'> = localStorage): SavedSearch[] {
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown;
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((s): s is SavedSearch => !!s && typeof s === 'object' && typeof (s as SavedSearch).name === 'string' && typeof (s as SavedSearch).id === 'string')
      .map((s) => ({ id: s.id, name: s.name.slice(0, 200), filters: { ...EMPTY_FILTERS, ...(s.filters ?? {}) } }));
  } catch {
    return [];
  }
}

export function storeSavedSearches(list: SavedSearch[], storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Storage full or disabled: saved searches simply do not persist.
  }
}
