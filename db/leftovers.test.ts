import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/main';
import { LibraryHost } from '../api/host/library-host';
import { isRunning, removeLeftovers } from './leftovers';
import { Library } from './library';
import { tempDir } from './testing/temp-library';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** The id of a process that has ended: a child that exits at once, waited for. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  expect(isRunning(child.pid!)).toBe(false);
  return child.pid!;
}

const SQLITE = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080)]);

/** One file of every temporary name Dossier makes, by process `pid`. */
function tempFiles(folder: string, pid: number): string[] {
  const files: [string, Buffer | string][] = [
    [`backup-2026.sqlite.partial-${pid}`, SQLITE],
    [`backup-2026.sqlite.partial-${pid}-journal`, 'journal'],
    [`.memo.docx.${pid}.0a1b2c3d4e5f.tmp`, 'half a docx'],
    [`.window-state.json.${pid}.0a1b2c3d.tmp`, '{'],
    [`library.sqlite.restoring-${pid}`, ''],
  ];
  for (const [name, data] of files) writeFileSync(join(folder, name), data);
  return files.map(([name]) => name);
}

describe('leftover temporary files', () => {
  it('removes every Dossier temporary name whose process is gone, and only those', async () => {
    const dead = await deadPid();
    const leftovers = tempFiles(dir, dead);
    // A live process's files (this test's parent, and this process) are still being written.
    const live = [...tempFiles(dir, process.ppid), ...tempFiles(dir, process.pid)];
    // Names that are not Dossier's exact patterns, or are not what such a name should hold.
    const others = [
      'library.sqlite',
      'library.sqlite-wal',
      'library.sqlite-shm',
      'memo.docx',
      `memo.docx.${dead}.tmp`,
      `.memo.docx.${dead}.xyz.tmp`,
      `.memo.docx.${dead}.0a1b2c3d4e5f.tmp.bak`,
      `report.partial-${dead}.txt`,
      `report.partial-${dead}`, // not a SQLite file: the user's, whatever its name
    ];
    for (const name of others) writeFileSync(join(dir, name), "the user's");
    mkdirSync(join(dir, `notes.partial-${dead}`)); // a folder with such a name

    const removed = removeLeftovers([dir]);

    expect(removed.map((p) => p.slice(dir.length + 1)).sort()).toEqual([...leftovers].sort());
    expect(readdirSync(dir).sort()).toEqual([...live, ...others, `notes.partial-${dead}`].sort());
  });

  it('skips folders that do not exist and returns nothing when there is nothing to remove', () => {
    expect(removeLeftovers([join(dir, 'missing'), dir])).toEqual([]);
  });

  it('runs when the command line starts: the library folder is cleaned, the library untouched', async () => {
    const dead = await deadPid();
    const path = join(dir, 'library.sqlite');
    Library.open(path).close();
    const leftovers = tempFiles(dir, dead);
    let err = '';
    const code = await runCli(['--library', path, 'facts'], {
      stdout: () => undefined,
      stderr: (t) => (err += t),
      stdin: async () => Buffer.alloc(0),
      env: {},
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    for (const name of leftovers) expect(existsSync(join(dir, name)), name).toBe(false);
    expect(existsSync(path)).toBe(true);
  });

  it('runs when the app opens a library: its folder and its backups folder are cleaned', async () => {
    const dead = await deadPid();
    const path = join(dir, 'library.sqlite');
    const host = new LibraryHost({ backupRoot: join(dir, 'backups') });
    const backups = host.backupDir(path);
    mkdirSync(backups, { recursive: true });
    const inFolder = tempFiles(dir, dead);
    const inBackups = tempFiles(backups, dead);
    const kept = tempFiles(backups, process.ppid);
    try {
      expect(host.open(path)).toMatchObject({ state: 'open' });
    } finally {
      host.close();
    }
    for (const name of inFolder) expect(existsSync(join(dir, name)), name).toBe(false);
    for (const name of inBackups) expect(existsSync(join(backups, name)), name).toBe(false);
    for (const name of kept) expect(existsSync(join(backups, name)), name).toBe(true);
  });
});
