import type { CallArgs, SavedSearch as StoredSearch } from '../../../api/contract';
import { EMPTY_FILTERS, type LibraryFilters, toQuery } from './filters';

/**
 * Saved searches live in the library (`searches:*` calls, shared with `dossier searches`), which
 * stores a search query; the app shows and edits filter-bar state. This converts between the two.
 */
export interface SavedSearch {
  id: string;
  name: string;
  filters: LibraryFilters;
}

export type StoredQuery = CallArgs<'searches:save'>[1];

/** Filter-bar state → the query the library stores (as sent when searching, less search-as-you-type). */
export function toStoredQuery(f: LibraryFilters): StoredQuery {
  const { prefixLast: _typing, limit: _l, offset: _o, ...query } = toQuery(f);
  return query;
}

/** A stored search → filter-bar state; what the filter bar cannot show (markings) is kept, not dropped. */
export function fromStored(s: StoredSearch): SavedSearch {
  const q = s.query;
  const filters: LibraryFilters = {
    ...EMPTY_FILTERS,
    text: q.text ?? '',
    tags: q.tags ?? [],
    sourceTypes: q.sourceTypes ?? [],
    kinds: q.kinds ?? [],
    reliability: q.reliability ?? [],
    eventFrom: q.eventFrom ?? '',
    eventTo: q.eventTo ?? '',
    issuedFrom: q.issuedFrom ?? '',
    issuedTo: q.issuedTo ?? '',
    notVerifiedSince: q.notVerifiedSince ?? '',
    sort: q.sort ?? '',
  };
  if (q.sourceId) filters.sourceId = q.sourceId;
  if (q.markings?.length) filters.markings = q.markings;
  if (q.hasFigure) filters.hasFigure = true;
  return { id: s.id, name: s.name, filters };
}

/** Where earlier versions kept saved searches, per window (localStorage). */
export const LEGACY_KEY = 'dossier.savedSearches.v1';

/** The searches an earlier version left in this window's storage, as filter-bar state. */
function readLegacySearches(storage: Pick<Storage, 'getItem'>): { name: string; filters: LibraryFilters }[] {
  try {
    const raw = JSON.parse(storage.getItem(LEGACY_KEY) ?? '[]') as unknown;
    if (!Array.isArray(raw)) return [];
    return raw
      .filter(
        (s): s is { name: string; filters?: Partial<LibraryFilters> } =>
          !!s && typeof s === 'object' && typeof (s as { name?: unknown }).name === 'string' && (s as { name: string }).name.trim() !== '',
      )
      .map((s) => ({ name: s.name.trim().slice(0, 200), filters: { ...EMPTY_FILTERS, ...(s.filters && typeof s.filters === 'object' ? s.filters : {}) } }));
  } catch {
    return []; // unreadable: nothing to move
  }
}

/**
 * One-time move: searches an earlier version kept in localStorage are saved into the library
 * (a name the library already has is left as the library has it), then the old key is removed.
 * If a save fails the key stays, so the move is tried again next start. Returns how many moved.
 */
export async function moveLegacySearches(
  storage: Pick<Storage, 'getItem' | 'removeItem'>,
  api: { list(): Promise<StoredSearch[]>; save(name: string, query: StoredQuery): Promise<unknown> },
): Promise<number> {
  if (storage.getItem(LEGACY_KEY) === null) return 0;
  const legacy = readLegacySearches(storage);
  const taken = new Set((legacy.length ? await api.list() : []).map((s) => s.name.toLowerCase()));
  let moved = 0;
  for (const s of legacy) {
    if (taken.has(s.name.toLowerCase())) continue;
    await api.save(s.name, toStoredQuery(s.filters));
    taken.add(s.name.toLowerCase());
    moved++;
  }
  storage.removeItem(LEGACY_KEY);
  return moved;
}
