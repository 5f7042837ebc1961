import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../library';
import { SAMPLE_SOURCE, tempLibrary } from '../testing/temp-library';

let lib: Library;
let done: () => void;
let facts: string[];
let briefingId: string;
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
  const s = lib.addSource(SAMPLE_SOURCE);
  facts = ['First.', 'Second.', 'Third.'].map((text) => lib.addFact({ text, sourceId: s.id }).id);
  briefingId = lib.createBriefing({ title: 'Memo', templateId: 'info-memo' }, [{ key: 'bluf', heading: 'BLUF' }]).id;
});
afterEach(() => done());

const cites = () => lib.db.prepare('SELECT fact_id FROM briefing_cites ORDER BY item_id, position').pluck().all();

describe('citation marks in stored prose', () => {
  it('index the facts a paragraph cites, follow edits, and keep cited facts from deletion', () => {
    const b = lib.addItems(briefingId, [{ kind: 'prose', text: `Ships moved [@${facts[0]}; see @${facts[1]}, p. 3] and more.` }]);
    expect(cites()).toEqual([facts[0], facts[1]]);
    expect(() => lib.removeFact(facts[1])).toThrow(/cited in briefing\(s\) "Memo"/);
    expect(lib.getFact(facts[1]).text).toBe('Second.');
    expect(lib.listBriefings()[0]).toMatchObject({ factCount: 2, changedFacts: 0 });

    const item = b.sections[0].items[0].id;
    lib.updateItem(briefingId, item, { text: `Only one now [@${facts[2]}].` });
    expect(cites()).toEqual([facts[2]]);
    lib.removeFact(facts[1]); // no longer cited
    lib.removeItem(briefingId, item);
    expect(cites()).toEqual([]);
  });

  it('keep an unknown id, or citation-like words, as text', () => {
    const fake = '00000000-0000-4000-8000-000000000000';
    lib.addItems(briefingId, [{ kind: 'prose', text: `Fake [@${fake}] and [@press_office] and mail [x@y.org].` }]);
    expect(cites()).toEqual([]);
  });

  it('refuse a citation past the limits, naming the field, line and column, and write nothing', () => {
    const long = `Intro.\n\nSee [@${facts[0]}, p. {${'9'.repeat(10_000)}}].`;
    expect(() =>
      lib.addItems(briefingId, [
        { kind: 'prose', text: 'kept' },
        { kind: 'prose', text: long },
      ]),
    ).toThrow(/items\[1\]\.text: line 3, column 6: the locator of a cite is 10000 characters; at most 100/);
    expect(lib.getBriefing(briefingId).sections[0].items).toEqual([]);
  });

  it('flag a fact corrected since the briefing took it, in a mark too, until the change is accepted', () => {
    lib.addItems(briefingId, [
      { kind: 'prose', text: `Claim [@${facts[0]}].` },
      { kind: 'fact', factId: facts[1] },
    ]);
    lib.updateFact(facts[0], { text: 'First, corrected.' });
    const source = lib.getFact(facts[1]).sourceId;
    lib.updateSource(source, { title: 'A retitled report' });
    const changed = lib.changedFacts(briefingId);
    expect(changed.map((c) => [c.factId, c.changed])).toEqual(
      expect.arrayContaining([
        [facts[0], ['text', 'source: title']],
        [facts[1], ['source: title']],
      ]),
    );
    expect(changed.find((c) => c.factId === facts[0])).toMatchObject({ oldText: 'First.', newText: 'First, corrected.' });
    expect(lib.listBriefings()[0].changedFacts).toBe(2);
    expect(lib.acceptFactChanges(briefingId, [facts[0]])).toBe(1);
    expect(lib.changedFacts(briefingId).map((c) => c.factId)).toEqual([facts[1]]);
    expect(lib.acceptFactChanges(briefingId)).toBe(1);
    expect(lib.changedFacts(briefingId)).toEqual([]);
  });

  it('reword a placed fact for this briefing only, and raise an item marking', () => {
    const b = lib.addItems(briefingId, [{ kind: 'fact', factId: facts[0], wording: 'The first point, reworded.' }]);
    const item = b.sections[0].items[0];
    expect(item).toMatchObject({ kind: 'fact', wording: 'The first point, reworded.' });
    expect(lib.getFact(facts[0]).text).toBe('First.');
    const u = lib.updateItem(briefingId, item.id, { wording: null, marking: 'cui' });
    expect(u.sections[0].items[0]).toEqual({ id: item.id, kind: 'fact', factId: facts[0], marking: 'CUI' });
    expect(() => lib.updateItem(briefingId, item.id, { marking: 'NO SUCH LEVEL' })).toThrow(/item\.marking/);
  });
});
