import type { Migration } from './migration';

/**
 * The library's own identity: a random id fixed when the library is made (or upgraded), so a
 * leftover journal written for another library is recognised before it is replayed into this
 * one (db/journal-guard.ts), and a backup can be matched to the library it came from.
 */
export const libraryId: Migration = {
  version: 3,
  name: 'library-id',
  up(db) {
    db.exec(`INSERT OR IGNORE INTO settings (key, value) VALUES ('library_id', lower(hex(randomblob(16))))`);
  },
};
