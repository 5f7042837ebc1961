import type { JsonValue, Mutation, RemoteRow, SyncConflict } from '../../core/sync-types';
import type { Db } from '../open';
import { stmt } from '../statements';
import { recordConflicts } from './sync-conflicts';

export interface RefusedChange {
  mutation: Mutation;
  /** The row as the server has it now, when the user may still see it. */
  server: RemoteRow | undefined;
}

export interface KeptRefusals {
  /** Conflicts recorded: the local value as "mine", the server's as "theirs". */
  conflicts: number;
  /** Rows shared here that never reached the server: personal again, unchanged. */
  unshared: number;
}

/**
 * Changes the server refused (the role was lowered to reader, the row was raised above the
 * user's clearance) after they were acknowledged out of the outbox. Dropping them would let
 * the next pull write the team's value over the local one with no trace, so each becomes a
 * visible conflict instead: the row shows what stands on the server, and the refused value is
 * kept as "mine" until the analyst decides. Several refused changes to one row make one
 * conflict per field, with the latest value. A row first shared here that the server never
 * took simply stays personal. Call inside the push's transaction, after the acknowledgement.
 */
export function keepRefused(db: Db, refused: readonly RefusedChange[]): KeptRefusals {
  const conflicts: SyncConflict[] = [];
  let unshared = 0;
  for (const { first, fields, deleted, server } of byRow(refused)) {
    const base = { entity: first.entity, entityId: first.id, serverVersion: server?.version ?? 0, byUser: server?.updatedBy || null };
    const standing = server && !server.deleted ? server : undefined;
    if (!server && first.baseVersion === 0 && !deleted) {
      unshared += stmt(db, "DELETE FROM sync_rows WHERE entity = ? AND id = ? AND origin = 'local' AND version = 0").run(first.entity, first.id).changes;
    } else if (deleted) {
      // Deleted here, still on the server: it comes back as the team has it, the delete kept as "mine".
      if (standing) conflicts.push({ ...base, kind: 'deleted_edited', field: null, mine: null, theirs: standing.data });
    } else if (!standing) {
      // Gone from the team (or from this user's sight): "mine" becomes the whole row as it is here.
      conflicts.push({ ...base, kind: 'edited_deleted', field: null, mine: null, theirs: null });
    } else {
      for (const [field, mine] of Object.entries(fields)) {
        const theirs = standing.data[field] ?? null;
        if (!sameValue(mine, theirs)) conflicts.push({ ...base, kind: 'field', field, mine, theirs });
      }
    }
  }
  if (conflicts.length) recordConflicts(db, conflicts);
  return { conflicts: conflicts.length, unshared };
}

interface RowChanges {
  first: Mutation;
  fields: Record<string, JsonValue>;
  deleted: boolean;
  server: RemoteRow | undefined;
}

/** The refused changes of each row folded into one, in outbox order (a later value wins). */
function byRow(refused: readonly RefusedChange[]): RowChanges[] {
  const rows = new Map<string, RowChanges>();
  for (const { mutation: m, server } of refused) {
    const key = `${m.entity}\u0000${m.id}`;
    const row = rows.get(key) ?? { first: m, fields: {}, deleted: false, server };
    if (m.op === 'delete') row.deleted = true;
    else Object.assign(row.fields, m.fields);
    rows.set(key, row);
  }
  return [...rows.values()];
}

function sameValue(a: JsonValue, b: JsonValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
