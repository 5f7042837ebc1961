import type { Migration } from './migration';

/**
 * Writing briefings, not only assembling them (issue 11):
 * - `briefing_cites`: the facts each prose item cites in its text (pandoc-style marks, see
 *   core/citation-marks.ts), kept in step with the text so a cited fact cannot be deleted
 *   (RESTRICT, as for placed facts) and "which briefings use this fact" is one query.
 * - `briefing_items.wording`: a placed fact reworded for this briefing; the fact stays as
 *   captured. `briefing_items.marking`: a portion mark the analyst raised for one item.
 * - `fact_citation_state`: what a fact's use depends on (its text, locator, via, and its
 *   source's citation fields) as one JSON value; `briefing_fact_seen` keeps that value as it
 *   was when the briefing took the fact (or last accepted a change), so a corrected fact or
 *   source flags every briefing that uses it, with the old text to show beside the new.
 * - `briefing_versions` and `briefing_exports`: what was written and what was sent.
 */
export const writing: Migration = {
  version: 4,
  name: 'writing',
  up(db) {
    db.exec(`
      ALTER TABLE briefing_items ADD COLUMN wording TEXT;
      ALTER TABLE briefing_items ADD COLUMN marking TEXT;

      CREATE TABLE briefing_cites (
        item_id  TEXT NOT NULL REFERENCES briefing_items(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        fact_id  TEXT NOT NULL REFERENCES facts(id) ON DELETE RESTRICT,
        PRIMARY KEY (item_id, position)
      ) STRICT;
      CREATE INDEX briefing_cites_fact ON briefing_cites(fact_id);

      CREATE VIEW fact_citation_state AS
        SELECT f.id AS fact_id, f.text AS text, json_object(
            'text', f.text, 'kind', f.kind,
            'locator', json_array(f.locator_label, f.locator_value),
            'via', f.via_source_id,
            'source', json_object(
              'id', s.id, 'type', s.type, 'title', s.title, 'authors', json(s.authors), 'editors', json(s.editors),
              'container', s.container_title, 'publisher', s.publisher, 'place', s.publisher_place,
              'issued', s.issued, 'url', s.url, 'doi', s.doi, 'pages', s.pages, 'volume', s.volume,
              'issue', s.issue, 'number', s.number)
          ) AS state
        FROM facts f JOIN sources s ON s.id = f.source_id;

      CREATE TABLE briefing_fact_seen (
        briefing_id TEXT NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
        fact_id     TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
        state       TEXT NOT NULL CHECK (json_valid(state)),
        seen_at     TEXT NOT NULL,
        PRIMARY KEY (briefing_id, fact_id)
      ) STRICT;

      CREATE TABLE briefing_versions (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        briefing_id TEXT NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
        number      INTEGER NOT NULL,
        reason      TEXT NOT NULL CHECK (reason IN ('edit','export','restore','import')),
        content     TEXT NOT NULL CHECK (json_valid(content)),
        notes       TEXT NOT NULL CHECK (json_valid(notes)),
        created_at  TEXT NOT NULL,
        UNIQUE (briefing_id, number)
      ) STRICT;

      CREATE TABLE briefing_exports (
        seq         INTEGER PRIMARY KEY,
        briefing_id TEXT NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
        version     INTEGER NOT NULL,
        format      TEXT NOT NULL,
        path        TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX briefing_exports_briefing ON briefing_exports(briefing_id, seq);

      -- Facts placed before this version are taken as seen as they are now.
      INSERT OR IGNORE INTO briefing_fact_seen (briefing_id, fact_id, state, seen_at)
        SELECT s.briefing_id, i.fact_id, c.state, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        FROM briefing_items i JOIN briefing_sections s ON s.id = i.section_id
        JOIN fact_citation_state c ON c.fact_id = i.fact_id
        WHERE i.fact_id IS NOT NULL;
    `);
  },
};
