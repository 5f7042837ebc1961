import { type Draft, free } from './draft';
import type { QuoteStyle } from './quote-style';

/**
 * Three dots become an ellipsis (U+2026) in every language, and a lone hyphen with a space
 * either side between words ("now - or never") the language's dash, the one a typed "--"
 * becomes, its spaces kept as typed. Hyphens inside words are hyphens. Where a mark may be
 * arithmetic or code it stays: a hyphen between numbers ("5 - 3", "2019 - 2020": a range or
 * a subtraction), dots between a number and a word or number ("1...10", "v1...v2"), four
 * dots or more.
 */
const BEFORE_DASH = /[\p{L}\p{N}"'”’»›)\]}…%]/u;
const AFTER_DASH = /[\p{L}\p{N}"'“‘„‚«‹([]/u;
const DIGIT = /\p{N}/u;
const ALNUM = /[\p{L}\p{N}]/u;

export function ellipsisAndDashes(d: Draft, style: QuoteStyle): void {
  const { text, out } = d;
  for (let i = 0; i < text.length; i++) {
    if (!free(d, i)) continue;
    if (text.startsWith('...', i) && isEllipsis(d, i)) {
      out[i] = '\u2026';
      out[i + 1] = '';
      out[i + 2] = '';
      i += 2;
    } else if (text[i] === '-' && isSpacedDash(text, i)) {
      out[i] = style.dash;
    }
  }
}

function isEllipsis(d: Draft, i: number): boolean {
  const { text } = d;
  if (!free(d, i + 1) || !free(d, i + 2) || text[i - 1] === '.' || text[i + 3] === '.') return false;
  const prev = text[i - 1] ?? '';
  const next = text[i + 3] ?? '';
  const between = ALNUM.test(prev) && ALNUM.test(next);
  return !(between && (DIGIT.test(prev) || DIGIT.test(next)));
}

function isSpacedDash(text: string, i: number): boolean {
  if (text[i - 1] !== ' ' || text[i + 1] !== ' ') return false;
  const before = text[i - 2];
  const after = text[i + 2];
  if (before === undefined || after === undefined) return false;
  if (!BEFORE_DASH.test(before) || !AFTER_DASH.test(after)) return false;
  return !(DIGIT.test(before) && DIGIT.test(after));
}
