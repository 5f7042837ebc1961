import { buildFtsQuery, foldWord } from '../../core/fts-query';
import { type Highlight, highlightWords } from '../../core/highlight';
import type { Locator } from '../../core/model';
import type { Db } from '../open';
import { stmt } from '../statements';
import type { Passage } from './codec';
import { originalText, type OriginalInfo, originalsOfSource } from './store';

/**
 * Full-text search over the stored originals' text, so an analyst finds a passage they did
 * not keep as a fact. Every hit is a passage of an original, never a fact: callers show it
 * marked as such.
 */
export interface OriginalHit {
  /** Always "original": this passage is in a stored original, not a kept fact. */
  kind: 'original';
  sha256: string;
  locator?: Locator;
  text: string;
  highlights?: Highlight[];
  /** The sources captured from this file (usually one). */
  sources: { id: string; title: string }[];
  original: OriginalInfo;
}

export interface OriginalSearchOptions {
  limit?: number;
}

interface HitRow {
  sha256: string;
  position: number;
}

export function searchOriginals(db: Db, text: string, opts: OriginalSearchOptions = {}): OriginalHit[] {
  const q = buildFtsQuery(text);
  if (!q.match) return [];
  const limit = Math.max(1, Math.min(opts.limit ?? 20, 200));
  // Row seq × 2^24 + n is passage n of original seq (store.ts, PASSAGE_ROWS).
  const rows = stmt(
    db,
    `SELECT o.sha256, h.rowid & 16777215 AS position
    FROM (SELECT rowid, rank FROM original_search WHERE original_search MATCH @match ORDER BY rank LIMIT @limit) h
    JOIN originals o ON o.seq = h.rowid >> 24 ORDER BY h.rank`,
  ).all({ match: q.match, limit }) as HitRow[];
  const read = new Map<string, { info: OriginalInfo; passages: Passage[] | undefined; sources: { id: string; title: string }[] }>();
  const out: OriginalHit[] = [];
  for (const r of rows) {
    let o = read.get(r.sha256);
    if (!o) {
      const sources = stmt(
        db,
        'SELECT s.id, s.title FROM source_originals so JOIN sources s ON s.id = so.source_id WHERE so.sha256 = ? ORDER BY so.captured_at',
      ).all(r.sha256) as { id: string; title: string }[];
      const info = originalsOfSource(db, sources[0].id).find((i) => i.sha256 === r.sha256)!;
      const t = originalText(db, info);
      o = { info, passages: t.status === 'ok' ? t.passages : undefined, sources };
      read.set(r.sha256, o);
    }
    // A damaged original is never served, not even as a search hit.
    const p = o.passages?.[r.position];
    if (!p) continue;
    const highlights = highlightWords(p.text, q.words, foldWord);
    out.push({
      kind: 'original',
      sha256: r.sha256,
      ...(p.locator ? { locator: p.locator } : {}),
      text: p.text,
      ...(highlights ? { highlights } : {}),
      sources: o.sources,
      original: o.info,
    });
  }
  return out;
}
