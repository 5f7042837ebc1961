import type { Migration } from './migration';

/**
 * Corroboration: the analyst's statement that two facts support the same claim. One row per
 * unordered pair, stored with the smaller uuid first (a CHECK, so "A~B" and "B~A" cannot both
 * exist and the UNIQUE key catches a repeat in either order). Both ends cascade: deleting a
 * fact deletes its links, never the other fact. Indexed from both ends, because a fact's links
 * are looked up whichever side it is on (and the foreign-key cascade needs both indexes).
 */
export const corroboration: Migration = {
  version: 2,
  name: 'corroboration',
  up(db) {
    db.exec(`
      CREATE TABLE corroborations (
        fact_a     TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
        fact_b     TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
        note       TEXT CHECK (note IS NULL OR length(trim(note)) > 0),
        created_at TEXT NOT NULL,
        PRIMARY KEY (fact_a, fact_b),
        CHECK (fact_a < fact_b)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX corroborations_b ON corroborations(fact_b, fact_a);
    `);
  },
};
