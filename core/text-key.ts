import { createHash } from 'node:crypto';

/**
 * The key two fact texts share when they say the same thing in the same words: Unicode
 * compatibility-normalised, case-folded, curly quotes and dashes unified, whitespace collapsed.
 * Re-importing an article (or the same text pasted again) then adds no duplicate facts.
 */
function textKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** 16 bytes of SHA-256 of the key: a compact, index-friendly stand-in for the whole text. */
export function textHash(text: string): Buffer {
  return createHash('sha256').update(textKey(text)).digest().subarray(0, 16);
}
