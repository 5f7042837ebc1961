import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../api/handlers';
import { SAMPLE_SOURCE, tempLibrary } from './testing/temp-library';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function library() {
  const t = tempLibrary();
  cleanup = t.cleanup;
  return { ...t, dispatch: createDispatcher(t.lib, { allowWrite: () => false }) };
}

describe('SQLite failures reach a person as a cause and what to do', () => {
  it('a full disk: the message says so, and the change is rolled back', async () => {
    const { lib, dispatch } = library();
    const source = lib.addSource(SAMPLE_SOURCE);
    const pages = lib.db.pragma('page_count', { simple: true }) as number;
    lib.db.pragma(`max_page_count = ${pages + 3}`); // the disk "fills" a few pages from now
    const r = await dispatch('facts:add', [
      { text: 'A long fact about the corridor and its ports.', sourceId: source.id, notes: 'Background on the ports. '.repeat(700) },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('io');
    expect(r.error.message).toMatch(
      /^The disk holding .*library\.sqlite is full: free some space, then try again\. The change was rolled back; the library is as it was\.$/,
    );
    lib.db.pragma('max_page_count = 4294967294');
    expect(lib.counts().facts).toBe(0);
    expect(lib.check().ok).toBe(true);
  });

  it('a library locked by another program: the message names the lock, nothing is written', async () => {
    const { lib, path, dispatch } = library();
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE'); // another writer holds the library
    try {
      lib.db.pragma('busy_timeout = 50');
      const r = await dispatch('sources:add', [SAMPLE_SOURCE]);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.message).toMatch(/is locked by another program .*wait or close it, then try again\. The change was rolled back/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(lib.counts().sources).toBe(0);
  });
});
