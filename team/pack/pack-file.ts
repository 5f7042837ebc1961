import { createHash } from 'node:crypto';
import { strFromU8, strToU8, zipSync } from 'fflate';
import { DossierError } from '../../core/errors';
import type { SyncEntity } from '../../core/sync-types';
import { SYNC_ENTITIES } from '../../core/sync-types';
import { ZipFormatError, readZipFiles } from '../../core/zip/policy';
import type { PackOriginal, PackRow } from '../../db/repo/pack-rows';

/**
 * A fact pack (`.dossierpack`): facts with their sources, links and briefings in one file, for
 * networks that do not connect. A ZIP, so the manifest can be read by any unzip tool at the
 * media-transfer desk before the pack is let in: it states the pack's highest marking and what
 * is inside. `rows.json` holds the rows in the wire shape of a team server (core/sync-types.ts);
 * `originals/SHA256` the stored originals of its sources (the file's bytes, named by their
 * hash), with `originals.json` saying what each is, its extracted text and which sources
 * captured it, so the receiving library needs no importer to keep it. The manifest carries the
 * SHA-256 of every other entry, so a cut-short or altered pack is refused whole.
 */
const PACK_FORMAT = 1;
const MAGIC = 'dossier-pack';

export interface PackManifest {
  format: typeof MAGIC;
  version: number;
  createdAt: string;
  /** The library the pack came from (its id), and the Dossier that wrote it. */
  fromLibrary: string;
  dossierVersion: string;
  /** The marking scheme of the rows (us, uk, custom) and the highest marking among them. */
  scheme: string;
  highestMarking: string | null;
  counts: Record<SyncEntity, number>;
  /** SHA-256 of each entry but the manifest: damage or tampering refuses the pack. */
  sha256: Record<string, string>;
}

export interface Pack {
  manifest: PackManifest;
  rows: PackRow[];
  originals: PackOriginal[];
}

type OriginalEntry = Omit<PackOriginal, 'bytes'>;

// A pack may hold a library's worth of originals: larger than an imported document may be.
const PACK_LIMITS = { maxTotalBytes: 4 * 1024 * 1024 * 1024, maxEntries: 1_000_000, maxRatio: 1000 };

export function packBytes(pack: Omit<Pack, 'manifest'> & { manifest: Omit<PackManifest, 'format' | 'version' | 'counts' | 'sha256'> }): Uint8Array {
  const files: Record<string, Uint8Array> = { 'rows.json': strToU8(JSON.stringify(pack.rows)) };
  const entries: OriginalEntry[] = pack.originals.map(({ bytes: _, ...entry }) => entry);
  files['originals.json'] = strToU8(JSON.stringify(entries));
  for (const o of pack.originals) files[`originals/${o.sha256}`] = o.bytes;
  const counts = Object.fromEntries(SYNC_ENTITIES.map((e) => [e, pack.rows.filter((r) => r.entity === e).length])) as Record<SyncEntity, number>;
  const sha256 = Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, digest(bytes)]));
  const manifest: PackManifest = { format: MAGIC, version: PACK_FORMAT, ...pack.manifest, counts, sha256 };
  // The manifest first, stored uncompressed: readable at a glance even by a hex viewer.
  return zipSync({ 'manifest.json': [strToU8(JSON.stringify(manifest, null, 2)), { level: 0 }], ...files }, { level: 6 });
}

/** Reads and checks a pack; every failure is one message naming what is wrong with the file. */
export function readPack(bytes: Uint8Array, name: string): Pack {
  let entries;
  try {
    entries = readZipFiles(bytes, PACK_LIMITS);
  } catch (e) {
    if (e instanceof ZipFormatError) throw damaged(name, e.message);
    throw e;
  }
  const byName = new Map(entries.map((f) => [f.name, f.data]));
  const manifestBytes = byName.get('manifest.json');
  if (!manifestBytes) throw damaged(name, 'it has no manifest.json — it is not a Dossier pack');
  const manifest = parseManifest(manifestBytes, name);
  for (const [entry, sha] of Object.entries(manifest.sha256)) {
    const data = byName.get(entry);
    if (!data) throw damaged(name, `${entry} is missing`);
    if (digest(data) !== sha) throw damaged(name, `${entry} does not match its checksum`);
  }
  const rows = parseRows(byName.get('rows.json'), name);
  return { manifest, rows, originals: parseOriginals(byName, name) };
}

/** Each original listed with its bytes, and the bytes' hash its name: an original is kept by its hash. */
function parseOriginals(byName: ReadonlyMap<string, Uint8Array>, name: string): PackOriginal[] {
  const listed = byName.get('originals.json');
  if (!listed) return [];
  let entries: unknown;
  try {
    entries = JSON.parse(strFromU8(listed));
  } catch {
    throw damaged(name, 'originals.json is not JSON');
  }
  if (!Array.isArray(entries)) throw damaged(name, 'originals.json is not a list of originals');
  return entries.map((e: unknown, i) => {
    const entry = e as Partial<OriginalEntry> | null;
    if (!entry || typeof entry.sha256 !== 'string' || typeof entry.mediaType !== 'string' || !Array.isArray(entry.passages) || !Array.isArray(entry.captures))
      throw damaged(name, `original ${i + 1} of originals.json lacks its hash, type, text or captures`);
    const bytes = byName.get(`originals/${entry.sha256}`);
    if (!bytes || digest(bytes) !== entry.sha256) throw damaged(name, `the original ${entry.sha256} is missing or does not match its hash`);
    return { ...(entry as OriginalEntry), bytes };
  });
}

function parseManifest(bytes: Uint8Array, name: string): PackManifest {
  let m: Partial<PackManifest>;
  try {
    m = JSON.parse(strFromU8(bytes)) as Partial<PackManifest>;
  } catch {
    throw damaged(name, 'its manifest.json is not JSON');
  }
  if (m.format !== MAGIC) throw damaged(name, 'its manifest is not a Dossier pack manifest');
  if (typeof m.version !== 'number' || !Number.isInteger(m.version)) throw damaged(name, 'its manifest has no format version');
  if (m.version > PACK_FORMAT)
    throw new DossierError(
      'library_future',
      `${name}: the pack was written by a newer Dossier (pack format ${m.version}; this one reads ${PACK_FORMAT}); update Dossier to import it`,
    );
  if (typeof m.scheme !== 'string' || !m.sha256 || typeof m.sha256 !== 'object' || !m.counts)
    throw damaged(name, 'its manifest lacks scheme, counts or checksums');
  if (m.highestMarking !== null && typeof m.highestMarking !== 'string') throw damaged(name, 'its manifest has no highest marking');
  return m as PackManifest;
}

function parseRows(bytes: Uint8Array | undefined, name: string): PackRow[] {
  if (!bytes) throw damaged(name, 'rows.json is missing');
  let rows: unknown;
  try {
    rows = JSON.parse(strFromU8(bytes));
  } catch {
    throw damaged(name, 'rows.json is not JSON');
  }
  if (!Array.isArray(rows)) throw damaged(name, 'rows.json is not a list of rows');
  return rows.map((r: unknown, i) => {
    const row = r as Partial<PackRow> | null;
    if (!row || !SYNC_ENTITIES.includes(row.entity as SyncEntity) || typeof row.id !== 'string' || !row.data || typeof row.data !== 'object')
      throw damaged(name, `row ${i + 1} of rows.json is not an entity, id and data`);
    return row as PackRow;
  });
}

function damaged(name: string, why: string): DossierError {
  return new DossierError('validation', `${name}: cannot import this pack: ${why}. Nothing was changed; ask for the pack again.`, 'pack');
}

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
