import { Inflate } from 'fflate';

/**
 * A ZIP archive's table of contents, read from the central directory without inflating
 * anything, and a bounded inflate that counts what an entry really expands to. The one ZIP
 * reader of Dossier: importers open archives through policy.ts, which applies the limits.
 *
 * Why our own reader instead of trusting a library's listing: a zip bomb's sizes are whatever
 * its author wrote. We read the directory the same way mammoth's unzipper does (end record →
 * central directory → local header → data), so the bytes we measure are the bytes it would
 * inflate, and we measure them by actually inflating under a budget, never by believing headers.
 */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; anything else is refused by the readers. */
  method: number;
  compressedSize: number;
  /** As declared by the archive: a claim, checked by inflatedSize(). */
  declaredSize: number;
  /** Where the entry's data starts (after its local header). */
  dataStart: number;
  encrypted: boolean;
}

export class ZipFormatError extends Error {}

/** The archive breaks a limit (policy.ts) rather than being damaged. */
export class ZipRefused extends ZipFormatError {}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/** The entries of the archive; throws ZipFormatError when the directory is missing or lies outside the file. */
export function readZipDirectory(bytes: Uint8Array, maxEntries = Infinity): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndRecord(view);
  let count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) ({ count, offset } = zip64End(view, end));
  if (count > maxEntries) throw new ZipRefused(`refused: it has ${count.toLocaleString('en')} entries (more than ${maxEntries.toLocaleString('en')})`);

  const entries: ZipEntry[] = [];
  const names = new TextDecoder('utf-8');
  let p = offset;
  for (let i = 0; i < count; i++) {
    need(view, p, 46);
    if (view.getUint32(p, true) !== CENTRAL) throw new ZipFormatError('its table of contents is damaged');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let declaredSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let local = view.getUint32(p + 42, true);
    need(view, p + 46, nameLength + extraLength);
    const name = names.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || local === 0xffffffff) {
      ({ compressedSize, declaredSize, local } = zip64Sizes(view, p + 46 + nameLength, extraLength, { compressedSize, declaredSize, local }));
    }
    entries.push({ name, method, compressedSize, declaredSize, dataStart: dataStart(view, local), encrypted: (flags & 1) === 1 });
    p += 46 + nameLength + extraLength + commentLength;
  }
  for (const e of entries) need(view, e.dataStart, e.compressedSize);
  return entries;
}

/**
 * How many bytes the entry inflates to, or Infinity as soon as it passes `budget`. Memory stays
 * bounded: input is fed in 16 KiB slices, each of which deflate cannot expand past ~17 MiB,
 * and output is counted and dropped.
 */
export function inflatedSize(bytes: Uint8Array, entry: ZipEntry, budget: number): number {
  return inflateBounded(bytes, entry, budget, false).size;
}

/** The entry's bytes, or undefined as soon as they pass `budget` (same bounded inflate as inflatedSize). */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: number): Uint8Array | undefined {
  const { size, chunks } = inflateBounded(bytes, entry, budget, true);
  if (!Number.isFinite(size)) return undefined;
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function inflateBounded(bytes: Uint8Array, entry: ZipEntry, budget: number, keep: boolean): { size: number; chunks: Uint8Array[] } {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) return data.length > budget ? { size: Infinity, chunks: [] } : { size: data.length, chunks: [data] };
  if (entry.method !== 8) throw new ZipFormatError(`entry ${entry.name} uses an unsupported compression method (${entry.method})`);
  let total = 0;
  const chunks: Uint8Array[] = [];
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (keep && total <= budget) chunks.push(chunk);
  });
  const SLICE = 16 * 1024;
  try {
    for (let i = 0; i < data.length; i += SLICE) {
      inflate.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
      if (total > budget) return { size: Infinity, chunks: [] };
    }
    if (data.length === 0) inflate.push(new Uint8Array(0), true);
  } catch {
    throw new ZipFormatError(`entry ${entry.name} is damaged (its compressed data does not inflate)`);
  }
  return { size: total, chunks };
}

function findEndRecord(view: DataView): number {
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let p = view.byteLength - 22; p >= min; p--) {
    if (view.getUint32(p, true) === EOCD) return p;
  }
  throw new ZipFormatError('it is not a complete ZIP archive (no table of contents at the end; truncated?)');
}

function zip64End(view: DataView, end: number): { count: number; offset: number } {
  const locator = end - 20;
  if (locator < 0 || view.getUint32(locator, true) !== EOCD64_LOCATOR) throw new ZipFormatError('its ZIP64 table of contents is missing');
  const record = safeNumber(view.getBigUint64(locator + 8, true));
  need(view, record, 56);
  if (view.getUint32(record, true) !== EOCD64) throw new ZipFormatError('its ZIP64 table of contents is damaged');
  return { count: safeNumber(view.getBigUint64(record + 32, true)), offset: safeNumber(view.getBigUint64(record + 48, true)) };
}

/** ZIP64 extra field (id 1): 64-bit values, present only for the fields that are 0xFFFFFFFF, in this order. */
function zip64Sizes(
  view: DataView,
  start: number,
  length: number,
  v: { compressedSize: number; declaredSize: number; local: number },
): { compressedSize: number; declaredSize: number; local: number } {
  for (let p = start; p + 4 <= start + length;) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === 1) {
      let q = p + 4;
      const next = () => {
        need(view, q, 8);
        const n = safeNumber(view.getBigUint64(q, true));
        q += 8;
        return n;
      };
      const out = { ...v };
      if (v.declaredSize === 0xffffffff) out.declaredSize = next();
      if (v.compressedSize === 0xffffffff) out.compressedSize = next();
      if (v.local === 0xffffffff) out.local = next();
      return out;
    }
    p += 4 + size;
  }
  throw new ZipFormatError('a ZIP64 entry lacks its sizes');
}

function dataStart(view: DataView, local: number): number {
  need(view, local, 30);
  if (view.getUint32(local, true) !== LOCAL) throw new ZipFormatError('an entry points outside the archive (damaged or truncated)');
  return local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
}

function need(view: DataView, at: number, length: number): void {
  if (at < 0 || at + length > view.byteLength) throw new ZipFormatError('it is truncated or damaged (an entry lies past the end of the file)');
}

function safeNumber(n: bigint): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('it declares impossible sizes');
  return Number(n);
}
