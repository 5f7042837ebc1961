import type { Migration } from './migration';

/** The originals' search index; check --repair makes it anew from the same words. */
export const ORIGINAL_SEARCH_DDL = `CREATE VIRTUAL TABLE original_search USING fts5(
        text, content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );`;

/**
 * The original of every captured file, kept inside the library (issue 13 §4):
 * - `originals`: one row per distinct file, keyed by the SHA-256 of its bytes (a second
 *   capture of the same file stores nothing new). The bytes are deflated; `passages` is the
 *   text the importer extracted, block by block with its locator (a PDF page, a paragraph),
 *   as deflated JSON, so "show in source" and the quote check need no re-import. Each has its
 *   own hash, checked before either is served and by `check`.
 * - `source_originals`: which source was captured from which file, under what name, when.
 *   An original no source refers to any more is removed with its last reference (trigger).
 * - `original_search`: a full-text index of the passages (derived data, rebuilt from
 *   `originals`); contentless, so the text is not stored a second time.
 *
 * Inside the library file rather than in a folder beside it: one transaction writes the
 * source, its facts and its original (a capture is never half kept), a backup or a copy of
 * the file carries them, and `check` sees them with everything else.
 */
export const originals: Migration = {
  version: 6,
  name: 'originals',
  up(db) {
    db.exec(`
      CREATE TABLE originals (
        seq         INTEGER PRIMARY KEY,
        sha256      TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        media_type  TEXT NOT NULL,
        byte_size   INTEGER NOT NULL CHECK (byte_size >= 0),
        compression TEXT NOT NULL CHECK (compression IN ('deflate-raw')),
        compressed  BLOB NOT NULL,
        passages    BLOB NOT NULL,
        passage_count INTEGER NOT NULL CHECK (passage_count >= 0),
        text_sha256 TEXT NOT NULL CHECK (length(text_sha256) = 64),
        created_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE source_originals (
        source_id   TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        sha256      TEXT NOT NULL REFERENCES originals(sha256),
        file_name   TEXT,
        captured_at TEXT NOT NULL,
        PRIMARY KEY (source_id, sha256)
      ) STRICT;
      CREATE INDEX source_originals_sha256 ON source_originals(sha256);

      -- Passage n of original seq is row seq * 2^24 + n: no table of row numbers to keep.
      ${ORIGINAL_SEARCH_DDL}

      CREATE TRIGGER source_originals_last_reference AFTER DELETE ON source_originals
      WHEN NOT EXISTS (SELECT 1 FROM source_originals WHERE sha256 = old.sha256)
      BEGIN
        DELETE FROM originals WHERE sha256 = old.sha256;
      END;

      CREATE TRIGGER originals_unindex AFTER DELETE ON originals
      BEGIN
        DELETE FROM original_search WHERE rowid BETWEEN old.seq * 16777216 AND old.seq * 16777216 + 16777215;
      END;
    `);
  },
};
