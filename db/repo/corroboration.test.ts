import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import type { Library } from '../library';
import { SAMPLE_SOURCE, tempLibrary } from '../testing/temp-library';
import { corroborationLinks, corroboratingFacts, independentSourceCount, linkCorroboration, singleSourceFacts, unlinkCorroboration } from './corroboration';

let lib: Library;
let done: () => void;
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
});
afterEach(() => done());

function source(title: string, containerTitle?: string): string {
  return lib.addSource({ ...SAMPLE_SOURCE, title, url: undefined, ...(containerTitle ? { containerTitle } : {}) }).id;
}

function fact(sourceId: string, text: string, viaSourceId?: string): string {
  return lib.addFact({ text, sourceId, kind: 'paraphrase', ...(viaSourceId ? { viaSourceId } : {}) }).id;
}

function links(): number {
  return lib.db.prepare('SELECT count(*) FROM corroborations').pluck().get() as number;
}

function errorOf(fn: () => unknown): DossierError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DossierError) return e;
    throw e;
  }
  throw new Error('expected a DossierError');
}

const ids = (facts: { id: string }[]) => facts.map((f) => f.id);

describe('linking corroborating facts', () => {
  it('stores one undirected link, smaller id first, readable from both ends', () => {
    const herald = source('Grain corridor reopens', 'The Meridian Herald');
    const dispatch = source('Ports busy again', 'Coastal Dispatch');
    const a = fact(herald, 'Ships carried 1.2 million tonnes of grain through the corridor in December.');
    const b = fact(dispatch, 'About 1.2 million tonnes of grain left the ports in December, officials said.');
    const link = linkCorroboration(lib.db, b, a, '  Same December figure, different outlets.  ');
    expect([link.factA, link.factB]).toEqual([a, b].sort());
    expect(link.note).toBe('Same December figure, different outlets.');
    expect(link.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(ids(corroboratingFacts(lib.db, a))).toEqual([b]);
    expect(ids(corroboratingFacts(lib.db, b))).toEqual([a]);
    expect(corroborationLinks(lib.db, a)).toEqual([link]);
    expect(corroborationLinks(lib.db, b)).toEqual([link]);
    // Fact id prefixes work as everywhere else.
    expect(ids(corroboratingFacts(lib.db, a.slice(0, 8)))).toEqual([b]);
  });

  it('refuses a fact with itself, a repeated link in either order, and unknown ids, writing nothing', () => {
    const s = source('Grain corridor reopens');
    const a = fact(s, 'The corridor reopened on Tuesday.');
    const b = fact(s, 'Insurers cut war-risk premiums by half.');
    linkCorroboration(lib.db, a, b);

    const self = errorOf(() => linkCorroboration(lib.db, a, a));
    expect([self.code, self.field]).toEqual(['validation', 'factB']);
    expect(self.message).toMatch(/cannot corroborate itself/);

    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const again = errorOf(() => linkCorroboration(lib.db, x, y, 'again'));
      expect(again.code).toBe('conflict');
      expect(again.message).toMatch(/already linked/);
    }

    const unknownA = errorOf(() => linkCorroboration(lib.db, '00000000-0000-4000-8000-000000000000', b));
    expect([unknownA.code, unknownA.field]).toEqual(['validation', 'factA']);
    expect(unknownA.message).toMatch(/^factA: no fact with id "00000000-0000-4000-8000-000000000000"/);
    const unknownB = errorOf(() => linkCorroboration(lib.db, a, 'nope'));
    expect([unknownB.code, unknownB.field]).toEqual(['validation', 'factB']);

    expect(errorOf(() => linkCorroboration(lib.db, a, fact(s, 'A third fact.'), 'x'.repeat(2001))).field).toBe('note');
    expect(links()).toBe(1);
  });

  it('unlinks exactly the pair given, in either order, and says when there is no such link', () => {
    const s = source('Grain corridor reopens');
    const [a, b, c] = ['One.', 'Two.', 'Three.'].map((t) => fact(s, t)) as [string, string, string];
    linkCorroboration(lib.db, a, b);
    linkCorroboration(lib.db, b, c);
    unlinkCorroboration(lib.db, b, a);
    expect(ids(corroboratingFacts(lib.db, b))).toEqual([c]);
    const missing = errorOf(() => unlinkCorroboration(lib.db, a, b));
    expect(missing.code).toBe('not_found');
    expect(errorOf(() => unlinkCorroboration(lib.db, a, 'nope')).field).toBe('factB');
    expect(links()).toBe(1);
  });

  it('cannot store a pair out of order or twice, even with raw SQL', () => {
    const s = source('Grain corridor reopens');
    const [lo, hi] = [fact(s, 'One.'), fact(s, 'Two.')].sort() as [string, string];
    const insert = lib.db.prepare("INSERT INTO corroborations (fact_a, fact_b, created_at) VALUES (?, ?, '2024-01-01')");
    expect(() => insert.run(hi, lo)).toThrow(/CHECK/);
    insert.run(lo, hi);
    expect(() => insert.run(lo, hi)).toThrow(/UNIQUE|PRIMARY KEY/);
  });

  it('drops a fact’s links when the fact or its source is deleted, and nothing else', () => {
    const s1 = source('First');
    const s2 = source('Second');
    const a = fact(s1, 'The corridor reopened on Tuesday.');
    const b = fact(s2, 'Ships resumed sailing through the corridor on Tuesday.');
    const c = fact(s2, 'The first convoy had twelve ships.');
    linkCorroboration(lib.db, a, b);
    linkCorroboration(lib.db, a, c);
    lib.removeFact(c);
    expect(links()).toBe(1);
    lib.removeSource(s2, { cascade: true });
    expect(links()).toBe(0);
    expect(lib.getFact(a).id).toBe(a);
    expect(lib.check().ok).toBe(true);
  });
});

describe('corroboration is transitive', () => {
  it('returns the whole connected component, or only direct links when asked', () => {
    const s = source('Grain corridor reopens');
    const [a, b, c, d, e] = ['A.', 'B.', 'C.', 'D.', 'E.'].map((t) => fact(s, t)) as [string, string, string, string, string];
    linkCorroboration(lib.db, a, b);
    linkCorroboration(lib.db, c, b);
    linkCorroboration(lib.db, d, e);
    expect(ids(corroboratingFacts(lib.db, a))).toEqual([b, c]);
    expect(ids(corroboratingFacts(lib.db, c))).toEqual([a, b]);
    expect(ids(corroboratingFacts(lib.db, b))).toEqual([a, c]);
    expect(ids(corroboratingFacts(lib.db, a, { direct: true }))).toEqual([b]);
    expect(ids(corroboratingFacts(lib.db, e))).toEqual([d]);

    // A cycle terminates and changes nothing; a direct A~C link keeps C once B~C is removed.
    linkCorroboration(lib.db, a, c);
    expect(ids(corroboratingFacts(lib.db, a))).toEqual([b, c]);
    unlinkCorroboration(lib.db, b, c);
    expect(ids(corroboratingFacts(lib.db, c))).toEqual([a, b]);
    unlinkCorroboration(lib.db, a, c);
    expect(corroboratingFacts(lib.db, c)).toEqual([]);
  });

  it('walks a long chain', () => {
    const s = source('Chain');
    const chain = Array.from({ length: 40 }, (_, i) => fact(s, `Link number ${i}.`));
    for (let i = 1; i < chain.length; i++) linkCorroboration(lib.db, chain[i - 1], chain[i]);
    expect(ids(corroboratingFacts(lib.db, chain[39]))).toEqual(chain.slice(0, 39));
  });
});

describe('independent sources', () => {
  it('counts origins: a relayed fact counts as its via source, so one wire story is one origin', () => {
    const wire = source('Grain exports resume, officials say', 'Harbour Wire');
    const paper1 = source('Exports resume', 'The Meridian Herald');
    const paper2 = source('Grain moves again', 'Coastal Dispatch');
    const ministry = source('Statement on the grain corridor', undefined);
    const fromWire = fact(wire, 'The ministry said 40 ships had left port since Monday.');
    const relayed1 = fact(paper1, 'Forty ships have left port since Monday, the ministry said.', wire);
    const relayed2 = fact(paper2, 'Since Monday 40 ships have sailed, according to the ministry.', wire);
    const own = fact(ministry, 'Forty vessels departed between Monday and Thursday.');

    expect(independentSourceCount(lib.db, relayed1)).toBe(1);
    linkCorroboration(lib.db, relayed1, relayed2);
    // Two papers running the same wire story: still one origin.
    expect(independentSourceCount(lib.db, relayed1)).toBe(1);
    linkCorroboration(lib.db, relayed2, fromWire);
    // The wire story itself is that same origin.
    expect(independentSourceCount(lib.db, fromWire)).toBe(1);
    linkCorroboration(lib.db, own, fromWire);
    // The ministry's own statement is independent of the wire; every member sees the same count.
    for (const f of [fromWire, relayed1, relayed2, own]) expect(independentSourceCount(lib.db, f)).toBe(2);
    expect(errorOf(() => independentSourceCount(lib.db, 'nope')).field).toBe('factId');
  });

  it('counts two facts of one source as one origin', () => {
    const s = source('Grain corridor reopens');
    const a = fact(s, 'The corridor reopened on Tuesday.');
    const b = fact(s, 'Ships sailed through the corridor from Tuesday.');
    linkCorroboration(lib.db, a, b);
    expect(independentSourceCount(lib.db, a)).toBe(1);
  });

  it('lists single-origin facts for the export pre-flight, in the order given, each once', () => {
    const wire = source('Wire story', 'Harbour Wire');
    const paper = source('Paper story', 'The Meridian Herald');
    const other = source('Other story', 'Coastal Dispatch');
    const alone = fact(paper, 'The port of Velor handled 3,000 containers last week.');
    const echo = fact(paper, 'The ministry confirmed the new quota.', wire);
    const echoSource = fact(wire, 'The ministry confirmed a new export quota.');
    const backed = fact(paper, 'Insurers cut war-risk premiums by half.');
    const backing = fact(other, 'War-risk premiums fell by 50 percent, brokers said.');
    linkCorroboration(lib.db, echo, echoSource);
    linkCorroboration(lib.db, backed, backing);

    expect(singleSourceFacts(lib.db, [backed, alone, echo.slice(0, 10), alone, backing])).toEqual([alone, echo]);
    expect(singleSourceFacts(lib.db, [])).toEqual([]);
    const bad = errorOf(() => singleSourceFacts(lib.db, [alone, 'missing-fact-id']));
    expect([bad.code, bad.field]).toEqual(['validation', 'factIds.1']);
  });
});
