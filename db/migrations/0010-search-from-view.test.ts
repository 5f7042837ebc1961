import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rng } from '../../core/seeded-random';
import { textHash } from '../../core/text-key';
import { Library } from '../library';
import { openDatabase } from '../open';
import { tempDir } from '../testing/temp-library';

/**
 * Migration 10 makes the search index read its words from the facts (no copy of its own). Ranking reads only the index and the
 * column sizes, so every search must find the same facts with the same bm25 scores as the
 * stored-content index of version 9 — after the migration, and after the same edits made
 * through each version's triggers (tags renamed and added, a source retitled, facts edited
 * and deleted).
 */

const WORDS = ['grain', 'corridor', 'Zürich', 'café', 'naïve', 'ceasefire', 'ships', 'shipping', 'port', 'Odesa', 'Danube', 'barges', 'tonnes', 'wheat'];
const NAMES = ['Okafor', 'Lindqvist', 'Müller', 'Díaz'];
const TAGS = ['grain', 'Shipping', 'black-sea', 'énergie', 'rail freight'];
const NOW = '2024-01-19T10:00:00.000Z';

const QUERIES = [
  'grain',
  'zurich',
  'cafe naive',
  '"port barges"',
  'ship*',
  'Okafor',
  'muller',
  'Meridian',
  'Institute',
  'spokesperson',
  'checked',
  'energie',
  'freight',
  'grain NOT wheat',
  'tonnes OR Danube',
  'source : Harbour',
  'tags : shipping',
  'renamed',
];

/** Sources, facts, notes, attributions and tags written with SQL only, as both versions take them. */
function seed(db: Database.Database): void {
  const r = rng(10);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const source = db.prepare(
    'INSERT INTO sources (id, type, title, authors, container_title, publisher, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (let i = 0; i < 30; i++) {
    const authors = i % 3 ? [{ family: pick(NAMES), given: 'Ana' }] : [{ literal: 'Institute for Trade Studies' }];
    source.run(
      `s-${i}`,
      'report',
      `${pick(WORDS)} outlook ${i}`,
      JSON.stringify(authors),
      i % 2 ? 'The Meridian Herald' : null,
      i % 2 ? null : 'Harbour Wire',
      NOW,
      NOW,
    );
  }
  db.exec(TAGS.map((t) => `INSERT INTO tags (name) VALUES ('${t}');`).join(''));
  const fact = db.prepare(
    'INSERT INTO facts (id, text, text_hash, kind, source_id, notes, attribution_name, attribution_role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const tag = db.prepare('INSERT INTO fact_tags (fact_seq, tag_seq) VALUES (?, ?)');
  for (let i = 0; i < 600; i++) {
    const text = `${Array.from({ length: 3 + Math.floor(r() * 10) }, () => pick(WORDS)).join(' ')} (${i}).`;
    const notes = r() < 0.2 ? `${pick(WORDS)} checked` : null;
    const person = r() < 0.2 ? [pick(NAMES), 'spokesperson'] : [null, null];
    const seq = fact.run(`f-${i}`, text, textHash(text), 'paraphrase', `s-${i % 30}`, notes, ...person, NOW, NOW).lastInsertRowid;
    for (const t of new Set([1 + Math.floor(r() * 5), 1 + Math.floor(r() * 5)])) if (r() < 0.5) tag.run(seq, t);
  }
}

/** The same edits, through whichever triggers the library has. */
function edit(db: Database.Database): void {
  db.exec(`
    UPDATE tags SET name = 'renamed freight' WHERE name = 'rail freight';
    UPDATE sources SET title = 'Renamed outlook', authors = '[{"family":"Lindqvist"}]' WHERE id = 's-4';
    UPDATE facts SET notes = 'checked again' WHERE id IN ('f-10', 'f-11');
    UPDATE facts SET text = 'Barges renamed in Zürich.' WHERE id = 'f-12';
    INSERT INTO fact_tags (fact_seq, tag_seq) SELECT seq, 2 FROM facts WHERE id = 'f-13' AND NOT EXISTS (SELECT 1 FROM fact_tags WHERE fact_seq = facts.seq AND tag_seq = 2);
    DELETE FROM fact_tags WHERE fact_seq = (SELECT seq FROM facts WHERE id = 'f-14');
    DELETE FROM facts WHERE id IN ('f-20', 'f-21', 'f-22');
    DELETE FROM tags WHERE name = 'black-sea';
  `);
}

/** Every query's matches, best first, with their bm25 scores; the index first checked against the facts. */
function ranked(db: Database.Database): unknown[] {
  if (db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'fact_search_rows'").get()) {
    db.prepare("INSERT INTO fact_search(fact_search, rank) VALUES ('integrity-check', 1)").run();
  }
  const q = db.prepare('SELECT rowid, rank FROM fact_search WHERE fact_search MATCH ? ORDER BY rank, rowid');
  return QUERIES.map((query) => ({ query, hits: q.all(query) }));
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function library(version: number): { path: string; db: Database.Database } {
  const t = tempDir();
  cleanup = t.cleanup;
  const path = join(t.dir, 'lib.sqlite');
  const db = openDatabase(path, { targetVersion: version });
  seed(db);
  return { path, db };
}

describe('migration 10: the search index without a copy of the words', () => {
  it('ranks every search exactly as the stored index did, before and after edits', () => {
    const { path, db } = library(9);
    const before = ranked(db);
    const empty = (before as { query: string; hits: unknown[] }[]).filter((q) => q.hits.length === 0).map((q) => q.query);
    expect(empty).toEqual(['renamed']); // a word only the edits bring
    edit(db);
    const editedBefore = ranked(db);
    expect(editedBefore).not.toEqual(before);
    db.close();

    // The same library migrated, then the same edits on a second copy of version 9 migrated first.
    const lib = Library.open(path);
    expect(ranked(lib.db)).toEqual(editedBefore);
    expect(lib.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'fact_search_content'").pluck().get()).toBe(0);
    expect(lib.check().ok).toBe(true);
    lib.close();

    const fresh = library(9);
    fresh.db.close();
    const migrated = Library.open(fresh.path);
    expect(ranked(migrated.db)).toEqual(before);
    edit(migrated.db);
    expect(ranked(migrated.db)).toEqual(editedBefore);
    expect(migrated.check().ok).toBe(true);
    migrated.close();
  });

  it('migrates a library whose index was lost, and indexes every fact', () => {
    const { path, db } = library(9);
    db.exec('DROP TABLE fact_search');
    db.close();
    const lib = Library.open(path);
    expect(lib.searchFacts({ text: 'Meridian' }).total).toBe(300);
    expect(lib.check().ok).toBe(true);
    lib.close();
  });

  it("finds facts by their source's title, outlet, publisher and authors", () => {
    const { path, db } = library(9);
    db.close();
    const lib = Library.open(path);
    const count = (text: string) => lib.searchFacts({ text }).total;
    const ofSource = (id: string) => lib.db.prepare('SELECT count(*) FROM facts WHERE source_id = ?').pluck().get(id) as number;
    expect(count('"outlook 7"')).toBe(ofSource('s-7'));
    expect(count('Meridian')).toBe(300);
    expect(count('Harbour')).toBe(300);
    expect(count('Institute')).toBe(200);
    // Retitling a source re-indexes its facts under the new words only.
    lib.updateSource('s-7', { title: 'Quokka census', authors: [{ family: 'Vasquez' }] });
    expect(count('quokka')).toBe(ofSource('s-7'));
    expect(count('vasquez')).toBe(ofSource('s-7'));
    expect(count('"outlook 7"')).toBe(0);
    lib.close();
  });
});
