import { closeSync, copyFileSync, fsyncSync, openSync } from 'node:fs';

/** Flushes a folder's entries (a rename inside it) to disk. */
export function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open folders for fsync; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Copies a file and flushes the copy, so a rename of it that follows survives a power cut. */
export function copyFileFlushed(from: string, to: string): void {
  copyFileSync(from, to);
  const fd = openSync(to, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** 2026-03-01T10-22-33Z: a timestamp that is safe in a file name on every system. */
export function fileStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}
