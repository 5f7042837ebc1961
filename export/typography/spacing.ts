import { type Draft, free } from './draft';
import type { QuoteStyle } from './quote-style';

/**
 * The no-break spaces a language puts before some marks and inside its quotation marks
 * (French, after the Imprimerie nationale: U+202F before ; ! ?, U+00A0 before : and inside
 * « »; quote-styles.json holds which). A plain space the author typed there becomes the
 * no-break one; where none was typed one is added; one already typed (U+00A0, U+202F) stays.
 *
 * A mark is spaced only where it ends a clause: after a word, a number or a closing mark, and
 * before a space, the end or closing punctuation. So a time (10:30), a ratio (3:1), "a::b",
 * "?q=" or a smiley keep their characters, and "?!" gets one space, before the first mark.
 */
const ENDS_WORD = /[\p{L}\p{N}"'”’»›)\]}…%]/u;
/** What may follow ; or : that ends a clause. */
const AFTER_COLON = /[\s"'”’»›]/u;
/** What may follow ! or ? that ends a clause: also a bracket closing round it, or more punctuation. */
const AFTER_STOP = /[\s"'”’»›)\]}.,;:!?…]/u;

export function spacePunctuation(d: Draft, style: QuoteStyle): void {
  const before = style.spaceBefore ?? {};
  const { text, out } = d;
  for (let i = 0; i < text.length; i++) {
    const space = before[text[i]];
    if (space === undefined || !free(d, i) || !endsClause(text, i)) continue;
    const prev = text[i - 1];
    if (prev === ' ') {
      if (free(d, i - 1) && i >= 2 && ENDS_WORD.test(text[i - 2])) out[i - 1] = space;
    } else if (prev !== undefined && ENDS_WORD.test(prev)) {
      out[i] = space + text[i];
    }
  }
  spaceTypedQuotes(d, style);
}

function endsClause(text: string, i: number): boolean {
  const next = text[i + 1];
  if (next === undefined) return true;
  return (text[i] === ';' || text[i] === ':' ? AFTER_COLON : AFTER_STOP).test(next);
}

/**
 * Quotation marks the author typed as such («oui», « oui ») get the spaces the language's marks
 * have (straight quotes already got them with the marks, smart-text.ts).
 */
function spaceTypedQuotes(d: Draft, style: QuoteStyle): void {
  const { text, out } = d;
  for (const [open, close] of [style.primary, style.secondary]) {
    const o = open.trimEnd();
    const c = close.trimStart();
    const inner = open.slice(o.length);
    if (!inner || o === c) continue;
    for (let i = 0; i < text.length; i++) {
      if (!free(d, i)) continue;
      if (text[i] === o) {
        const next = text[i + 1];
        if (next === ' ' && free(d, i + 1)) out[i + 1] = inner;
        else if (next !== undefined && !/\s/u.test(next)) out[i] = o + inner;
      } else if (text[i] === c) {
        const prev = text[i - 1];
        if (prev === ' ' && free(d, i - 1)) out[i - 1] = inner;
        else if (prev !== undefined && !/\s/u.test(prev)) out[i] = inner + c;
      }
    }
  }
}
