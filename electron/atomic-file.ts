import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { syncDir } from '../core/durable-file';

/**
 * Writes a small file (the app's state) so that it is either the old or the whole new file
 * after a crash: temp file in the same folder, fsync, rename over, fsync the folder.
 * Synchronous on purpose: it runs while the window closes, when a pending promise may never
 * be awaited.
 */
export function writeFileAtomicSync(path: string, data: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o600);
    writeSync(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw e;
  }
  syncDir(dirname(path));
}
