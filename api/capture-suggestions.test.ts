import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fact } from '../core/model';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { createDispatcher } from './handlers';

/** The capture screen's "Keep suggestions" sends acceptSuggestions with capture:commit. */
let lib: Library;
let call: ReturnType<typeof createDispatcher>;
let done: () => void;
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
  call = createDispatcher(t.lib, { allowWrite: () => false });
});
afterEach(() => done());

const TEXT =
  'Exports fell 30% to 3.2 million tonnes in December, a ministry spokesman told Reuters.\n\nShipments will resume next week, the minister told AFP.';

type Committed = { ok: true; value: { facts: Fact[]; outletSources: { id: string; title: string }[] } };

describe('capture screen: Keep suggestions', () => {
  it('saves the figure and the relaying outlet; the library can then filter by figure', async () => {
    const reuters = lib.addSource({ type: 'article-newspaper', title: 'Reuters' });
    const c = (await call('capture:commit', [{ text: TEXT, source: { title: 'Grain bulletin', issued: '2024-01-19' }, acceptSuggestions: true }])) as Committed;
    expect(c.ok).toBe(true);
    const [stat, resume] = c.value.facts;
    expect(stat).toMatchObject({ viaSourceId: reuters.id, figure: { stated: '30%', value: 30, unit: 'percent' } });
    const afp = lib.getSource(resume.viaSourceId!);
    expect(afp).toMatchObject({ title: 'AFP', type: 'article-newspaper' });
    expect(c.value.outletSources).toEqual([{ id: afp.id, title: 'AFP' }]);
    const hits = (await call('facts:search', [{ hasFigure: true }])) as { ok: true; value: { hits: { fact: Fact }[] } };
    expect(hits.value.hits.map((h) => h.fact.id)).toEqual([stat.id]);
    // The inspector's edit of the range goes through the same validation.
    const bad = await call('facts:update', [stat.id, { eventDateEnd: '2023-11' }]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', field: 'fact.eventDateEnd' } });
  });

  it('without it, saves the sentences only', async () => {
    const c = (await call('capture:commit', [{ text: TEXT, source: { title: 'Grain bulletin' }, acceptSuggestions: false }])) as Committed;
    expect(c.value.facts.map((f) => [f.viaSourceId, f.figure])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
    expect(lib.db.prepare("SELECT count(*) FROM sources WHERE title = 'AFP'").pluck().get()).toBe(0);
  });
});
