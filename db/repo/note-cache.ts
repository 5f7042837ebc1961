import { stmt } from '../statements';
import type { Db } from '../open';

/**
 * The rendered notes kept with a briefing (migration 8). The library stores them opaquely:
 * what they hold and when they may be used is export/note-cache.ts's business.
 */
export interface NoteCacheRow {
  format: number;
  globalKey: string;
  docKey: string;
  data: Buffer;
}

/** The briefing's row without its data (which can be a megabyte: read only when it will be used). */
export function getNoteCacheKeys(db: Db, briefingId: string): Omit<NoteCacheRow, 'data'> | undefined {
  const row = stmt<{ format: number; global_key: string; doc_key: string }>(
    db,
    'SELECT format, global_key, doc_key FROM briefing_note_cache WHERE briefing_id = ?',
  ).get(briefingId);
  return row && { format: row.format, globalKey: row.global_key, docKey: row.doc_key };
}

/** The briefing's row, data included, only if it still has the document key `docKey` (it may have been rewritten since the keys were read). */
export function getNoteCache(db: Db, briefingId: string, docKey: string): NoteCacheRow | undefined {
  const row = stmt<{ format: number; global_key: string; doc_key: string; data: Buffer }>(
    db,
    'SELECT format, global_key, doc_key, data FROM briefing_note_cache WHERE briefing_id = ? AND doc_key = ?',
  ).get(briefingId, docKey);
  return row && { format: row.format, globalKey: row.global_key, docKey: row.doc_key, data: row.data };
}

/**
 * Replaces the briefing's row in one transaction. A briefing removed meanwhile has no row to
 * keep (the foreign key would refuse it): nothing is written and false is returned.
 */
export function putNoteCache(db: Db, briefingId: string, row: NoteCacheRow, now = new Date()): boolean {
  return db.transaction(() => {
    if (!stmt(db, 'SELECT 1 FROM briefings WHERE id = ?').get(briefingId)) return false;
    stmt(
      db,
      `INSERT INTO briefing_note_cache (briefing_id, format, global_key, doc_key, data, written_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(briefing_id) DO UPDATE SET format = excluded.format, global_key = excluded.global_key, doc_key = excluded.doc_key,
         data = excluded.data, written_at = excluded.written_at`,
    ).run(briefingId, row.format, row.globalKey, row.docKey, row.data, now.toISOString());
    return true;
  })();
}
