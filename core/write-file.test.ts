import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DossierError } from './errors';
import { writeFileAtomic } from './write-file';

// Lets a test make fsync of the temporary file fail (a disk error in the middle of a write).
const failures = vi.hoisted(() => ({ sync: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args);
      if (!failures.sync || args[1] !== 'wx') return handle;
      return new Proxy(handle, {
        get(target, prop) {
          if (prop === 'sync') return async () => Promise.reject(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
          const v = Reflect.get(target, prop) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    },
  };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-write-'));
});
afterEach(() => {
  failures.sync = false;
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an existing one', async () => {
    const path = join(dir, 'memo.docx');
    await writeFileAtomic(path, Buffer.from('first'));
    expect(readFileSync(path, 'utf8')).toBe('first');
    await writeFileAtomic(path, 'second ✓');
    expect(readFileSync(path, 'utf8')).toBe('second ✓');
    expect(readdirSync(dir)).toEqual(['memo.docx']);
  });

  it('fails with an io error when the folder is missing, leaving nothing behind', async () => {
    const path = join(dir, 'missing', 'memo.docx');
    const err = await writeFileAtomic(path, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DossierError);
    expect((err as DossierError).code).toBe('io');
    expect((err as DossierError).message).toContain('folder does not exist');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves the old file untouched and removes the temp file when the write fails midway', async () => {
    const path = join(dir, 'memo.docx');
    writeFileSync(path, 'old content');
    failures.sync = true;
    const err = await writeFileAtomic(path, Buffer.alloc(100_000, 1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DossierError);
    expect((err as DossierError).code).toBe('io');
    expect(readFileSync(path, 'utf8')).toBe('old content');
    expect(readdirSync(dir)).toEqual(['memo.docx']);
  });

  it('leaves the old file untouched and no temp file when the rename fails', async () => {
    // The target is a non-empty folder: the data is written to the temp file, then rename fails.
    const path = join(dir, 'memo.docx');
    mkdirSync(path);
    writeFileSync(join(path, 'keep.txt'), 'old content');
    await expect(writeFileAtomic(path, 'new content')).rejects.toMatchObject({ code: 'io' });
    expect(readFileSync(join(path, 'keep.txt'), 'utf8')).toBe('old content');
    expect(readdirSync(dir)).toEqual(['memo.docx']);
  });
});
