import { DossierError } from '../../core/errors';

/**
 * The bytes of a briefing file as text. Only UTF-8 is read (with or without a BOM): a file in
 * another encoding is refused at its first bad byte, by line and column, rather than read with
 * replacement characters that would end up in the briefing.
 */
export function decodeBriefingFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < bad; k++) {
      if (bytes[k] === 0x0a) {
        line++;
        lineStart = k + 1;
      }
    }
    const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, bad)).length + 1;
    throw new DossierError(
      'validation',
      `line ${line}, column ${column}: the file is not UTF-8 text (byte 0x${bytes[bad].toString(16).padStart(2, '0')}); save it as UTF-8 and import it again`,
      'markdown',
    );
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let k = 0;
  while (k < b.length) {
    const c = b[k];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n === -1) return k;
    for (let j = 1; j <= n; j++) {
      const d = b[k + j];
      if (d === undefined || (d & 0xc0) !== 0x80) return k;
    }
    // Overlong three- and four-byte forms, surrogates and code points above U+10FFFF.
    if ((c === 0xe0 && b[k + 1] < 0xa0) || (c === 0xed && b[k + 1] > 0x9f) || (c === 0xf0 && b[k + 1] < 0x90) || (c === 0xf4 && b[k + 1] > 0x8f)) return k;
    k += n + 1;
  }
  return b.length;
}
