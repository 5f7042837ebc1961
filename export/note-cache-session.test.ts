/**
 * The note cache and the app's warm citation session: a new session (the app started again)
 * loads the document with the kept renderings, a warm one reads no kept data, and what a
 * session renders is kept once it has answered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { loadSample } from '../samples/load';
import { CitationSession } from './citation-session';
import { exportBriefing } from './export-briefing';
import { flushNoteCacheWrites } from './note-cache';
import { openDocx } from './testing/docx-parts';

const TODAY = new Date('2025-02-01T12:00:00Z');

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
afterEach(() => done());

const exportNow = (session?: CitationSession) =>
  exportBriefing(lib, id, { out: join(dir, `export-${count++}.docx`), today: TODAY, now: TODAY, ...(session ? { session } : {}) });
const notes = (path: string) => openDocx(readFileSync(path)).part('word/footnotes.xml');

/** The notes of a one-off export that renders every note with citeproc (none taken from the library). */
async function notesAfresh(): Promise<string> {
  process.env.DOSSIER_NO_NOTE_CACHE = '1';
  const fresh = await exportNow().finally(() => delete process.env.DOSSIER_NO_NOTE_CACHE);
  return notes(fresh.path);
}

function moveSecondFactToEnd(): void {
  const facts = lib
    .getBriefing(id)
    .sections.flatMap((s) => s.items)
    .filter((i) => i.kind === 'fact');
  lib.moveItem(id, facts[1].id, facts.length - 1);
}

describe('notes kept with the briefing, in the app', () => {
  it('a new session starts from the kept renderings; a warm one re-renders what changed; both are kept', async () => {
    await exportNow();
    moveSecondFactToEnd();
    const session = new CitationSession();
    const restarted = await exportNow(session);
    expect(restarted.notesFrom.cache).toBe('clusters');
    expect(restarted.notesFrom.reused).toBeGreaterThan(restarted.notes / 2);
    moveSecondFactToEnd();
    const warm = await exportNow(session);
    expect(warm.notesFrom).toEqual({ cache: 'none', reused: 0 });
    flushNoteCacheWrites(lib);
    // What the warm session rendered is what a one-off export takes from the library, and what citeproc renders.
    const oneOff = await exportNow();
    expect(oneOff.notesFrom).toEqual({ cache: 'document', reused: oneOff.notes });
    const fresh = await notesAfresh();
    expect(notes(warm.path)).toBe(fresh);
    expect(notes(oneOff.path)).toBe(fresh);
  });

  it('a new session given an unchanged briefing takes every note, and builds its engine only after answering', async () => {
    await exportNow();
    const session = new CitationSession();
    const opened = await exportNow(session);
    expect(opened.notesFrom).toEqual({ cache: 'document', reused: opened.notes });
    // Opening answered without an engine; the build waits for the process to be idle.
    expect(session.idleBuildMs).toBeUndefined();
    await session.idle();
    expect(session.idleBuildMs).toBeGreaterThan(0);
    moveSecondFactToEnd();
    // The first edit finds the engine built: nothing is read back from the kept notes.
    const edited = await exportNow(session);
    expect(edited.notesFrom).toEqual({ cache: 'none', reused: 0 });
    expect(notes(edited.path)).toBe(await notesAfresh());
  });

  it('an edit before the pause builds the engine itself; the idle build then finds it built', async () => {
    await exportNow();
    const session = new CitationSession();
    await exportNow(session);
    moveSecondFactToEnd();
    const edited = await exportNow(session);
    expect(edited.notesFrom.cache).toBe('clusters');
    await session.idle();
    expect(session.idleBuildMs).toBeUndefined();
    expect(notes(edited.path)).toBe(await notesAfresh());
  });

  it('a briefing edited after opening but before the idle build still exports what citeproc renders', async () => {
    await exportNow();
    const session = new CitationSession();
    await exportNow(session);
    // The build renders the document as it was opened; the edit reaches the engine at the next render.
    moveSecondFactToEnd();
    await session.idle();
    expect(session.idleBuildMs).toBeGreaterThan(0);
    const edited = await exportNow(session);
    expect(edited.notesFrom).toEqual({ cache: 'none', reused: 0 });
    expect(notes(edited.path)).toBe(await notesAfresh());
  });

  it('a briefing closed before the idle build builds nothing', async () => {
    await exportNow();
    const session = new CitationSession();
    await exportNow(session);
    session.idleWork.cancel();
    await session.idle();
    expect(session.idleBuildMs).toBeUndefined();
  });
});
