/**
 * The core in its own process, driven as the desktop app drives it (api/host/client.ts over a
 * Node child process instead of Electron's utilityProcess): the drills kill it mid-import,
 * mid-export and mid-write, hang it in a parser, and check that the library and the calls
 * after the restart are whole.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../../db/library';
import { tempDir } from '../../db/testing/temp-library';
import { buildReportPdf } from '../../ingest/formats/testing/report-pdf';
import { reportParagraphs } from '../../ingest/formats/testing/report-text';
import { loadSample } from '../../samples/load';
import type { CoreClient } from './client';
import { coreEntryBundle, startCore } from './testing.core';

let dir: string;
let cleanup: () => void;
let path: string;
let core: CoreClient | undefined;
let pdf: Uint8Array;

beforeAll(async () => {
  coreEntryBundle();
  // A long report: reading it takes long enough to be stopped midway.
  const paragraphs = [...reportParagraphs(), ...reportParagraphs(), ...reportParagraphs()];
  pdf = await buildReportPdf({ paragraphs, title: 'Working Paper 12' });
}, 60_000);

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  path = join(dir, 'library.sqlite');
  const lib = Library.open(path);
  loadSample(lib);
  lib.close();
});

afterEach(async () => {
  await core?.stop();
  core = undefined;
  cleanup();
});

/** The library as another process sees it: fact count and its own check. */
function onDisk(): { facts: number; ok: boolean } {
  const lib = Library.open(path);
  try {
    return { facts: lib.counts().facts, ok: lib.check().ok };
  } finally {
    lib.close();
  }
}

/** Kills the core process (SIGKILL: nothing it can catch or finish) once `ready` says so. */
function killWhen(c: CoreClient, ready: () => boolean): { progress: (phase: string) => void } {
  let done = false;
  return {
    progress: () => {
      if (done || !ready()) return;
      done = true;
      process.kill(c.pid!, 'SIGKILL');
    },
  };
}

describe('the core in its own process', () => {
  it('serves the API, reads a file and captures it with its original', async () => {
    const started = startCore({ backupRoot: join(dir, 'backups') });
    core = started.core;
    expect(await core.request('open', [path])).toMatchObject({ state: 'open', healthy: true });
    const before = onDisk().facts;
    const read = await core.request('readBytes', [
      'note.txt',
      new TextEncoder().encode('Grain exports rose by a third in March. Ports reopened after the storm.'),
    ]);
    expect(read).toMatchObject({ fileName: 'note.txt', format: 'text', originalId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const saved = await core.request('call', [
      'capture:commit',
      [{ text: '', document: read.document, originalId: read.originalId, source: { type: 'report', title: 'Harbour note' } }],
    ]);
    expect(saved).toMatchObject({ ok: true, value: { sourceCreated: true, facts: [expect.anything(), expect.anything()] } });
    // A bad call is refused in words by the dispatcher in the core, as in process.
    expect(await core.request('call', ['facts:get', ['no-such-id']])).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(onDisk()).toEqual({ facts: before + 2, ok: true });
    expect(started.restarts).toEqual([]);
  });

  it('stopped (the app quits) while the window still calls: each later call is refused in words, nothing is posted to the dead core', async () => {
    const started = startCore({ backupRoot: join(dir, 'backups') });
    const c = started.core;
    await c.request('open', [path]);
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onError);
    try {
      const stopping = c.stop();
      // The renderer keeps polling during shutdown (the CI failure this guards: EPIPE from a send to the exiting child).
      const late = Promise.allSettled([c.request('call', ['library:status', []]), c.request('call', ['facts:count', []])]);
      await stopping;
      for (const r of await late) expect(r).toMatchObject({ status: 'rejected', reason: { error: { code: 'core_unavailable' } } });
      await expect(c.request('call', ['library:status', []])).rejects.toMatchObject({ error: { code: 'core_unavailable' } });
      // Give an EPIPE from a late send its turn on the event loop.
      await new Promise((r) => setImmediate(r));
      expect(errors).toEqual([]);
    } finally {
      process.off('uncaughtException', onError);
    }
  });

  it('killed mid-import: the read fails with one line naming the file, a new core has the library open, nothing is lost', async () => {
    const started = startCore({ backupRoot: join(dir, 'backups') });
    core = started.core;
    await core.request('open', [path]);
    const before = onDisk();
    let pages = 0;
    const kill = killWhen(core, () => ++pages >= 2);
    await expect(core.request('readBytes', ['working-paper-12.pdf', pdf], kill)).rejects.toMatchObject({
      error: {
        code: 'core_restarted',
        message: expect.stringMatching(
          /^Dossier's core stopped \(signal SIGKILL\) while reading working-paper-12\.pdf and was restarted\. Your library and drafts are safe/,
        ),
      },
    });
    await core.whenReady();
    expect(started.restarts).toEqual([
      expect.objectContaining({ reason: 'crashed', during: 'reading working-paper-12.pdf', status: expect.objectContaining({ state: 'open', path }) }),
    ]);
    // The new core serves the same library, and the same file reads in full now.
    expect(await core.request('call', ['facts:search', [{}]])).toMatchObject({ ok: true, value: { total: before.facts } });
    expect(await core.request('readBytes', ['working-paper-12.pdf', pdf])).toMatchObject({ format: 'pdf' });
    expect(onDisk()).toEqual(before);
  }, 120_000);

  it('killed mid-export: no partial file where the user asked for one; the export works after the restart', async () => {
    const started = startCore({ backupRoot: join(dir, 'backups') });
    core = started.core;
    await core.request('open', [path]);
    const before = onDisk();
    const listed = (await core.request('call', ['briefings:list', []])) as { ok: true; value: { id: string }[] };
    const briefing = listed.value[0].id;
    const out = join(dir, 'Corridor memo.docx');
    await core.request('grantWrite', [out]);
    const kill = killWhen(core, () => true);
    await expect(core.request('call', ['briefings:export', [briefing, { format: 'docx', out }]], kill)).rejects.toMatchObject({
      error: { code: 'core_restarted' },
    });
    expect(existsSync(out)).toBe(false);
    await core.whenReady();
    // The save-dialog grant outlives the core that had it.
    expect(await core.request('call', ['briefings:export', [briefing, { format: 'docx', out }]])).toMatchObject({ ok: true, value: { path: out } });
    expect(existsSync(out)).toBe(true);
    expect(onDisk()).toEqual(before);
  }, 120_000);

  it('killed mid-write: a capture is saved whole or not at all', async () => {
    const started = startCore({ backupRoot: join(dir, 'backups') });
    core = started.core;
    await core.request('open', [path]);
    const before = onDisk();
    const text = Array.from({ length: 6000 }, (_, i) => `Shipment ${i} of grain left berth ${i % 40} on the morning tide with ${i * 7} tonnes aboard.`).join(
      ' ',
    );
    const saving = core.request('call', ['capture:commit', [{ text, source: { type: 'report', title: 'Port log' } }]]);
    // Killed while the write runs: once its journal holds pages not yet committed.
    const wal = `${path}-wal`;
    const { statSync } = await import('node:fs');
    const size = () => (existsSync(wal) ? statSync(wal).size : 0);
    const start = size();
    await new Promise<void>((resolve) => {
      const poll = () => (size() > start + 64 * 1024 ? resolve() : setImmediate(poll));
      poll();
      void saving.then(
        () => resolve(),
        () => resolve(),
      );
    });
    process.kill(core.pid!, 'SIGKILL');
    const outcome = await saving.then(
      () => 'saved',
      (e: { error?: { code: string } }) => e.error?.code,
    );
    const after = onDisk();
    expect(after.ok).toBe(true);
    // All or nothing: never part of the 6,000 facts.
    expect(outcome === 'saved' ? after.facts : before.facts).toBe(after.facts);
    expect([before.facts, before.facts + 6000]).toContain(after.facts);
    await core.whenReady();
  }, 120_000);

  it('a parser that never returns: the heartbeat finds it, the core restarts, the call fails naming the file', async () => {
    const started = startCore({ backupRoot: join(dir, 'backups'), fault: 'hang-in-parser', heartbeatMs: 200, hangAfterMs: 5000 });
    core = started.core;
    await core.request('open', [path]);
    await expect(core.request('readBytes', ['hostile.pdf', pdf])).rejects.toMatchObject({
      error: { code: 'core_restarted', message: expect.stringMatching(/^Dossier's core stopped responding while reading hostile\.pdf and was restarted/) },
    });
    await core.whenReady();
    expect(started.restarts).toEqual([
      expect.objectContaining({ reason: 'hung', during: 'reading hostile.pdf', status: expect.objectContaining({ state: 'open' }) }),
    ]);
    expect(await core.request('readBytes', ['note.txt', new TextEncoder().encode('Talks resume on Monday.')])).toMatchObject({ format: 'text' });
  }, 60_000);

  it('a parser that takes the process down: the same, reported as a crash', async () => {
    const started = startCore({ backupRoot: join(dir, 'backups'), fault: 'crash-in-parser' });
    core = started.core;
    await core.request('open', [path]);
    await expect(core.request('readBytes', ['hostile.docx', new Uint8Array([0x50, 0x4b, 3, 4])])).rejects.toMatchObject({
      error: { code: 'core_restarted', message: expect.stringContaining('while reading hostile.docx') },
    });
    await core.whenReady();
    expect(started.restarts).toEqual([expect.objectContaining({ reason: 'crashed' })]);
    expect(onDisk().ok).toBe(true);
  }, 60_000);

  it('cancel: a call stuck in a loop is ended by restarting the core', async () => {
    const started = startCore({ backupRoot: join(dir, 'backups'), fault: 'hang-in-parser', cancelGraceMs: 300, hangAfterMs: 60_000 });
    core = started.core;
    await core.request('open', [path]);
    const stop = new AbortController();
    const reading = core.request('readBytes', ['hostile.pdf', pdf], { signal: stop.signal });
    stop.abort();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError', error: { code: 'cancelled' } });
    await core.whenReady();
    expect(started.restarts).toEqual([expect.objectContaining({ reason: 'stuck-after-cancel', during: 'reading hostile.pdf' })]);
  }, 60_000);

  it('cancel: an export stops at its next checkpoint, as cancelled, and the core lives on', async () => {
    const started = startCore({ backupRoot: join(dir, 'backups') });
    core = started.core;
    await core.request('open', [path]);
    const listed = (await core.request('call', ['briefings:list', []])) as { ok: true; value: { id: string }[] };
    const out = join(dir, 'memo.docx');
    await core.request('grantWrite', [out]);
    const exporting = new AbortController();
    const r = await core.request('call', ['briefings:export', [listed.value[0].id, { format: 'docx', out }]], {
      signal: exporting.signal,
      progress: () => exporting.abort(),
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(existsSync(out)).toBe(false);
    expect(started.restarts).toEqual([]);
  }, 60_000);
});
