import { copyFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Library } from '../library';
import { tempLibrary } from '../testing/temp-library';

const opened: { cleanup(): void }[] = [];
afterEach(() => opened.splice(0).forEach((t) => t.cleanup()));

describe('the id a library pushes under', () => {
  it("is the library's own id at first, and stays so across reopening and renaming the file", () => {
    const t = tempLibrary();
    opened.push(t);
    const first = t.lib.syncIdentity();
    expect(first).toBe(t.lib.libraryId());
    t.lib.close();
    const moved = join(t.dir, 'renamed.sqlite');
    renameSync(t.path, moved);
    const lib = Library.open(moved);
    try {
      expect(lib.syncIdentity()).toBe(first);
    } finally {
      lib.close();
    }
  });

  it('is new for a copy of the file, and then stable for that copy; the original keeps its own', () => {
    const t = tempLibrary();
    opened.push(t);
    const original = t.lib.syncIdentity();
    t.lib.close();
    const copyPath = join(t.dir, 'copy.sqlite');
    copyFileSync(t.path, copyPath);
    const copy = Library.open(copyPath);
    try {
      const copied = copy.syncIdentity();
      expect(copy.libraryId()).toBe(original); // the file's own id travels with it
      expect(copied).not.toBe(original);
      expect(copy.syncIdentity()).toBe(copied);
    } finally {
      copy.close();
    }
    const again = Library.open(copyPath);
    const back = Library.open(t.path);
    try {
      expect(again.syncIdentity()).not.toBe(original);
      expect(back.syncIdentity()).toBe(original);
    } finally {
      again.close();
      back.close();
    }
  });
});
