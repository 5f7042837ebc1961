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
    lib.saveSearch('Renamed', { text: 'x' }, saved[0]!.id);
    expect(lib.listSavedSearches().map((s) => s.name)).toEqual(['Renamed', ...saved.slice(1).map((s) => s.name)]);
  });
});
