import { invalid, printable } from '../../core/errors';
import type { Mutation, RemoteRow } from '../../core/sync-types';
import type { Db } from '../open';
import { inflateVerified, type PreparedOriginal } from '../originals/codec';
import { storeOriginal } from '../originals/store';
import { stmt } from '../statements';
import { type ApplyContext, markShared } from './sync-apply-context';
import { columnsFromData } from './sync-row-data';

/** Originals fetched from the team server for a pull, verified, by SHA-256 (team/sync-originals.ts). */
export type ReceivedOriginals = ReadonlyMap<string, PreparedOriginal>;

/**
 * The team's links of sources to stored originals (entity 'original'), inside applyRemoteRows'
 * transaction, after the sources. A file this library already keeps gets only the link (its
 * bytes are stored once, by hash); a new one is stored exactly as a local capture stores it —
 * deflated, its passages with it, in the search index — from `received`, which a pull fetched
 * and verified first. A link is never edited in place (its fields are its identity and the
 * capture it records), so one already here is left as it is. A link whose source is not here
 * (deleted here, its delete still to go up) is passed over.
 */
export function applyOriginalLinks(ctx: ApplyContext, rows: readonly RemoteRow[], received: ReceivedOriginals = new Map()): number {
  const { db } = ctx;
  let applied = 0;
  for (const r of rows) {
    if (ctx.pending.get(`original:${r.id}`) === 'delete') continue;
    const cols = columnsFromData(db, 'original', r.id, r.data);
    const sourceId = String(cols.source_id);
    const sha256 = String(cols.sha256);
    if (r.id !== `${sourceId}~${sha256}`) throw invalid(`original ${printable(r.id)}`, 'the id must be source_id~sha256');
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw invalid(`original ${printable(r.id)}.sha256`, 'must be 64 hex digits');
    if (!stmt(db, 'SELECT 1 FROM sources WHERE id = ?').get(sourceId)) continue;
    if (!stmt(db, 'SELECT 1 FROM source_originals WHERE source_id = ? AND sha256 = ?').get(sourceId, sha256)) {
      attach(ctx, r.id, sourceId, sha256, cols, received);
    }
    markShared(ctx, 'original', r.id, r.version);
    applied++;
  }
  return applied;
}

function attach(ctx: ApplyContext, id: string, sourceId: string, sha256: string, cols: Record<string, unknown>, received: ReceivedOriginals): void {
  const { db } = ctx;
  const fileName = typeof cols.file_name === 'string' ? cols.file_name : null;
  const capturedAt = String(cols.captured_at);
  if (stmt(db, 'SELECT 1 FROM originals WHERE sha256 = ?').get(sha256)) {
    stmt(db, 'INSERT INTO source_originals (source_id, sha256, file_name, captured_at) VALUES (?, ?, ?, ?)').run(sourceId, sha256, fileName, capturedAt);
    return;
  }
  const file = received.get(sha256);
  if (!file) throw invalid(`original ${printable(id)}`, 'its file was not received from the team server; sync again');
  storeOriginal(db, sourceId, { ...file, ...(fileName ? { fileName } : {}) }, capturedAt);
}

/** The SHA-256 of each original among `rows` that this library does not keep yet: what a pull must fetch. */
export function missingOriginals(db: Db, rows: readonly RemoteRow[]): string[] {
  const have = stmt(db, 'SELECT 1 FROM originals WHERE sha256 = ?');
  const wanted = new Set<string>();
  for (const r of rows) {
    if (r.entity !== 'original' || r.deleted) continue;
    const sha256 = r.data.sha256;
    if (typeof sha256 === 'string' && !have.get(sha256)) wanted.add(sha256);
  }
  return [...wanted];
}

/** A stored original whole, as it goes to the team server: the file and its passages' JSON text. */
export interface OriginalFile {
  sha256: string;
  mediaType: string;
  bytes: Buffer;
  /** The passages as stored (db/originals/codec.ts), the text `textSha256` is the hash of. */
  passagesJson: string;
  textSha256: string;
}

/**
 * The originals among the outbox's `mutations` (shared links going up) that are here, each
 * read whole and checked against its hashes; `damaged` names those whose stored bytes or text
 * no longer match (they cannot go up: `dossier check` names them, a backup has them).
 */
export function originalsToUpload(db: Db, mutations: readonly Mutation[]): { files: OriginalFile[]; damaged: string[] } {
  const wanted = new Set<string>();
  for (const m of mutations) {
    // The id names the file (`${source_id}~${sha256}`): a change of a link's file name sends no hash.
    if (m.entity === 'original' && m.op === 'upsert') wanted.add(m.id.slice(m.id.indexOf('~') + 1));
  }
  const read = stmt(db, 'SELECT media_type, compressed, passages, text_sha256 FROM originals WHERE sha256 = ?');
  const files: OriginalFile[] = [];
  const damaged: string[] = [];
  for (const sha256 of wanted) {
    const row = read.get(sha256) as { media_type: string; compressed: Buffer; passages: Buffer; text_sha256: string } | undefined;
    if (!row) continue;
    const bytes = inflateVerified(row.compressed, sha256);
    const text = inflateVerified(row.passages, row.text_sha256);
    if (!bytes || !text) damaged.push(sha256);
    else files.push({ sha256, mediaType: row.media_type, bytes, passagesJson: text.toString('utf8'), textSha256: row.text_sha256 });
  }
  return { files, damaged };
}

/** The markings of every fact this library holds from a source, shared or not (what its file holds). */
export function factMarkingsOfSource(db: Db, sourceId: string): string[] {
  return stmt(db, "SELECT DISTINCT marking FROM facts WHERE source_id = ? AND coalesce(trim(marking), '') <> ''").pluck().all(sourceId) as string[];
}

/** The team's originals here (their link ids): what a sync checks the user may still see. */
export function teamOriginalIds(db: Db): string[] {
  return stmt(db, "SELECT id FROM sync_rows WHERE entity = 'original' AND origin = 'team' ORDER BY id").pluck().all() as string[];
}
