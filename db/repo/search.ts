import { stmt } from '../statements';
import { partialDateEnd } from '../../core/dates';
import { buildFtsQuery } from '../../core/fts-query';
import { type Highlight, highlightWords } from '../../core/highlight';
import { foldWord } from '../../core/fts-query';
import type { CslName } from '../../core/csl';
import type { Fact, FactKind, Reliability, SourceType } from '../../core/model';
import type { Db } from '../open';
import { FACT_SELECT, type FactRow, factFromRow } from './rows';

export const SORTS = ['relevance', 'newest', 'oldest', 'event', 'issued'] as const;
type FactSort = (typeof SORTS)[number];

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
  /** Only facts that carry a figure (a statistic's "3.2 bn"). */
  hasFigure?: boolean;
  /** Event-date range, inclusive; partial dates and date ranges match if they overlap it. */
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
  authors: CslName[];
  containerTitle?: string;
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

interface Filters {
  /** Conditions on facts (f) and sources (s), without the text match. */
  where: string[];
  params: Record<string, unknown>;
  /** The FTS5 expression the fact must match, if the query has words. */
  match: string | undefined;
  words: { word: string; prefix: boolean }[];
}

/** Compiles the filters of a query into SQL conditions and parameters. */
function compileFilters(db: Db, q: FactQuery): Filters {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const fts = q.text ? buildFtsQuery(q.text, { prefixLast: q.prefixLast ?? false }) : { match: undefined, exclude: undefined, words: [] };
  if (fts.match) params.match = fts.match;
  if (fts.exclude) {
    where.push('f.seq NOT IN (SELECT rowid FROM fact_search WHERE fact_search MATCH @exclude)');
    params.exclude = fts.exclude;
  }
  (q.tags ?? []).forEach((t, i) => {
    where.push(`f.seq IN (SELECT ft.fact_seq FROM fact_tags ft WHERE ft.tag_seq = @tag${i})`);
    // Unknown tag: -1 matches nothing, which is the right answer.
    params[`tag${i}`] = stmt(db, 'SELECT seq FROM tags WHERE name = ?').pluck().get(t.trim()) ?? -1;
  });
  if (q.sourceId) {
    where.push('f.source_id = @sourceId');
    params.sourceId = q.sourceId;
  }
  inList(where, params, 's.type', 'stype', q.sourceTypes);
  inList(where, params, 'f.kind', 'kind', q.kinds);
  inList(where, params, 's.reliability', 'rel', q.reliability);
  markingList(where, params, q.markings);
  if (q.hasFigure) where.push('f.figure_stated IS NOT NULL');
  // A partial date (or a range) overlaps [from, to] when it ends on/after `from` and starts on/before `to`.
  if (q.eventFrom) {
    // The year prefix bounds let the event-date indexes narrow the scan; endOf() does the rest.
    // A range ends at event_date_end, so a range that starts before `from` can still reach it.
    where.push(
      `(f.event_date >= substr(@eventFrom, 1, 4) AND ${endOf('f.event_date')} >= @eventFrom` +
        ` OR f.event_date_end >= substr(@eventFrom, 1, 4) AND ${endOf('f.event_date_end')} >= @eventFrom)`,
    );
    params.eventFrom = q.eventFrom;
  }
  if (q.eventTo) {
    where.push('f.event_date <= @eventTo');
    params.eventTo = partialDateEnd(q.eventTo);
  }
  if (q.issuedFrom) {
    where.push(`s.issued >= substr(@issuedFrom, 1, 4) AND ${endOf('s.issued')} >= @issuedFrom`);
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
  return { where, params, match: fts.match, words: fts.words };
}

function endOf(col: string): string {
  return `(CASE length(${col}) WHEN 4 THEN ${col} || '-12-31' WHEN 7 THEN ${col} || '-31' ELSE ${col} END)`;
}

function inList(where: string[], params: Record<string, unknown>, col: string, name: string, values: readonly string[] | undefined): void {
  if (!values || values.length === 0) return;
  where.push(`${col} IN (${values.map((_, i) => `@${name}${i}`).join(', ')})`);
  values.forEach((v, i) => (params[`${name}${i}`] = v));
}

/**
 * A plain level ("S") finds every fact at that level, whatever controls follow it
 * ("S//NOFORN", "OFFICIAL-SENSITIVE COMMERCIAL"); a full marking finds itself.
 */
function markingList(where: string[], params: Record<string, unknown>, values: readonly string[] | undefined): void {
  if (!values || values.length === 0) return;
  const terms = values.map((v, i) => {
    params[`mark${i}`] = v;
    if (v.includes('//') || v.includes(' ')) return `f.marking = @mark${i}`;
    return `(f.marking = @mark${i} OR substr(f.marking, 1, length(@mark${i}) + 2) = @mark${i} || '//' OR substr(f.marking, 1, length(@mark${i}) + 1) = @mark${i} || ' ')`;
  });
  where.push(`(${terms.join(' OR ')})`);
}

const ORDER: Record<Exclude<FactSort, 'relevance'>, string> = {
  newest: 'f.created_at DESC, f.seq DESC',
  oldest: 'f.created_at, f.seq',
  event: "coalesce(f.event_date, '') DESC, f.seq DESC",
  issued: "coalesce(s.issued, '') DESC, f.position, f.seq",
};

/** How many of the newest matches a relevance sort considers (see `plan`). */
const RANK_WINDOW = 1000;

/** Counting every match of a broad word costs more than finding the first page; cap it. */
const TOTAL_CAP = 1000;

interface Plan {
  /** SELECT … FROM … WHERE … of the candidate facts: `seq`, and `rank` when ranked. */
  body: string;
  order: string;
  ranked: boolean;
}

/**
 * Chooses how to find the page of hits. Two costs matter: bm25 is about a microsecond per
 * matching row, and every join or filter is paid per candidate row. So
 *  - words and no filters: FTS5 alone, no joins;
 *  - words and filters: the FTS5 scan drives and probes the set of facts passing the filters;
 *  - relevance is computed over the newest RANK_WINDOW matches, so a word half the library
 *    contains costs no more than a rare one; narrower searches are ranked exactly.
 */
function plan(q: FactQuery, f: Filters): Plan {
  const sort = q.sort ?? (f.match ? 'relevance' : 'newest');
  const needSource = f.where.some((w) => /\bs\./.test(w)) || sort === 'issued';
  const facts = needSource ? 'facts f JOIN sources s ON s.id = f.source_id' : 'facts f';
  const filters = f.where.join(' AND ');
  if (!f.match) {
    return {
      body: `SELECT f.seq AS seq FROM ${facts}${filters ? ` WHERE ${filters}` : ''}`,
      order: ORDER[sort === 'relevance' ? 'newest' : sort],
      ranked: false,
    };
  }
  const ranked = sort === 'relevance';
  const rank = ranked ? ', fact_search.rank AS rank' : '';
  // With filters, the facts passing them are gathered once into a temporary index (the IN
  // subquery is not correlated), and the FTS5 scan probes it: far cheaper than joining every
  // match to facts and sources, or probing FTS5 by rowid for every filtered fact. The unary
  // + keeps SQLite from handing the IN list to FTS5 as rowid lookups (one query per value).
  const select = ranked ? `fact_search.rowid AS seq${rank}` : 'f.seq AS seq';
  const from = ranked ? 'fact_search' : `fact_search JOIN facts f ON f.seq = fact_search.rowid${needSource ? ' JOIN sources s ON s.id = f.source_id' : ''}`;
  const subset = filters ? ` AND +fact_search.rowid IN (SELECT f.seq FROM ${facts} WHERE ${filters})` : '';
  const body = `SELECT ${select} FROM ${from} WHERE fact_search MATCH @match${subset}`;
  return { body, order: ranked ? 'rank, seq DESC' : ORDER[sort], ranked };
}

export function searchFacts(db: Db, q: FactQuery = {}, options: { countTotal?: boolean } = {}): SearchResult {
  const f = compileFilters(db, q);
  const p = plan(q, f);
  const params = { ...f.params, limit: q.limit ?? 50, offset: q.offset ?? 0 };
  const sql = p.ranked
    ? `SELECT seq FROM (${p.body} ORDER BY seq DESC LIMIT ${RANK_WINDOW}) ORDER BY ${p.order} LIMIT @limit OFFSET @offset`
    : `${p.body} ORDER BY ${p.order} LIMIT @limit OFFSET @offset`;
  const page = stmt(db, sql).all(params) as { seq: number }[];

  const factStmt = stmt(db, `${FACT_SELECT} WHERE f.seq = ?`);
  const sourceStmt = stmt(db, 'SELECT id, title, type, issued, reliability, authors, container_title FROM sources WHERE id = ?');
  const hits = page.map((row): FactHit => {
    const fact = factFromRow(factStmt.get(row.seq) as FactRow);
    // A fact whose source row is gone (a library damaged outside Dossier) is still listed,
    // under a title that says what is wrong, so the rest of the library stays readable.
    const s = (sourceStmt.get(fact.sourceId) as
      | { id: string; title: string; type: SourceType; issued: string | null; reliability: Reliability | null; authors: string; container_title: string | null }
      | undefined) ?? {
      id: fact.sourceId,
      title: '(source missing: run dossier check)',
      type: 'document' as SourceType,
      issued: null,
      reliability: null,
      authors: '[]',
      container_title: null,
    };
    const source: SourceBrief = { id: s.id, title: s.title, type: s.type, authors: JSON.parse(s.authors) as CslName[] };
    if (s.container_title) source.containerTitle = s.container_title;
    if (s.issued) source.issued = s.issued;
    if (s.reliability) source.reliability = s.reliability;
    const hit: FactHit = { fact, source };
    const marked = f.match ? highlightWords(fact.text, f.words, foldWord) : undefined;
    if (marked) hit.highlights = marked;
    return hit;
  });
  let total = hits.length + (q.offset ?? 0);
  let capped = false;
  if (options.countTotal !== false) {
    total = stmt(db, `SELECT count(*) FROM (${p.body} LIMIT ${TOTAL_CAP + 1})`)
      .pluck()
      .get(f.params) as number;
    capped = total > TOTAL_CAP;
    if (capped) total = TOTAL_CAP;
  }
  return { total, totalCapped: capped, hits };
}
