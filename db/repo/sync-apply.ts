import { isDeepStrictEqual } from 'node:util';
import { invalid, printable } from '../../core/errors';
import { type RemoteRow, SYNC_ENTITIES, type SyncEntity } from '../../core/sync-types';
import type { Db } from '../open';
import { stmt } from '../statements';
import { withSearchTextDeferred } from './sources';
import { applyFacts } from './sync-apply-facts';
import { applyOriginalLinks, type ReceivedOriginals } from './sync-originals';
import { type ApplyContext, isPending, markShared, pendingFields, setApplying, withoutPending } from './sync-apply-context';
import { requireTeam } from './sync-link';
import { removeRemoteRows, type RowRef } from './sync-remove';
import { bodyFromData, changedColumns, columnsFromData, insertRow, linkEnds, readRowData, requireList, updateRow, writeBody } from './sync-row-data';

export interface ApplyResult {
  /** Rows written (inserted or updated), per kind. */
  applied: Record<SyncEntity, number>;
  /** Rows removed because the server deleted them or no longer shows them. */
  removed: Record<SyncEntity, number>;
  /** Deleted on the server but cited by a briefing here: kept as personal, with a conflict. */
  kept: number;
}

/**
 * Applies rows from the server (a pull) or a pack, in one transaction, with the outbox
 * triggers off (`sync_applying` = 1, back to 0 before commit and on error): nothing applied
 * here is sent back. Sources, then facts, links and briefings, so each finds what it refers
 * to (a source's originals right after the sources, their files from `received`); then the
 * deleted and `gone` rows, briefings first. A field with a change of ours still
 * in the outbox keeps our value: the push settles it. Every row is checked like any input;
 * one bad row is refused by name and nothing is applied.
 */
export function applyRemoteRows(db: Db, teamId: string, rows: readonly RemoteRow[], gone: readonly RowRef[] = [], received?: ReceivedOriginals): ApplyResult {
  requireList(rows, 'rows');
  requireList(gone, 'gone');
  rows.forEach(checkRow);
  gone.forEach((g, i) => checkRef(g, `gone[${i}]`));
  return db.transaction(() => {
    const team = requireTeam(db, teamId).teamId;
    setApplying(db, 1);
    try {
      const ctx: ApplyContext = { db, team, pending: pendingFields(db) };
      const live = (e: SyncEntity) => rows.filter((r) => r.entity === e && !r.deleted);
      const applied = {
        source: withSearchTextDeferred(db, (beforeInsert) => applyPlain(ctx, live('source'), beforeInsert)),
        original: applyOriginalLinks(ctx, live('original'), received),
        fact: applyFacts(ctx, live('fact')),
        link: applyPlain(ctx, live('link')),
        briefing: applyPlain(ctx, live('briefing')),
      };
      const dead: RowRef[] = [...rows.filter((r) => r.deleted), ...gone];
      const { removed, kept } = removeRemoteRows(db, dead, rows);
      stmt(db, 'DELETE FROM tags WHERE seq NOT IN (SELECT tag_seq FROM fact_tags)').run();
      return { applied, removed, kept };
    } finally {
      setApplying(db, 0);
    }
  })();
}

const KEYS: Record<'source' | 'link' | 'briefing', { table: string; where: string }> = {
  source: { table: 'sources', where: 'id = @key_a' },
  link: { table: 'corroborations', where: 'fact_a = @key_a AND fact_b = @key_b' },
  briefing: { table: 'briefings', where: 'id = @key_a' },
};

/** Sources, links and briefings: one row at a time (they are few beside facts). */
function applyPlain(ctx: ApplyContext, rows: readonly RemoteRow[], beforeInsert?: () => void): number {
  const { db } = ctx;
  for (const r of rows) {
    if (ctx.pending.get(`${r.entity}:${r.id}`) === 'delete') continue;
    const entity = r.entity as keyof typeof KEYS;
    const { table, where } = KEYS[entity];
    const cols = columnsFromData(db, entity, r.id, r.data);
    const [a, b] = entity === 'link' ? linkEnds(r.id) : [r.id, ''];
    const key: Record<string, string> = entity === 'link' ? { key_a: a, key_b: b } : { key_a: a };
    if (entity === 'link') checkLink(db, r.id, cols);
    const have = stmt(db, `SELECT * FROM ${table} WHERE ${where}`).get(key) as Record<string, unknown> | undefined;
    const stamp: Record<string, string> = entity === 'link' ? {} : { updated_at: r.updatedAt };
    const at = `${entity} ${printable(r.id)}`;
    if (have) {
      // Only what differs is written: a source's title rewrites the index entry of every fact it has.
      const changed = withoutPending(ctx, entity, r.id, changedColumns(entity, have, cols));
      if (Object.keys(changed).length) updateRow(db, table, where, key, { ...changed, ...stamp }, at);
    } else {
      beforeInsert?.();
      insertRow(db, table, { ...cols, ...(entity === 'link' ? {} : { id: r.id }), ...stamp }, at);
    }
    if (entity === 'briefing' && !isPending(ctx, entity, r.id, 'body')) {
      const body = bodyFromData(db, r.data.body, `${at}.body`);
      if (!have || !isDeepStrictEqual(readRowData(db, 'briefing', r.id)?.body, r.data.body)) writeBody(db, r.id, body, `${at}.body`);
    }
    markShared(ctx, entity, r.id, r.version);
  }
  return rows.length;
}

function checkLink(db: Db, id: string, cols: Record<string, unknown>): void {
  if (id !== `${String(cols.fact_a)}~${String(cols.fact_b)}`) throw invalid(`link ${printable(id)}`, 'the id must be fact_a~fact_b');
  for (const end of ['fact_a', 'fact_b']) {
    if (!stmt(db, 'SELECT 1 FROM facts WHERE id = ?').get(cols[end])) throw invalid(`link ${printable(id)}.${end}`, 'no such fact here');
  }
}

function checkRow(r: RemoteRow, i: number): void {
  checkRef(r, `rows[${i}]`);
  const at = `${String(r.entity)} ${printable(String(r.id))}`;
  if (!Number.isSafeInteger(r.version) || r.version < 0) throw invalid(`${at}.version`, 'must be a whole number, 0 or more');
  if (typeof r.deleted !== 'boolean') throw invalid(`${at}.deleted`, 'must be true or false');
  if (!r.deleted && (r.data === null || typeof r.data !== 'object' || Array.isArray(r.data))) throw invalid(`${at}.data`, 'must be an object');
  if (typeof r.updatedAt !== 'string' || r.updatedAt === '') throw invalid(`${at}.updatedAt`, 'is required');
}

function checkRef(r: RowRef, field: string): void {
  if (r === null || typeof r !== 'object') throw invalid(field, 'must be an object');
  if (!SYNC_ENTITIES.includes(r.entity)) throw invalid(`${field}.entity`, `must be one of ${SYNC_ENTITIES.join(', ')}`);
  if (typeof r.id !== 'string' || r.id === '') throw invalid(`${field}.id`, 'is required');
}
