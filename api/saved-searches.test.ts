import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { loadSample } from '../samples/load';
import type { LibrarySearchResult, SavedSearch } from './contract';
import { createDispatcher } from './handlers';

let lib: Library;
let done: () => void;
let call: ReturnType<typeof createDispatcher>;
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
  call = createDispatcher(lib, { allowWrite: () => false });
});
afterEach(() => done());

function ok<T>(r: Awaited<ReturnType<typeof call>>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

describe('saved searches through the API', () => {
  it('saves into the library, where the command line finds and runs the same search', async () => {
    loadSample(lib);
    expect(ok(await call('searches:list', []))).toEqual([]);
    const saved = ok<SavedSearch>(await call('searches:save', ['  Corridor, grade B ', { text: 'corridor', reliability: ['B'] }]));
    expect(saved).toMatchObject({ id: expect.any(String), name: 'Corridor, grade B', query: { text: 'corridor', reliability: ['B'] } });
    expect(lib.findSavedSearch('corridor, GRADE b')).toEqual(saved);
    const viaApp = ok<LibrarySearchResult>(await call('facts:search', [saved.query]));
    expect(viaApp.total).toBe(2);
    expect(lib.searchFacts(lib.findSavedSearch(saved.id).query).total).toBe(2);
  });

  it('replaces by id (a rename) or by name, lists in saving order, removes by id', async () => {
    const a = ok<SavedSearch>(await call('searches:save', ['Grain', { tags: ['grain'] }]));
    const b = ok<SavedSearch>(await call('searches:save', ['Ports', { text: 'port', sort: 'newest' }]));
    ok(await call('searches:save', ['Grain exports', { tags: ['grain', 'exports'] }, a.id]));
    ok(await call('searches:save', ['PORTS', { text: 'harbour' }]));
    expect(ok(await call('searches:list', []))).toEqual([
      { id: a.id, name: 'Grain exports', query: { tags: ['grain', 'exports'] } },
      { id: b.id, name: 'PORTS', query: { text: 'harbour' } },
    ]);
    expect(ok(await call('searches:remove', [a.id]))).toMatchObject({ id: a.id, name: 'Grain exports' });
    expect(lib.listSavedSearches().map((s) => s.name)).toEqual(['PORTS']);
    expect(await call('searches:remove', [a.id])).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'saved', message: expect.stringContaining('no saved search') },
    });
  });

  it('refuses a bad name or query before writing anything', async () => {
    expect(await call('searches:save', ['   ', { text: 'x' }])).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringMatching(/^searches:save: argument 0:/) },
    });
    expect(await call('searches:save', ['Paged', { text: 'x', limit: 5 }])).toMatchObject({ ok: false, error: { code: 'validation', field: '1' } });
    expect(await call('searches:save', ['Typed', { text: 'x', prefixLast: true }])).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await call('searches:save', ['Bad date', { eventFrom: 'last week' }])).toMatchObject({
      ok: false,
      error: { code: 'validation', field: '1.eventFrom' },
    });
    expect(lib.listSavedSearches()).toEqual([]);
  });
});
