import { nowIso } from '../../core/dates';
import { DossierError, printable } from '../../core/errors';
import type { JsonValue, SyncEntity } from '../../core/sync-types';
import { textHash } from '../../core/text-key';
import type { Db } from '../open';
import { stmt } from '../statements';
import { hasUpdatedAt, rowKey, syncTable } from '../migrations/sync-tables';
import { bodyFromData, columnsFromData, insertRow, tagsFromData, updateRow, writeBody } from './sync-row-data';
import { tagSeq } from './tags';

/**
 * Writing a row from its data record (core/sync-types.ts) as a normal local write: the outbox
 * triggers see it like any edit. Settling a conflict and merging a fact pack both write this way.
 */
export function writeField(db: Db, entity: SyncEntity, id: string, field: string, value: JsonValue): void {
  const at = `${entity} ${printable(id)}`;
  if (entity === 'fact' && field === 'tags') return setTags(db, id, tagsFromData(value, `${at}.tags`));
  if (entity === 'briefing' && field === 'body') return writeBody(db, id, bodyFromData(db, value, `${at}.body`), `${at}.body`);
  const cols = columnsFromData(db, entity, id, { [field]: value }, true);
  if (entity === 'fact' && 'text' in cols) (cols as Record<string, unknown>).text_hash = textHash(String(cols.text));
  const { where, key } = rowKey(entity, id);
  const stamp: Record<string, string> = hasUpdatedAt(entity) ? { updated_at: nowIso() } : {};
  updateRow(db, syncTable(entity).table, where, key, { ...cols, ...stamp });
}

function setTags(db: Db, factId: string, names: readonly string[]): void {
  const seq = stmt(db, 'SELECT seq FROM facts WHERE id = ?').pluck().get(factId) as number;
  stmt(db, 'DELETE FROM fact_tags WHERE fact_seq = ?').run(seq);
  for (const n of names) stmt(db, 'INSERT INTO fact_tags (fact_seq, tag_seq) VALUES (?, ?)').run(seq, tagSeq(db, n));
  stmt(db, 'DELETE FROM tags WHERE seq NOT IN (SELECT tag_seq FROM fact_tags)').run();
}

export function deleteRow(db: Db, entity: SyncEntity, id: string): void {
  const { where, key } = rowKey(entity, id);
  try {
    stmt(db, `DELETE FROM ${syncTable(entity).table} WHERE ${where}`).run(key);
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw new DossierError('conflict', `The ${entity} ${id} is still used here (cited or referred to); remove those uses first. Nothing changed.`);
    }
    throw e;
  }
}

/** Puts back a row from the whole record a conflict kept (the server deleted it, we removed it). */
export function recreate(db: Db, entity: SyncEntity, id: string, mine: JsonValue): void {
  const at = `${entity} ${printable(id)}`;
  const data = mine as Record<string, JsonValue>;
  const cols: Record<string, string | number | null | Buffer> = columnsFromData(db, entity, id, data);
  if (hasUpdatedAt(entity)) Object.assign(cols, { id, updated_at: nowIso() });
  if (entity === 'fact') cols.text_hash = textHash(String(cols.text));
  insertRow(db, syncTable(entity).table, cols as Record<string, string | number | null>, at);
  if (entity === 'fact') setTags(db, id, tagsFromData(data.tags, `${at}.tags`));
  if (entity === 'briefing') writeBody(db, id, bodyFromData(db, data.body, `${at}.body`), `${at}.body`);
}
