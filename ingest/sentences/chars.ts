/**
 * Character classes shared by the segmenter. Kept as tiny predicates over single UTF-16 code
 * units so the hot scanning loops never allocate.
 */

/** Characters that can end a sentence. `…` is the single-character ellipsis. */
export function isTerminator(ch: string): boolean {
  return ch === '.' || ch === '?' || ch === '!' || ch === '…';
}

/**
 * Characters that may close a sentence after its terminator and still belong to it:
 * quotes, brackets, guillemets and Markdown emphasis (`**Bold.**`).
 */
export function isCloser(ch: string): boolean {
  return '"\'”’)]}»›*_`'.includes(ch);
}

/** Characters that may open a sentence before its first word. */
export function isOpener(ch: string): boolean {
  return '"\'“‘„([{«‹¿¡*_`'.includes(ch);
}

/** Bullet glyphs that PDF and word-processor exports put in front of list items. */
export function isBullet(ch: string): boolean {
  return '•‣⁃◦▪▫●○∙'.includes(ch);
}

/** Superscript digits used as footnote references right after a sentence's full stop. */
export function isSuperscriptDigit(ch: string): boolean {
  return '¹²³⁴⁵⁶⁷⁸⁹⁰'.includes(ch);
}

export function isWhitespace(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  // Fast path for ASCII space, tab, LF, VT, FF, CR; the regex handles NBSP and Unicode spaces.
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c > 127 && /\s/.test(ch);
}

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

export function isUpper(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  if (ch >= 'A' && ch <= 'Z') return true;
  if (ch < '\u00c0') return false;
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

export function isLower(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  if (ch >= 'a' && ch <= 'z') return true;
  if (ch < '\u00c0') return false;
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

export function isLetter(ch: string | undefined): boolean {
  return isUpper(ch) || isLower(ch);
}

/** Collapses every whitespace run to one space and trims: the display form of a sentence. */
export function collapseWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
