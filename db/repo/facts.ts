import { stmt } from '../statements';
import { FACT_USES_SQL } from './briefing-cites';
import { dateRangeProblem, nowIso } from '../../core/dates';
import { DossierError, invalid, notFound, printable } from '../../core/errors';
import { isIdPrefix } from '../../core/ids';
import type { Fact, FactInput } from '../../core/model';
import { plainFactInput } from '../../core/plain-fact-input';
import { textHash } from '../../core/text-key';
import { factInputSchema, factPatchSchema, validate } from '../../core/validate';
import type { Db } from '../open';
import { FACT_SELECT, type FactRow, factFromRow } from './rows';
import { normaliseMarking } from './settings';
import { resolveSourceId } from './sources';
import { cleanTags, tagSeq } from './tags';
import { type InsertResult, insertFacts, type ValidFactInput } from './fact-insert';

export { type FactToInsert, insertFacts } from './fact-insert';

/** Validates a fact against the schema and the library (source exists, marking in scheme). */
export function checkFactInput(db: Db, input: unknown, field = 'fact'): ValidFactInput {
  // Plainly valid input takes the fast path; anything else, and every error, is the schema's.
  const raw = plainFactInput(input) ?? (validate(factInputSchema, input, field) as FactInput);
  const data: ValidFactInput = { ...raw, kind: raw.kind ?? 'paraphrase', tags: cleanTags(raw.tags ?? [], `${field}.tags`) };
  data.sourceId = sourceIdOrFail(db, data.sourceId, `${field}.sourceId`);
  if (data.viaSourceId) data.viaSourceId = sourceIdOrFail(db, data.viaSourceId, `${field}.viaSourceId`);
  if (data.marking) data.marking = normaliseMarking(db, `${field}.marking`, data.marking);
  return data;
}

function sourceIdOrFail(db: Db, id: string, field: string): string {
  try {
    return resolveSourceId(db, id);
  } catch (e) {
    if (e instanceof DossierError && e.code === 'not_found') throw invalid(field, `no source with id "${printable(id)}"`);
    throw e;
  }
}

/** Inserts a validated fact inside the caller's transaction; an existing same-text fact wins. */
function insertFact(db: Db, data: ValidFactInput, position: number | null = null, now = nowIso()): InsertResult {
  return insertFacts(db, [{ data, position }], now)[0];
}

export interface AddFactOptions {
  /** The fact was not read against its source by the user (e.g. a bulk load): not verified. */
  unreviewed?: boolean;
}

/**
 * Adds a fact the user typed or pasted from a source they have just read: it counts as
 * verified on its capture date (unless `verifiedAt` is given, or the fact is `unreviewed`), so
 * a fresh briefing is not flagged "never verified" for every fact it cites.
 */
export function addFact(db: Db, input: unknown, opts: AddFactOptions = {}): Fact {
  return db.transaction(() => {
    const checked = checkFactInput(db, input);
    const now = nowIso();
    const data = opts.unreviewed || checked.verifiedAt !== undefined ? checked : { ...checked, verifiedAt: now };
    const r = insertFact(db, data, null, now);
    if (r.duplicateOf) {
      throw new DossierError('conflict', `This source already has a fact with the same text (${r.duplicateOf}). Nothing was added.`);
    }
    return getFact(db, r.id!);
  })();
}

export function getFact(db: Db, idOrPrefix: string): Fact {
  return factFromRow(findFactRow(db, idOrPrefix));
}

export function resolveFactId(db: Db, idOrPrefix: string): string {
  return findFactRow(db, idOrPrefix).id;
}

function findFactRow(db: Db, idOrPrefix: string): FactRow {
  const exact = stmt(db, `${FACT_SELECT} WHERE f.id = ?`).get(idOrPrefix) as FactRow | undefined;
  if (exact) return exact;
  if (isIdPrefix(idOrPrefix)) {
    // A range on the id index, not LIKE (which scans every fact: 3 ms a look-up at 20,000 facts,
    // and `brief import` resolves hundreds). Ids are lowercase uuids, and "~" sorts after their characters.
    const lo = idOrPrefix.toLowerCase();
    const rows = stmt(db, `${FACT_SELECT} WHERE f.id >= ? AND f.id < ? ORDER BY f.id LIMIT 2`).all(lo, `${lo}~`) as FactRow[];
    if (rows.length > 1) throw new DossierError('validation', `fact id "${printable(idOrPrefix)}" is ambiguous; type more of it`, 'fact');
    if (rows[0]) return rows[0];
  }
  throw notFound('Fact', idOrPrefix);
}

/** The facts with these ids (unknown ids left out), in the order of `ids`: one query for all. */
export function getFacts(db: Db, ids: readonly string[]): Map<string, Fact> {
  const wanted = [...new Set(ids)];
  const rows = stmt(db, `${FACT_SELECT} WHERE f.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(wanted)) as FactRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<string, Fact>();
  for (const id of wanted) {
    const row = byId.get(id);
    if (row) out.set(id, factFromRow(row));
  }
  return out;
}

/**
 * What a fact's content is checked by, per id (unknown ids left out): its `updated_at` — every
 * edit of the fact or its tags sets it — and its source ids, which merging sources rewrites.
 * Reading these for 2,000 facts is a fraction of reading the facts.
 */
export function factVersions(db: Db, ids: readonly string[]): Map<string, string> {
  const rows = stmt(
    db,
    `SELECT id, updated_at || '|' || source_id || '|' || ifnull(via_source_id, '') AS v FROM facts WHERE id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as { id: string; v: string }[];
  return new Map(rows.map((r) => [r.id, r.v]));
}

export function factsOfSource(db: Db, sourceId: string): Fact[] {
  const rows = stmt(db, `${FACT_SELECT} WHERE f.source_id = ? ORDER BY f.position, f.seq`).all(resolveSourceId(db, sourceId)) as FactRow[];
  return rows.map(factFromRow);
}

const PATCH_COLUMNS: Record<string, string> = {
  text: 'text',
  kind: 'kind',
  sourceId: 'source_id',
  viaSourceId: 'via_source_id',
  eventDate: 'event_date',
  eventDateEnd: 'event_date_end',
  credibility: 'credibility',
  marking: 'marking',
  notes: 'notes',
  verifiedAt: 'verified_at',
};

/** Changes a fact; `null`-like empty strings clear optional fields. Returns the new fact. */
export function updateFact(db: Db, idOrPrefix: string, patch: unknown): Fact {
  return db.transaction(() => {
    const current = getFact(db, idOrPrefix);
    const data = validate(factPatchSchema, patch, 'fact') as Partial<FactInput>;
    const params: Record<string, unknown> = { id: current.id, now: nowIso() };
    const sets: string[] = [];
    for (const [key, value] of Object.entries(data)) {
      if (value === undefined) continue;
      if (key === 'credibility' && value === null) {
        sets.push('credibility = NULL');
      } else if (key === 'locator') {
        const loc = value as FactInput['locator'];
        sets.push('locator_label = @locator_label', 'locator_value = @locator_value');
        params.locator_label = loc?.label ?? null;
        params.locator_value = loc?.value ?? null;
      } else if (key === 'figure') {
        const fig = value as FactInput['figure'] | null;
        sets.push('figure_stated = @figure_stated', 'figure_value = @figure_value', 'figure_unit = @figure_unit');
        params.figure_stated = fig?.stated ?? null;
        params.figure_value = fig?.value ?? null;
        params.figure_unit = fig?.unit || null;
      } else if (key === 'attribution') {
        const a = value as FactInput['attribution'];
        sets.push('attribution_name = @attribution_name', 'attribution_role = @attribution_role');
        params.attribution_name = a?.name || null;
        params.attribution_role = a?.role || null;
      } else {
        const col = PATCH_COLUMNS[key];
        let v: unknown = value === '' ? null : value;
        if (key === 'sourceId' || key === 'viaSourceId')
          v = v === null ? null : sourceIdOrFail(db, typeof v === 'string' ? v : JSON.stringify(v), `fact.${key}`);
        if (key === 'marking' && v !== null) v = normaliseMarking(db, 'fact.marking', typeof v === 'string' ? v : JSON.stringify(v));
        if (key === 'sourceId' && v === null) throw invalid('fact.sourceId', 'is required: every fact needs a source');
        sets.push(`${col} = @${col}`);
        params[col] = v;
      }
    }
    checkDateRange(current, data, sets);
    if (data.text !== undefined) {
      sets.push('text_hash = @text_hash');
      params.text_hash = textHash(data.text);
    }
    if (sets.length === 0) return current;
    try {
      stmt(db, `UPDATE facts SET ${sets.join(', ')}, updated_at = @now WHERE id = @id`).run(params);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new DossierError('conflict', 'The source already has another fact with this text. Nothing changed.');
      }
      throw e;
    }
    return getFact(db, current.id);
  })();
}

/**
 * The event-date range after a patch must still hold: its end not before its start. Clearing
 * the start clears the end with it (a range end alone means nothing).
 */
function checkDateRange(current: Fact, data: Partial<FactInput>, sets: string[]): void {
  const endGiven = data.eventDateEnd !== undefined;
  const start = data.eventDate !== undefined ? (data.eventDate ?? undefined) : current.eventDate;
  const end = endGiven ? (data.eventDateEnd ?? undefined) : current.eventDateEnd;
  if (end === undefined) return;
  if (start === undefined && !endGiven) {
    sets.push('event_date_end = NULL');
    return;
  }
  const problem = dateRangeProblem(start, end);
  if (problem) throw invalid('fact.eventDateEnd', problem);
}

export function verifyFact(db: Db, idOrPrefix: string, at = nowIso()): Fact {
  return db.transaction(() => {
    const id = resolveFactId(db, idOrPrefix);
    stmt(db, 'UPDATE facts SET verified_at = ?, updated_at = ? WHERE id = ?').run(at, at, id);
    return getFact(db, id);
  })();
}

export function tagFact(db: Db, idOrPrefix: string, tags: readonly unknown[]): Fact {
  return db.transaction(() => {
    const fact = getFact(db, idOrPrefix);
    const names = cleanTags(tags);
    const have = new Set(fact.tags.map((t) => t.toLowerCase()));
    for (const n of names) {
      if (have.has(n.toLowerCase())) throw new DossierError('conflict', `Fact already has tag "${n}". Nothing changed.`);
    }
    const seq = stmt(db, 'SELECT seq FROM facts WHERE id = ?').pluck().get(fact.id) as number;
    const link = stmt(db, 'INSERT INTO fact_tags (fact_seq, tag_seq) VALUES (?, ?)');
    for (const n of names) link.run(seq, tagSeq(db, n));
    stmt(db, 'UPDATE facts SET updated_at = ? WHERE seq = ?').run(nowIso(), seq);
    return getFact(db, fact.id);
  })();
}

export function untagFact(db: Db, idOrPrefix: string, tags: readonly unknown[]): Fact {
  return db.transaction(() => {
    const fact = getFact(db, idOrPrefix);
    const names = cleanTags(tags);
    const seq = stmt(db, 'SELECT seq FROM facts WHERE id = ?').pluck().get(fact.id) as number;
    for (const n of names) {
      const r = stmt(db, 'DELETE FROM fact_tags WHERE fact_seq = ? AND tag_seq = (SELECT seq FROM tags WHERE name = ?)').run(seq, n);
      if (r.changes === 0) throw new DossierError('not_found', `Fact has no tag "${n}". Nothing changed.`);
    }
    stmt(db, 'DELETE FROM tags WHERE seq NOT IN (SELECT tag_seq FROM fact_tags)').run();
    stmt(db, 'UPDATE facts SET updated_at = ? WHERE seq = ?').run(nowIso(), seq);
    return getFact(db, fact.id);
  })();
}

export interface BriefingUse {
  briefingId: string;
  title: string;
  count: number;
}

/** Which briefings cite a fact, so a corrected fact can flag them. */
export function briefingsUsingFact(db: Db, idOrPrefix: string): BriefingUse[] {
  const id = resolveFactId(db, idOrPrefix);
  return stmt(
    db,
    `SELECT b.id AS briefingId, b.title AS title, count(*) AS count FROM (${FACT_USES_SQL}) u
       JOIN briefings b ON b.id = u.briefing_id
       WHERE u.fact_id = ? GROUP BY b.id ORDER BY b.updated_at DESC`,
  ).all(id) as BriefingUse[];
}

export function removeFact(db: Db, idOrPrefix: string): void {
  db.transaction(() => {
    const id = resolveFactId(db, idOrPrefix);
    const uses = briefingsUsingFact(db, id);
    if (uses.length) {
      throw new DossierError(
        'conflict',
        `The fact is cited in briefing(s) ${uses.map((u) => `"${u.title}"`).join(', ')}; remove it there first. Nothing was deleted.`,
      );
    }
    stmt(db, 'DELETE FROM facts WHERE id = ?').run(id);
    stmt(db, 'DELETE FROM tags WHERE seq NOT IN (SELECT tag_seq FROM fact_tags)').run();
  })();
}
