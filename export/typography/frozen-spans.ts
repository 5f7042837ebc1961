import { findUrls } from './urls';

/**
 * Stretches of running text that typesetting leaves exactly as typed: retyped quotes, dashes
 * or spaces would break them. Web addresses (urls.ts), e-mail addresses, `code` in backticks,
 * and a citation mark left as literal text (one naming no fact: "[see @x, p. 4; @y]", whose
 * semicolon and hyphens are syntax, not prose).
 */
const LOCAL_PART = /[\p{L}\p{N}._%+'-]/u;
const DOMAIN = /[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/uy;
const CODE = /`[^`\n]+`/gu;
const CITATION_MARK = /\[[^[\]\n]*@[^[\]\n]*\]/gu;

/** [start, end) offsets of the stretches to leave alone; they may overlap. */
export function frozenSpans(text: string): Array<{ start: number; end: number }> {
  const spans = findUrls(text).map(({ start, end }) => ({ start, end }));
  spans.push(...mailAddresses(text));
  for (const re of [CODE, CITATION_MARK]) {
    for (const m of text.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/**
 * Mail addresses, found from each "@" outwards. A regex that starts at every letter and looks
 * ahead for an "@" backtracks over the whole run each time: 100,000 digits took 100 s.
 */
function mailAddresses(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let from = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > from && LOCAL_PART.test(text[start - 1])) start--;
    DOMAIN.lastIndex = at + 1;
    const domain = DOMAIN.exec(text);
    if (start === at || !domain) continue;
    out.push({ start, end: at + 1 + domain[0].length });
    from = at + 1 + domain[0].length;
  }
  return out;
}
