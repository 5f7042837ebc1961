import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DossierError } from './errors';

/**
 * Writes a file so that readers see either the old file or the whole new one, never half of
 * it: the data goes to a temporary file in the same folder (so the rename cannot cross file
 * systems), is flushed to disk, and is renamed over the target. The folder is flushed too,
 * where the platform allows it, so the rename itself survives a power cut. When anything
 * fails, or `beforeRename` throws (a cancel), the temporary file is removed and an existing
 * file is left as it was.
 */
export async function writeFileAtomic(path: string, data: Buffer | string, beforeRename?: () => void): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const handle = await open(temp, 'wx', 0o644);
    created = true;
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The last moment to cancel (it throws): after the rename the new file is in place.
    beforeRename?.();
    await rename(temp, path);
    created = false;
  } catch (e) {
    if (created) await rm(temp, { force: true }).catch(() => undefined);
    if ((e as Error)?.name === 'AbortError') throw e;
    const err = e as NodeJS.ErrnoException;
    const reason =
      err.code === 'ENOENT'
        ? 'the folder does not exist'
        : err.code === 'EACCES' || err.code === 'EPERM'
          ? 'permission denied'
          : err.code === 'ENOSPC'
            ? 'the disk is full'
            : err.code === 'EISDIR'
              ? 'a folder has that name'
              : (err.message ?? String(e));
    throw new DossierError('io', `could not write ${path}: ${reason}`, 'path');
  }
  await syncDirectory(dir);
}

/** Flushes a folder's entries to disk; Windows cannot open folders for this, so failures are ignored. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported on this platform or file system: the rename is still atomic.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
