import { nowIso } from '../../core/dates';
import { newId } from '../../core/ids';
import type { FactInput } from '../../core/model';
import { textHash } from '../../core/text-key';
import type { Db } from '../open';
import { stmt } from '../statements';
import { fillSearchIndex } from '../health/search-index';
import { tagSeq } from './tags';
import { withoutTrigger } from './without-trigger';

export type ValidFactInput = FactInput & { kind: NonNullable<FactInput['kind']>; tags: string[] };

export interface FactToInsert {
  data: ValidFactInput;
  position: number | null;
}

export interface InsertResult {
  /** The new fact's id, when one was inserted. */
  id: string | undefined;
  /** Set when the source already has a fact with the same words: nothing was inserted. */
  duplicateOf: string | undefined;
}

/**
 * From this many new facts in one call, the search index is written after the rows, in one
 * statement, instead of by the insert trigger row by row. Below it, the two schema changes
 * that costs are not worth it (a typed fact, a short capture).
 */
const BULK_MIN = 16;

/**
 * Inserts validated facts in document order inside the caller's transaction, skipping any
 * whose words the source already has (the source-and-hash index probed once for the batch, and a
 * map for repeats within the batch). Duplicates are found and tags resolved (new tags created)
 * before the first fact row is written; the caller's transaction makes the whole all or nothing.
 */
export function insertFacts(db: Db, items: readonly FactToInsert[], now = nowIso()): InsertResult[] {
  if (!db.inTransaction) return db.transaction(() => insertFacts(db, items, now))();
  const plan = planRows(db, items);
  if (plan.rows.length === 0) return plan.results;
  // Tags first: their foreign key is deferred, and the fact's index entry (trigger or fill)
  // is then written once with its tags instead of being rewritten for every tag.
  if (plan.links.length) {
    stmt(db, 'INSERT INTO fact_tags (fact_seq, tag_seq) SELECT value ->> 0, value ->> 1 FROM json_each(?)').run(JSON.stringify(plan.links));
  }
  const insertRows = () => {
    const insert = stmt(db, INSERT_FACT);
    for (const row of plan.rows) {
      row.push(now, now);
      insert.run(row);
    }
  };
  if (plan.rows.length < BULK_MIN) insertRows();
  else withoutFactIndexTrigger(db, plan.firstSeq, plan.firstSeq + plan.rows.length - 1, insertRows);
  return plan.results;
}

/**
 * Runs `insertRows` (which adds the facts `firstSeq`…`lastSeq`) with the per-row index trigger
 * dropped, then indexes those facts in one INSERT … SELECT and puts the trigger back, inside
 * the caller's transaction.
 *
 * Why: FTS5 writes its pending entries to disk at every statement that opens a savepoint, and
 * a statement with a trigger also copies every page it touches to the statement journal
 * first. Through the trigger, even 500 rows to a statement, the facts and their index cost
 * about 1.5× this; one statement in rowid order lets FTS5 build the entries in memory.
 */
function withoutFactIndexTrigger(db: Db, firstSeq: number, lastSeq: number, insertRows: () => void): void {
  withoutTrigger(db, 'facts_ai', () => {
    insertRows();
    fillSearchIndex(db, firstSeq, lastSeq);
  });
}

/**
 * One single-row statement, run per fact. Without a trigger on the table it needs no
 * statement journal (SQLite copies every page a multi-row or triggering statement touches
 * before changing it), which made it faster than 500 rows to a statement through json_each.
 */
const INSERT_FACT = `INSERT INTO facts (seq, id, text, text_hash, kind, source_id, position, locator_label, locator_value,
  attribution_name, attribution_role, via_source_id, event_date, credibility, marking, notes, verified_at, event_date_end,
  figure_stated, figure_value, figure_unit, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

interface RowPlan {
  results: InsertResult[];
  /** The new rows' values in INSERT_FACT's order, without the two dates. */
  rows: unknown[][];
  /** [fact seq, tag seq] for every tag of every new fact. */
  links: [number, number][];
  firstSeq: number;
}

/** Assigns ids and seqs, finds duplicates and resolves tags, before any fact row is written. */
function planRows(db: Db, items: readonly FactToInsert[]): RowPlan {
  const firstSeq = (stmt(db, 'SELECT coalesce(max(seq), 0) FROM facts').pluck().get() as number) + 1;
  const hashes = items.map(({ data }) => textHash(data.text));
  const keys = items.map(({ data }, i) => `${data.sourceId}:${hashes[i].toString('hex')}`);
  const seen = existingFacts(db, items, hashes);
  const tagSeqs = new Map<string, number>();
  const rows: unknown[][] = [];
  const links: [number, number][] = [];
  const results = items.map(({ data, position }, i): InsertResult => {
    const dup = seen.get(keys[i]);
    if (dup) return { id: undefined, duplicateOf: dup };
    const id = newId();
    seen.set(keys[i], id);
    const seq = firstSeq + rows.length;
    for (const t of data.tags) {
      let tag = tagSeqs.get(t);
      if (tag === undefined) tagSeqs.set(t, (tag = tagSeq(db, t)));
      links.push([seq, tag]);
    }
    rows.push(factRow(seq, id, hashes[i], data, position));
    return { id, duplicateOf: undefined };
  });
  return { results, rows, links, firstSeq };
}

/**
 * The facts the library already has with the words of one of `items` (same source, same text
 * hash), keyed `source:hash`: one statement probing the source-and-hash index for the whole
 * batch, instead of one call per fact (which cost twice as much at 100,000 facts).
 */
function existingFacts(db: Db, items: readonly FactToInsert[], hashes: readonly Buffer[]): Map<string, string> {
  const found = new Map<string, string>();
  const probes = JSON.stringify(items.map(({ data }, i) => [data.sourceId, hashes[i].toString('hex')]));
  const rows = stmt(db, EXISTING_FACTS).raw().all(probes) as [string, Buffer, string][];
  for (const [sourceId, hash, id] of rows) found.set(`${sourceId}:${hash.toString('hex')}`, id);
  return found;
}

const EXISTING_FACTS = `SELECT f.source_id, f.text_hash, f.id
  FROM json_each(?) AS probe JOIN facts f ON f.source_id = probe.value ->> 0 AND f.text_hash = unhex(probe.value ->> 1)`;

function factRow(seq: number, id: string, hash: Buffer, data: ValidFactInput, position: number | null): unknown[] {
  return [
    seq,
    id,
    data.text,
    hash,
    data.kind,
    data.sourceId,
    position,
    data.locator?.label ?? null,
    data.locator?.value ?? null,
    data.attribution?.name || null,
    data.attribution?.role || null,
    data.viaSourceId ?? null,
    data.eventDate ?? null,
    data.credibility ?? null,
    data.marking ?? null,
    data.notes || null,
    data.verifiedAt ?? null,
    data.eventDateEnd ?? null,
    data.figure?.stated ?? null,
    data.figure?.value ?? null,
    data.figure?.unit || null,
  ];
}
