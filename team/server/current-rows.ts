import type { JsonValue, RemoteRow, SyncEntity } from '../../core/sync-types';
import type { TeamServer } from './connection';

interface Row {
  entity: SyncEntity;
  id: string;
  version: string;
  deleted: boolean;
  data: Record<string, JsonValue>;
  updated_by: string | null;
  updated_at: Date | null;
}

/**
 * The rows as they stand on the server now, those of `refs` the user may see (row-level
 * security filters them: a row above the user's clearance is simply not returned). What a
 * refused change is kept against, as the team's side of its conflict.
 */
export async function currentRows(s: TeamServer, teamId: string, refs: readonly { entity: SyncEntity; id: string }[]): Promise<RemoteRow[]> {
  if (refs.length === 0) return [];
  const r = await s.query<Row>(
    `SELECT r.entity, r.id, r.version::text AS version, r.deleted, r.data, r.updated_by, r.updated_at
       FROM dossier.rows r
       JOIN unnest($2::text[], $3::text[]) AS k(entity, id) ON k.entity = r.entity AND k.id = r.id
      WHERE r.team_id = $1`,
    [teamId, refs.map((x) => x.entity), refs.map((x) => x.id)],
  );
  return r.rows.map((x) => ({
    entity: x.entity,
    id: x.id,
    version: Number(x.version),
    deleted: x.deleted,
    data: x.data,
    updatedBy: x.updated_by ?? '',
    updatedAt: (x.updated_at ?? new Date(0)).toISOString(),
  }));
}
