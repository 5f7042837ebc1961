import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Locator } from '../../core/model';

/**
 * How an original is kept: its bytes and its extracted text, each deflated (raw DEFLATE from
 * node:zlib, level 6) and each with its own SHA-256. Pure functions; the tables are written
 * and read in store.ts.
 */
export const COMPRESSION = 'deflate-raw';

/** One block of the extracted text, with the locator a fact taken from it carries. */
export interface Passage {
  locator?: Locator;
  text: string;
}

/** An original ready to be written: hashed and compressed off the write transaction. */
export interface PreparedOriginal {
  sha256: string;
  mediaType: string;
  byteSize: number;
  compressed: Buffer;
  passages: Buffer;
  textSha256: string;
  /** The passages' text, in order, for the search index. */
  texts: string[];
  fileName?: string;
}

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function prepareOriginal(bytes: Uint8Array, mediaType: string, passages: readonly Passage[], fileName?: string): PreparedOriginal {
  const json = encodePassages(passages);
  return {
    sha256: sha256(bytes),
    mediaType,
    byteSize: bytes.length,
    compressed: deflateRawSync(bytes),
    passages: deflateRawSync(Buffer.from(json, 'utf8')),
    textSha256: sha256(json),
    texts: passages.map((p) => p.text),
    ...(fileName ? { fileName } : {}),
  };
}

/** Passages as compact JSON rows: [label, value, text], label and value null without a locator. */
function encodePassages(passages: readonly Passage[]): string {
  return JSON.stringify(passages.map((p) => [p.locator?.label ?? null, p.locator?.value ?? null, p.text]));
}

/**
 * An original received whole from elsewhere (a team server): its bytes and its passages as the
 * JSON text it was stored as (the text `textSha256` was taken of), kept exactly as it came so
 * both hashes can be compared with the sender's. Undefined when the text is not passages.
 */
export function prepareReceived(bytes: Uint8Array, mediaType: string, passagesJson: string): PreparedOriginal | undefined {
  const passages = decodePassages(passagesJson);
  if (!passages) return undefined;
  const json = Buffer.from(passagesJson, 'utf8');
  return {
    sha256: sha256(bytes),
    mediaType,
    byteSize: bytes.length,
    compressed: deflateRawSync(bytes),
    passages: deflateRawSync(json),
    textSha256: sha256(json),
    texts: passages.map((p) => p.text),
  };
}

/** The stored bytes, or undefined when they cannot be inflated or their hash differs. */
export function inflateVerified(compressed: Uint8Array, expected: string): Buffer | undefined {
  try {
    const bytes = inflateRawSync(compressed);
    return sha256(bytes) === expected ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** The stored passages, or undefined when they cannot be read or their hash differs. */
export function passagesVerified(deflated: Uint8Array, expected: string): Passage[] | undefined {
  const raw = inflateVerified(deflated, expected);
  return raw && decodePassages(raw.toString('utf8'));
}

function decodePassages(json: string): Passage[] | undefined {
  try {
    const rows = JSON.parse(json) as unknown;
    if (!Array.isArray(rows) || !rows.every((r) => Array.isArray(r) && typeof r[2] === 'string')) return undefined;
    return (rows as [Locator['label'] | null, string | null, string][]).map(([label, value, text]) =>
      label && value !== null ? { locator: { label, value }, text } : { text },
    );
  } catch {
    return undefined;
  }
}
