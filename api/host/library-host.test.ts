import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../../db/library';
import { tempDir } from '../../db/testing/temp-library';
import { CitationSession } from '../../export/citation-session';
import { previewBriefing } from '../../export/preview-briefing';
import { loadSample } from '../../samples/load';
import { LibraryHost, stamp } from './library-host';
import { corruptButOpenable } from './testing';

let dir: string;
let cleanup: () => void;
let host: LibraryHost;
let clock: Date;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  clock = new Date('2026-03-01T09:00:00Z');
  host = new LibraryHost({ backupRoot: join(dir, 'backups'), now: () => clock });
});
afterEach(() => {
  host.close();
  cleanup();
});

const libPath = () => join(dir, 'library.sqlite');

function sampleLibrary(): number {
  const lib = Library.open(libPath());
  loadSample(lib);
  const n = lib.check().counts.facts;
  lib.close();
  return n;
}

describe('library lifecycle', () => {
  it('keeps what a citation session rendered when the library closes before the session pauses', async () => {
    sampleLibrary();
    host.open(libPath());
    const lib = host.library!;
    const briefing = lib.listBriefings()[0];
    await previewBriefing(lib, briefing.id, { session: new CitationSession() });
    host.close();
    const reopened = Library.open(libPath());
    try {
      expect(reopened.noteCacheKeys(briefing.id)).toBeDefined();
    } finally {
      reopened.close();
    }
  });

  it('creates and opens a library, checks it, and takes the daily backup once a day', async () => {
    const status = host.open(libPath());
    expect(status).toMatchObject({ state: 'open', path: libPath(), healthy: true, problems: [] });
    const first = await host.backupIfDue();
    expect(first).toMatchObject({ name: 'backup-20260301-090000.sqlite' });
    expect(await host.backupIfDue()).toEqual({ skipped: 'a recent backup exists' });
    clock = new Date('2026-03-02T09:00:00Z');
    expect(await host.backupIfDue()).toMatchObject({ name: 'backup-20260302-090000.sqlite' });
    expect(host.status).toMatchObject({ state: 'open', lastBackup: { name: 'backup-20260302-090000.sqlite' } });
  });

  it('reports a damaged library at start with the newest good backup, never backs it up, and restores it', async () => {
    const facts = sampleLibrary();
    host.open(libPath());
    await host.backupNow();
    host.close();
    corruptButOpenable(libPath());

    const status = host.open(libPath());
    expect(status).toMatchObject({ state: 'damaged', path: libPath(), newestBackup: { name: 'backup-20260301-090000.sqlite' } });
    expect(host.library).toBeUndefined();
    expect(await host.backupIfDue()).toEqual({ skipped: 'no library open' });
    expect(host.backups()).toHaveLength(1);

    // A -wal left behind (as after a crash) must move aside with the damaged file: replayed
    // into the restored file it would corrupt it.
    writeFileSync(`${libPath()}-wal`, 'stale wal');
    clock = new Date('2026-03-05T12:30:00Z');
    const restored = host.restore(host.newestGoodBackup()!.path, 'damaged');
    const aside = `${libPath()}.damaged-${stamp(clock)}`;
    expect(restored).toMatchObject({ state: 'open', healthy: true, keptAs: aside });
    expect(existsSync(aside)).toBe(true);
    expect(existsSync(`${aside}-wal`)).toBe(true);
    expect(existsSync(`${libPath()}-wal`)).toBe(true); // the reopened library's own, fresh WAL
    expect(host.library!.check().counts.facts).toBe(facts);
    expect(aside.endsWith('.damaged-2026-03-05T12-30-00Z')).toBe(true);
  });

  it('treats a file that is not a library at all as damaged, without touching it', () => {
    writeFileSync(libPath(), 'garbage, not SQLite');
    expect(host.open(libPath())).toMatchObject({ state: 'damaged', message: expect.stringMatching(/not an SQLite database/) });
    expect(readdirSync(dir)).toEqual(['library.sqlite']);
  });

  it('refuses to restore a backup that fails verification and leaves the library in place', async () => {
    sampleLibrary();
    host.open(libPath());
    const bad = join(dir, 'bad.sqlite');
    writeFileSync(bad, 'nope');
    expect(() => host.restore(bad, 'before-restore')).toThrow(/cannot be restored/);
    expect(host.status.state).toBe('open');
    expect(host.library).toBeDefined();
  });

  it('restores over a healthy library on request, keeping the replaced file', async () => {
    sampleLibrary();
    host.open(libPath());
    const b = await host.backupNow();
    host.library!.addFact({ sourceId: host.library!.listSources()[0].id, text: 'Added after the backup.' });
    const before = host.library!.check().counts.facts;
    const r = host.restore(b.path, 'before-restore');
    expect(r.state).toBe('open');
    expect(host.library!.check().counts.facts).toBe(before - 1);
    expect(readdirSync(dir).some((n) => n.startsWith('library.sqlite.before-restore-'))).toBe(true);
  });

  it('reports a library written by a newer Dossier as unavailable and never offers to restore over it', () => {
    sampleLibrary();
    const lib = Library.open(libPath());
    lib.db.pragma('user_version = 9999');
    lib.close();
    expect(host.open(libPath())).toMatchObject({ state: 'unavailable', code: 'library_future' });
  });

  it('rebuilds an out-of-step search index on open instead of calling the library damaged', () => {
    sampleLibrary();
    const lib = Library.open(libPath());
    lib.db.exec('DELETE FROM fact_search');
    lib.close();
    expect(host.open(libPath())).toMatchObject({ state: 'open', healthy: true });
  });
});
