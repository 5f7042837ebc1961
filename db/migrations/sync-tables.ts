import type { Database } from 'better-sqlite3';
import type { SyncEntity } from '../../core/sync-types';

/**
 * Which tables a team library shares and which of their columns travel (core/sync-types.ts):
 * the one description the outbox triggers (./team-sync-triggers.ts), sharing,
 * the outbox reader and apply are generated from. A column travels unless excluded here:
 * - `seq` is this file's join key, `id` is the row's key (sent beside the data);
 * - `search_text`, `text_hash` are derived from other columns, rebuilt on arrival;
 * - `updated_at` is each library's own bookkeeping: every edit stamps it, so sending it would
 *   make any two edits of one row "the same field edited twice". Apply sets it from the
 *   server row's `updatedAt`.
 * A column added by a later migration travels as soon as that migration recreates the
 * triggers (db/migrations/sync-tables.test.ts fails until it does).
 */
export interface SyncTable {
  entity: SyncEntity;
  table: string;
  /** The row's id as an SQL expression over a row alias (`new`, `old`, a table alias). */
  key(row: string): string;
  /** The columns the id is made of, joined by '~' (one: `id`, which also has `updated_at`). */
  keys: readonly string[];
  exclude: readonly string[];
  /** TEXT columns holding JSON: sent as the JSON value, not as a string of it. */
  json: readonly string[];
  /**
   * A value kept in other tables, sent as one field (resolved when the outbox is read); an
   * original's `marking` is the highest of its source's facts, added as it goes up
   * (team/sync-originals.ts) and never written to a column here.
   */
  derived?: 'tags' | 'body' | 'marking';
}

const byId = (row: string) => `${row}.id`;
const pair = (a: string, b: string) => (row: string) => `${row}.${a} || '~' || ${row}.${b}`;

export const SYNC_TABLES: readonly SyncTable[] = [
  {
    entity: 'source',
    table: 'sources',
    key: byId,
    keys: ['id'],
    exclude: ['seq', 'id', 'search_text', 'updated_at'],
    json: ['authors', 'editors', 'extra'],
  },
  { entity: 'fact', table: 'facts', key: byId, keys: ['id'], exclude: ['seq', 'id', 'text_hash', 'updated_at'], json: [], derived: 'tags' },
  { entity: 'link', table: 'corroborations', key: pair('fact_a', 'fact_b'), keys: ['fact_a', 'fact_b'], exclude: [], json: [] },
  { entity: 'briefing', table: 'briefings', key: byId, keys: ['id'], exclude: ['seq', 'id', 'updated_at'], json: ['fields'], derived: 'body' },
  // A source's stored original (migration 11): the link travels as a row; the file itself is
  // content, moved by its hash beside the rows (team/sync-originals.ts).
  {
    entity: 'original',
    table: 'source_originals',
    key: pair('source_id', 'sha256'),
    keys: ['source_id', 'sha256'],
    exclude: [],
    json: [],
    derived: 'marking',
  },
];

export function syncTable(entity: SyncEntity): SyncTable {
  return SYNC_TABLES.find((t) => t.entity === entity)!;
}

/** A row of `entity` by its id: the WHERE clause (named parameters) and its values. */
export function rowKey(entity: SyncEntity, id: string): { where: string; key: Record<string, string> } {
  const { keys } = syncTable(entity);
  if (keys.length === 1) return { where: `${keys[0]} = @key_0`, key: { key_0: id } };
  const at = id.indexOf('~');
  const parts = at < 0 ? [id, ''] : [id.slice(0, at), id.slice(at + 1)];
  return { where: keys.map((k, i) => `${k} = @key_${i}`).join(' AND '), key: Object.fromEntries(parts.map((p, i) => [`key_${i}`, p])) };
}

/** Rows keyed by one `id` keep their own `updated_at`; links and originals have none. */
export function hasUpdatedAt(entity: SyncEntity): boolean {
  return syncTable(entity).keys.length === 1;
}

export interface SyncColumn {
  name: string;
  type: 'TEXT' | 'INTEGER' | 'REAL';
  notNull: boolean;
  json: boolean;
}

const columnCache = new WeakMap<Database, Map<string, SyncColumn[]>>();

/** The columns of a shared table that travel, as the schema has them now (cached per connection). */
export function syncColumns(db: Database, t: SyncTable): SyncColumn[] {
  let cache = columnCache.get(db);
  if (!cache) columnCache.set(db, (cache = new Map<string, SyncColumn[]>()));
  let cols = cache.get(t.table);
  if (!cols) cache.set(t.table, (cols = readSyncColumns(db, t)));
  return cols;
}

/** The same, read afresh: a migration reads the schema it is building (never cached). */
export function readSyncColumns(db: Database, t: SyncTable): SyncColumn[] {
  const info = db.prepare(`PRAGMA table_info(${t.table})`).all() as { name: string; type: string; notnull: number; pk: number }[];
  return info
    .filter((c) => !t.exclude.includes(c.name))
    .map((c) => ({ name: c.name, type: c.type as SyncColumn['type'], notNull: c.notnull === 1 || c.pk > 0, json: t.json.includes(c.name) }));
}
