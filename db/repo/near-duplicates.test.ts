import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import type { Library } from '../library';
import { SAMPLE_SOURCE, tempLibrary } from '../testing/temp-library';
import { benchNearDuplicates } from './near-duplicates.bench';
import { contentTokens, findNearDuplicates, jaccard, minShared, tokenGroups } from './near-duplicates';

let lib: Library;
let done: () => void;
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
});
afterEach(() => done());

function source(title: string): string {
  return lib.addSource({ ...SAMPLE_SOURCE, title, url: undefined }).id;
}

/** A small library of news sentences on overlapping topics, so unrelated ones share words. */
const LIBRARY = [
  'Ships carried 1.2 million tonnes of grain through the Black Sea corridor in December, the port authority said.',
  'The port authority said insurers had cut war-risk premiums for grain ships by half since October.',
  'Exports of sunflower oil fell 12 percent in December as the corridor closed for nine days.',
  'The finance ministry said the budget deficit would narrow to 4.1 percent of GDP next year.',
  'Finance Minister Ines Duarte told parliament that the deficit target was within reach.',
  'The central bank raised its key rate by half a point to 6.25 percent on Thursday.',
  'Officials in Odesa said a drone strike damaged two grain silos overnight.',
  'Around 40 ships are waiting to enter the corridor, according to the Meridian Herald.',
  'The defence ministry reported that air defences shot down 18 of 22 drones.',
  'Rail freight to the western border rose 30 percent in the first quarter, the railway said.',
];

function seed(): { sourceId: string; ids: string[] } {
  const sourceId = source('Corridor and budget news');
  const ids = LIBRARY.map((text) => lib.addFact({ text, sourceId }).id);
  return { sourceId, ids };
}

describe('content tokens and similarity', () => {
  it('folds case, accents and punctuation the way the search index does, dropping function words', () => {
    expect(contentTokens('The Ministry’s statement, issued in Zürich: “No comment.”')).toEqual(['ministry', 'statement', 'issued', 'zurich', 'no', 'comment']);
    expect(contentTokens('U.S. exports rose 3.2% in 2023')).toEqual(['exports', 'rose', '3', '2', '2023']);
    expect(contentTokens('It was, as they said, to be.')).toEqual([]);
  });

  it('is the Jaccard index of the token sets', () => {
    expect(jaccard(['a', 'b', 'c'], ['c', 'b', 'a'])).toBe(1);
    expect(jaccard(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'e'])).toBeCloseTo(3 / 5);
    expect(jaccard([], [])).toBe(0);
  });

  it('needs ⌈θ·n⌉ shared tokens and deals n − that + 1 groups that together hold every token', () => {
    expect(minShared(5, 0.6)).toBe(3); // 0.6 × 5 is 3.0000000000000004 in floating point
    expect(minShared(10, 0.6)).toBe(6);
    const tokens = ['r1', 'r2', 'r3', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
    const groups = tokenGroups(tokens, 10 - minShared(10, 0.6));
    expect(groups).toHaveLength(5);
    expect(groups.flat().sort()).toEqual([...tokens].sort());
    // Snake order: the rarest token shares its group with the most common one.
    expect(groups[0]).toEqual(['r1', 'c7']);
    expect(tokenGroups(tokens, -1)).toEqual([]);
  });
});

describe('finding near-duplicates', () => {
  it('finds a restatement with other word order and punctuation', () => {
    const { ids, sourceId } = seed();
    const hits = findNearDuplicates(
      lib.db,
      'In December -- the port authority said -- ships carried 1.2 million tonnes of grain through the Black Sea corridor!',
    );
    expect(hits[0]).toEqual({ factId: ids[0], sourceId, similarity: 1 });
    expect(hits).toHaveLength(1);
  });

  it('finds a restatement with a word or two changed, scoring it below 1', () => {
    const { ids } = seed();
    const hits = findNearDuplicates(lib.db, 'Insurers have slashed war-risk premiums for grain ships by half since October, the port authority said.');
    expect(hits.map((h) => h.factId)).toEqual([ids[1]]);
    expect(hits[0].similarity).toBeGreaterThan(0.8);
    expect(hits[0].similarity).toBeLessThan(1);
  });

  it('does not report a sentence on the same topic that says something else', () => {
    seed();
    expect(findNearDuplicates(lib.db, 'The port authority said the corridor would close for repairs in January.')).toEqual([]);
    expect(findNearDuplicates(lib.db, 'Grain exports through the corridor reached a record in November.')).toEqual([]);
    expect(findNearDuplicates(lib.db, 'The finance ministry said it had not yet decided on the budget.')).toEqual([]);
    expect(findNearDuplicates(lib.db, 'Nothing at all like anything stored here.')).toEqual([]);
    expect(findNearDuplicates(lib.db, '')).toEqual([]);
  });

  it('finds the same sentence in another source with similarity 1, and every copy', () => {
    const { ids } = seed();
    const other = source('Wire copy');
    const copy = lib.addFact({ text: LIBRARY[5], sourceId: other }).id;
    const hits = findNearDuplicates(lib.db, LIBRARY[5]);
    expect(hits.map((h) => [h.factId, h.sourceId, h.similarity])).toEqual([
      [copy, other, 1],
      [ids[5], hits[1].sourceId, 1],
    ]);
  });

  it('leaves out the fact being checked, honours the limit and threshold, and names a bad option', () => {
    const { ids } = seed();
    const other = source('Wire copy');
    const copy = lib.addFact({ text: LIBRARY[3], sourceId: other }).id;
    expect(findNearDuplicates(lib.db, LIBRARY[3], { excludeFactId: copy }).map((h) => h.factId)).toEqual([ids[3]]);
    expect(findNearDuplicates(lib.db, LIBRARY[3], { limit: 1 })).toHaveLength(1);
    const loose = findNearDuplicates(lib.db, 'The finance ministry said the deficit would narrow next year.', { threshold: 0.3 });
    expect(loose.map((h) => h.factId)).toContain(ids[3]);
    expect(findNearDuplicates(lib.db, 'The finance ministry said the deficit would narrow next year.')).toEqual([]);
    let err: unknown;
    try {
      findNearDuplicates(lib.db, LIBRARY[3], { excludeFactId: 'no-such-fact' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DossierError);
    expect((err as DossierError).field).toBe('excludeFactId');
  });

  it('sorts by similarity, most similar first', () => {
    const s = source('Variants');
    const exact = lib.addFact({ text: 'Rail freight to the western border rose 30 percent in the first quarter.', sourceId: s }).id;
    const close = lib.addFact({ text: 'Rail freight to the western border rose 30 percent in the first quarter of 2024.', sourceId: s }).id;
    const looser = lib.addFact({ text: 'Rail freight to the western border rose 30 percent in the first quarter, led by grain and steel.', sourceId: s }).id;
    const hits = findNearDuplicates(lib.db, 'In the first quarter, rail freight to the western border rose 30 percent.');
    expect(hits.map((h) => h.factId)).toEqual([exact, close, looser]);
    expect(hits[0].similarity).toBe(1);
    expect(hits[1].similarity).toBeGreaterThan(hits[2].similarity);
  });

  it('still finds a restatement among thousands of facts sharing its words', () => {
    const s = source('Many similar facts');
    const places = ['Odesa', 'Izmail', 'Reni', 'Mykolaiv', 'Kherson', 'Pivdennyi', 'Chornomorsk', 'Berdiansk'];
    const actions = ['reopened', 'closed', 'expanded', 'inspected', 'repaired', 'modernised', 'blockaded', 'insured'];
    const texts: string[] = [];
    for (let i = 0; i < 2000; i++) {
      texts.push(`The port authority of ${places[i % 8]} ${actions[(i >> 3) % 8]} grain terminal ${i} after talks with shipping firms and insurers.`);
    }
    lib.db.transaction(() => texts.forEach((text) => lib.addFact({ text, sourceId: s })))();
    const target = lib.factsOfSource(s)[1234];
    const hits = findNearDuplicates(
      lib.db,
      `After talks with insurers and shipping firms, the ${target.text.match(/of (\w+)/)![1]} port authority ${target.text.match(/(\w+) grain/)![1]} grain terminal 1234.`,
    );
    expect(hits[0]).toMatchObject({ factId: target.id, similarity: 1 });

    // The benchmark runs against whatever library it is given.
    const r = benchNearDuplicates(lib, 20);
    expect(r.queries).toBe(20);
    expect(r.restatementRecall).toBe(1);
    expect(r.p50).toBeGreaterThan(0);
  });
});
