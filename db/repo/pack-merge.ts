import { isDeepStrictEqual } from 'node:util';
import type { JsonValue } from '../../core/sync-types';
import type { Db } from '../open';
import { prepareOriginal } from '../originals/codec';
import { storeOriginal } from '../originals/store';
import { stmt } from '../statements';
import { type PackOriginal, type PackRow, packBase, setPackBase } from './pack-rows';
import { insertConflict, packConflictBy } from './sync-conflicts';
import { readRowData } from './sync-row-data';
import { recreate, writeField } from './sync-row-write';

export interface PackMergeCounts {
  added: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  originals: number;
}

/**
 * Merges a pack's rows into the library in one transaction, by the conflict rules of sync, as
 * a three-way merge against each row's pack base (the row as last exported to or imported
 * from a pack, db/repo/pack-rows.ts):
 * - a row new here is inserted as a personal row;
 * - a field changed only in the pack applies; one changed only here stays; one changed on
 *   both sides (or with no base to tell) keeps our value and records a 'field' conflict whose
 *   `mine` is the pack's value, so `dossier sync --resolve ID --keep mine` can still take it;
 * - a row deleted here that the pack changed is an 'edited_deleted' conflict, never brought
 *   back silently; one the pack did not change stays deleted.
 * Every write is a normal local write: a shared row's change goes to the outbox. The pack's
 * rows become the new base, so importing the same pack again changes nothing. Stored originals
 * are added by their hash for the pack's sources.
 */
export function mergePack(db: Db, rows: readonly PackRow[], originals: readonly PackOriginal[], fileName: string): PackMergeCounts {
  return db.transaction(() => {
    const counts: PackMergeCounts = { added: 0, updated: 0, unchanged: 0, conflicts: 0, originals: 0 };
    const byUser = packConflictBy(fileName);
    for (const row of rows) mergeRow(db, row, byUser, counts);
    counts.originals = addOriginals(db, originals);
    setPackBase(db, rows);
    return counts;
  })();
}

function mergeRow(db: Db, row: PackRow, byUser: string, counts: PackMergeCounts): void {
  const here = readRowData(db, row.entity, row.id);
  const base = packBase(db, row.entity, row.id);
  const conflict = (kind: 'field' | 'edited_deleted', field: string | null, mine: JsonValue, theirs: JsonValue) => {
    if (openConflictExists(db, row, field, mine)) return;
    insertConflict(db, { entity: row.entity, entityId: row.id, kind, field, mine, theirs, serverVersion: 0, byUser });
    counts.conflicts++;
  };
  if (!here) {
    if (!base) {
      recreate(db, row.entity, row.id, row.data);
      counts.added++;
    } else if (isDeepStrictEqual(row.data, base)) counts.unchanged++;
    else conflict('edited_deleted', null, row.data, null);
    return;
  }
  let applied = 0;
  const conflictsBefore = counts.conflicts;
  for (const [field, value] of Object.entries(row.data)) {
    const ours = here[field] ?? null;
    if (isDeepStrictEqual(value, ours)) continue;
    const was = base?.[field];
    if (base && isDeepStrictEqual(was, value)) continue; // changed only here
    if (base && isDeepStrictEqual(was, ours)) {
      writeField(db, row.entity, row.id, field, value);
      applied++;
    } else conflict('field', field, value, ours);
  }
  if (applied) counts.updated++;
  else if (counts.conflicts === conflictsBefore) counts.unchanged++;
}

/** The same pack value already waits for a decision (a pack imported twice before it was settled). */
function openConflictExists(db: Db, row: PackRow, field: string | null, mine: JsonValue): boolean {
  return (
    stmt(db, 'SELECT 1 FROM sync_conflicts WHERE entity = ? AND entity_id = ? AND field IS ? AND mine IS ? AND resolved_at IS NULL').get(
      row.entity,
      row.id,
      field,
      mine === null ? null : JSON.stringify(mine),
    ) !== undefined
  );
}

/** Originals for the pack's sources that are here; the bytes are stored once, by hash. */
function addOriginals(db: Db, originals: readonly PackOriginal[]): number {
  const have = stmt(db, 'SELECT 1 FROM source_originals WHERE source_id = ? AND sha256 = ?');
  const sourceHere = stmt(db, 'SELECT 1 FROM sources WHERE id = ?');
  let added = 0;
  for (const o of originals) {
    for (const c of o.captures) {
      if (have.get(c.sourceId, o.sha256) || !sourceHere.get(c.sourceId)) continue;
      storeOriginal(db, c.sourceId, prepareOriginal(o.bytes, o.mediaType, o.passages, c.fileName), c.capturedAt);
      added++;
    }
  }
  return added;
}
