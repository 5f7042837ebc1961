import type { JsonValue, SyncEntity } from '../../core/sync-types';
import type { Db } from '../open';
import { inflateVerified, type Passage, passagesVerified } from '../originals/codec';
import { originalsOfSource } from '../originals/store';
import { stmt } from '../statements';
import { readRowData, type RowData } from './sync-row-data';
import { type ShareSelector, selectionClosure } from './sync-share';

/** One row of a fact pack: a data record in the shape a team library moves. */
export interface PackRow {
  entity: SyncEntity;
  id: string;
  data: Record<string, JsonValue>;
}

/** A stored original as a pack carries it: the file's bytes, its extracted text and who captured it. */
export interface PackOriginal {
  sha256: string;
  mediaType: string;
  passages: Passage[];
  captures: { sourceId: string; fileName?: string; capturedAt: string }[];
  bytes: Uint8Array;
}

export interface PackContent {
  rows: PackRow[];
  originals: PackOriginal[];
  /** Originals left out because their stored bytes or text no longer match their hashes. */
  damagedOriginals: number;
}

/**
 * What a fact pack of a selection holds: the same closure as sharing (db/repo/sync-share.ts) —
 * facts with their sources and `via` sources, a briefing with the facts it cites — plus the
 * links between the pack's facts and the sources' stored originals. Sources first, then facts,
 * links and briefings: the order a merge writes them in, each finding what it refers to.
 */
export function packContent(db: Db, selector: ShareSelector): PackContent {
  return db.transaction(() => {
    const pick = selectionClosure(db, selector);
    const links = stmt(
      db,
      `SELECT fact_a || '~' || fact_b FROM corroborations
        WHERE fact_a IN (SELECT value FROM json_each(@facts)) AND fact_b IN (SELECT value FROM json_each(@facts))`,
    )
      .pluck()
      .all({ facts: JSON.stringify(pick.facts) }) as string[];
    const rowsOf = (entity: SyncEntity, ids: readonly string[]): PackRow[] => ids.map((id) => ({ entity, id, data: readRowData(db, entity, id)! }));
    const rows = [...rowsOf('source', pick.sources), ...rowsOf('fact', pick.facts), ...rowsOf('link', links), ...rowsOf('briefing', pick.briefings)];
    return { rows, ...originalsOf(db, pick.sources) };
  })();
}

function originalsOf(db: Db, sourceIds: readonly string[]): { originals: PackOriginal[]; damagedOriginals: number } {
  const bySha = new Map<string, PackOriginal>();
  let damagedOriginals = 0;
  const stored = stmt(db, 'SELECT compressed, passages, text_sha256 FROM originals WHERE sha256 = ?');
  for (const sourceId of sourceIds) {
    for (const info of originalsOfSource(db, sourceId)) {
      const capture = { sourceId, ...(info.fileName ? { fileName: info.fileName } : {}), capturedAt: info.capturedAt };
      const have = bySha.get(info.sha256);
      if (have) {
        have.captures.push(capture);
        continue;
      }
      const row = stored.get(info.sha256) as { compressed: Buffer; passages: Buffer; text_sha256: string };
      const bytes = inflateVerified(row.compressed, info.sha256);
      const passages = bytes && passagesVerified(row.passages, row.text_sha256);
      if (!bytes || !passages) {
        damagedOriginals++;
        continue;
      }
      bySha.set(info.sha256, { sha256: info.sha256, mediaType: info.mediaType, passages, captures: [capture], bytes });
    }
  }
  return { originals: [...bySha.values()], damagedOriginals };
}

/** The row as last exported to or imported from a pack: the base of the next merge. */
export function packBase(db: Db, entity: SyncEntity, id: string): RowData | undefined {
  const data = stmt(db, 'SELECT data FROM pack_base WHERE entity = ? AND id = ?').pluck().get(entity, id) as string | undefined;
  return data === undefined ? undefined : (JSON.parse(data) as RowData);
}

/** Records rows as they went out in (or came in with) a pack, inside the caller's transaction. */
export function setPackBase(db: Db, rows: readonly PackRow[]): void {
  const put = stmt(db, 'INSERT INTO pack_base (entity, id, data) VALUES (?, ?, ?) ON CONFLICT (entity, id) DO UPDATE SET data = excluded.data');
  for (const r of rows) put.run(r.entity, r.id, JSON.stringify(r.data));
}
