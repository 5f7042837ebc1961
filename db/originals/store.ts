import { nowIso } from '../../core/dates';
import type { Db } from '../open';
import { stmt } from '../statements';
import { COMPRESSION, inflateVerified, type Passage, passagesVerified, type PreparedOriginal } from './codec';

/** What the library holds of one captured file, without its bytes. */
export interface OriginalInfo {
  sha256: string;
  mediaType: string;
  /** The file's own size. */
  byteSize: number;
  /** What it takes in the library (bytes and text, deflated). */
  storedSize: number;
  fileName?: string;
  capturedAt: string;
}

/** An original's text when both its hashes hold; `damaged` when either does not (never served). */
export type OriginalText = { status: 'ok'; original: OriginalInfo; passages: Passage[] } | { status: 'damaged'; original: OriginalInfo };

interface InfoRow {
  sha256: string;
  media_type: string;
  byte_size: number;
  stored_size: number;
  file_name: string | null;
  captured_at: string;
}

const INFO_SELECT = `SELECT o.sha256, o.media_type, o.byte_size, length(o.compressed) + length(o.passages) AS stored_size, so.file_name, so.captured_at
  FROM source_originals so JOIN originals o ON o.sha256 = so.sha256`;

/**
 * Keeps `original` as captured for `sourceId`, inside the caller's transaction. The same
 * bytes are stored once however often they are captured: a capture for another source only
 * records the reference (and its file name).
 */
export function storeOriginal(db: Db, sourceId: string, original: PreparedOriginal, now = nowIso()): void {
  const added = stmt(
    db,
    `INSERT OR IGNORE INTO originals (sha256, media_type, byte_size, compression, compressed, passages, passage_count, text_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    original.sha256,
    original.mediaType,
    original.byteSize,
    COMPRESSION,
    original.compressed,
    original.passages,
    Math.min(original.texts.length, PASSAGE_ROWS),
    original.textSha256,
    now,
  ).changes;
  if (added) indexPassages(db, original.sha256, original.texts);
  // The first capture of a file for a source is the one recorded; a repeat changes nothing.
  stmt(db, 'INSERT INTO source_originals (source_id, sha256, file_name, captured_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(
    sourceId,
    original.sha256,
    original.fileName ?? null,
    now,
  );
}

/** Search-index rows of an original: passage n of original `seq` is row seq × 2^24 + n. */
const PASSAGE_ROWS = 16_777_216;

/** Adds an original's passages to the search index (its rows are derived from `originals`). */
export function indexPassages(db: Db, sha256: string, texts: readonly string[]): void {
  const seq = stmt(db, 'SELECT seq FROM originals WHERE sha256 = ?').pluck().get(sha256) as number;
  const fts = stmt(db, 'INSERT INTO original_search (rowid, text) VALUES (?, ?)');
  texts.slice(0, PASSAGE_ROWS).forEach((text, i) => fts.run(seq * PASSAGE_ROWS + i, text));
}

/** The originals captured for a source, the latest capture first. */
export function originalsOfSource(db: Db, sourceId: string): OriginalInfo[] {
  return (stmt(db, `${INFO_SELECT} WHERE so.source_id = ? ORDER BY so.captured_at DESC, o.sha256`).all(sourceId) as InfoRow[]).map(infoFromRow);
}

/** An original's extracted text, verified against its hashes (the bytes' too) before it is served. */
export function originalText(db: Db, info: OriginalInfo): OriginalText {
  const row = stmt(db, 'SELECT compressed, passages, text_sha256 FROM originals WHERE sha256 = ?').get(info.sha256) as
    { compressed: Buffer; passages: Buffer; text_sha256: string } | undefined;
  const passages = row && inflateVerified(row.compressed, info.sha256) ? passagesVerified(row.passages, row.text_sha256) : undefined;
  return passages ? { status: 'ok', original: info, passages } : { status: 'damaged', original: info };
}

/** The texts of every original of a source, each verified (a capture per file). */
export function sourceTexts(db: Db, sourceId: string): OriginalText[] {
  return originalsOfSource(db, sourceId).map((o) => originalText(db, o));
}

function infoFromRow(r: InfoRow): OriginalInfo {
  return {
    sha256: r.sha256,
    mediaType: r.media_type,
    byteSize: r.byte_size,
    storedSize: r.stored_size,
    ...(r.file_name ? { fileName: r.file_name } : {}),
    capturedAt: r.captured_at,
  };
}
