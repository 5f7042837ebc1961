import { findUrls } from './urls';

/**
 * Stretches of running text that typesetting leaves exactly as typed: retyped quotes, dashes
 * or spaces would break them. Web addresses (urls.ts), e-mail addresses, `code` in backticks,
 * and a citation mark left as literal text (one naming no fact: "[see @x, p. 4; @y]", whose
 * semicolon and hyphens are syntax, not prose).
 */
const MAIL_ADDRESS = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const CODE = /`[^`\n]+`/gu;
const CITATION_MARK = /\[[^[\]\n]*@[^[\]\n]*\]/gu;

/** [start, end) offsets of the stretches to leave alone; they may overlap. */
export function frozenSpans(text: string): Array<{ start: number; end: number }> {
  const spans = findUrls(text).map(({ start, end }) => ({ start, end }));
  for (const re of [MAIL_ADDRESS, CODE, CITATION_MARK]) {
    for (const m of text.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}
