import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { loadSample } from '../samples/load';
import { EDIT_PAUSE_MS, EditSessions, currentNotes, diffBriefingVersions, restoreBriefingVersion } from './briefing-versions';
import { exportBriefing } from './export-briefing';
import { openDocx, visibleText } from './testing/docx-parts';

let lib: Library;
let dir: string;
let path: string;
let done: () => void;
let briefingId: string;
const TODAY = new Date('2025-02-01T12:00:00Z');

beforeEach(() => {
  const t = tempLibrary();
  ({ lib, dir, path } = t);
  done = t.cleanup;
  briefingId = loadSample(lib, TODAY);
});
afterEach(() => done());

function footnotes(file: string): string[] {
  const xml = openDocx(readFileSync(file)).part('word/footnotes.xml');
  return [...xml.matchAll(/<w:footnote [^>]*w:id="(\d+)"[^>]*>([\s\S]*?)<\/w:footnote>/g)]
    .filter((m) => !/w:type="(separator|continuationSeparator)"/.test(m[0]))
    .map((m) => visibleText(m[2]).trim());
}
/** The id of the first placed fact item (the sample opens with prose). */
const firstFactItem = () =>
  lib
    .getBriefing(briefingId)
    .sections.flatMap((s) => s.items)
    .find((i) => i.kind === 'fact')!.id;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('an export stores a version', () => {
  it('whose notes are the .docx’s notes, and records the file’s path and SHA-256', async () => {
    const r = await exportBriefing(lib, briefingId, { out: join(dir, 'memo.docx'), today: TODAY, now: TODAY });
    expect(r.version).toBe(1);
    expect(r.sha256).toBe(sha(r.path));
    const v = lib.getVersion(briefingId, 1);
    expect(v.reason).toBe('export');
    const inFile = footnotes(r.path);
    expect(inFile.length).toBeGreaterThan(5);
    expect(v.notes.map((n) => n.text)).toEqual(inFile);
    expect(v.notes.map((n) => n.number)).toEqual(inFile.map((_, i) => i + 1));
    expect(v.exports).toEqual([{ version: 1, format: 'docx', path: r.path, sha256: r.sha256, createdAt: expect.any(String) }]);
  });

  it('once per content: the same briefing exported again points at the same version; another style or an edit is a new one', async () => {
    const a = await exportBriefing(lib, briefingId, { out: join(dir, 'a.docx'), today: TODAY });
    const b = await exportBriefing(lib, briefingId, { out: join(dir, 'b.md'), today: TODAY });
    expect([a.version, b.version]).toEqual([1, 1]);
    const c = await exportBriefing(lib, briefingId, { out: join(dir, 'c.docx'), styleId: 'apa', today: TODAY });
    expect(c.version).toBe(2);
    lib.updateItem(briefingId, firstFactItem(), { lead: 'Changed lead' });
    const d = await exportBriefing(lib, briefingId, { out: join(dir, 'd.docx'), today: TODAY });
    expect(d.version).toBe(3);
    expect(lib.listVersions(briefingId).map((v) => [v.number, v.exports.map((e) => e.format)])).toEqual([
      [1, ['docx', 'markdown']],
      [2, ['docx']],
      [3, ['docx']],
    ]);
    expect(lib.listExports(briefingId).map((e) => e.sha256)).toEqual([d, c, b, a].map((x) => sha(x.path)));
  });

  it('from a library open read-only: the file is written, nothing is recorded', async () => {
    lib.close();
    lib = Library.open(path, { readonly: true });
    const r = await exportBriefing(lib, briefingId, { out: join(dir, 'ro.docx'), today: TODAY });
    expect(r.version).toBeUndefined();
    expect(r.sha256).toBe(sha(r.path));
    expect(lib.listVersions(briefingId)).toEqual([]);
  });
});

describe('editing sessions', () => {
  it('store the briefing as it was before the first write after a pause, once, with its notes (injected clock)', () => {
    let now = Date.parse(lib.getBriefing(briefingId).updatedAt);
    const sessions = new EditSessions(lib, { now: () => new Date(now), today: TODAY });
    const item = firstFactItem();
    const write = (text: string) => {
      const v = sessions.beforeWrite(briefingId);
      lib.updateItem(briefingId, item, { lead: text });
      return v;
    };
    const asLoaded = lib.briefingContent(briefingId);
    now += 60_000;
    expect(write('one minute in')).toBeUndefined();
    now += EDIT_PAUSE_MS - 1;
    expect(write('just under the pause')).toBeUndefined();
    expect(lib.listVersions(briefingId)).toEqual([]);
    const endOfSession = lib.briefingContent(briefingId);
    now += EDIT_PAUSE_MS;
    expect(write('after a pause')).toBe(1);
    const v = lib.getVersion(briefingId, 1);
    expect(v.reason).toBe('edit');
    expect(v.content).toEqual(endOfSession);
    expect(v.content).not.toEqual(asLoaded);
    // The notes of the session's end: rendered before the write, so a lead change shows in none, but all are there.
    expect(v.notes).toEqual(currentNotes(lib, briefingId, { today: TODAY }));
    expect(v.notes.length).toBeGreaterThan(5);
    now += 5_000;
    expect(write('same session')).toBeUndefined();
    // A pause with no edit since the latest version stores nothing.
    lib.storeVersion(briefingId, 'edit', [], { unlessLatest: 'content' });
    now += 2 * EDIT_PAUSE_MS;
    expect(sessions.beforeWrite(briefingId)).toBeUndefined();
    expect(lib.listVersions(briefingId)).toHaveLength(2);
  });

  it('store nothing for an empty briefing', () => {
    const empty = lib.createBriefing({ title: 'Empty', templateId: 'info-memo' }, [{ key: 'bluf', heading: 'BLUF' }]);
    const sessions = new EditSessions(lib, { now: () => new Date(Date.now() + 2 * EDIT_PAUSE_MS) });
    expect(sessions.beforeWrite(empty.id)).toBeUndefined();
    expect(lib.listVersions(empty.id)).toEqual([]);
  });
});

describe('diff and restore with rendered notes', () => {
  it('a diff against the briefing as it is now shows changed paragraphs and the notes that changed with them', async () => {
    await exportBriefing(lib, briefingId, { out: join(dir, 'sent.docx'), today: TODAY });
    const b = lib.getBriefing(briefingId);
    const first = b.sections.find((s) => s.items.length > 1)!;
    lib.moveItem(briefingId, first.items[1].id, 0); // the second item first: notes swap full and short forms
    lib.updateItem(briefingId, first.items[0].id, { lead: 'Now second' });
    const d = diffBriefingVersions(lib, briefingId, 1, undefined, { today: TODAY });
    expect(d.unchanged).toBe(false);
    expect(d.sections.map((s) => s.key)).toEqual([first.key]);
    expect(d.sections[0].changes.some((c) => c.kind !== 'removed' && c.after.startsWith('Now second: '))).toBe(true);
    expect(d.notes.length).toBeGreaterThan(0);
    expect(d.notes.every((n) => n.kind === 'changed' && n.before!.text !== n.after!.text)).toBe(true);
    expect(diffBriefingVersions(lib, briefingId, 1, 1).unchanged).toBe(true);
  });

  it('restoring renders the restored briefing’s notes into the new version', async () => {
    await exportBriefing(lib, briefingId, { out: join(dir, 'sent.docx'), today: TODAY });
    const sent = lib.getVersion(briefingId, 1);
    lib.removeItem(briefingId, firstFactItem());
    const r = restoreBriefingVersion(lib, briefingId, 1, { today: TODAY });
    expect(r).toMatchObject({ from: 1, previous: 2, number: 3, changed: true });
    const restored = lib.getVersion(briefingId, 3);
    expect(restored.reason).toBe('restore');
    expect(restored.content).toEqual(sent.content);
    expect(restored.notes).toEqual(sent.notes);
    expect(lib.getVersion(briefingId, 2).notes).toHaveLength(sent.notes.length - 1);
  });
});
