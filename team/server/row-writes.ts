import type { Mutation } from '../../core/sync-types';
import type { TeamServer } from './connection';
import type { Decision, StoredRow } from './merge';

/**
 * The writes of a push to `dossier.rows`, set-based: every new row of a batch in one
 * `INSERT … SELECT FROM unnest(…)`, every merged update in one `UPDATE … FROM unnest(…)`.
 * Each still runs as the user, so row-level security checks every row, and the row triggers
 * (version, field versions, history, change log) fire per row as for single-row statements.
 * A refusal of any row fails the whole statement: push then writes one row at a time under
 * savepoints (push.ts), so the refusal is that row's alone.
 */
export const ROW_COLUMNS = 'entity, id, data, version::text AS version, field_versions, deleted, updated_by, marking_rank';
export type RowRecord = StoredRow & { entity: string; id: string; version: string };

/** What one mutation writes: a new row, or a decided change to a row the user sees. */
export interface RowWrite {
  m: Mutation;
  /** Null: the user sees no such row, so the mutation inserts it. */
  decision: Decision | null;
}

export function rowKey(entity: string, id: string): string {
  return `${entity}\u0000${id}`;
}

export function stored(x: RowRecord): StoredRow {
  return {
    data: x.data,
    version: Number(x.version),
    field_versions: x.field_versions,
    deleted: x.deleted,
    updated_by: x.updated_by,
    marking_rank: x.marking_rank,
  };
}

/**
 * Writes rows of distinct keys (a row changed twice waits for its first write's result) and
 * returns them as written, by rowKey. A write with nothing to change is not sent.
 */
export async function writeRows(s: TeamServer, teamId: string, writes: readonly RowWrite[]): Promise<Map<string, StoredRow>> {
  const inserts = writes.filter((w) => !w.decision);
  const updates = writes.filter((w) => w.decision && (w.decision.patch || w.decision.markDeleted));
  const written = new Map<string, StoredRow>();
  const keep = (r: { rows: RowRecord[] }) => r.rows.forEach((x) => written.set(rowKey(x.entity, x.id), stored(x)));
  if (inserts.length) {
    keep(
      await s.query<RowRecord>(
        `INSERT INTO dossier.rows (team_id, entity, id, data)
         SELECT $1, t.entity, t.id, t.data FROM unnest($2::text[], $3::text[], $4::jsonb[]) AS t(entity, id, data)
         RETURNING ${ROW_COLUMNS}`,
        [teamId, inserts.map((w) => w.m.entity), inserts.map((w) => w.m.id), inserts.map((w) => JSON.stringify(w.m.fields))],
      ),
    );
  }
  if (updates.length) {
    keep(
      await s.query<RowRecord>(
        `UPDATE dossier.rows r SET data = r.data || t.patch, deleted = r.deleted OR t.gone
           FROM unnest($2::text[], $3::text[], $4::jsonb[], $5::boolean[]) AS t(t_entity, t_id, patch, gone)
          WHERE r.team_id = $1 AND r.entity = t.t_entity AND r.id = t.t_id
          RETURNING ${ROW_COLUMNS}`,
        [
          teamId,
          updates.map((w) => w.m.entity),
          updates.map((w) => w.m.id),
          updates.map((w) => JSON.stringify(w.decision?.patch ?? {})),
          updates.map((w) => w.decision?.markDeleted ?? false),
        ],
      ),
    );
  }
  // The rows were locked as visible (push's lockRows): an update that found none is a bug, not a refusal.
  for (const w of [...inserts, ...updates]) {
    if (!written.has(rowKey(w.m.entity, w.m.id))) throw new Error(`push: ${w.m.entity} ${w.m.id} was not written`);
  }
  return written;
}
