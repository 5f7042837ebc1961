import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCheckpointLater } from './checkpoint-later';
import type { Library } from './library';
import { tempLibrary } from './testing/temp-library';

let lib: Library;
let path: string;
let cleanup: () => void;
beforeEach(() => {
  ({ lib, path, cleanup } = tempLibrary());
  lib.db.exec('CREATE TABLE bulk (data BLOB NOT NULL)');
});
afterEach(() => cleanup());

/** ~8 MiB in one transaction: about 2,000 pages of log, past SQLite's 1,000-page threshold. */
function bigWrite(): void {
  lib.db.transaction(() =>
    lib.db.prepare('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO bulk SELECT randomblob(4000) FROM n').run(),
  )();
}

const fileSize = () => statSync(path).size;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('withCheckpointLater', () => {
  it('lets a large commit return before its log is copied into the file, and copies it at the next turn', async () => {
    const before = fileSize();
    withCheckpointLater(lib.db, bigWrite);
    expect(fileSize()).toBe(before);
    expect(lib.db.prepare('SELECT count(*) FROM bulk').pluck().get()).toBe(2000);
    expect(lib.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await nextTurn();
    expect(fileSize()).toBeGreaterThan(before + 7_000_000);
  });

  it('changes nothing when the commit checkpoints on its own (the control)', () => {
    const before = fileSize();
    bigWrite();
    expect(fileSize()).toBeGreaterThan(before + 7_000_000);
  });

  it('puts the threshold back when the write fails, and the failed write leaves nothing', async () => {
    expect(() =>
      withCheckpointLater(lib.db, () =>
        lib.db.transaction(() => {
          bigWrite();
          throw new Error('importer failed');
        })(),
      ),
    ).toThrow('importer failed');
    expect(lib.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(lib.db.prepare('SELECT count(*) FROM bulk').pluck().get()).toBe(0);
    await nextTurn();
  });

  it('does not touch a library closed before the next turn (closing checkpoints it)', async () => {
    withCheckpointLater(lib.db, bigWrite);
    lib.close();
    await nextTurn();
    expect(fileSize()).toBeGreaterThan(7_000_000);
  });
});
