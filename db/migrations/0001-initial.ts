import type { Migration } from './migration';

/**
 * The first schema: sources (one row per CSL item), facts, tags, briefings and the FTS5 index.
 * Tables are STRICT so a wrong type is an error, not a silent coercion; uuids are the public
 * ids, integer `seq` keys keep joins and the FTS rowid cheap.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sources (
        seq             INTEGER PRIMARY KEY,
        id              TEXT NOT NULL UNIQUE,
        type            TEXT NOT NULL,
        title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
        authors         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authors)),
        editors         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(editors)),
        container_title TEXT,
        publisher       TEXT,
        publisher_place TEXT,
        issued          TEXT,
        accessed        TEXT,
        url             TEXT,
        doi             TEXT,
        pages           TEXT,
        volume          TEXT,
        issue           TEXT,
        number          TEXT,
        language        TEXT,
        notes           TEXT,
        reliability     TEXT CHECK (reliability IN ('A','B','C','D','E','F')),
        extra           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra)),
        -- What search sees of the source (title, container, publisher, names); kept by triggers
        -- so each fact's index row copies it instead of recomputing it from JSON.
        search_text     TEXT NOT NULL DEFAULT '',
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sources_type ON sources(type);
      CREATE INDEX sources_issued ON sources(issued);
      -- Covers the source-side filters (reliability, type, date) looked up per candidate fact.
      CREATE INDEX sources_filters ON sources(id, reliability, type, issued);
      CREATE INDEX sources_doi ON sources(lower(doi)) WHERE doi IS NOT NULL;
      CREATE INDEX sources_url ON sources(url) WHERE url IS NOT NULL;

      CREATE TABLE facts (
        seq              INTEGER PRIMARY KEY,
        id               TEXT NOT NULL UNIQUE,
        text             TEXT NOT NULL CHECK (length(trim(text)) > 0),
        -- Hash of the normalised text (core/text-key.ts): finds a re-imported sentence cheaply.
        text_hash        BLOB NOT NULL,
        kind             TEXT NOT NULL CHECK (kind IN ('quote','paraphrase','statistic')),
        source_id        TEXT NOT NULL REFERENCES sources(id) ON DELETE RESTRICT ON UPDATE CASCADE,
        position         INTEGER,
        locator_label    TEXT,
        locator_value    TEXT,
        attribution_name TEXT,
        attribution_role TEXT,
        via_source_id    TEXT REFERENCES sources(id) ON DELETE RESTRICT ON UPDATE CASCADE,
        event_date       TEXT,
        credibility      INTEGER CHECK (credibility BETWEEN 1 AND 6),
        marking          TEXT,
        notes            TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        verified_at      TEXT,
        CHECK ((locator_label IS NULL) = (locator_value IS NULL))
      ) STRICT;
      -- One fact per normalised text per source: re-importing the same article adds nothing.
      CREATE UNIQUE INDEX facts_source_text ON facts(source_id, text_hash);
      CREATE INDEX facts_via ON facts(via_source_id) WHERE via_source_id IS NOT NULL;
      -- source_id rides along so date filters that also test the source never read the fact row.
      CREATE INDEX facts_event_date ON facts(event_date, source_id);
      CREATE INDEX facts_created ON facts(created_at);
      CREATE INDEX facts_verified ON facts(verified_at);

      CREATE TABLE tags (
        seq  INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0)
      ) STRICT;

      CREATE TABLE fact_tags (
        -- Deferred: a new fact's tags are linked just before the fact row itself, so the index
        -- row is written once with its tags instead of being rewritten for every tag.
        fact_seq INTEGER NOT NULL REFERENCES facts(seq) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        tag_seq  INTEGER NOT NULL REFERENCES tags(seq) ON DELETE CASCADE,
        PRIMARY KEY (fact_seq, tag_seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX fact_tags_tag ON fact_tags(tag_seq);

      CREATE TABLE briefings (
        seq            INTEGER PRIMARY KEY,
        id             TEXT NOT NULL UNIQUE,
        title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
        template_id    TEXT NOT NULL,
        style_id       TEXT,
        note_placement TEXT CHECK (note_placement IN ('footnotes','endnotes')),
        marking        TEXT,
        portion_marks  INTEGER NOT NULL DEFAULT 0,
        derived_from   INTEGER NOT NULL DEFAULT 0,
        fields         TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      ) STRICT;

      CREATE TABLE briefing_sections (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        briefing_id TEXT NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        key         TEXT NOT NULL,
        heading     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX briefing_sections_briefing ON briefing_sections(briefing_id, position);

      CREATE TABLE briefing_items (
        seq           INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        section_id    TEXT NOT NULL REFERENCES briefing_sections(id) ON DELETE CASCADE,
        position      INTEGER NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('prose','fact')),
        text          TEXT,
        -- RESTRICT: a fact a briefing cites cannot vanish underneath it.
        fact_id       TEXT REFERENCES facts(id) ON DELETE RESTRICT,
        locator_label TEXT,
        locator_value TEXT,
        lead          TEXT,
        CHECK ((kind = 'fact') = (fact_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX briefing_items_section ON briefing_items(section_id, position);
      CREATE INDEX briefing_items_fact ON briefing_items(fact_id) WHERE fact_id IS NOT NULL;

      CREATE TRIGGER sources_search_ai AFTER INSERT ON sources BEGIN
        UPDATE sources SET search_text = trim(new.title || ' ' || coalesce(new.container_title, '') || ' ' || coalesce(new.publisher, '') || ' ' ||
          coalesce((SELECT group_concat(concat_ws(' ', json_extract(n.value, '$.literal'), json_extract(n.value, '$.given'), json_extract(n.value, '$.family')), ' ')
                    FROM json_each(new.authors) AS n), ''))
        WHERE seq = new.seq;
      END;
      CREATE TRIGGER sources_search_au AFTER UPDATE OF title, container_title, publisher, authors ON sources BEGIN
        UPDATE sources SET search_text = trim(new.title || ' ' || coalesce(new.container_title, '') || ' ' || coalesce(new.publisher, '') || ' ' ||
          coalesce((SELECT group_concat(concat_ws(' ', json_extract(n.value, '$.literal'), json_extract(n.value, '$.given'), json_extract(n.value, '$.family')), ' ')
                    FROM json_each(new.authors) AS n), ''))
        WHERE seq = new.seq;
        UPDATE fact_search SET source = (SELECT search_text FROM sources WHERE seq = new.seq)
        WHERE rowid IN (SELECT seq FROM facts WHERE source_id = new.id);
      END;

      CREATE VIRTUAL TABLE fact_search USING fts5(
        text, tags, notes, attribution, source,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '3'
      );
      -- Relevance: a word in the fact itself counts most, then tags, attribution, notes, source.
      INSERT INTO fact_search(fact_search, rank) VALUES ('rank', 'bm25(10.0, 5.0, 2.0, 4.0, 1.5)');

      CREATE TRIGGER facts_ai AFTER INSERT ON facts BEGIN
        INSERT INTO fact_search(rowid, text, tags, notes, attribution, source)
        VALUES (new.seq, new.text,
                coalesce((SELECT group_concat(t.name, ' ') FROM fact_tags ft JOIN tags t ON t.seq = ft.tag_seq WHERE ft.fact_seq = new.seq), ''),
                coalesce(new.notes, ''),
                concat_ws(' ', new.attribution_name, new.attribution_role),
                (SELECT search_text FROM sources WHERE id = new.source_id));
      END;
      CREATE TRIGGER facts_au AFTER UPDATE OF text, notes, attribution_name, attribution_role, source_id ON facts BEGIN
        UPDATE fact_search SET
          text = new.text,
          notes = coalesce(new.notes, ''),
          attribution = concat_ws(' ', new.attribution_name, new.attribution_role),
          source = (SELECT search_text FROM sources WHERE id = new.source_id)
        WHERE rowid = new.seq;
      END;
      CREATE TRIGGER facts_ad AFTER DELETE ON facts BEGIN
        DELETE FROM fact_search WHERE rowid = old.seq;
      END;
      CREATE TRIGGER fact_tags_ai AFTER INSERT ON fact_tags
      WHEN EXISTS (SELECT 1 FROM facts WHERE seq = new.fact_seq) BEGIN
        UPDATE fact_search SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM fact_tags ft JOIN tags t ON t.seq = ft.tag_seq WHERE ft.fact_seq = new.fact_seq), '')
        WHERE rowid = new.fact_seq;
      END;
      CREATE TRIGGER fact_tags_ad AFTER DELETE ON fact_tags BEGIN
        UPDATE fact_search SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM fact_tags ft JOIN tags t ON t.seq = ft.tag_seq WHERE ft.fact_seq = old.fact_seq), '')
        WHERE rowid = old.fact_seq;
      END;
      CREATE TRIGGER tags_au AFTER UPDATE OF name ON tags BEGIN
        UPDATE fact_search SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM fact_tags ft JOIN tags t ON t.seq = ft.tag_seq WHERE ft.fact_seq = fact_search.rowid), '')
        WHERE rowid IN (SELECT fact_seq FROM fact_tags WHERE tag_seq = new.seq);
      END;

    `);
  },
};
