import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VersionNote } from '../../core/versions';
import { Library } from '../library';
import { SAMPLE_SOURCE, tempLibrary } from '../testing/temp-library';

let lib: Library;
let path: string;
let done: () => void;
let facts: string[];
let briefingId: string;
beforeEach(() => {
  const t = tempLibrary();
  ({ lib, path } = t);
  done = t.cleanup;
  const s = lib.addSource(SAMPLE_SOURCE);
  facts = ['Ships left Odesa on Jan. 18.', 'Premiums rose 20%.', 'Talks resumed.'].map((text) => lib.addFact({ text, sourceId: s.id }).id);
  briefingId = lib.createBriefing({ title: 'Corridor', templateId: 'info-memo', fields: { for: 'Minister' } }, [
    { key: 'bluf', heading: 'BLUF' },
    { key: 'discussion', heading: 'Discussion' },
  ]).id;
  lib.addItems(briefingId, [
    { kind: 'prose', text: `The corridor is open [@${facts[0]}, p. 4].` },
    { kind: 'fact', factId: facts[1], lead: 'Cost' },
  ]);
  lib.addItems(briefingId, [{ kind: 'fact', factId: facts[2] }], 'discussion');
});
afterEach(() => done());

/** Stand-in note texts: the repository stores what the export layer renders, whatever it is. */
const notesOf = (tag: string): VersionNote[] => [{ clusterId: 'x', number: 1, text: tag }];
/** The briefing without its modification time: what a restore must give back. */
const shape = (id = briefingId) => {
  const { updatedAt: _u, ...rest } = lib.getBriefing(id);
  return rest;
};

describe('storing and listing versions', () => {
  it('stores the briefing with its settings and placed facts’ texts, numbered from 1, with counts', () => {
    expect(lib.storeVersion(briefingId, 'edit', notesOf('a'))).toEqual({ number: 1, stored: true });
    const v = lib.getVersion('Corridor', 1);
    expect(v).toMatchObject({ number: 1, reason: 'edit', briefingId, title: 'Corridor', counts: { sections: 2, items: 3, facts: 2, notes: 1 }, exports: [] });
    expect(v.content.fields).toEqual({ for: 'Minister' });
    expect(v.content.factTexts).toEqual({ [facts[1]]: 'Premiums rose 20%.', [facts[2]]: 'Talks resumed.' });
    expect(v.content.sections.map((s) => s.items.map((i) => i.kind))).toEqual([['prose', 'fact'], ['fact']]);
    expect(v.notes).toEqual(notesOf('a'));
    lib.updateBriefing(briefingId, { title: 'Corridor (rev.)' });
    lib.storeVersion(briefingId, 'edit', notesOf('b'));
    expect(lib.listVersions(briefingId).map((x) => [x.number, x.reason, x.title])).toEqual([
      [1, 'edit', 'Corridor'],
      [2, 'edit', 'Corridor (rev.)'],
    ]);
    expect(() => lib.getVersion(briefingId, 9)).toThrow(/Version not found: 9/);
  });

  it('never stores the same content twice in a row: an editing session compares content, an export content and notes', () => {
    lib.storeVersion(briefingId, 'edit', notesOf('a'));
    expect(lib.storeVersion(briefingId, 'edit', notesOf('other notes'), { unlessLatest: 'content' })).toEqual({ number: 1, stored: false });
    expect(lib.differsFromLatestVersion(briefingId)).toBe(false);
    const content = lib.briefingContent(briefingId);
    expect(lib.recordExport(briefingId, { content, notes: notesOf('a'), format: 'docx', path: '/out/a.docx', sha256: 'aa' })).toEqual({
      number: 1,
      stored: false,
    });
    // The same text with other notes (another style) is another version.
    expect(lib.recordExport(briefingId, { content, notes: notesOf('apa'), format: 'docx', path: '/out/b.docx', sha256: 'bb' })).toEqual({
      number: 2,
      stored: true,
    });
    expect(lib.listVersions(briefingId).map((v) => [v.number, v.reason, v.exports.map((e) => e.path)])).toEqual([
      [1, 'edit', ['/out/a.docx']],
      [2, 'export', ['/out/b.docx']],
    ]);
    expect(lib.listExports(briefingId).map((e) => [e.version, e.sha256])).toEqual([
      [2, 'bb'],
      [1, 'aa'],
    ]);
    lib.updateItem(briefingId, '1', { text: 'Changed.' });
    expect(lib.differsFromLatestVersion(briefingId)).toBe(true);
  });

  it('is gone with its briefing', () => {
    lib.storeVersion(briefingId, 'edit', []);
    lib.removeBriefing(briefingId);
    expect(lib.db.prepare('SELECT count(*) FROM briefing_versions').pluck().get()).toBe(0);
  });
});

describe('restoring a version', () => {
  it('gives back the old content — items, ids, settings, marks — as a new version, keeping what it replaced', () => {
    lib.storeVersion(briefingId, 'edit', notesOf('v1'));
    const before = shape();
    lib.updateBriefing(briefingId, { title: 'Corridor (rev.)', fields: { for: 'Deputy' }, styleId: 'apa' });
    lib.removeItem(briefingId, '2');
    lib.updateItem(briefingId, '1', { text: 'Rewritten without a citation.' });
    lib.addSection(briefingId, { heading: 'Outlook', items: [{ kind: 'prose', text: 'More ships.' }] });
    lib.moveSection(briefingId, 'discussion', 0);
    const edited = shape();

    let calls = 0;
    const r = lib.restoreVersion(briefingId, 1, () => notesOf(`render ${++calls}`));
    expect(r).toEqual({ from: 1, number: 3, previous: 2, changed: true });
    expect(shape()).toEqual(before);
    const list = lib.listVersions(briefingId);
    expect(list.map((v) => [v.number, v.reason])).toEqual([
      [1, 'edit'],
      [2, 'edit'],
      [3, 'restore'],
    ]);
    expect(lib.getVersion(briefingId, 2).notes).toEqual(notesOf('render 1'));
    expect(lib.getVersion(briefingId, 3).notes).toEqual(notesOf('render 2'));
    expect(lib.getVersion(briefingId, 3).content).toEqual(lib.getVersion(briefingId, 1).content);
    // The prose citation is indexed again: the fact it cites cannot be deleted.
    expect(() => lib.removeFact(facts[0])).toThrow();
    // And the restore itself can be undone by restoring what it replaced.
    lib.restoreVersion(briefingId, 2, () => []);
    expect(shape()).toEqual(edited);
  });

  it('changes nothing when the briefing already reads as that version', () => {
    lib.storeVersion(briefingId, 'edit', []);
    expect(lib.restoreVersion(briefingId, 1, () => [])).toEqual({ from: 1, number: 1, previous: 1, changed: false });
    expect(lib.listVersions(briefingId)).toHaveLength(1);
  });

  it('is refused naming the fact when a fact it used is no longer in the library; the library file is unchanged', () => {
    lib.storeVersion(briefingId, 'edit', []);
    lib.removeItem(briefingId, '2'); // the placed "Premiums rose 20%."
    lib.updateItem(briefingId, '1', { text: 'No citation any more.' });
    lib.removeFact(facts[1]);
    lib.removeFact(facts[0]);
    const snapshot = shape();
    lib.close();
    const hash = createHash('sha256').update(readFileSync(path)).digest('hex');
    lib = Library.open(path);
    let rendered = 0;
    expect(() =>
      lib.restoreVersion(briefingId, 1, () => {
        rendered++;
        return [];
      }),
    ).toThrow(new RegExp(`version 1 uses 2 facts no longer in the library: ${facts[0]}, ${facts[1]} \\("Premiums rose 20%\\."\\); nothing was restored`));
    expect(rendered).toBe(0);
    expect(shape()).toEqual(snapshot);
    expect(lib.listVersions(briefingId)).toHaveLength(1);
    lib.close();
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(hash);
    lib = Library.open(path);
  });

  it('rolls back everything when rendering the notes fails midway', () => {
    lib.storeVersion(briefingId, 'edit', []);
    lib.updateItem(briefingId, '1', { text: 'Edited.' });
    const snapshot = shape();
    let n = 0;
    expect(() =>
      lib.restoreVersion(briefingId, 1, () => {
        if (++n === 2) throw new Error('engine failed');
        return [];
      }),
    ).toThrow('engine failed');
    expect(shape()).toEqual(snapshot);
    expect(lib.listVersions(briefingId)).toHaveLength(1);
  });
});
