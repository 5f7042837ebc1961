import { stmt } from '../statements';
import { nowIso } from '../../core/dates';
import { DossierError, invalid, printable } from '../../core/errors';
import type { Fact } from '../../core/model';
import type { Db } from '../open';
import { resolveFactId } from './facts';
import { FACT_SELECT, type FactRow, factFromRow } from './rows';

/**
 * Corroboration: the analyst links two facts that support the same claim (a figure reported
 * by two outlets, a statement confirmed by a second official).
 *
 * Links are undirected and TRANSITIVE: if A corroborates B and B corroborates C, all three
 * support one claim, so a fact's corroboration is its whole connected component. Analysts
 * link a new fact to whichever earlier one they found, not to every one, and expect the group.
 * The direct links are still stored one by one (so an unlink removes exactly what was said)
 * and can be listed with `corroborationLinks` or `corroboratingFacts(…, { direct: true })`.
 *
 * Independence: what counts is where a fact's information comes from, its ORIGIN: the `via`
 * source when the fact was relayed (a newspaper running a wire story, a statement quoted from
 * a press release), otherwise its own source. Two newspapers that both ran the same Reuters
 * story are one origin, and so are the Reuters story itself and a paper that relayed it. Facts
 * of one source are one origin. Different sources without a shared `via` count as independent:
 * Dossier cannot know two outlets copied the same release unless the analyst says so with `via`.
 */

export interface Corroboration {
  /** The pair as stored: the smaller id first. */
  factA: string;
  factB: string;
  note?: string;
  createdAt: string;
}

interface LinkRow {
  fact_a: string;
  fact_b: string;
  note: string | null;
  created_at: string;
}

const NOTE_MAX = 2000;

/** A fact id or unique prefix; an unknown one is an input error naming the field. */
function factIdOrFail(db: Db, id: unknown, field: string): string {
  if (typeof id !== 'string' || id.trim() === '') throw invalid(field, 'must be a fact id');
  try {
    return resolveFactId(db, id.trim());
  } catch (e) {
    if (e instanceof DossierError && e.code === 'not_found') throw invalid(field, `no fact with id "${printable(id)}"`);
    if (e instanceof DossierError && e.code === 'validation') throw invalid(field, e.message.replace(/^fact: /, ''));
    throw e;
  }
}

function ordered(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

function fromRow(r: LinkRow): Corroboration {
  const c: Corroboration = { factA: r.fact_a, factB: r.fact_b, createdAt: r.created_at };
  if (r.note !== null) c.note = r.note;
  return c;
}

/** Links two facts as corroborating each other. Refuses a fact with itself and a repeat. */
export function linkCorroboration(db: Db, factA: string, factB: string, note?: string): Corroboration {
  return db.transaction(() => {
    const a = factIdOrFail(db, factA, 'factA');
    const b = factIdOrFail(db, factB, 'factB');
    if (a === b) throw invalid('factB', 'is the same fact as factA; a fact cannot corroborate itself');
    if (note !== undefined && typeof note !== 'string') throw invalid('note', 'must be text');
    const text = note?.trim() || null;
    if (text && text.length > NOTE_MAX) throw invalid('note', `must be at most ${NOTE_MAX} characters`);
    const [lo, hi] = ordered(a, b);
    const existing = stmt(db, 'SELECT 1 FROM corroborations WHERE fact_a = ? AND fact_b = ?').get(lo, hi);
    if (existing) throw new DossierError('conflict', `Facts ${a} and ${b} are already linked as corroborating. Nothing changed.`);
    stmt(db, 'INSERT INTO corroborations (fact_a, fact_b, note, created_at) VALUES (?, ?, ?, ?)').run(lo, hi, text, nowIso());
    return fromRow(stmt<LinkRow>(db, 'SELECT * FROM corroborations WHERE fact_a = ? AND fact_b = ?').get(lo, hi)!);
  })();
}

/** Removes the direct link between two facts (either order). Other links stay. */
export function unlinkCorroboration(db: Db, factA: string, factB: string): void {
  db.transaction(() => {
    const a = factIdOrFail(db, factA, 'factA');
    const b = factIdOrFail(db, factB, 'factB');
    const [lo, hi] = ordered(a, b);
    const r = stmt(db, 'DELETE FROM corroborations WHERE fact_a = ? AND fact_b = ?').run(lo, hi);
    if (r.changes === 0) throw new DossierError('not_found', `Facts ${a} and ${b} are not linked as corroborating. Nothing changed.`);
  })();
}

/** The direct links of a fact, oldest first. */
export function corroborationLinks(db: Db, factId: string): Corroboration[] {
  const id = factIdOrFail(db, factId, 'factId');
  const rows = stmt<LinkRow>(
    db,
    `SELECT * FROM corroborations WHERE fact_a = @id UNION ALL SELECT * FROM corroborations WHERE fact_b = @id
     ORDER BY created_at, fact_a, fact_b`,
  ).all({ id });
  return rows.map(fromRow);
}

/**
 * The ids of a fact's connected component (the fact included). UNION, not UNION ALL, so a
 * cycle (A~B, B~C, C~A) ends; each branch walks one direction of the pair through its index.
 */
const COMPONENT = `
  WITH RECURSIVE component(id) AS (
    SELECT @id
    UNION SELECT c.fact_b FROM component JOIN corroborations c ON c.fact_a = component.id
    UNION SELECT c.fact_a FROM component JOIN corroborations c ON c.fact_b = component.id
  )`;

export interface CorroboratingOptions {
  /** Only the facts linked to this one directly, not the rest of its component. */
  direct?: boolean;
}

/**
 * The facts that corroborate `factId`, in the order they were added to the library: its whole
 * connected component (links are transitive, see above) without the fact itself.
 */
export function corroboratingFacts(db: Db, factId: string, opts: CorroboratingOptions = {}): Fact[] {
  const id = factIdOrFail(db, factId, 'factId');
  const sql = opts.direct
    ? `${FACT_SELECT} WHERE f.id IN (SELECT fact_b FROM corroborations WHERE fact_a = @id UNION SELECT fact_a FROM corroborations WHERE fact_b = @id) ORDER BY f.seq`
    : `${COMPONENT} ${FACT_SELECT} WHERE f.id IN (SELECT id FROM component) AND f.id <> @id ORDER BY f.seq`;
  return stmt<FactRow>(db, sql).all({ id }).map(factFromRow);
}

function originCount(db: Db, id: string): number {
  return stmt(db, `${COMPONENT} SELECT count(DISTINCT coalesce(f.via_source_id, f.source_id)) FROM facts f WHERE f.id IN (SELECT id FROM component)`)
    .pluck()
    .get({ id }) as number;
}

/**
 * How many independent origins support the fact: the distinct origins (via source, else
 * source) of the fact and every fact in its component. 1 means only the fact's own origin.
 */
export function independentSourceCount(db: Db, factId: string): number {
  return originCount(db, factIdOrFail(db, factId, 'factId'));
}

/**
 * For the export pre-flight: which of these facts rest on a single origin (no corroboration
 * from an independent source). Full ids, in the order given, each once.
 */
export function singleSourceFacts(db: Db, factIds: readonly string[]): string[] {
  if (!Array.isArray(factIds)) throw invalid('factIds', 'must be a list of fact ids');
  // A briefing asks for thousands of facts at once: full ids are found in one query, and a
  // fact with no corroboration link has its own origin only, without walking its component.
  const given = JSON.stringify(factIds.filter((x) => typeof x === 'string'));
  const existing = new Set(stmt(db, 'SELECT id FROM facts WHERE id IN (SELECT value FROM json_each(?))').pluck().all(given) as string[]);
  const linked = new Set(
    stmt(db, 'SELECT value FROM json_each(?) WHERE value IN (SELECT fact_a FROM corroborations) OR value IN (SELECT fact_b FROM corroborations)')
      .pluck()
      .all(given) as string[],
  );
  const seen = new Set<string>();
  const out: string[] = [];
  factIds.forEach((raw, i) => {
    const id = typeof raw === 'string' && existing.has(raw) ? raw : factIdOrFail(db, raw, `factIds.${i}`);
    if (seen.has(id)) return;
    seen.add(id);
    if (!linked.has(id) || originCount(db, id) < 2) out.push(id);
  });
  return out;
}
