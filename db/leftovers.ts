import { closeSync, lstatSync, openSync, readSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Temporary files a killed Dossier process leaves behind, removed at the next start.
 *
 * Every temporary name Dossier makes carries the id of the process that made it, so a file is
 * removed only when (1) its whole name matches one of Dossier's own patterns below and (2) no
 * process with that id is running: a live process may still be writing it (another window,
 * the command line next to the app). A reused id only keeps a leftover longer, never loses a
 * file. Anything else in the folder — the user's files, SQLite's own journals — is left alone.
 *
 * Keep this list in step with the code that makes the names (each entry says where).
 */
const TEMP_NAMES: readonly { made: string; pattern: RegExp; sqlite?: true }[] = [
  // db/repo/maintenance.ts backupLibrary: "DEST.partial-PID" (a SQLite file) …
  { made: 'backup', pattern: /^.+\.partial-(\d+)$/, sqlite: true },
  // … and the journal SQLite may have kept beside it when the process died.
  { made: 'backup journal', pattern: /^.+\.partial-(\d+)-(?:journal|wal|shm)$/ },
  // export/write-file.ts writeFileAtomic: ".NAME.PID.<12 hex>.tmp"
  { made: 'export', pattern: /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/ },
  // electron/atomic-file.ts writeFileAtomicSync: ".NAME.PID.<8 hex>.tmp"
  { made: 'app state', pattern: /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/ },
  // api/host/library-host.ts restore (and db/restore.ts): "LIBRARY.restoring-PID"
  { made: 'restore', pattern: /^.+\.restoring-(\d+)$/, sqlite: true },
];

/** Which of Dossier's temporary names `name` is, and the id of the process that made it. */
export function leftoverName(name: string): { pid: number; sqlite: boolean } | undefined {
  for (const { pattern, sqlite } of TEMP_NAMES) {
    const m = pattern.exec(name);
    if (m) return { pid: Number(m[1]), sqlite: sqlite === true };
  }
  return undefined;
}

/** Is a process with this id running? EPERM means it is, but belongs to someone else. */
export function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return true; // not a real id: never treat it as gone
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes Dossier's temporary files left in `folders` by processes that are gone; returns the
 * paths removed. Best effort: a folder that cannot be read, or a file that cannot be removed,
 * is skipped (it is only litter, and the command the user asked for should still run).
 */
export function removeLeftovers(folders: Iterable<string>, running: (pid: number) => boolean = isRunning): string[] {
  const removed: string[] = [];
  for (const folder of new Set(folders)) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const temp = leftoverName(name);
      if (!temp || temp.pid === process.pid || running(temp.pid)) continue;
      const path = join(folder, name);
      try {
        // Files only: a folder or a link with such a name is not one Dossier made.
        const st = lstatSync(path);
        if (!st.isFile()) continue;
        // A name like "report.partial-2024" could be the user's: a copy of a library is
        // removed only if it is one (or empty: killed before the first page was written).
        if (temp.sqlite && st.size > 0 && !isSqliteFile(path)) continue;
        rmSync(path);
        removed.push(path);
      } catch {
        // Gone already, or not ours to remove.
      }
    }
  }
  return removed;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function isSqliteFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}
