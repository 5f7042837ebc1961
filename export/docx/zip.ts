import * as zlib from 'node:zlib';
import { deflateRawSync } from 'node:zlib';
import { DossierError } from '../../core/errors';
import { readZipFiles, ZIP_LIMITS, ZipFormatError, type ZipLimits } from '../../core/zip/policy';

/**
 * Writing a .docx package (writeZip), and reading one back through the one ZIP reader and
 * its zip-bomb policy (core/zip/policy.ts): a letterhead from outside and the parts docx wrote.
 */

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of a zip file, in the order of its central directory; refused (validation error) past the policy's limits. */
export function readZip(buf: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipEntry[] {
  try {
    return readZipFiles(buf, limits).map((f) => ({ name: f.name, data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength) }));
  } catch (e) {
    if (e instanceof ZipFormatError) throw new DossierError('validation', `not a readable .docx (zip): ${e.message}`);
    throw e;
  }
}

let crcTable: Uint32Array | undefined;

/** Node's own CRC-32 (zlib.crc32, Node 20.15+), else the table below: a 5 MB part takes 5 ms instead of 25. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

export function crc32(data: Uint8Array): number {
  if (nativeCrc32) return nativeCrc32(data) >>> 0;
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[i] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip of the entries, deflated, with UTF-8 names, in the order given. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  // 1980-01-01 00:00: a fixed time keeps the output byte-for-byte reproducible.
  const dosTime = 0;
  const dosDate = (0 << 9) | (1 << 5) | 1;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    // Level 3: a 2,000-note briefing's 5 MB of XML in a third of level 6's time, 15% larger.
    const deflated = deflateRawSync(e.data, { level: 3 });
    const store = deflated.length >= e.data.length;
    const body = store ? e.data : deflated;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(store ? 0 : 8, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(store ? 0 : 8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The entries as a map from name to text, for reading XML parts. */
export function zipTexts(entries: readonly ZipEntry[]): Map<string, string> {
  return new Map(entries.filter((e) => /\.(xml|rels)$/i.test(e.name)).map((e) => [e.name, e.data.toString('utf8')]));
}
