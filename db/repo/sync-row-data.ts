import { isDeepStrictEqual } from 'node:util';
import { invalid, printable } from '../../core/errors';
import type { JsonValue, SyncEntity } from '../../core/sync-types';
import type { Db } from '../open';
import { stmt } from '../statements';
import { indexProseCites } from './briefing-cites';
import { syncSeen } from './briefing-seen';
import { cleanTags } from './tags';
import { rowKey, type SyncColumn, syncColumns, syncTable } from '../migrations/sync-tables';

/**
 * The one mapping between a local row and the data record a team library moves
 * (core/sync-types.ts): sharing, the outbox, apply and fact packs all go through it.
 * - source, fact, link, briefing, original: the travelling columns by name (db/migrations/sync-tables.ts),
 *   JSON columns as their JSON value;
 * - a fact's `tags`: its tag names, sorted by code point (the same order on every machine);
 * - a briefing's `body`: `{ sections: [{ id, key, heading, items: [{ id, kind, text, ... }] }] }`
 *   in document order. Prose cites are not in it: they are read from the prose text again on
 *   arrival (db/repo/briefing-cites.ts), as every local write of the text does.
 */
export type RowData = Record<string, JsonValue>;
type SqlValue = string | number | null;

/** A row's data record, or undefined when the library has no such row. For fact packs. */
export function rowData(lib: { db: Db }, entity: SyncEntity, id: string): RowData | undefined {
  return readRowData(lib.db, entity, id);
}

export function readRowData(db: Db, entity: SyncEntity, id: string): RowData | undefined {
  const t = syncTable(entity);
  const cols = syncColumns(db, t);
  const { where, key } = rowKey(entity, id);
  const row = stmt(db, `SELECT ${cols.map((c) => c.name).join(', ')} FROM ${t.table} WHERE ${where}`).get(key) as Record<string, SqlValue> | undefined;
  if (!row) return undefined;
  const data = recordFromRow(cols, row);
  if (entity === 'fact') data.tags = factTags(db, id);
  if (entity === 'briefing') data.body = briefingBody(db, id);
  return data;
}

/** The two fact ids of a link id (`${fact_a}~${fact_b}`). */
export function linkEnds(id: string): [string, string] {
  const at = id.indexOf('~');
  return at < 0 ? [id, ''] : [id.slice(0, at), id.slice(at + 1)];
}

function recordFromRow(cols: readonly SyncColumn[], row: Record<string, SqlValue>): RowData {
  const data: RowData = {};
  for (const c of cols) {
    const v = row[c.name];
    data[c.name] = c.json && typeof v === 'string' ? (JSON.parse(v) as JsonValue) : v;
  }
  return data;
}

function factTags(db: Db, factId: string): string[] {
  const names = stmt(db, 'SELECT t.name FROM facts f JOIN fact_tags ft ON ft.fact_seq = f.seq JOIN tags t ON t.seq = ft.tag_seq WHERE f.id = ?')
    .pluck()
    .all(factId) as string[];
  return names.sort();
}

/** Section and item columns that travel in a body (their keys and order are the body's own). */
const SECTION_EXCLUDE = ['seq', 'briefing_id', 'position'];
const ITEM_EXCLUDE = ['seq', 'section_id', 'position'];

function partColumns(db: Db, table: string, exclude: readonly string[]): SyncColumn[] {
  return syncColumns(db, { entity: 'briefing', table, key: (r) => `${r}.id`, keys: ['id'], exclude, json: [] });
}

function briefingBody(db: Db, briefingId: string): JsonValue {
  const sectionCols = partColumns(db, 'briefing_sections', SECTION_EXCLUDE);
  const itemCols = partColumns(db, 'briefing_items', ITEM_EXCLUDE);
  const sections = stmt(db, `SELECT ${sectionCols.map((c) => c.name).join(', ')} FROM briefing_sections WHERE briefing_id = ? ORDER BY position`).all(
    briefingId,
  ) as Record<string, SqlValue>[];
  const items = stmt(db, `SELECT ${itemCols.map((c) => c.name).join(', ')} FROM briefing_items WHERE section_id = ? ORDER BY position`);
  return {
    sections: sections.map((s) => ({
      ...recordFromRow(sectionCols, s),
      items: (items.all(s.id) as Record<string, SqlValue>[]).map((i) => recordFromRow(itemCols, i)),
    })),
  };
}

/**
 * Checks a data record (from the server, a pack or a conflict) against the table's columns
 * and returns the column values to write. `partial`: only the fields present (a changed-field
 * set); otherwise every column must be given (nullable ones may be null). An unknown field, a
 * missing one or a value of the wrong type is refused naming the row and the field.
 */
export function columnsFromData(db: Db, entity: SyncEntity, id: string, data: unknown, partial = false): Record<string, SqlValue> {
  const t = syncTable(entity);
  return checkColumns(syncColumns(db, t), data, `${entity} ${printable(id)}`, partial, t.derived);
}

function checkColumns(cols: readonly SyncColumn[], data: unknown, where: string, partial: boolean, derived?: string): Record<string, SqlValue> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw invalid(where, 'data must be an object');
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== derived && !cols.some((c) => c.name === key)) throw invalid(`${where}.${key}`, 'is not a field of this row');
  }
  const out: Record<string, SqlValue> = {};
  for (const c of cols) {
    if (!(c.name in record)) {
      if (partial) continue;
      if (c.notNull) throw invalid(`${where}.${c.name}`, 'is missing');
    }
    out[c.name] = checkValue(c, record[c.name], `${where}.${c.name}`);
  }
  return out;
}

function checkValue(c: SyncColumn, v: unknown, field: string): SqlValue {
  if (v === null || v === undefined) {
    if (c.notNull) throw invalid(field, 'must not be empty');
    return null;
  }
  if (c.json) {
    if (typeof v !== 'object') throw invalid(field, 'must be a JSON object or list');
    return JSON.stringify(v);
  }
  if (c.type === 'TEXT' && typeof v !== 'string') throw invalid(field, 'must be text');
  if (c.type === 'INTEGER' && !Number.isSafeInteger(v)) throw invalid(field, 'must be a whole number');
  if (c.type === 'REAL' && (typeof v !== 'number' || !Number.isFinite(v))) throw invalid(field, 'must be a number');
  return v as SqlValue;
}

/**
 * The columns of `cols` (checked values, as columnsFromData returns them) whose value differs
 * from the row `have` holds. JSON columns are compared as values: the server stores JSON as
 * jsonb, which orders object keys its own way, so the same authors come back as other text;
 * writing them would rewrite the search entry of every fact of the source for nothing.
 */
export function changedColumns(entity: SyncEntity, have: Record<string, unknown>, cols: Record<string, SqlValue>): Record<string, SqlValue> {
  const json = new Set(syncTable(entity).json);
  const same = (k: string, v: SqlValue): boolean => {
    const was = have[k];
    if (was === v) return true;
    return json.has(k) && typeof was === 'string' && typeof v === 'string' && isDeepStrictEqual(JSON.parse(was), JSON.parse(v));
  };
  return Object.fromEntries(Object.entries(cols).filter(([k, v]) => !same(k, v)));
}

/**
 * Refuses a value that is not a list. Not `Array.isArray` at the call site: on a typed list
 * it narrows the elements to `any`.
 */
export function requireList(value: unknown, field: string): void {
  if (!Array.isArray(value)) throw invalid(field, 'must be a list');
}

/** A fact's `tags` from data: a list of tag names, each valid, none repeated. */
export function tagsFromData(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw invalid(field, 'must be a list of tag names');
  return cleanTags(value, field);
}

interface BodyPart {
  section: Record<string, SqlValue>;
  items: Record<string, SqlValue>[];
}

/** A briefing's `body` from data, checked section by section and item by item. */
export function bodyFromData(db: Db, value: unknown, field: string): BodyPart[] {
  const sections = (value as { sections?: unknown } | null)?.sections;
  if (!Array.isArray(sections)) throw invalid(field, 'must be an object with a list of sections');
  const sectionCols = partColumns(db, 'briefing_sections', SECTION_EXCLUDE);
  const itemCols = partColumns(db, 'briefing_items', ITEM_EXCLUDE);
  return sections.map((s: unknown, i) => {
    const { items, ...rest } = (s ?? {}) as { items?: unknown };
    if (!Array.isArray(items)) throw invalid(`${field}.sections[${i}].items`, 'must be a list');
    return {
      section: checkColumns(sectionCols, rest, `${field}.sections[${i}]`, false),
      items: items.map((item, j) => checkColumns(itemCols, item, `${field}.sections[${i}].items[${j}]`, false)),
    };
  });
}

/**
 * Makes a briefing's sections and items exactly `body`: the old ones go (their cites with
 * them), the new ones are written with their cites read from the prose again.
 */
export function writeBody(db: Db, briefingId: string, body: readonly BodyPart[], field: string): void {
  stmt(db, 'DELETE FROM briefing_sections WHERE briefing_id = ?').run(briefingId);
  body.forEach(({ section, items }, i) => {
    insertRow(db, 'briefing_sections', { ...section, briefing_id: briefingId, position: i }, `${field}.sections[${i}]`);
    items.forEach((item, j) => {
      if (item.fact_id !== null && !stmt(db, 'SELECT 1 FROM facts WHERE id = ?').get(item.fact_id)) {
        throw invalid(`${field}.sections[${i}].items[${j}].fact_id`, `no fact with id "${printable(String(item.fact_id))}"`);
      }
      insertRow(db, 'briefing_items', { ...item, section_id: section.id, position: j }, `${field}.sections[${i}].items[${j}]`);
      if (item.kind === 'prose' && typeof item.text === 'string') {
        indexProseCites(db, String(item.id), item.text, `${field}.sections[${i}].items[${j}].text`);
      }
    });
  });
  syncSeen(db, briefingId);
}

/**
 * One INSERT of named columns (statements cached by their column list). `where` names the row
 * in a refusal: a value the schema's CHECKs refuse is an input error about that row.
 */
export function insertRow(db: Db, table: string, cols: Record<string, SqlValue>, where = table): void {
  const names = Object.keys(cols);
  refusedAs(where, () => stmt(db, `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(cols));
}

/** One UPDATE of named columns of the row with this key. */
export function updateRow(db: Db, table: string, where: string, key: Record<string, SqlValue>, cols: Record<string, SqlValue>, row = table): void {
  const names = Object.keys(cols);
  if (names.length === 0) return;
  refusedAs(row, () => stmt(db, `UPDATE ${table} SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE ${where}`).run({ ...cols, ...key }));
}

function refusedAs(where: string, write: () => unknown): void {
  try {
    write();
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CONSTRAINT')) throw invalid(where, `refused by the library: ${(e as Error).message}`);
    throw e;
  }
}
