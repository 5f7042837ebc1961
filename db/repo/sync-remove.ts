import type { RemoteRow, SyncEntity } from '../../core/sync-types';
import type { Db } from '../open';
import { stmt } from '../statements';
import { FACT_USES_SQL } from './briefing-cites';
import { insertConflict } from './sync-conflicts';
import { linkEnds, readRowData } from './sync-row-data';

export interface RowRef {
  entity: SyncEntity;
  id: string;
}

const ORDER: readonly SyncEntity[] = ['briefing', 'link', 'fact', 'original', 'source'];

/**
 * Removes rows the team no longer has (deleted on the server, or out of this user's sight),
 * briefings first so their facts are free to go. Some are kept, as personal rows:
 * - a row with a change of ours not yet sent, and a fact a briefing here cites (its cites
 *   RESTRICT the delete): an 'edited_deleted' conflict holds our whole row, so the analyst
 *   can share it again ('mine') or let it be; the unsent changes go with the sharing;
 * - a source a fact here still refers to.
 * Runs inside the caller's transaction, with the outbox triggers off. `record`: false when
 * leaving the team, where there is nobody to settle a conflict with.
 */
export function removeRemoteRows(
  db: Db,
  refs: readonly RowRef[],
  rows: readonly RemoteRow[] = [],
  record = true,
): { removed: Record<SyncEntity, number>; kept: number } {
  const removed: Record<SyncEntity, number> = { source: 0, fact: 0, link: 0, briefing: 0, original: 0 };
  const byRef = new Map(rows.map((r) => [`${r.entity}:${r.id}`, r]));
  let kept = 0;
  for (const entity of ORDER) {
    for (const ref of refs.filter((r) => r.entity === entity)) {
      if (entity === 'source') removed.original += removeTeamOriginals(db, ref.id);
      const outcome = removeOne(db, ref);
      if (outcome === 'removed') removed[entity]++;
      if (outcome === 'edited' || outcome === 'cited') kept++;
      if (record && (outcome === 'edited' || outcome === 'cited')) {
        const row = byRef.get(`${ref.entity}:${ref.id}`);
        insertConflict(db, {
          entity,
          entityId: ref.id,
          kind: 'edited_deleted',
          field: null,
          mine: readRowData(db, entity, ref.id) ?? null,
          theirs: null,
          serverVersion: row?.version ?? 0,
          byUser: row?.updatedBy ?? null,
        });
      }
      unshare(db, ref);
    }
  }
  return { removed, kept };
}

type Outcome = 'removed' | 'edited' | 'cited' | 'used' | 'absent';

function removeOne(db: Db, { entity, id }: RowRef): Outcome {
  if (stmt(db, "SELECT 1 FROM sync_outbox WHERE entity = ? AND id = ? AND op = 'upsert' LIMIT 1").get(entity, id)) {
    if (readRowData(db, entity, id)) return 'edited';
  }
  switch (entity) {
    case 'briefing':
      return stmt(db, 'DELETE FROM briefings WHERE id = ?').run(id).changes ? 'removed' : 'absent';
    case 'link': {
      const [a, b] = linkEnds(id);
      return stmt(db, 'DELETE FROM corroborations WHERE fact_a = ? AND fact_b = ?').run(a, b).changes ? 'removed' : 'absent';
    }
    case 'fact':
      if (stmt(db, `SELECT 1 FROM (${FACT_USES_SQL}) WHERE fact_id = ? LIMIT 1`).get(id)) return 'cited';
      return stmt(db, 'DELETE FROM facts WHERE id = ?').run(id).changes ? 'removed' : 'absent';
    case 'original': {
      // The file goes with its last link (migration 6's trigger): one a personal source keeps stays.
      const [sourceId, sha256] = linkEnds(id);
      return stmt(db, 'DELETE FROM source_originals WHERE source_id = ? AND sha256 = ?').run(sourceId, sha256).changes ? 'removed' : 'absent';
    }
    case 'source':
      if (stmt(db, 'SELECT 1 FROM facts WHERE source_id = @id OR via_source_id = @id LIMIT 1').get({ id })) return 'used';
      return stmt(db, 'DELETE FROM sources WHERE id = ?').run(id).changes ? 'removed' : 'absent';
  }
}

/**
 * The team's originals of a source the team no longer shows go with it, even when the source
 * stays as a personal row (a fact here refers to it): the file is as secret as the source was
 * made. One this library attached itself stays; so does a file a personal source also keeps.
 */
function removeTeamOriginals(db: Db, sourceId: string): number {
  const ids = stmt(db, "SELECT id FROM sync_rows WHERE entity = 'original' AND origin = 'team' AND substr(id, 1, length(@s) + 1) = @s || '~'")
    .pluck()
    .all({ s: sourceId }) as string[];
  let n = 0;
  for (const id of ids) {
    if (removeOne(db, { entity: 'original', id }) === 'removed') n++;
    unshare(db, { entity: 'original', id });
  }
  return n;
}

/** The row is no longer the team's here (kept as personal, or gone). */
function unshare(db: Db, { entity, id }: RowRef): void {
  stmt(db, 'DELETE FROM sync_rows WHERE entity = ? AND id = ?').run(entity, id);
  stmt(db, 'DELETE FROM sync_outbox WHERE entity = ? AND id = ?').run(entity, id);
}
