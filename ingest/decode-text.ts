import { DossierError } from '../core/errors';
import { decodeWindows1252 } from './formats/windows-1252';

/**
 * Decodes a text file as people actually send it: UTF-8 (with or without BOM), UTF-16 with a
 * BOM, or — when the bytes are not valid UTF-8 — Windows-1252, the usual legacy encoding of
 * office documents. Binary data is refused instead of being imported as garbage facts.
 */
export function decodeText(bytes: Uint8Array, name = 'input'): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (looksBinary(bytes)) {
    throw new DossierError(
      'validation',
      `${name}: this is not a text file (it contains binary data); import PDF, Word or HTML files with their own importer`,
      'file',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Node 20's TextDecoder('windows-1252') decodes Latin-1 (curly quotes become C1 controls).
    return decodeWindows1252(bytes);
  }
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/** NUL bytes or many control characters in the first 8 KiB mean binary, not prose. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.02;
}
