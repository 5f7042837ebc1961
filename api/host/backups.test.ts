import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../../db/library';
import type { CheckReport } from '../../db/repo/maintenance';
import { tempLibrary } from '../../db/testing/temp-library';
import { loadSample } from '../../samples/load';
import { backupFolderFor, backupName, isBackupDue, KEEP_BACKUPS, listBackups, newestGoodBackup, parseBackupName, takeBackup, verifyBackup } from './backups';
import { corruptButOpenable, overwritePage } from './testing';

let t: ReturnType<typeof tempLibrary>;
let dir: string;
beforeEach(() => {
  t = tempLibrary();
  loadSample(t.lib);
  dir = join(t.dir, 'backups');
});
afterEach(() => t.cleanup());

const day = 24 * 60 * 60 * 1000;
const start = new Date('2026-03-01T09:00:00Z');

describe('rotating backups', () => {
  it('keeps the newest seven, each a verified, self-contained library file', async () => {
    for (let i = 0; i < 9; i++) await takeBackup(t.lib, dir, { now: new Date(start.getTime() + i * day) });
    const list = listBackups(dir);
    expect(list).toHaveLength(KEEP_BACKUPS);
    expect(list[0].name).toBe(backupName(new Date(start.getTime() + 8 * day)));
    expect(list.at(-1)!.name).toBe(backupName(new Date(start.getTime() + 2 * day)));
    // No temporary or companion files left behind, before or after verification.
    expect(readdirSync(dir).sort()).toEqual(list.map((b) => b.name).sort());
    for (const b of list) expect(verifyBackup(b.path)).toEqual({ ok: true });
    expect(readdirSync(dir).sort()).toEqual(list.map((b) => b.name).sort());
    // A backup is a real library with the same content.
    const copy = Library.open(list[0].path, { readonly: true });
    expect(copy.check().counts).toEqual(t.lib.check().counts);
    copy.close();
  });

  it('is due once a day, and when the clock went backwards', () => {
    expect(isBackupDue([], start)).toBe(true);
    const b = [{ name: backupName(start), createdAt: start.toISOString(), bytes: 1 }];
    expect(isBackupDue(b, new Date(start.getTime() + day - 1))).toBe(false);
    expect(isBackupDue(b, new Date(start.getTime() + day))).toBe(true);
    expect(isBackupDue(b, new Date(start.getTime() - 60_000))).toBe(true);
  });

  it('names sort in time order and two backups in one second do not collide', async () => {
    expect(parseBackupName(backupName(start))?.toISOString()).toBe(start.toISOString());
    expect(parseBackupName('backup-20260301-090000.sqlite.partial-12')).toBeUndefined();
    await takeBackup(t.lib, dir, { now: start });
    await takeBackup(t.lib, dir, { now: start });
    expect(listBackups(dir).map((b) => b.name)).toEqual(['backup-20260301-090000.sqlite', 'backup-20260301-090000-1.sqlite'].sort().reverse());
  });

  it('never backs up a library whose check fails, and keeps the earlier backups', async () => {
    await takeBackup(t.lib, dir, { now: start });
    const failing: CheckReport = { ...t.lib.check(), ok: false, integrity: ['Tree 9 page 9: btreeInitPage() returns error code 11'] };
    await expect(takeBackup(t.lib, dir, { now: new Date(start.getTime() + day), check: failing })).rejects.toMatchObject({ code: 'library_corrupt' });
    expect(listBackups(dir)).toHaveLength(1);
  });

  it('refuses a really damaged library (its own check, not a given report)', async () => {
    await takeBackup(t.lib, dir, { now: start });
    t.lib.close();
    corruptButOpenable(t.path);
    const damaged = Library.open(t.path);
    try {
      await expect(takeBackup(damaged, dir, { now: new Date(start.getTime() + day) })).rejects.toThrow(/failed its check/);
    } finally {
      damaged.close();
    }
    expect(listBackups(dir).map((b) => b.name)).toEqual([backupName(start)]);
  });

  it('finds the newest backup that passes verification, skipping damaged ones', async () => {
    await takeBackup(t.lib, dir, { now: start });
    await takeBackup(t.lib, dir, { now: new Date(start.getTime() + day) });
    const [newest, older] = listBackups(dir);
    overwritePage(newest.path, 0, 0x00); // header gone
    expect(verifyBackup(newest.path).ok).toBe(false);
    expect(newestGoodBackup(dir)?.name).toBe(older.name);
    writeFileSync(older.path, 'not a database');
    expect(newestGoodBackup(dir)).toBeUndefined();
  });

  it('gives each library its own folder', () => {
    const a = backupFolderFor('/data/backups', '/home/a/library.sqlite');
    const b = backupFolderFor('/data/backups', '/home/b/library.sqlite');
    expect(a).not.toBe(b);
    expect(a.startsWith(join('/data/backups', 'library-'))).toBe(true);
    expect(existsSync(a)).toBe(false);
  });
});
