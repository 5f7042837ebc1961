import { describe, expect, it } from 'vitest';
import type { SavedSearch as StoredSearch } from '../../../api/contract';
import { activeFilterCount, EMPTY_FILTERS, type LibraryFilters, toQuery } from './filters';
import { fromStored, LEGACY_KEY, moveLegacySearches, type StoredQuery, toStoredQuery } from './saved-searches';

function memoryStorage(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init));
  return { getItem: (k: string) => m.get(k) ?? null, removeItem: (k: string) => void m.delete(k), has: (k: string) => m.has(k) };
}

function fakeLibrary(initial: StoredSearch[] = []) {
  const list = [...initial];
  return {
    list,
    api: {
      list: async () => [...list],
      // The library takes any source type string as a filter (an unknown one matches nothing).
      save: async (name: string, query: StoredQuery) => {
        list.push({ id: `s${list.length}`, name, query: query as StoredSearch['query'] });
      },
    },
  };
}

const full: LibraryFilters = {
  ...EMPTY_FILTERS,
  text: ' grain corridor ',
  tags: ['grain'],
  sourceId: 'src1',
  sourceTypes: ['report'],
  kinds: ['statistic'],
  reliability: ['A', 'B'],
  eventFrom: '2024',
  issuedTo: '2025-02-01',
  notVerifiedSince: '2025-01',
  sort: 'newest',
};

describe('saved searches: filter bar ↔ library', () => {
  it('stores what the search sends, less search-as-you-type, and reads it back to the same filters', () => {
    const q = toStoredQuery(full);
    expect(q).toEqual({
      text: 'grain corridor',
      tags: ['grain'],
      sourceId: 'src1',
      sourceTypes: ['report'],
      kinds: ['statistic'],
      reliability: ['A', 'B'],
      eventFrom: '2024',
      issuedTo: '2025-02-01',
      notVerifiedSince: '2025-01',
      sort: 'newest',
    });
    const back = fromStored({ id: 'x', name: 'n', query: q as StoredSearch['query'] }).filters;
    expect(back).toEqual({ ...full, text: 'grain corridor' });
    expect(toQuery(back)).toEqual(toQuery(full));
  });

  it('leaves out half-typed dates and keeps a marking filter saved from the command line', () => {
    expect(toStoredQuery({ ...EMPTY_FILTERS, eventFrom: '20', tags: ['x'] })).toEqual({ tags: ['x'] });
    const cli = fromStored({ id: 'x', name: 'Restricted', query: { markings: ['OFFICIAL-SENSITIVE'], kinds: ['quote'] } });
    expect(cli.filters).toEqual({ ...EMPTY_FILTERS, kinds: ['quote'], markings: ['OFFICIAL-SENSITIVE'] });
    expect(toQuery(cli.filters)).toEqual({ kinds: ['quote'], markings: ['OFFICIAL-SENSITIVE'] });
  });

  it('keeps a "with figure" filter both ways, and counts it as active', () => {
    const saved = fromStored({ id: 'f', name: 'Figures', query: { hasFigure: true, kinds: ['statistic'] } });
    expect(saved.filters).toEqual({ ...EMPTY_FILTERS, kinds: ['statistic'], hasFigure: true });
    expect(toStoredQuery(saved.filters)).toEqual({ kinds: ['statistic'], hasFigure: true });
    expect(activeFilterCount(saved.filters)).toBe(2);
    expect(toQuery({ ...EMPTY_FILTERS, hasFigure: false })).toEqual({});
  });
});

describe('moving searches out of localStorage', () => {
  it('saves each into the library, skipping names it already has, then removes the key', async () => {
    const old = [
      { id: 'a', name: 'Grain', filters: { ...EMPTY_FILTERS, tags: ['grain'] } },
      { id: 'b', name: 'ports', filters: { text: 'port' } },
      { id: 'c', name: 'Grade B', filters: { ...EMPTY_FILTERS, reliability: ['B'], text: 'corridor' } },
      { id: 'd', name: '  ' },
      'junk',
    ];
    const storage = memoryStorage({ [LEGACY_KEY]: JSON.stringify(old) });
    const lib = fakeLibrary([{ id: 'p', name: 'Ports', query: { text: 'harbour' } }]);
    expect(await moveLegacySearches(storage, lib.api)).toBe(2);
    expect(lib.list).toEqual([
      { id: 'p', name: 'Ports', query: { text: 'harbour' } },
      { id: 's1', name: 'Grain', query: { tags: ['grain'] } },
      { id: 's2', name: 'Grade B', query: { text: 'corridor', reliability: ['B'] } },
    ]);
    expect(storage.has(LEGACY_KEY)).toBe(false);
    expect(await moveLegacySearches(storage, lib.api)).toBe(0);
    expect(lib.list).toHaveLength(3);
  });

  it('keeps the key when a save fails, so the move is tried again', async () => {
    const storage = memoryStorage({ [LEGACY_KEY]: JSON.stringify([{ id: 'a', name: 'Grain', filters: { tags: ['grain'] } }]) });
    await expect(moveLegacySearches(storage, { list: async () => [], save: async () => Promise.reject(new Error('library is read-only')) })).rejects.toThrow(
      'read-only',
    );
    expect(storage.has(LEGACY_KEY)).toBe(true);
  });

  it('removes an unreadable key without saving anything', async () => {
    const storage = memoryStorage({ [LEGACY_KEY]: '{not json' });
    const lib = fakeLibrary();
    expect(await moveLegacySearches(storage, lib.api)).toBe(0);
    expect(lib.list).toEqual([]);
    expect(storage.has(LEGACY_KEY)).toBe(false);
  });
});
