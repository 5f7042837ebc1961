import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../../db/library';
import { SAMPLE_SOURCE, tempLibrary } from '../../db/testing/temp-library';
import { KeptFacts } from './kept-facts';

let lib: Library;
let done: () => void;
let sourceId: string;
let ids: string[];
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
  sourceId = lib.addSource(SAMPLE_SOURCE).id;
  ids = ['First fact.', 'Second fact.', 'Third fact.'].map((text) => lib.addFact({ text, sourceId }).id);
});
afterEach(() => done());

/** Waits for the clock's next millisecond, so a read and the edit after it are stamped apart. */
function nextMillisecond(): void {
  const now = Date.now();
  while (Date.now() === now);
}

describe('KeptFacts', () => {
  it('gives what a fresh read gives, through text, tag and source edits and removals', () => {
    const kept = new KeptFacts();
    const other = lib.addSource({ ...SAMPLE_SOURCE, title: 'Another source' }).id;
    const check = () => expect(kept.read(lib, ids)).toEqual(lib.getFacts(ids));
    check();
    lib.updateFact(ids[0], { text: 'First fact, edited.' });
    check();
    lib.tagFact(ids[1], ['grain']);
    check();
    lib.updateFact(ids[2], { sourceId: other });
    check();
    lib.removeFact(ids[1]);
    check();
    expect([...kept.read(lib, ids).keys()]).toEqual([ids[0], ids[2]]);
  });

  it('shares an unchanged fact read before the edit, and reads again only the changed one', () => {
    const kept = new KeptFacts();
    nextMillisecond();
    const before = kept.read(lib, ids);
    nextMillisecond();
    lib.updateFact(ids[0], { text: 'First fact, edited.' });
    const after = kept.read(lib, ids);
    expect(after.get(ids[1])).toBe(before.get(ids[1]));
    expect(after.get(ids[0])).not.toBe(before.get(ids[0]));
    expect(after.get(ids[0])!.text).toBe('First fact, edited.');
  });

  it('reads afresh from another library', () => {
    const kept = new KeptFacts();
    kept.read(lib, ids);
    const t = tempLibrary();
    try {
      expect(kept.read(t.lib, ids).size).toBe(0);
    } finally {
      t.cleanup();
    }
  });
});
