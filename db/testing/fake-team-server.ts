import { isDeepStrictEqual } from 'node:util';
import type { JsonValue, Mutation, RemoteRow, SyncConflict } from '../../core/sync-types';
import type { Library } from '../library';
import { TEAM } from './team-library';

interface ServerRow extends RemoteRow {
  /** The version at which each field last changed: a field changed after a mutation's base conflicts. */
  changedAt: Record<string, number>;
}

/**
 * A team server in memory, for the local half's tests: the rules of issue 16 in their plainest
 * form (one version counter, per-field merge, deletes as tombstones). The real one is PostgreSQL.
 */
export class FakeTeamServer {
  private rows = new Map<string, ServerRow>();
  private applied = new Map<string, number>();
  private clock = 0;

  push(user: string, mutations: readonly Mutation[]): { acks: { mutationId: string; version: number }[]; conflicts: SyncConflict[] } {
    const acks: { mutationId: string; version: number }[] = [];
    const conflicts: SyncConflict[] = [];
    for (const m of mutations) {
      const again = this.applied.get(m.mutationId);
      if (again === undefined) this.applied.set(m.mutationId, this.apply(user, m, conflicts));
      acks.push({ mutationId: m.mutationId, version: this.applied.get(m.mutationId)! });
    }
    return { acks, conflicts };
  }

  /** Rows changed after `cursor`, and the new cursor. */
  pull(cursor: number): { rows: RemoteRow[]; cursor: number } {
    const rows = [...this.rows.values()].filter((r) => r.version > cursor).sort((a, b) => a.version - b.version);
    return { rows: rows.map(({ changedAt: _, ...r }) => structuredClone(r)), cursor: this.clock };
  }

  row(entity: string, id: string): RemoteRow | undefined {
    return this.rows.get(`${entity}:${id}`);
  }

  private apply(user: string, m: Mutation, conflicts: SyncConflict[]): number {
    const key = `${m.entity}:${m.id}`;
    const row = this.rows.get(key);
    const conflict = (kind: SyncConflict['kind'], field: string | null, mine: JsonValue, theirs: JsonValue) =>
      conflicts.push({ entity: m.entity, entityId: m.id, kind, field, mine, theirs, serverVersion: row!.version, byUser: row!.updatedBy });
    const stamp = (r: ServerRow) => Object.assign(r, { version: ++this.clock, updatedBy: user, updatedAt: new Date().toISOString() });
    if (m.op === 'delete') {
      if (!row || row.deleted) return row?.version ?? 0;
      if (Object.values(row.changedAt).some((v) => v > m.baseVersion)) {
        conflict('deleted_edited', null, null, row.data);
        return row.version;
      }
      stamp(row).deleted = true;
      return row.version;
    }
    if (!row || (row.deleted && m.baseVersion === 0)) {
      const fresh = stamp({ entity: m.entity, id: m.id, version: 0, deleted: false, data: { ...m.fields }, updatedBy: user, updatedAt: '', changedAt: {} });
      for (const f of Object.keys(m.fields)) fresh.changedAt[f] = fresh.version;
      this.rows.set(key, fresh);
      return fresh.version;
    }
    if (row.deleted) {
      conflict('edited_deleted', null, m.fields, null);
      return row.version;
    }
    const changed = Object.entries(m.fields).filter(([f, v]) => {
      if (isDeepStrictEqual(row.data[f], v)) return false;
      if ((row.changedAt[f] ?? 0) > m.baseVersion) {
        conflict('field', f, v, row.data[f]);
        return false;
      }
      return true;
    });
    if (changed.length === 0) return row.version;
    stamp(row);
    for (const [f, v] of changed) {
      row.data[f] = v;
      row.changedAt[f] = row.version;
    }
    return row.version;
  }
}

/** One sync of a library against the fake server: push, then pull; returns what moved. */
export function syncOnce(lib: Library, server: FakeTeamServer, user: string): { pushed: number; pulled: number; conflicts: number } {
  const pending = lib.pendingMutations(100_000);
  const { acks, conflicts } = server.push(user, pending);
  lib.ackMutations(acks);
  lib.recordConflicts(conflicts);
  const { rows, cursor } = server.pull(Number(lib.teamLink()!.cursor || 0));
  lib.applyRemoteRows(TEAM.teamId, rows, []);
  lib.setSyncCursor(String(cursor));
  return { pushed: pending.length, pulled: rows.length, conflicts: conflicts.length };
}
