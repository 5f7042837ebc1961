import { stmt } from '../statements';
import { DossierError, invalid, notFound, printable } from '../../core/errors';
import { plainTag } from '../../core/plain-fact-input';
import { tagSchema, validate } from '../../core/validate';
import type { Db } from '../open';
import { renameTagInSavedSearches } from './saved-searches';

export interface TagCount {
  name: string;
  count: number;
}

/** Tag names are case-insensitive: "Ukraine" and "ukraine" are one tag, spelled as first typed. */
export function tagSeq(db: Db, name: string): number {
  const existing = stmt(db, 'SELECT seq FROM tags WHERE name = ?').pluck().get(name) as number | undefined;
  if (existing !== undefined) return existing;
  return Number(stmt(db, 'INSERT INTO tags (name) VALUES (?)').run(name).lastInsertRowid);
}

/** Validates a list of tags: each non-empty, none repeated (ignoring case). */
export function cleanTags(tags: readonly unknown[], field = 'tags'): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  tags.forEach((t, i) => {
    const name = plainTag(t) ?? validate(tagSchema, t, `${field}[${i}]`);
    const key = name.toLowerCase();
    if (seen.has(key)) throw invalid(field, `duplicate tag "${printable(name)}"`);
    seen.add(key);
    out.push(name);
  });
  return out;
}

export function listTags(db: Db): TagCount[] {
  return stmt(
    db,
    `SELECT t.name AS name, count(ft.fact_seq) AS count FROM tags t LEFT JOIN fact_tags ft ON ft.tag_seq = t.seq
       GROUP BY t.seq HAVING count > 0 ORDER BY t.name COLLATE NOCASE`,
  ).all() as TagCount[];
}

export interface RenamedTag extends TagCount {
  /** The saved searches that filtered by the old name and now filter by the new one. */
  savedSearches: string[];
}

/**
 * Renames a tag everywhere: on its facts and in the saved searches that filter by it, in one
 * transaction. Into an existing tag only with `merge`, which unites the two.
 */
export function renameTag(db: Db, from: string, to: string, opts: { merge?: boolean } = {}): RenamedTag {
  const target = validate(tagSchema, to, 'tag');
  return db.transaction(() => {
    const src = stmt(db, 'SELECT seq, name FROM tags WHERE name = ?').get(from.trim()) as { seq: number; name: string } | undefined;
    if (!src) throw notFound('Tag', from);
    const dst = stmt(db, 'SELECT seq, name FROM tags WHERE name = ?').get(target) as { seq: number; name: string } | undefined;
    if (dst && dst.seq !== src.seq) {
      if (!opts.merge) throw new DossierError('conflict', `Tag "${dst.name}" already exists; merge the two with --merge. Nothing changed.`);
      stmt(db, 'INSERT OR IGNORE INTO fact_tags (fact_seq, tag_seq) SELECT fact_seq, ? FROM fact_tags WHERE tag_seq = ?').run(dst.seq, src.seq);
      stmt(db, 'DELETE FROM tags WHERE seq = ?').run(src.seq);
      stmt(db, 'UPDATE tags SET name = ? WHERE seq = ?').run(target, dst.seq);
    } else {
      stmt(db, 'UPDATE tags SET name = ? WHERE seq = ?').run(target, src.seq);
    }
    const searches = renameTagInSavedSearches(db, src.name, target);
    const seq = dst?.seq ?? src.seq;
    const count = stmt(db, 'SELECT count(*) FROM fact_tags WHERE tag_seq = ?').pluck().get(seq) as number;
    return { name: target, count, savedSearches: searches.map((s) => s.name) };
  })();
}
