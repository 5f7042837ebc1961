import { invalid } from '../../core/errors';
import type { JsonValue, RemoteRow, SyncEntity } from '../../core/sync-types';
import { membershipById } from './admin';
import type { TeamServer } from './connection';

export interface PullResult {
  rows: RemoteRow[];
  /** Rows that changed and that the user may no longer see (raised above their clearance): drop them. */
  gone: { entity: SyncEntity; id: string }[];
  /** Opaque: hand it back on the next pull ('' for the first). */
  cursor: string;
  more: boolean;
}

interface ChangeRow {
  xid: string;
  seq: string;
  entity: SyncEntity;
  id: string;
  visible: boolean;
  version: string | null;
  deleted: boolean | null;
  data: Record<string, JsonValue> | null;
  updated_by: string | null;
  updated_at: Date | null;
}

/**
 * The changes since `cursor` the user may see, latest state per row, in commit-safe order.
 *
 * A change log's sequence is not commit order: a transaction can take seq 10, stay open, and
 * commit after seq 11 was read — a cursor on seq alone would skip 10 forever. Each change
 * carries its transaction id (xid8) instead, and a pull returns only changes of transactions
 * older than every transaction still running (`pg_snapshot_xmin` of the statement's own
 * snapshot): those are all finished, so nothing can still appear before the cursor. A long
 * transaction anywhere on the server delays pulls; it never makes them skip.
 *
 * Row-level security filters the joined rows: a change whose row the user cannot see is
 * reported as `gone` (rows are never removed, only marked deleted, so the row exists).
 */
export async function pull(s: TeamServer, teamId: string, cursor: string, limit: number): Promise<PullResult> {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 50_000) throw invalid('limit', 'must be a whole number from 1 to 50000');
  const [xid, seq] = parseCursor(cursor);
  await membershipById(s, teamId);
  const r = await s.query<ChangeRow>(
    `SELECT c.xid::text AS xid, c.seq::text AS seq, c.entity, c.id, r.id IS NOT NULL AS visible,
            r.version::text AS version, r.deleted, r.data, r.updated_by, r.updated_at
       FROM dossier.change_log c
       LEFT JOIN dossier.rows r ON r.team_id = c.team_id AND r.entity = c.entity AND r.id = c.id
      WHERE c.team_id = $1 AND (c.team_id, c.xid, c.seq) > ($1::uuid, $2::xid8, $3::bigint)
        AND c.xid < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY c.xid, c.seq
      LIMIT $4`,
    [teamId, xid, seq, limit + 1],
  );
  const more = r.rows.length > limit;
  const page = more ? r.rows.slice(0, limit) : r.rows;
  const last = page.at(-1);
  const rows = new Map<string, RemoteRow>();
  const gone = new Map<string, { entity: SyncEntity; id: string }>();
  for (const c of page) {
    const key = `${c.entity}\u0000${c.id}`;
    if (!c.visible) gone.set(key, { entity: c.entity, id: c.id });
    else if (!rows.has(key)) rows.set(key, toRemote(c));
  }
  return { rows: [...rows.values()], gone: [...gone.values()], cursor: last ? `${last.xid}:${last.seq}` : cursor, more };
}

/**
 * True when the server's transaction counter is behind its own change log or behind `cursor`:
 * the server was restored from a dump without raising its counter (docs/team-server.md,
 * "Backups"). New changes would then sort before ones already pulled and be skipped by every
 * library, silently, so sync stops instead. Read from `whoAmI`'s answer.
 */
export function counterBehind(me: { nextXid: string; newestChangeXid: string | null }, cursor: string): boolean {
  const next = BigInt(me.nextXid);
  const [xid] = parseCursor(cursor);
  return (me.newestChangeXid !== null && BigInt(me.newestChangeXid) >= next) || BigInt(xid) >= next;
}

function parseCursor(cursor: string): [string, string] {
  if (cursor === '') return ['0', '0'];
  const m = /^(\d{1,20}):(\d{1,19})$/.exec(cursor);
  if (!m) throw invalid('cursor', 'not a cursor this server gave out: pull again from the start');
  return [m[1], m[2]];
}

function toRemote(c: ChangeRow): RemoteRow {
  return {
    entity: c.entity,
    id: c.id,
    version: Number(c.version),
    deleted: c.deleted ?? false,
    data: c.data ?? {},
    updatedBy: c.updated_by ?? '',
    updatedAt: (c.updated_at ?? new Date(0)).toISOString(),
  };
}
