import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../db/library';
import { tempDir } from '../db/testing/temp-library';
import { type CliRun, runInProcess } from './testing/in-process';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function cli(args: string[]): Promise<CliRun> {
  return runInProcess(join(dir, 'lib.sqlite'), args);
}

const ok = async (args: string[]): Promise<any> => {
  const r = await cli([...args, '--json']);
  expect(r.err, r.err).toBe('');
  return JSON.parse(r.out);
};

describe('saved searches live in the library', () => {
  it('saved by the app (the library API) runs from the command line, and one saved there is seen by another opening', async () => {
    const s = (await ok(['source', 'add', '--title', 'Herald', '--type', 'report'])).id;
    const grain = (await ok(['fact', 'add', '--source', s, '--text', 'Grain moved again.', '--tag', 'grain'])).id;
    await ok(['fact', 'add', '--source', s, '--text', 'Prices fell.', '--kind', 'statistic']);

    // What the app's sidebar does, on the same file ("a second machine").
    const app = Library.open(join(dir, 'lib.sqlite'));
    app.saveSearch('Grain items', { tags: ['grain'] });
    app.close();
    expect((await ok(['facts', '--saved', 'grain items'])).facts.map((f: { id: string }) => f.id)).toEqual([grain]);

    await ok(['searches', 'save', 'Figures', '--kind', 'statistic']);
    const other = Library.open(join(dir, 'lib.sqlite'), { readonly: true });
    expect(other.listSavedSearches().map((x) => [x.name, x.query])).toEqual([
      ['Grain items', { tags: ['grain'] }],
      ['Figures', { kinds: ['statistic'] }],
    ]);
    other.close();
    expect((await cli(['searches'])).out).toMatch(/Grain items[\s\S]*Figures/);

    // Saving under a name again replaces it; an unknown name says which exist.
    await ok(['searches', 'save', 'figures', '--kind', 'quote']);
    expect((await ok(['searches'])).length).toBe(2);
    const bad = await cli(['facts', '--saved', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/no saved search "nope"; saved: "Grain items", "figures"/);
    expect((await cli(['searches', 'save', 'Empty'])).code).toBe(1);

    await ok(['searches', 'rm', 'Grain items']);
    expect((await ok(['searches'])).map((x: { name: string }) => x.name)).toEqual(['figures']);
  });
});

describe('tags rename from the command line', () => {
  it('updates the saved searches that filter by the tag, and says which', async () => {
    const s = (await ok(['source', 'add', '--title', 'Herald', '--type', 'report'])).id;
    const grain = (await ok(['fact', 'add', '--source', s, '--text', 'Grain moved again.', '--tag', 'grain'])).id;
    await ok(['fact', 'add', '--source', s, '--text', 'Exports fell.', '--tag', 'exports']);
    await ok(['searches', 'save', 'Grain items', '--tag', 'grain']);
    await ok(['searches', 'save', 'Exports', '--tag', 'exports']);

    const r = await cli(['tags', 'rename', 'grain', 'cereals']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Tag is now "cereals" on 1 fact(s).\nSaved search(es) now filtering by "cereals": "Grain items".');
    expect((await ok(['facts', '--saved', 'Grain items'])).facts.map((f: { id: string }) => f.id)).toEqual([grain]);
    const lib = Library.open(join(dir, 'lib.sqlite'), { readonly: true });
    expect(lib.listSavedSearches().map((x) => [x.name, x.query.tags])).toEqual([
      ['Grain items', ['cereals']],
      ['Exports', ['exports']],
    ]);
    lib.close();

    expect(await ok(['tags', 'rename', 'exports', 'cereals', '--merge'])).toEqual({ name: 'cereals', count: 2, savedSearches: ['Exports'] });
    expect((await ok(['facts', '--saved', 'Exports'])).facts).toHaveLength(2);
  });
});
