import { stmt } from '../statements';
import { partialDateEnd } from '../../core/dates';
import { buildFtsQuery } from '../../core/fts-query';
import { type Highlight, MARK_END, MARK_START, splitHighlights } from '../../core/highlight';
import type { Fact, FactKind, Reliability, SourceType } from '../../core/model';
import type { Db } from '../open';
import { FACT_SELECT, type FactRow, factFromRow } from './rows';

export const SORTS = ['relevance', 'newest', 'oldest', 'event', 'issued'] as const;
export type FactSort = (typeof SORTS)[number];

export interface FactQuery {
  /** What the user typed; FTS syntax characters are safe. */
  text?: string;
  /** Treat the last word as a prefix (search as you type). */
  prefixLast?: boolean;
  /** Facts carrying every one of these tags. */
  tags?: string[];
  sourceId?: string;
  sourceTypes?: SourceType[];
  kinds?: FactKind[];
  reliability?: Reliability[];
  markings?: string[];
  /** Event-date range, inclusive; partial dates match if they overlap the range. */
  eventFrom?: string;
  eventTo?: string;
  issuedFrom?: string;
  issuedTo?: string;
  /** Facts never verified, or last verified before this date. */
  notVerifiedSince?: string;
  sort?: FactSort;
  limit?: number;
  offset?: number;
}

export interface SourceBrief {
  id: string;
  title: string;
  type: SourceType;
  issued?: string;
  reliability?: Reliability;
}

export interface FactHit {
  fact: Fact;
  source: SourceBrief;
  /** The fact text with the matched words marked (only when searching text). */
  highlights?: Highlight[];
}

export interface SearchResult {
  /** Number of matches, at most TOTAL_CAP; `totalCapped` says there are more. */
  total: number;
  totalCapped: boolean;
  hits: FactHit[];
}

interface Compiled {
  from: string;
  where: string[];
  params: Record<string, unknown>;
  ranked: boolean;
}

/** Compiles a query into FROM/WHERE parts shared by the hit query and the count. */
function compile(q: FactQuery): Compiled {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const fts = q.text ? buildFtsQuery(q.text, { prefixLast: q.prefixLast ?? false }) : { match: undefined, exclude: undefined };
  let from = 'facts f JOIN sources s ON s.id = f.source_id';
  if (fts.match) {
    from = 'fact_search JOIN facts f ON f.seq = fact_search.rowid JOIN sources s ON s.id = f.source_id';
    where.push('fact_search MATCH @match');
    params.match = fts.match;
  }
  if (fts.exclude) {
    where.push('f.seq NOT IN (SELECT rowid FROM fact_search WHERE fact_search MATCH @exclude)');
    params.exclude = fts.exclude;
  }
  (q.tags ?? []).forEach((t, i) => {
    where.push(`f.seq IN (SELECT ft.fact_seq FROM fact_tags ft WHERE ft.tag_seq = (SELECT seq FROM tags WHERE name = @tag${i}))`);
    params[`tag${i}`] = t.trim();
  });
  if (q.sourceId) {
    where.push('f.source_id = @sourceId');
    params.sourceId = q.sourceId;
  }
  inList(where, params, 's.type', 'stype', q.sourceTypes);
  inList(where, params, 'f.kind', 'kind', q.kinds);
  inList(where, params, 's.reliability', 'rel', q.reliability);
  inList(where, params, 'f.marking', 'mark', q.markings);
  // A partial date overlaps [from, to] when it ends on/after `from` and starts on/before `to`.
  if (q.eventFrom) {
    where.push(`${endOf('f.event_date')} >= @eventFrom`);
    params.eventFrom = q.eventFrom;
  }
  if (q.eventTo) {
    where.push('f.event_date <= @eventTo');
    params.eventTo = partialDateEnd(q.eventTo);
  }
  if (q.issuedFrom) {
    where.push(`${endOf('s.issued')} >= @issuedFrom`);
    params.issuedFrom = q.issuedFrom;
  }
  if (q.issuedTo) {
    where.push('s.issued <= @issuedTo');
    params.issuedTo = partialDateEnd(q.issuedTo);
  }
  if (q.notVerifiedSince) {
    where.push('(f.verified_at IS NULL OR f.verified_at < @verified)');
    params.verified = q.notVerifiedSince;
  }
  return { from, where, params, ranked: Boolean(fts.match) };
}

function endOf(col: string): string {
  return `(CASE length(${col}) WHEN 4 THEN ${col} || '-12-31' WHEN 7 THEN ${col} || '-31' ELSE ${col} END)`;
}

function inList(where: string[], params: Record<string, unknown>, col: string, name: string, values: readonly string[] | undefined): void {
  if (!values || values.length === 0) return;
  where.push(`${col} IN (${values.map((_, i) => `@${name}${i}`).join(', ')})`);
  values.forEach((v, i) => (params[`${name}${i}`] = v));
}

const ORDER: Record<FactSort, string> = {
  relevance: 'rank, f.seq DESC',
  newest: 'f.created_at DESC, f.seq DESC',
  oldest: 'f.created_at, f.seq',
  event: "coalesce(f.event_date, '') DESC, f.seq DESC",
  issued: "coalesce(s.issued, '') DESC, f.position, f.seq",
};

/** Counting every match of a broad word costs more than finding the first page; cap it. */
export const TOTAL_CAP = 1000;

export function searchFacts(db: Db, q: FactQuery = {}, options: { countTotal?: boolean } = {}): SearchResult {
  const c = compile(q);
  const sort = q.sort ?? (c.ranked ? 'relevance' : 'newest');
  const whereSql = c.where.length ? `WHERE ${c.where.join(' AND ')}` : '';
  // `rank` is bm25 with the column weights set in the schema (text, tags, notes, attribution,
  // source); FTS5 computes it in C, and only the page of rows is read afterwards.
  const rank = c.ranked ? 'fact_search.rank' : '0';
  const order = sort === 'relevance' && !c.ranked ? ORDER.newest : ORDER[sort];
  const params = { ...c.params, limit: q.limit ?? 50, offset: q.offset ?? 0 };
  const page = stmt(db, `SELECT f.seq AS seq, ${rank} AS rank FROM ${c.from} ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all(params) as {
    seq: number;
  }[];

  const factStmt = stmt(db, `${FACT_SELECT} WHERE f.seq = ?`);
  const sourceStmt = stmt(db, 'SELECT id, title, type, issued, reliability FROM sources WHERE id = ?');
  const marked = c.ranked
    ? stmt(db, `SELECT highlight(fact_search, 0, '${MARK_START}', '${MARK_END}') FROM fact_search WHERE fact_search MATCH ? AND rowid = ?`).pluck()
    : undefined;
  const hits = page.map((p): FactHit => {
    const fact = factFromRow(factStmt.get(p.seq) as FactRow);
    const s = sourceStmt.get(fact.sourceId) as { id: string; title: string; type: SourceType; issued: string | null; reliability: Reliability | null };
    const source: SourceBrief = { id: s.id, title: s.title, type: s.type };
    if (s.issued) source.issued = s.issued;
    if (s.reliability) source.reliability = s.reliability;
    const hit: FactHit = { fact, source };
    const text = marked?.get(c.params.match, p.seq) as string | undefined;
    if (text?.includes(MARK_START)) hit.highlights = splitHighlights(text);
    return hit;
  });
  let total = hits.length + (q.offset ?? 0);
  let capped = false;
  if (options.countTotal !== false) {
    total = stmt(db, `SELECT count(*) FROM (SELECT 1 FROM ${c.from} ${whereSql} LIMIT ${TOTAL_CAP + 1})`).pluck().get(c.params) as number;
    capped = total > TOTAL_CAP;
    if (capped) total = TOTAL_CAP;
  }
  return { total, totalCapped: capped, hits };
}
