import { isDeepStrictEqual } from 'node:util';
import { DossierError } from '../../core/errors';
import type { RemoteRow } from '../../core/sync-types';
import { stmt } from '../statements';
import { FACT_USES_SQL, repointFact } from './briefing-cites';
import type { ApplyContext } from './sync-apply-context';
import { insertConflict } from './sync-conflicts';
import { queueMutation } from './sync-outbox';
import { readRowData } from './sync-row-data';

/**
 * Two analysts who took the same sentence from one shared source each have a fact, and one
 * source cannot hold the same words twice (migration 1's unique index). When the team's
 * arrives and ours is personal, ours is folded into the team's: briefings that used ours use
 * the team's (and send their new body), our links and tags move over (new tags are sent),
 * and every field of ours that differs becomes a 'field' conflict, so nothing of ours is lost
 * and the analyst can keep it ('mine'). A twin that is itself shared is two rows on the
 * server too; that is refused by name until the server merges them.
 */
export interface Twin {
  ours: string;
  row: RemoteRow;
}

/** The personal fact with the same words from the same source, if any; it is moved aside for the team's. */
export function parkTwin(ctx: ApplyContext, id: string, sourceId: string, hash: Buffer, at: string): string | undefined {
  const twin = stmt(ctx.db, 'SELECT id FROM facts WHERE source_id = ? AND text_hash = ? AND id <> ?').pluck().get(sourceId, hash, id) as string | undefined;
  if (!twin) return undefined;
  if (stmt(ctx.db, "SELECT 1 FROM sync_rows WHERE entity = 'fact' AND id = ?").get(twin)) {
    throw new DossierError(
      'conflict',
      `${at}: the team has this fact twice (also as ${twin}), with the same words from the same source; nothing was applied.`,
      `${at}.text`,
    );
  }
  // Free the unique key until the fold removes it (inside the apply's transaction).
  stmt(ctx.db, 'UPDATE facts SET text_hash = randomblob(17) WHERE id = ?').run(twin);
  return twin;
}

export function foldTwins(ctx: ApplyContext, twins: readonly Twin[]): void {
  for (const { ours, row } of twins) foldTwin(ctx, ours, row);
}

function foldTwin(ctx: ApplyContext, ours: string, row: RemoteRow): void {
  const { db } = ctx;
  const mine = readRowData(db, 'fact', ours)!;
  const theirs = readRowData(db, 'fact', row.id)!;
  repointFact(db, ours, row.id);
  moveLinks(ctx, ours, row.id);
  const added = stmt(
    db,
    `INSERT OR IGNORE INTO fact_tags (fact_seq, tag_seq)
       SELECT (SELECT seq FROM facts WHERE id = @theirs), ft.tag_seq FROM fact_tags ft JOIN facts f ON f.seq = ft.fact_seq WHERE f.id = @ours`,
  ).run({ ours, theirs: row.id }).changes;
  if (added) queueMutation(db, 'fact', row.id, 'upsert', { tags: null }, row.version);
  const briefings = stmt(
    db,
    `SELECT DISTINCT u.briefing_id FROM (${FACT_USES_SQL}) u JOIN sync_rows r ON r.entity = 'briefing' AND r.id = u.briefing_id WHERE u.fact_id = ?`,
  )
    .pluck()
    .all(row.id) as string[];
  const version = stmt(db, "SELECT version FROM sync_rows WHERE entity = 'briefing' AND id = ?").pluck();
  for (const b of briefings) queueMutation(db, 'briefing', b, 'upsert', { body: null }, version.get(b) as number);
  stmt(db, 'DELETE FROM facts WHERE id = ?').run(ours);
  for (const [field, value] of Object.entries(mine)) {
    if (field === 'tags' || field === 'created_at' || value === null || isDeepStrictEqual(value, theirs[field])) continue;
    insertConflict(db, {
      entity: 'fact',
      entityId: row.id,
      kind: 'field',
      field,
      mine: value,
      theirs: theirs[field],
      serverVersion: row.version,
      byUser: row.updatedBy,
    });
  }
}

/** Our fact's corroboration links, now the team fact's (personal links, as they were). */
function moveLinks(ctx: ApplyContext, from: string, to: string): void {
  stmt(
    ctx.db,
    `INSERT OR IGNORE INTO corroborations (fact_a, fact_b, note, created_at)
       SELECT min(@to, other), max(@to, other), note, created_at FROM (
         SELECT fact_b AS other, note, created_at FROM corroborations WHERE fact_a = @from
         UNION ALL SELECT fact_a, note, created_at FROM corroborations WHERE fact_b = @from)
       WHERE other <> @to`,
  ).run({ from, to });
}
