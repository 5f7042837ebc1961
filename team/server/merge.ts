import type { ConflictKind, JsonValue, Mutation, SyncConflict } from '../../core/sync-types';

/** A row as push reads it (FOR UPDATE) before deciding. */
export interface StoredRow {
  data: Record<string, JsonValue>;
  version: number;
  /** Per field: the row version that last changed it, from which library, by whom. */
  field_versions: Record<string, { v: number; lib: string | null; by?: string }>;
  deleted: boolean;
  updated_by: string;
  marking_rank: number;
}

/** What a mutation does to a row the user can see. */
export interface Decision {
  /** Fields to write (absent: nothing to write). */
  patch?: Record<string, JsonValue>;
  markDeleted: boolean;
  conflicts: SyncConflict[];
  /** The row's version as read: the result's version when nothing is written. */
  version: number;
}

/**
 * Field-level merge, server order first: a field conflicts only when the server changed it
 * after the mutation's base version AND that change came from another library, so one
 * library's successive edits (all based on the last version it pulled) never conflict with
 * themselves. The standing value wins; the losing one is returned as the conflict's `mine`.
 */
export function decide(row: StoredRow, m: Mutation, libraryId: string): Decision {
  const changedElsewhere = (field: string): boolean => {
    const fv = row.field_versions[field];
    return !!fv && fv.v > m.baseVersion && fv.lib !== libraryId;
  };
  const conflict = (kind: ConflictKind, field: string | null, mine: JsonValue, theirs: JsonValue, byUser: string | null): SyncConflict => ({
    entity: m.entity,
    entityId: m.id,
    kind,
    field,
    mine,
    theirs,
    serverVersion: row.version,
    byUser,
  });

  if (m.op === 'delete') {
    if (row.deleted) return { markDeleted: false, conflicts: [], version: row.version };
    // Deleting what someone else changed since would lose their edit: keep the row, ask.
    if (Object.keys(row.field_versions).some(changedElsewhere)) {
      return { markDeleted: false, conflicts: [conflict('deleted_edited', null, null, row.data, row.updated_by)], version: row.version };
    }
    return { markDeleted: true, conflicts: [], version: row.version };
  }

  // An edit of a row deleted elsewhere is never a silent resurrection.
  if (row.deleted) {
    return { markDeleted: false, conflicts: [conflict('edited_deleted', null, m.fields, null, row.updated_by)], version: row.version };
  }
  const patch: Record<string, JsonValue> = {};
  const conflicts: SyncConflict[] = [];
  for (const [field, value] of Object.entries(m.fields)) {
    const standing = row.data[field] ?? null;
    if (sameJson(standing, value)) continue;
    if (changedElsewhere(field)) conflicts.push(conflict('field', field, value, standing, row.field_versions[field]?.by ?? row.updated_by));
    else patch[field] = value;
  }
  return { ...(Object.keys(patch).length ? { patch } : {}), markDeleted: false, conflicts, version: row.version };
}

/** JSON equality regardless of key order (jsonb reorders object keys). */
function sameJson(a: JsonValue, b: JsonValue): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: JsonValue): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k] ?? null)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
