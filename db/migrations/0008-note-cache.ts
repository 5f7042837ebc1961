import type { Migration } from './migration';

/**
 * Rendered citations kept with the briefing (issue 15): `briefing_note_cache` holds, per
 * briefing, the notes and bibliography citeproc rendered last (by the app's preview or an
 * export) so a later export, in any process, re-renders only what changed.
 *
 * One row per briefing, replaced whole: the size is bounded by one document's notes. `format`
 * is the layout of `data` (export/note-cache.ts); a row of another format is ignored and
 * rewritten. `global_key` digests everything every note depends on (style and its contents,
 * locale, citeproc, Dossier's output version, all cited items' data), `doc_key` that and the
 * document's clusters in order. Derived data only: dropping a row loses nothing.
 */
export const noteCache: Migration = {
  version: 8,
  name: 'note-cache',
  up(db) {
    db.exec(`
      CREATE TABLE briefing_note_cache (
        briefing_id TEXT PRIMARY KEY REFERENCES briefings(id) ON DELETE CASCADE,
        format      INTEGER NOT NULL,
        global_key  TEXT NOT NULL,
        doc_key     TEXT NOT NULL,
        data        BLOB NOT NULL,
        written_at  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
