import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceInput } from '../../core/model';
import { rng } from '../../core/seeded-random';
import type { Library } from '../library';
import type { FactQuery } from './search';
import { tempLibrary } from '../testing/temp-library';
import { checkFactInput, type FactToInsert, insertFacts } from './facts';
import { insertSources } from './sources';

/**
 * The bulk path (search text and index written once per batch, triggers dropped meanwhile)
 * against the normal one (`addSource` / `addFact`, each row through the triggers), on the same
 * input: the same rows, the same index content, the same search results and highlights.
 */

const WORDS = [
  'grain',
  'corridor',
  'tariff',
  'Zürich',
  'café',
  'naïve',
  'ceasefire',
  'shipments',
  'ships',
  'shipping',
  'insurance',
  'port',
  'Odesa',
  'Izmail',
  'fertiliser',
  'wagons',
  'rail',
  'sanctions',
  'über',
  'exports',
  'exporters',
  'minister',
  'ministry',
  'Constanța',
  'Danube',
  'barges',
  'premiums',
  'tonnes',
  'wheat',
  'maize',
];
const TAGS = ['grain', 'Shipping', 'black-sea', 'énergie', 'rail freight', 'ports'];

function sourceInputs(r: () => number): SourceInput[] {
  return Array.from({ length: 40 }, (_, i) => ({
    type: i % 3 ? 'article-newspaper' : 'report',
    title: `${pick(r, WORDS)} ${pick(r, WORDS)} outlook ${i}`,
    authors:
      i % 3 ? [{ family: pick(r, ['Okafor', 'Lindqvist', 'Müller']), given: pick(r, ['Adaeze', 'Erik']) }] : [{ literal: 'Institute for Trade Studies' }],
    ...(i % 2 ? { containerTitle: 'The Meridian Herald' } : { publisher: 'Harbour Wire' }),
    issued: `20${10 + (i % 14)}`,
  }));
}

function factInputs(r: () => number, sourceIds: string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < 3000; i++) {
    const words = Array.from({ length: 4 + Math.floor(r() * 12) }, () => pick(r, WORDS));
    const tags = [...new Set(Array.from({ length: Math.floor(r() * 3) }, () => pick(r, TAGS)))];
    out.push({
      text: `${words.join(' ')} (${i}).`,
      sourceId: sourceIds[i % sourceIds.length],
      tags,
      ...(r() < 0.2 ? { notes: `${pick(r, WORDS)} checked` } : {}),
      ...(r() < 0.2 ? { attribution: { name: pick(r, ['Ana Díaz', 'Ivan Petrov']), role: 'spokesperson' } } : {}),
      ...(r() < 0.3 ? { eventDate: `2024-0${1 + Math.floor(r() * 9)}` } : {}),
    });
    // Repeats, within the batch and of a fact an earlier batch wrote: skipped either way.
    if (i % 97 === 0) out.push({ ...out[out.length - 1], text: `  ${String(out[out.length - 1].text).toUpperCase()}` });
    if (i % 501 === 0 && i > 0) out.push({ ...out[i - 400] });
  }
  return out;
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

let normal: Library;
let bulk: Library;
const cleanups: (() => void)[] = [];
const outcomes: { normal: (string | null)[]; bulk: (string | null)[] } = { normal: [], bulk: [] };

beforeAll(() => {
  [normal, bulk] = [tempLibrary(), tempLibrary()].map((t) => {
    cleanups.push(t.cleanup);
    return t.lib;
  });
  const sources = sourceInputs(rng(7));
  const normalIds = sources.map((s) => normal.addSource(s).id);
  const bulkIds = insertSources(bulk.db, sources);
  const inputs = factInputs(rng(11), normalIds);
  // One outer transaction only spares the test 3,000 commits; each addFact is still its own
  // statement through the triggers (a savepoint inside it).
  normal.db.transaction(() => {
    for (const input of inputs) {
      try {
        outcomes.normal.push(normal.addFact(input).text);
      } catch {
        outcomes.normal.push(null); // a duplicate
      }
    }
  })();
  const idOf = new Map(normalIds.map((id, i) => [id, bulkIds[i]]));
  bulk.db.transaction(() => {
    for (let i = 0; i < inputs.length; i += 500) {
      const batch: FactToInsert[] = inputs.slice(i, i + 500).map((input) => ({
        data: checkFactInput(bulk.db, { ...input, sourceId: idOf.get(input.sourceId as string) }),
        position: null,
      }));
      for (const [k, r] of insertFacts(bulk.db, batch).entries()) outcomes.bulk.push(r.id ? String(inputs[i + k].text).trim() : null);
    }
  })();
}, 60_000);
afterAll(() => cleanups.forEach((c) => c()));

const QUERIES: FactQuery[] = [
  { text: 'grain' },
  { text: 'zurich' },
  { text: 'Zürich café' },
  { text: 'naive' },
  { text: '"port insurance"' },
  { text: '"rail sanctions wheat"' },
  { text: 'ship', prefixLast: true },
  { text: 'expo', prefixLast: true },
  { text: 'Con', prefixLast: true },
  { text: 'Okafor' },
  { text: 'Müller maize' },
  { text: 'Institute' },
  { text: 'Meridian barges' },
  { text: 'Harbour' },
  { text: 'spokesperson' },
  { text: 'Díaz' },
  { text: 'checked' },
  { text: 'energie' },
  { text: 'freight' },
  { text: 'grain -wheat' },
  { text: 'tonnes', tags: ['Shipping'] },
  { tags: ['rail freight'], sort: 'event' },
  { text: 'Danube', eventFrom: '2024-03', eventTo: '2024-06' },
  { text: 'premiums', sort: 'oldest', limit: 500 },
];

/** What a search shows, without the ids (random in each library). */
function shown(lib: Library, q: FactQuery): unknown {
  const r = lib.searchFacts(q);
  return {
    total: r.total,
    capped: r.totalCapped,
    hits: r.hits.map((h) => ({ text: h.fact.text, source: h.source.title, tags: h.fact.tags, highlights: h.highlights })),
  };
}

describe('bulk insert', () => {
  it('keeps and skips the same facts as adding them one by one', () => {
    expect(outcomes.bulk).toEqual(outcomes.normal);
    expect(outcomes.normal.filter((o) => o === null).length).toBeGreaterThan(30);
  });

  it('writes the same search text for sources and the same index content for facts', () => {
    const sourceText = (lib: Library) => lib.db.prepare('SELECT seq, title, search_text FROM sources ORDER BY seq').all();
    expect(sourceText(bulk)).toEqual(sourceText(normal));
    // The index keeps no copy of the words (migration 10): compare every word it holds, where
    // (fact, column, position), and every fact's column sizes, which ranking reads.
    const index = (lib: Library) => {
      lib.db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.fact_words USING fts5vocab(main, fact_search, instance)');
      return lib.db.prepare('SELECT doc, col, offset, term FROM temp.fact_words ORDER BY doc, col, offset').all();
    };
    const sizes = (lib: Library) => lib.db.prepare('SELECT id, sz FROM fact_search_docsize ORDER BY id').all();
    expect(index(bulk)).toEqual(index(normal));
    expect(index(bulk).length).toBeGreaterThan(20 * outcomes.normal.length);
    expect(sizes(bulk)).toEqual(sizes(normal));
    expect(sizes(bulk).length).toBe(outcomes.normal.filter((o) => o !== null).length);
    // FTS5's own check: the index holds exactly the words of the facts it reads them from.
    for (const lib of [normal, bulk]) lib.db.prepare("INSERT INTO fact_search(fact_search, rank) VALUES ('integrity-check', 1)").run();
  });

  it('finds the same facts in the same order, with the same highlights', () => {
    for (const q of QUERIES) {
      const want = shown(normal, q) as { total: number };
      expect(want.total, JSON.stringify(q)).toBeGreaterThan(0);
      expect(shown(bulk, q), JSON.stringify(q)).toEqual(want);
    }
  });

  it('puts the triggers back exactly as they were', () => {
    const triggers = (lib: Library) => lib.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").all();
    expect(triggers(bulk)).toEqual(triggers(normal));
    // …and they work: a fact typed afterwards is found.
    const s = bulk.addSource({ type: 'webpage', title: 'Later note' });
    bulk.addFact({ text: 'Quokkas crossed the corridor.', sourceId: s.id, tags: ['fauna'] });
    expect(bulk.searchFacts({ text: 'quokkas fauna later' }).total).toBe(1);
  });

  it('writes nothing, and keeps the triggers, when a row fails halfway through a batch', () => {
    const count = () => bulk.db.prepare("SELECT (SELECT count(*) FROM facts) || '/' || (SELECT count(*) FROM fact_search)").pluck().get();
    const before = count();
    const source = bulk.db.prepare('SELECT id FROM sources LIMIT 1').pluck().get() as string;
    const items: FactToInsert[] = Array.from({ length: 40 }, (_, i) => ({
      data: { text: `Row ${i} of a failing batch.`, kind: 'paraphrase', tags: [], sourceId: i === 30 ? 'no-such-source' : source },
      position: null,
    }));
    expect(() => bulk.db.transaction(() => insertFacts(bulk.db, items))()).toThrow(/FOREIGN KEY/);
    expect(count()).toBe(before);
    expect(bulk.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('facts_ai', 'sources_search_ai')").pluck().get()).toBe(2);
  });
});
