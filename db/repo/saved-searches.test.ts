import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../library';
import { tempLibrary } from '../testing/temp-library';

let lib: Library;
let done: () => void;
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
});
afterEach(() => done());

describe('saved searches', () => {
  it('gives searches saved in quick succession distinct ids, so replacing one by id touches only it', () => {
    const saved = Array.from({ length: 30 }, (_, i) => lib.saveSearch(`Search ${i}`, { text: `t${i}` }));
    expect(new Set(saved.map((s) => s.id)).size).toBe(30);
    lib.saveSearch('Renamed', { text: 'x' }, saved[0].id);
    expect(lib.listSavedSearches().map((s) => s.name)).toEqual(['Renamed', ...saved.slice(1).map((s) => s.name)]);
  });
});

describe('a renamed or merged tag in saved searches', () => {
  beforeEach(() => {
    const src = lib.addSource({ title: 'Herald', type: 'report' });
    lib.addFact({ sourceId: src.id, text: 'Grain moved again.', tags: ['grain', 'ports'] });
    lib.addFact({ sourceId: src.id, text: 'Exports of grain fell.', tags: ['Grain exports'] });
  });
  const queries = () => Object.fromEntries(lib.listSavedSearches().map((s) => [s.name, s.query]));

  it('follows the rename, in any case, keeping the other filters and leaving other searches alone', () => {
    lib.saveSearch('Grain', { tags: ['GRAIN'], text: 'moved' });
    lib.saveSearch('Ports', { tags: ['ports'] });
    lib.saveSearch('Text only', { text: 'grain' });
    const before = lib.searchFacts({ ...queries().Grain }).hits.map((h) => h.fact.id);
    expect(before).toHaveLength(1);
    expect(lib.renameTag('grain', 'cereals')).toEqual({ name: 'cereals', count: 1, savedSearches: ['Grain'] });
    expect(queries()).toEqual({ Grain: { tags: ['cereals'], text: 'moved' }, Ports: { tags: ['ports'] }, 'Text only': { text: 'grain' } });
    expect(lib.searchFacts({ ...queries().Grain }).hits.map((h) => h.fact.id)).toEqual(before);
  });

  it('after a merge, a search for both tags filters by the one left, once', () => {
    lib.saveSearch('Both', { tags: ['grain', 'Grain exports', 'ports'] });
    expect(lib.renameTag('Grain exports', 'grain', { merge: true }).savedSearches).toEqual(['Both']);
    expect(queries().Both).toEqual({ tags: ['grain', 'ports'] });
  });

  it('changes tag and searches in one transaction: a search that cannot be saved leaves the tag as it was', () => {
    lib.saveSearch('Grain', { tags: ['grain'] });
    lib.db.exec(`CREATE TRIGGER settings_locked BEFORE UPDATE ON settings BEGIN SELECT RAISE(ABORT, 'settings locked'); END`);
    expect(() => lib.renameTag('grain', 'cereals')).toThrow(/settings locked/);
    expect(lib.listTags().map((t) => t.name)).toContain('grain');
    expect(queries().Grain).toEqual({ tags: ['grain'] });
  });

  it('a refused rename (onto an existing tag without merge) changes no search', () => {
    lib.saveSearch('Grain', { tags: ['grain'] });
    expect(() => lib.renameTag('grain', 'grain exports')).toThrow(/already exists/);
    expect(queries().Grain).toEqual({ tags: ['grain'] });
  });
});
