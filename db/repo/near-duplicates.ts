import { stmt } from '../statements';
import { invalid } from '../../core/errors';
import type { Db } from '../open';

/**
 * Near-duplicates: facts already in the library that say what a new sentence says, in the
 * same or another source, with different word order, punctuation or a word changed.
 *
 * Similarity is the Jaccard index of the two sentences' *content-token sets*: the words as
 * the search index sees them (case and accents folded, split on anything that is not a letter
 * or digit), minus a short list of function words. Sets, not sequences, on purpose: "Exports
 * fell 12 percent, the ministry said" and "The ministry said exports fell 12 percent" are the
 * same fact, and order-sensitive measures (shingles) would score them low.
 *
 * Threshold 0.6: a typical news sentence has 8-20 content words; 0.6 means at least 60% of
 * the union is shared, e.g. 9 of 15, which a restatement that adds or drops a clause, or
 * changes two or three words, keeps, while two sentences that merely share a topic (same
 * country, same ministry, different action and figures) fall well below. Sentences that share
 * a template and differ in one name ("the central bank of Poland/Romania approved fuel
 * subsidies", 5 of 7) do pass: the result is a prompt the analyst confirms, not a merge.
 *
 * Finding candidates without reading the library: if Jaccard(A, B) ≥ θ then |A ∩ B| ≥ θ|A|, so
 * B lacks at most k = |A| − ⌈θ|A|⌉ of A's tokens. Deal A's tokens into k + 1 groups: B must
 * contain every token of at least one group (pigeonhole). Each group is one FTS5 AND query,
 * selective even when its words are common, because groups are dealt rarest-first and back
 * and forth so each pairs rare words with common ones. Candidates are ranked by how many of
 * A's tokens the groups they contain prove they share (a restatement contains every group),
 * then shorter texts first (a long fact sharing the same words scores lower), and the best
 * CANDIDATES are fetched and scored exactly.
 *
 * Costs bounded on purpose: at most MAX_GROUPS groups (a long sentence's tokens go into fewer,
 * larger groups; a fact that then misses a word of every group is lost, which needs it to miss
 * ≥ MAX_GROUPS of the words, i.e. to be a loose paraphrase of a long sentence), and no bm25:
 * bm25 over a big OR costs ~1 µs per matching row (40 ms for a sentence of common words in the
 * 100,000-fact bench library) while counting the rows of selective AND queries costs ~4 ms.
 */

export interface NearDuplicate {
  factId: string;
  sourceId: string;
  /** Jaccard index of the content-token sets, 0..1; 1 means the same words. */
  similarity: number;
}

export interface NearDuplicateOptions {
  /** Leave this fact (full id) out: checking a fact already in the library against the others. */
  excludeFactId?: string;
  /** At most this many results (default 10; never more than 50, the candidates scored). */
  limit?: number;
  /** Minimum similarity (default NEAR_DUPLICATE_THRESHOLD). */
  threshold?: number;
}

const NEAR_DUPLICATE_THRESHOLD = 0.6;

/** How many candidates are fetched and scored exactly. */
const CANDIDATES = 50;
/** How many of the best-matching rows are compared by length to choose the CANDIDATES. */
const POOL = 400;
/** At most this many AND queries: a longer sentence's tokens go into fewer, larger groups. */
const MAX_GROUPS = 6;
/** Document frequencies are only compared, so counting stops here (a cheap, capped count). */
const DF_CAP = 200;

/**
 * Words that carry no content of their own: dropped before comparing so "the ministry said"
 * and "ministry said" match. Negations ("not", "no", "never") are NOT here: they change the
 * fact, and a negated restatement should score lower than the original.
 */
const STOPWORDS = new Set(
  (
    'a an the and or but nor so yet of in on at to for from by with without into onto upon over under about above below ' +
    'after before during while since until than then as that which who whom whose this these those there here ' +
    "it its it's he she they we i you his her their our my your him them us me " +
    'is are was were be been being am has have had having do does did will would shall should can could may might must ' +
    'said says say told also such other some any each more most very just only own same too'
  ).split(/\s+/),
);

/**
 * The distinct content tokens of a text, as FTS5's unicode61 tokenizer (remove_diacritics 2)
 * would split them: accents and case folded, letters and digits only. Single letters (the
 * "s" of "U.S.") are dropped; single digits are kept, numbers matter in facts.
 */
export function contentTokens(text: string): string[] {
  const out = new Set<string>();
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  for (const t of folded.split(/[^\p{L}\p{N}]+/u)) {
    if (!t || STOPWORDS.has(t)) continue;
    if (t.length === 1 && !/\p{N}/u.test(t)) continue;
    out.add(t);
  }
  return [...out];
}

/** Jaccard index of two token sets (as returned by `contentTokens`). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  const bs = new Set(b);
  let shared = 0;
  for (const t of a) if (bs.has(t)) shared++;
  return shared / (a.length + bs.size - shared);
}

/** A token as an FTS5 string: tokens are letters and digits only, so no escaping is needed. */
function phrase(token: string): string {
  return `"${token}"`;
}

/**
 * The fewest of A's tokens a fact must share to reach the threshold: J(A, B) ≥ θ needs
 * |A ∩ B| ≥ θ|A| (the union is at least A). The epsilon keeps 0.6 × 5 = 3.0000000000000004
 * from demanding 4.
 */
export function minShared(tokenCount: number, threshold: number): number {
  return Math.ceil(threshold * tokenCount - 1e-9);
}

/**
 * Deals tokens (rarest first) into `maxMissing + 1` groups for the pigeonhole filter (see
 * above), back and forth ("snake" order), so each group mixes rare and common words.
 */
export function tokenGroups(tokensByRarity: readonly string[], maxMissing: number): string[][] {
  if (tokensByRarity.length === 0 || maxMissing < 0) return [];
  const count = Math.min(maxMissing + 1, tokensByRarity.length);
  const groups: string[][] = Array.from({ length: count }, () => []);
  tokensByRarity.forEach((t, i) => {
    const round = Math.floor(i / count);
    const j = i % count;
    groups[round % 2 === 0 ? j : count - 1 - j].push(t);
  });
  return groups;
}

/**
 * Facts in the library whose text restates `text`, most similar first (newest first among
 * equals). The work is reading the index entries of the sentence's words, so it grows with how
 * common those words are, not with the library as such; then at most CANDIDATES fact rows.
 */
export function findNearDuplicates(db: Db, text: string, opts: NearDuplicateOptions = {}): NearDuplicate[] {
  const threshold = opts.threshold ?? NEAR_DUPLICATE_THRESHOLD;
  const limit = opts.limit ?? 10;
  if (!(threshold > 0 && threshold <= 1)) throw invalid('threshold', 'must be more than 0 and at most 1');
  if (!Number.isInteger(limit) || limit < 1) throw invalid('limit', 'must be a positive whole number');
  let excludeSeq: number | null = null;
  if (opts.excludeFactId !== undefined) {
    excludeSeq = (stmt(db, 'SELECT seq FROM facts WHERE id = ?').pluck().get(opts.excludeFactId) as number | undefined) ?? null;
    if (excludeSeq === null) throw invalid('excludeFactId', `no fact with id "${opts.excludeFactId}"`);
  }

  const tokens = contentTokens(text);
  if (tokens.length === 0) return [];
  const df = new Map<string, number>();
  const countDocs = stmt(db, `SELECT count(*) FROM (SELECT 1 FROM fact_search WHERE fact_search MATCH ? LIMIT ${DF_CAP})`).pluck();
  for (const t of tokens) df.set(t, countDocs.get(`text : ${phrase(t)}`) as number);
  // A token no fact contains is missing from every candidate: it uses up some of the misses
  // a near-duplicate is allowed, and the groups are dealt from the tokens that do occur.
  const present = tokens.filter((t) => df.get(t)! > 0);
  const maxMissing = tokens.length - minShared(tokens.length, threshold) - (tokens.length - present.length);
  if (present.length === 0 || maxMissing < 0) return [];
  // Rarest first; among equally common ones (capped counts), longer words are usually rarer.
  present.sort((a, b) => df.get(a)! - df.get(b)! || b.length - a.length);
  const groups = tokenGroups(present, Math.min(maxMissing, MAX_GROUPS - 1));

  const candidates = candidateSeqs(db, groups, excludeSeq);
  const row = stmt<{ id: string; source_id: string; text: string }>(db, 'SELECT id, source_id, text FROM facts WHERE seq = ?');
  const out: (NearDuplicate & { seq: number })[] = [];
  for (const seq of candidates) {
    const r = row.get(seq);
    if (!r) continue;
    const similarity = jaccard(tokens, contentTokens(r.text));
    if (similarity >= threshold) out.push({ factId: r.id, sourceId: r.source_id, similarity, seq });
  }
  out.sort((a, b) => b.similarity - a.similarity || b.seq - a.seq);
  return out.slice(0, limit).map(({ factId, sourceId, similarity }) => ({ factId, sourceId, similarity }));
}

/**
 * The CANDIDATES facts whose matched groups prove the largest overlap, shorter texts first
 * among equals. One AND query per group, summed in SQL so only the winners cross into
 * JavaScript; only the POOL best rows are joined to their facts for the length.
 */
function candidateSeqs(db: Db, groups: readonly string[][], excludeSeq: number | null): number[] {
  const union = groups.map(() => 'SELECT rowid AS seq, ? AS shared FROM fact_search WHERE fact_search MATCH ?').join(' UNION ALL ');
  // CAST: better-sqlite3 binds JS numbers as REAL; compared as an integer it always works.
  const sql = `
    SELECT x.seq FROM (
      SELECT seq, sum(shared) AS shared FROM (${union}) WHERE seq IS NOT CAST(? AS INTEGER)
      GROUP BY seq ORDER BY shared DESC LIMIT ${POOL}
    ) x JOIN facts f ON f.seq = x.seq
    ORDER BY x.shared DESC, octet_length(f.text), x.seq DESC LIMIT ${CANDIDATES}`;
  const params = groups.flatMap((g) => [g.length, `text : (${g.map(phrase).join(' AND ')})`]);
  return stmt(db, sql)
    .pluck()
    .all(...params, excludeSeq) as number[];
}
