/**
 * The note cache against a fresh render: after each change to one input of the notes, an
 * export that may read the kept notes writes the same file as one that may not
 * (DOSSIER_NO_NOTE_CACHE), and says where its notes came from.
 */
import { copyFileSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runningVersions } from '../citations/index';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { createDispatcher } from '../api/handlers';
import { loadSample } from '../samples/load';
import type { NotesFrom } from './assemble/cited-notes';
import { type ExportOptions, exportBriefing } from './export-briefing';
import { flushNoteCacheWrites, NOTE_CACHE_FORMAT } from './note-cache';
import { openDocx, visibleText } from './testing/docx-parts';

const TODAY = new Date('2025-02-01T12:00:00Z');
const MHRA = join(__dirname, '..', 'citations', 'fixtures', 'csl-styles', 'modern-humanities-research-association.csl');

let lib: Library;
let dir: string;
let done: () => void;
let id: string;
let count = 0;

beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  dir = t.dir;
  done = t.cleanup;
  id = loadSample(lib, TODAY);
});
afterEach(() => {
  delete process.env.DOSSIER_NO_NOTE_CACHE;
  done();
});

type Options = Partial<Omit<ExportOptions, 'out'>>;

async function exportNow(opts: Options = {}) {
  return exportBriefing(lib, id, { out: join(dir, `export-${count++}.docx`), today: TODAY, now: TODAY, ...opts });
}

/** Every part of the package, but the creation time (docProps/core.xml) and Zotero's random session id. */
function parts(path: string): Record<string, string> {
  const docx = openDocx(readFileSync(path));
  const out: Record<string, string> = {};
  for (const name of docx.names) {
    if (name !== 'docProps/core.xml') out[name] = docx.part(name).replace(/session id=(&quot;|")[A-Za-z0-9]{8}/g, 'session id=$1SESSION');
  }
  return out;
}

function notesOf(path: string): string {
  return visibleText(openDocx(readFileSync(path)).part('word/footnotes.xml')).trim();
}

/**
 * Exports with the cache and without it (the reference: every note rendered now), checks the
 * two files are the same, and returns where the first export's notes came from and its notes.
 */
async function checkedExport(opts: Options = {}): Promise<{ from: NotesFrom; notes: string; total: number; path: string }> {
  const kept = await exportNow(opts);
  process.env.DOSSIER_NO_NOTE_CACHE = '1';
  const fresh = await exportNow(opts).finally(() => delete process.env.DOSSIER_NO_NOTE_CACHE);
  expect(fresh.notesFrom).toEqual({ cache: 'none', reused: 0 });
  expect(parts(kept.path)).toEqual(parts(fresh.path));
  return { from: kept.notesFrom, notes: notesOf(kept.path), total: kept.notes, path: kept.path };
}

const items = () => lib.getBriefing(id).sections.flatMap((s) => s.items);
const factItems = () => items().flatMap((i) => (i.kind === 'fact' ? [i] : []));

describe('notes kept with the briefing', () => {
  it('renders a briefing once: an unchanged export takes every note and the bibliography from the library', async () => {
    const first = await checkedExport();
    expect(first.from).toEqual({ cache: 'none', reused: 0 });
    expect(lib.noteCacheKeys(id)?.format).toBe(NOTE_CACHE_FORMAT);
    const again = await checkedExport();
    expect(again.from).toEqual({ cache: 'document', reused: again.total });
    expect(again.notes).toBe(first.notes);
  });

  it('renders afresh for another style', async () => {
    const chicago = await checkedExport();
    const apa = await checkedExport({ styleId: 'chicago-note-bibliography' });
    expect(apa.from.cache).toBe('none');
    expect(apa.notes).not.toBe(chicago.notes);
    expect((await checkedExport({ styleId: 'chicago-note-bibliography' })).from.cache).toBe('document');
  });

  it('renders afresh when a user style is edited in place (same id), its locale included', async () => {
    const styleDir = join(dir, 'styles');
    const file = join(styleDir, 'house-notes.csl');
    (await import('node:fs')).mkdirSync(styleDir);
    copyFileSync(MHRA, file);
    const opts = { styleId: 'house-notes', styleDir };
    const before = await checkedExport(opts);
    expect((await checkedExport(opts)).from.cache).toBe('document');
    let when = 1_700_000_000;
    const edit = (from: string, to: string) => {
      const xml = readFileSync(file, 'utf8');
      expect(xml).toContain(from);
      writeFileSync(file, xml.replace(from, to));
      utimesSync(file, ++when, ++when); // a new modification time, as an editor gives it
    };
    edit('<layout suffix="." delimiter="; ">', '<layout suffix="!" delimiter="; ">');
    const edited = await checkedExport(opts);
    expect(edited.from.cache).toBe('none');
    expect(edited.notes).not.toBe(before.notes);
    expect(edited.notes).toContain('!');
    // British to American: quotation marks and dates follow the locale.
    edit('default-locale="en-GB"', 'default-locale="en-US"');
    const american = await checkedExport(opts);
    expect(american.from.cache).toBe('none');
    expect(american.notes).not.toBe(edited.notes);
  });

  it("renders afresh for another citeproc version or another version of Dossier's output", async () => {
    await checkedExport();
    const running = runningVersions();
    const newerCiteproc = await checkedExport({ renderVersions: { ...running, citeproc: '2.4.64' } });
    expect(newerCiteproc.from.cache).toBe('none');
    const newerOutput = await checkedExport({ renderVersions: { ...running, output: running.output + 1 } });
    expect(newerOutput.from.cache).toBe('none');
    expect((await checkedExport({ renderVersions: { ...running, output: running.output + 1 } })).from.cache).toBe('document');
  });

  it("renders afresh when any cited item's data changes", async () => {
    const source = lib.getFact(factItems()[0].factId).sourceId;
    const patches: Record<string, unknown>[] = [
      { title: 'Grain corridor reopens, talks resume' },
      { authors: [{ family: 'Okafor-Eze', given: 'Adaeze' }] },
      { issued: '2025-01-20' },
      { containerTitle: 'The Meridian Herald Weekly' },
      { url: 'https://example.org/corridor' },
      { publisher: 'Meridian Media' },
    ];
    let previous = (await checkedExport()).notes;
    for (const patch of patches) {
      lib.updateSource(source, patch);
      const r = await checkedExport();
      expect(r.from.cache, JSON.stringify(patch)).toBe('none');
      if (!('publisher' in patch)) expect(r.notes, JSON.stringify(patch)).not.toBe(previous);
      previous = r.notes;
    }
  });

  it("re-renders only what changed for a fact's locator and for a fact moved (Ibid. comes and goes)", async () => {
    const first = await checkedExport();
    expect(first.notes).toContain('Ibid., para. 3.');
    const second = factItems()[1];
    lib.updateFact(second.factId, { locator: { label: 'paragraph', value: '7' } });
    const locator = await checkedExport();
    expect(locator.notes).toContain('Ibid., para. 7.');
    expect(locator.from.cache).toBe('clusters');
    expect(locator.from.reused).toBeGreaterThan(locator.total / 2);
    // The second note (Ibid. of the first) moved to the end: it becomes a short form, others move up.
    lib.moveItem(id, second.id, factItems().length - 1);
    const moved = await checkedExport();
    expect(moved.notes).not.toContain('Ibid., para. 7.');
    expect(moved.from.cache).toBe('clusters');
  });

  it("re-renders what changed for a prose mark's prefix, suffix and locator, and for a citation inserted first", async () => {
    const section = lib.getBriefing(id).sections.find((s) => s.items.some((i) => i.kind === 'fact'))!;
    const fact = factItems()[3].factId;
    await checkedExport();
    lib.addItems(id, [{ kind: 'prose', text: `Storage is the constraint [see @${fact}, p. 4].` }], section.key, 0);
    const inserted = await checkedExport();
    expect(inserted.from.cache).toBe('clusters');
    expect(inserted.notes).toMatch(/^See /);
    const prose = lib.getBriefing(id).sections.find((s) => s.key === section.key)!.items[0];
    const texts = [`[cf. @${fact}, p. 4]`, `[cf. @${fact}, p. 4, emphasis added]`, `[cf. @${fact}, p. 5, emphasis added]`];
    let previous = inserted.notes;
    for (const mark of texts) {
      lib.updateItem(id, prose.id, { text: `Storage is the constraint ${mark}.` });
      const r = await checkedExport();
      expect(r.from.cache, mark).toBe('clusters');
      expect(r.notes, mark).not.toBe(previous);
      previous = r.notes;
    }
    expect(previous).toMatch(/^Cf\. .*5, emphasis added/);
  });

  it('re-renders what changed in a citation-number style when a move renumbers the sources (bibliography order)', async () => {
    const ieee = { styleId: 'ieee' };
    const bibliography = (path: string) =>
      visibleText(openDocx(readFileSync(path)).part('word/document.xml'))
        .split(/Bibliography|References/i)
        .pop()!;
    const first = await exportNow(ieee);
    const facts = factItems();
    const firstSource = lib.getFact(facts[0].factId).sourceId;
    // The first fact of another source moves to the top: that source becomes [1], the bibliography reorders.
    const other = facts.find((f) => lib.getFact(f.factId).sourceId !== firstSource)!;
    lib.moveItem(id, other.id, 0);
    const moved = await checkedExport(ieee);
    expect(moved.from.cache).toBe('clusters');
    expect(bibliography(moved.path)).not.toBe(bibliography(first.path));
  });

  it('renders afresh when two sources are merged', async () => {
    const facts = factItems().map((i) => lib.getFact(i.factId));
    const [keep, duplicate] = [...new Set(facts.map((f) => f.sourceId))];
    const before = await checkedExport();
    lib.mergeSources(keep, duplicate);
    const merged = await checkedExport();
    expect(merged.from.cache).toBe('none');
    expect(merged.notes).not.toBe(before.notes);
  });

  it('reads nothing with DOSSIER_NO_NOTE_CACHE=1, ignores and rewrites a row of another format or unreadable data', async () => {
    await exportNow();
    process.env.DOSSIER_NO_NOTE_CACHE = '1';
    expect((await exportNow()).notesFrom.cache).toBe('none');
    delete process.env.DOSSIER_NO_NOTE_CACHE;
    lib.db.prepare('UPDATE briefing_note_cache SET format = ?').run(NOTE_CACHE_FORMAT + 1);
    expect((await checkedExport()).from.cache).toBe('none');
    expect(lib.noteCacheKeys(id)?.format).toBe(NOTE_CACHE_FORMAT);
    lib.db.prepare("UPDATE briefing_note_cache SET data = x'0badf00d'").run();
    expect((await checkedExport()).from.cache).toBe('none');
    expect((await checkedExport()).from.cache).toBe('document');
  });

  it('is not written by a check, which only reads', async () => {
    const call = createDispatcher(lib, { allowWrite: () => false });
    expect((await call('briefings:check', [id, {}])).ok).toBe(true);
    flushNoteCacheWrites(lib);
    expect(lib.noteCacheKeys(id)).toBeUndefined();
  });

  it('is written by the live preview, read by a later export, and removed with the briefing', async () => {
    const call = createDispatcher(lib, { allowWrite: () => false });
    const preview = await call('briefings:preview', [id, {}]);
    expect(preview.ok).toBe(true);
    flushNoteCacheWrites(lib); // the session writes once it has been idle for a while
    const r = await checkedExport({ today: TODAY });
    expect(r.from.cache).toBe('document');
    lib.removeBriefing(id);
    expect(lib.db.prepare('SELECT count(*) FROM briefing_note_cache').pluck().get()).toBe(0);
  });
});
