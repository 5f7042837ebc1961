/**
 * The shapes a team library moves (issue 16): the same rows go to the server, come back from
 * it and travel in fact packs. Plain data, so the local library (db/), the server code (team/)
 * and packs agree on one format.
 *
 * - `source`, `fact`: the table's columns by name (no `seq`, no derived `search_text` or
 *   `text_hash`); a fact carries its tag names as `tags` (sorted), so tags travel with it.
 * - `link`: a corroboration, id `${fact_a}~${fact_b}` (the smaller uuid first, as stored).
 * - `briefing`: the briefing's columns plus `body`, its sections, items and cites as one value.
 * - `original`: a stored original attached to a source, id `${source_id}~${sha256}`: the link
 *   only (file name, when captured). The file's bytes and text are content, kept once per team
 *   by their SHA-256 and moved beside the rows (team/sync-originals.ts), never as row data.
 */
export const SYNC_ENTITIES = ['source', 'fact', 'link', 'briefing', 'original'] as const;
export type SyncEntity = (typeof SYNC_ENTITIES)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One local change, as the outbox keeps it and the server applies it (once, by `mutationId`). */
export interface Mutation {
  mutationId: string;
  entity: SyncEntity;
  id: string;
  op: 'upsert' | 'delete';
  /** Changed fields and their new values; a first share carries every field. */
  fields: Record<string, JsonValue>;
  /** The server version the change was made against; 0 for a row the server has not seen. */
  baseVersion: number;
}

/** A row as the server holds it, and as a pull or a pack delivers it. */
export interface RemoteRow {
  entity: SyncEntity;
  id: string;
  version: number;
  deleted: boolean;
  data: Record<string, JsonValue>;
  /** Who made the latest change, and when (ISO 8601). */
  updatedBy: string;
  updatedAt: string;
}

/** Why a change did not simply apply. */
export type ConflictKind = 'field' | 'edited_deleted' | 'deleted_edited';

export interface SyncConflict {
  entity: SyncEntity;
  entityId: string;
  kind: ConflictKind;
  /** The field both sides changed (kind 'field'). */
  field: string | null;
  /** This library's value that did not win, and the value that stands. */
  mine: JsonValue;
  theirs: JsonValue;
  serverVersion: number;
  byUser: string | null;
}
