import type { SyncEntity } from '../../core/sync-types';
import type { Db } from '../open';
import { stmt } from '../statements';

/** What applying rows from the server (db/repo/sync-apply.ts) carries from row to row. */
export interface ApplyContext {
  db: Db;
  team: string;
  /** Fields of ours not yet on the server, by `${entity}:${id}` ('delete': the row is going). */
  pending: Map<string, Set<string> | 'delete'>;
}

export function setApplying(db: Db, active: 0 | 1): void {
  stmt(db, 'UPDATE sync_applying SET active = ? WHERE id = 1').run(active);
}

export function pendingFields(db: Db): Map<string, Set<string> | 'delete'> {
  const out = new Map<string, Set<string> | 'delete'>();
  const rows = stmt(db, 'SELECT entity, id, op, fields FROM sync_outbox ORDER BY seq').all() as { entity: string; id: string; op: string; fields: string }[];
  for (const r of rows) {
    const key = `${r.entity}:${r.id}`;
    if (r.op === 'delete') {
      out.set(key, 'delete');
      continue;
    }
    const have = out.get(key);
    const set = have instanceof Set ? have : new Set<string>();
    for (const f of Object.keys(JSON.parse(r.fields) as object)) set.add(f);
    if (have !== 'delete') out.set(key, set);
  }
  return out;
}

/** Drops the fields with a change of ours pending. */
export function withoutPending<T extends object>(ctx: ApplyContext, entity: SyncEntity, id: string, cols: T): T {
  const pending = ctx.pending.get(`${entity}:${id}`);
  if (!(pending instanceof Set)) return cols;
  return Object.fromEntries(Object.entries(cols).filter(([k]) => !pending.has(k))) as T;
}

export function isPending(ctx: ApplyContext, entity: SyncEntity, id: string, field: string): boolean {
  const pending = ctx.pending.get(`${entity}:${id}`);
  return pending instanceof Set && pending.has(field);
}

/** Marks an applied row as shared at the server's version (a row new here came from the team). */
export function markShared(ctx: ApplyContext, entity: SyncEntity, id: string, version: number): void {
  stmt(
    ctx.db,
    `INSERT INTO sync_rows (entity, id, team_id, version, origin) VALUES (?, ?, ?, ?, 'team')
     ON CONFLICT (entity, id) DO UPDATE SET version = max(version, excluded.version)`,
  ).run(entity, id, ctx.team, version);
}
