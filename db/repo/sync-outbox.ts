import { randomBytes } from 'node:crypto';
import { nowIso } from '../../core/dates';
import { invalid } from '../../core/errors';
import type { JsonValue, Mutation, SyncEntity } from '../../core/sync-types';
import type { Db } from '../open';
import { stmt } from '../statements';
import { readRowData, requireList, type RowData } from './sync-row-data';

/**
 * The outbox (issue 16): the changes to shared rows not yet on the server, in the order they
 * were made. The triggers of migration 9 write it; sharing and conflict resolution add full
 * upserts; a push reads it and acknowledges what the server took.
 *
 * A fact's `tags` and a briefing's `body` are recorded as the field name with a null value
 * and read here, as they are now (db/migrations/team-sync-triggers.ts says why). Moving one
 * item renumbers a section, one body record per item: only the latest record of such a run
 * is sent, and acknowledging it clears the earlier ones, which its value includes.
 */
const DEFERRED = ['{"tags":null}', '{"body":null}'];

const SUPERSEDED = `o.fields IN (${DEFERRED.map((f) => `'${f}'`).join(', ')})
  AND EXISTS (SELECT 1 FROM sync_outbox l WHERE l.entity = o.entity AND l.id = o.id AND l.fields = o.fields AND l.seq > o.seq)`;

interface OutboxRow {
  seq: number;
  mutation_id: string;
  entity: SyncEntity;
  id: string;
  op: 'upsert' | 'delete';
  fields: string;
  base_version: number;
}

/** Up to `limit` changes to send, oldest first. */
export function pendingMutations(db: Db, limit = 500): Mutation[] {
  if (!Number.isSafeInteger(limit) || limit < 1) throw invalid('limit', 'must be a whole number of at least 1');
  const rows = stmt(db, `SELECT * FROM sync_outbox o WHERE NOT (${SUPERSEDED}) ORDER BY seq LIMIT ?`).all(limit) as OutboxRow[];
  const current = new Map<string, RowData | undefined>();
  return rows.map((r) => {
    const fields = JSON.parse(r.fields) as Record<string, JsonValue>;
    for (const [name, v] of Object.entries(fields)) {
      if (v !== null || (name !== 'tags' && name !== 'body')) continue;
      const key = `${r.entity}:${r.id}`;
      if (!current.has(key)) current.set(key, readRowData(db, r.entity, r.id));
      const data = current.get(key);
      // A row deleted since: its delete follows in the outbox; the value has no row to go to.
      if (data && r.entity === (name === 'tags' ? 'fact' : 'briefing')) fields[name] = data[name];
      else delete fields[name];
    }
    return { mutationId: r.mutation_id, entity: r.entity, id: r.id, op: r.op, fields, baseVersion: r.base_version };
  });
}

/** How many changes wait to be sent. */
export function pendingCount(db: Db): number {
  return stmt(db, `SELECT count(*) FROM sync_outbox o WHERE NOT (${SUPERSEDED})`).pluck().get() as number;
}

export interface AckResult {
  mutationId: string;
  /** The row's server version after the change. */
  version: number;
}

/**
 * The server took these changes: they leave the outbox and their rows move to the version
 * the server gave, in one transaction. Changes made here after them were made on top of them,
 * so their base moves up too. An unknown id (acknowledged twice) is passed over.
 */
export function ackMutations(db: Db, results: readonly AckResult[]): number {
  requireList(results, 'results');
  results.forEach((r, i) => {
    if (typeof r?.mutationId !== 'string') throw invalid(`results[${i}].mutationId`, 'must be text');
    if (!Number.isSafeInteger(r.version) || r.version < 0) throw invalid(`results[${i}].version`, 'must be a whole number, 0 or more');
  });
  return db.transaction(() => {
    let n = 0;
    for (const r of results) {
      const row = stmt(db, 'SELECT * FROM sync_outbox WHERE mutation_id = ?').get(r.mutationId) as OutboxRow | undefined;
      if (!row) continue;
      n++;
      stmt(db, 'DELETE FROM sync_outbox WHERE seq = ?').run(row.seq);
      if (DEFERRED.includes(row.fields)) {
        stmt(db, 'DELETE FROM sync_outbox WHERE entity = ? AND id = ? AND fields = ? AND seq < ?').run(row.entity, row.id, row.fields, row.seq);
      }
      stmt(db, 'UPDATE sync_rows SET version = max(version, ?) WHERE entity = ? AND id = ?').run(r.version, row.entity, row.id);
      stmt(db, 'UPDATE sync_outbox SET base_version = ? WHERE entity = ? AND id = ? AND base_version < ?').run(r.version, row.entity, row.id, r.version);
    }
    return n;
  })();
}

/** A fresh mutation id, in the form the triggers make (32 hex digits). */
function mutationId(): string {
  return randomBytes(16).toString('hex');
}

/** Queues a change made here by code rather than by a trigger (a first share, a re-share). */
export function queueMutation(db: Db, entity: SyncEntity, id: string, op: 'upsert' | 'delete', fields: RowData, baseVersion: number): void {
  stmt(db, 'INSERT INTO sync_outbox (mutation_id, entity, id, op, fields, base_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    mutationId(),
    entity,
    id,
    op,
    JSON.stringify(fields),
    baseVersion,
    nowIso(),
  );
}
