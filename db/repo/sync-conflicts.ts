import { nowIso } from '../../core/dates';
import { DossierError, invalid, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { type JsonValue, SYNC_ENTITIES, type SyncConflict, type SyncEntity } from '../../core/sync-types';
import type { Db } from '../open';
import { stmt } from '../statements';
import { setApplying } from './sync-apply-context';
import { teamLink } from './sync-link';
import { shareWithTeam } from './sync-share';
import { queueMutation } from './sync-outbox';
import { readRowData, requireList } from './sync-row-data';
import { deleteRow, recreate, writeField } from './sync-row-write';

/** A conflict as kept: what did not simply apply, until the analyst picks a side. */
export interface StoredConflict extends SyncConflict {
  id: string;
  createdAt: string;
  resolvedAt: string | null;
  resolution: 'mine' | 'theirs' | null;
}

interface ConflictRow {
  id: string;
  entity: SyncEntity;
  entity_id: string;
  kind: SyncConflict['kind'];
  field: string | null;
  mine: string | null;
  theirs: string | null;
  server_version: number;
  by_user: string | null;
  created_at: string;
  resolved_at: string | null;
  resolution: 'mine' | 'theirs' | null;
}

const KINDS = ['field', 'edited_deleted', 'deleted_edited'];

export function insertConflict(db: Db, c: SyncConflict): string {
  const id = newId();
  stmt(
    db,
    `INSERT INTO sync_conflicts (id, entity, entity_id, kind, field, mine, theirs, server_version, by_user, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, c.entity, c.entityId, c.kind, c.field, json(c.mine), json(c.theirs), c.serverVersion, c.byUser, nowIso());
  return id;
}

function json(v: JsonValue | undefined): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}

/**
 * Keeps the conflicts a push reported, in one transaction, and makes this library show what
 * stands on the server until the analyst decides (call it after acknowledging the push, so the
 * losing change is no longer pending):
 * - 'field': the server's value is written here, unless a later change of ours to the field
 *   is still to be sent;
 * - 'edited_deleted': `mine` becomes our whole row as it is here, so 'mine' can share it
 *   again after the pull has removed it;
 * - 'deleted_edited': the row we deleted comes back as the server has it.
 * Returns the conflicts' ids.
 */
export function recordConflicts(db: Db, conflicts: readonly SyncConflict[]): string[] {
  requireList(conflicts, 'conflicts');
  conflicts.forEach((c, i) => checkConflict(c, `conflicts[${i}]`));
  return db.transaction(() => {
    setApplying(db, 1);
    try {
      return conflicts.map((c) => insertConflict(db, settleLocally(db, c)));
    } finally {
      setApplying(db, 0);
    }
  })();
}

function settleLocally(db: Db, c: SyncConflict): SyncConflict {
  const here = readRowData(db, c.entity, c.entityId);
  if (c.kind === 'edited_deleted') return here ? { ...c, mine: here } : c;
  if (c.kind === 'deleted_edited') {
    if (!here && c.theirs !== null && typeof c.theirs === 'object') {
      try {
        db.transaction(() => {
          recreate(db, c.entity, c.entityId, c.theirs);
          markSharedAt(db, c.entity, c.entityId, c.serverVersion);
        })();
      } catch {
        // What it refers to is gone here too (its source, its facts): the conflict still tells
        // the analyst, and the row comes back with the next full pull.
      }
    }
    return c;
  }
  const pending = stmt(db, 'SELECT fields FROM sync_outbox WHERE entity = ? AND id = ?').pluck().all(c.entity, c.entityId) as string[];
  const stillOurs = pending.some((f) => c.field! in (JSON.parse(f) as object));
  if (here && !stillOurs) writeField(db, c.entity, c.entityId, c.field!, c.theirs);
  return c;
}

function markSharedAt(db: Db, entity: SyncEntity, id: string, version: number): void {
  const team = teamLink(db)?.teamId;
  if (!team) return;
  stmt(db, "INSERT OR REPLACE INTO sync_rows (entity, id, team_id, version, origin) VALUES (?, ?, ?, ?, 'team')").run(entity, id, team, version);
}

function checkConflict(c: SyncConflict, at: string): void {
  if (c === null || typeof c !== 'object') throw invalid(at, 'must be an object');
  if (!SYNC_ENTITIES.includes(c.entity)) throw invalid(`${at}.entity`, `must be one of ${SYNC_ENTITIES.join(', ')}`);
  if (typeof c.entityId !== 'string' || c.entityId === '') throw invalid(`${at}.entityId`, 'is required');
  if (!KINDS.includes(c.kind)) throw invalid(`${at}.kind`, `must be one of ${KINDS.join(', ')}`);
  if ((c.kind === 'field') !== (typeof c.field === 'string' && c.field !== ''))
    throw invalid(`${at}.field`, 'is required for a field conflict, and only for one');
  if (!Number.isSafeInteger(c.serverVersion) || c.serverVersion < 0) throw invalid(`${at}.serverVersion`, 'must be a whole number, 0 or more');
}

export function listConflicts(db: Db, opts: { open?: boolean } = {}): StoredConflict[] {
  const where = opts.open === true ? 'WHERE resolved_at IS NULL' : opts.open === false ? 'WHERE resolved_at IS NOT NULL' : '';
  return (stmt(db, `SELECT * FROM sync_conflicts ${where} ORDER BY created_at, rowid`).all() as ConflictRow[]).map(fromRow);
}

function fromRow(r: ConflictRow): StoredConflict {
  return {
    id: r.id,
    entity: r.entity,
    entityId: r.entity_id,
    kind: r.kind,
    field: r.field,
    mine: r.mine === null ? null : (JSON.parse(r.mine) as JsonValue),
    theirs: r.theirs === null ? null : (JSON.parse(r.theirs) as JsonValue),
    serverVersion: r.server_version,
    byUser: r.by_user,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
  };
}

/**
 * Settles a conflict. 'theirs': what stands stays; the conflict is marked resolved. 'mine':
 * our value is written again as a normal local write, so the outbox sends it against the
 * server's current version — a field back to our value; a row deleted elsewhere (that we
 * edited, or cite) shared again as a new row, with every field (never brought back
 * silently); a row we deleted that was edited elsewhere, deleted again.
 */
export function resolveConflict(db: Db, id: string, choice: 'mine' | 'theirs'): StoredConflict {
  if (choice !== 'mine' && choice !== 'theirs') throw invalid('choice', "must be 'mine' or 'theirs'");
  return db.transaction(() => {
    const row = stmt(db, 'SELECT * FROM sync_conflicts WHERE id = ?').get(id) as ConflictRow | undefined;
    if (!row) throw notFound('Conflict', id);
    if (row.resolved_at) throw new DossierError('conflict', `Conflict ${id} was resolved already (${row.resolution}). Nothing changed.`);
    const c = fromRow(row);
    if (choice === 'mine') writeMine(db, c);
    stmt(db, 'UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?').run(nowIso(), choice, id);
    return fromRow(stmt(db, 'SELECT * FROM sync_conflicts WHERE id = ?').get(id) as ConflictRow);
  })();
}

function writeMine(db: Db, c: StoredConflict): void {
  const exists = readRowData(db, c.entity, c.entityId) !== undefined;
  if (c.kind === 'field') {
    if (!exists) throw new DossierError('conflict', `The ${c.entity} ${c.entityId} is no longer in this library; keep theirs. Nothing changed.`);
    return writeField(db, c.entity, c.entityId, c.field!, c.mine);
  }
  if (c.kind === 'deleted_edited') {
    if (exists) deleteRow(db, c.entity, c.entityId);
    return;
  }
  if (!exists) recreate(db, c.entity, c.entityId, c.mine);
  // A pack's row deleted here comes back as a personal row, as every row a pack adds does.
  if (!isFromPack(c)) reshare(db, c.entity, c.entityId);
}

/** By-user of a conflict a fact pack left (db/repo/pack-merge.ts): "pack FILE-NAME". */
export function packConflictBy(fileName: string): string {
  return `pack ${fileName}`;
}

/** A pack's conflicts carry no server version: nothing of them was ever on a server. */
function isFromPack(c: SyncConflict): boolean {
  return c.serverVersion === 0 && (c.byUser ?? '').startsWith(packConflictBy(''));
}

/**
 * Shares the row again as a new one: version 0, every field, in place of any unsent change.
 * A fact or briefing goes as a first share does, with the rows it needs there.
 */
function reshare(db: Db, entity: SyncEntity, id: string): void {
  const link = teamLink(db);
  if (!link) throw new DossierError('conflict', 'The library is not linked to a team any more; the row stays personal. Nothing changed.');
  const shared = stmt(db, 'SELECT 1 FROM sync_rows WHERE entity = ? AND id = ?').get(entity, id) !== undefined;
  if (!shared && entity === 'fact') return void shareWithTeam(db, link.teamId, { ids: [id] });
  if (!shared && entity === 'briefing') return void shareWithTeam(db, link.teamId, { brief: id });
  stmt(db, 'DELETE FROM sync_outbox WHERE entity = ? AND id = ?').run(entity, id);
  stmt(
    db,
    `INSERT INTO sync_rows (entity, id, team_id, version, origin) VALUES (?, ?, ?, 0, 'local')
     ON CONFLICT (entity, id) DO UPDATE SET version = 0, origin = 'local'`,
  ).run(entity, id, link.teamId);
  queueMutation(db, entity, id, 'upsert', readRowData(db, entity, id)!, 0);
}
