import type { Migration } from './migration';

/**
 * The search index stops keeping its own copy of every fact's words.
 *
 * Until now `fact_search` stored all five columns a second time (`fact_search_content`: a
 * fifth of a large library's file, and close to half of a bulk import's index work). Nothing
 * reads them back — highlights are computed from the fact's text, ranking needs only the index
 * and the column sizes — so the index becomes an external-content one over the
 * `fact_search_rows` view: the one definition of what is indexed for a fact, which the
 * triggers, the bulk insert and the index rebuild all read, and which FTS5's own
 * `integrity-check` compares the index with.
 *
 * The index entries, column sizes and bm25 weights are exactly as before, so searches find the
 * same facts in the same order. What changes is how an entry is removed: the index no longer
 * knows what it holds, so each trigger hands FTS5 the entry's old words (`'delete'`) — from
 * the view before the change, or rebuilt from `old.*` after it — and then the new row. (A
 * `contentless_delete=1` index needs no old words, but its deletes leave bm25's document count
 * and average lengths as they were, so ranking would drift with every edit.) Every delete is
 * guarded by the entry's column-size row, so a fact missing from a damaged index is added
 * back rather than deleted twice.
 */
export const searchFromView: Migration = {
  version: 10,
  name: 'search-from-view',
  up(db) {
    db.exec(`
      -- IF EXISTS: a library whose index was lost (a state \`dossier check\` repairs) still opens, with a new one.
      DROP TRIGGER IF EXISTS facts_ai;
      DROP TRIGGER IF EXISTS facts_au;
      DROP TRIGGER IF EXISTS facts_ad;
      DROP TRIGGER IF EXISTS fact_tags_ai;
      DROP TRIGGER IF EXISTS fact_tags_ad;
      DROP TRIGGER IF EXISTS tags_au;
      DROP TRIGGER IF EXISTS sources_search_au;
      DROP TABLE IF EXISTS fact_search;

      -- What the index holds for each fact: its words, tags (in tag order), notes, attribution
      -- and its source's words.
      CREATE VIEW fact_search_rows (seq, text, tags, notes, attribution, source) AS
        SELECT f.seq, f.text,
               coalesce((SELECT group_concat(t.name, ' ' ORDER BY ft.tag_seq) FROM fact_tags ft JOIN tags t ON t.seq = ft.tag_seq WHERE ft.fact_seq = f.seq), ''),
               coalesce(f.notes, ''),
               concat_ws(' ', f.attribution_name, f.attribution_role),
               (SELECT search_text FROM sources WHERE id = f.source_id)
        FROM facts f;

      CREATE VIRTUAL TABLE fact_search USING fts5(
        text, tags, notes, attribution, source,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '3',
        content = 'fact_search_rows',
        content_rowid = 'seq'
      );
      -- Relevance: a word in the fact itself counts most, then tags, attribution, notes, source.
      INSERT INTO fact_search(fact_search, rank) VALUES ('rank', 'bm25(10.0, 5.0, 2.0, 4.0, 1.5)');
      INSERT INTO fact_search(rowid, text, tags, notes, attribution, source)
        SELECT seq, text, tags, notes, attribution, source FROM fact_search_rows ORDER BY seq;

      CREATE TRIGGER facts_ai AFTER INSERT ON facts BEGIN
        INSERT INTO fact_search(rowid, text, tags, notes, attribution, source)
          SELECT seq, text, tags, notes, attribution, source FROM fact_search_rows WHERE seq = new.seq;
      END;
      -- Before the row goes, while the view still shows it with its tags (the cascade removes them first).
      CREATE TRIGGER facts_bd BEFORE DELETE ON facts BEGIN
        INSERT INTO fact_search(fact_search, rowid, text, tags, notes, attribution, source)
          SELECT 'delete', seq, text, tags, notes, attribution, source FROM fact_search_rows
          WHERE seq = old.seq AND EXISTS (SELECT 1 FROM fact_search_docsize WHERE id = old.seq);
      END;
      -- After the change, from old.*: its tags are untouched, and its old source is looked up by
      -- the old id (or, when the source's id itself was changed and cascaded here, by the new one).
      CREATE TRIGGER facts_au AFTER UPDATE OF text, notes, attribution_name, attribution_role, source_id ON facts BEGIN
        INSERT INTO fact_search(fact_search, rowid, text, tags, notes, attribution, source)
          SELECT 'delete', old.seq, old.text, tags, coalesce(old.notes, ''), concat_ws(' ', old.attribution_name, old.attribution_role),
                 coalesce((SELECT search_text FROM sources WHERE id = old.source_id), (SELECT search_text FROM sources WHERE id = new.source_id))
          FROM fact_search_rows WHERE seq = new.seq AND EXISTS (SELECT 1 FROM fact_search_docsize WHERE id = old.seq);
        INSERT INTO fact_search(rowid, text, tags, notes, attribution, source)
          SELECT seq, text, tags, notes, attribution, source FROM fact_search_rows WHERE seq = new.seq;
      END;
      -- A new fact's tags are written before its row (the WHEN skips them); a tag added to an
      -- existing fact: its old tags are the ones without the new link.
      CREATE TRIGGER fact_tags_ai AFTER INSERT ON fact_tags
      WHEN EXISTS (SELECT 1 FROM facts WHERE seq = new.fact_seq) BEGIN
        INSERT INTO fact_search(fact_search, rowid, text, tags, notes, attribution, source)
          SELECT 'delete', seq, text,
                 coalesce((SELECT group_concat(t.name, ' ' ORDER BY ft.tag_seq) FROM fact_tags ft JOIN tags t ON t.seq = ft.tag_seq
                           WHERE ft.fact_seq = new.fact_seq AND ft.tag_seq <> new.tag_seq), ''),
                 notes, attribution, source
          FROM fact_search_rows WHERE seq = new.fact_seq AND EXISTS (SELECT 1 FROM fact_search_docsize WHERE id = new.fact_seq);
        INSERT INTO fact_search(rowid, text, tags, notes, attribution, source)
          SELECT seq, text, tags, notes, attribution, source FROM fact_search_rows WHERE seq = new.fact_seq;
      END;
      -- A tag taken off a fact that stays: its old tags are the ones left plus the removed one.
      -- (A deleted tag's facts were taken out of the index by tags_bd already: the guard skips them.)
      CREATE TRIGGER fact_tags_ad AFTER DELETE ON fact_tags
      WHEN EXISTS (SELECT 1 FROM facts WHERE seq = old.fact_seq) BEGIN
        INSERT INTO fact_search(fact_search, rowid, text, tags, notes, attribution, source)
          SELECT 'delete', seq, text,
                 coalesce((SELECT group_concat(name, ' ' ORDER BY tag_seq) FROM (
                             SELECT ft.tag_seq, t.name FROM fact_tags ft JOIN tags t ON t.seq = ft.tag_seq WHERE ft.fact_seq = old.fact_seq
                             UNION ALL SELECT seq, name FROM tags WHERE seq = old.tag_seq)), ''),
                 notes, attribution, source
          FROM fact_search_rows WHERE seq = old.fact_seq AND EXISTS (SELECT 1 FROM fact_search_docsize WHERE id = old.fact_seq);
        INSERT INTO fact_search(rowid, text, tags, notes, attribution, source)
          SELECT seq, text, tags, notes, attribution, source FROM fact_search_rows
          WHERE seq = old.fact_seq AND NOT EXISTS (SELECT 1 FROM fact_search_docsize WHERE id = old.fact_seq);
      END;
      -- Before a tag goes, its facts leave the index while the view still shows it; the cascade
      -- that unlinks it (fact_tags_ad) puts each back without it.
      CREATE TRIGGER tags_bd BEFORE DELETE ON tags BEGIN
        INSERT INTO fact_search(fact_search, rowid, text, tags, notes, attribution, source)
          SELECT 'delete', seq, text, tags, notes, attribution, source FROM fact_search_rows
          WHERE seq IN (SELECT fact_seq FROM fact_tags WHERE tag_seq = old.seq)
            AND EXISTS (SELECT 1 FROM fact_search_docsize WHERE id = seq);
      END;
      CREATE TRIGGER tags_au AFTER UPDATE OF name ON tags BEGIN
        INSERT INTO fact_search(fact_search, rowid, text, tags, notes, attribution, source)
          SELECT 'delete', seq, text,
                 coalesce((SELECT group_concat(iif(t.seq = new.seq, old.name, t.name), ' ' ORDER BY ft.tag_seq) FROM fact_tags ft JOIN tags t ON t.seq = ft.tag_seq
                           WHERE ft.fact_seq = r.seq), ''),
                 notes, attribution, source
          FROM fact_search_rows r
          WHERE seq IN (SELECT fact_seq FROM fact_tags WHERE tag_seq = new.seq) AND EXISTS (SELECT 1 FROM fact_search_docsize WHERE id = seq);
        INSERT INTO fact_search(rowid, text, tags, notes, attribution, source)
          SELECT seq, text, tags, notes, attribution, source FROM fact_search_rows
          WHERE seq IN (SELECT fact_seq FROM fact_tags WHERE tag_seq = new.seq) ORDER BY seq;
      END;
      -- The source's facts leave the index with its old words (old.search_text) and come back with the new.
      CREATE TRIGGER sources_search_au AFTER UPDATE OF title, container_title, publisher, authors ON sources BEGIN
        INSERT INTO fact_search(fact_search, rowid, text, tags, notes, attribution, source)
          SELECT 'delete', seq, text, tags, notes, attribution, old.search_text FROM fact_search_rows
          WHERE seq IN (SELECT seq FROM facts WHERE source_id = new.id) AND EXISTS (SELECT 1 FROM fact_search_docsize WHERE id = seq);
        UPDATE sources SET search_text = trim(new.title || ' ' || coalesce(new.container_title, '') || ' ' || coalesce(new.publisher, '') || ' ' ||
          coalesce((SELECT group_concat(concat_ws(' ', json_extract(n.value, '$.literal'), json_extract(n.value, '$.given'), json_extract(n.value, '$.family')), ' ')
                    FROM json_each(new.authors) AS n), ''))
        WHERE seq = new.seq;
        INSERT INTO fact_search(rowid, text, tags, notes, attribution, source)
          SELECT seq, text, tags, notes, attribution, source FROM fact_search_rows
          WHERE seq IN (SELECT seq FROM facts WHERE source_id = new.id) ORDER BY seq;
      END;
    `);
  },
};
