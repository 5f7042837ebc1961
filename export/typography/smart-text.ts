import type { Draft } from './draft';
import { ellipsisAndDashes } from './ellipsis-dash';
import { frozenSpans } from './frozen-spans';
import { type QuoteStyle } from './quote-style';
import { spacePunctuation } from './spacing';

/**
 * Straight quotes, apostrophes, hyphens and dots made typographic, over a paragraph that
 * comes in pieces: the runs of a fact or of prose, split where bold or italic starts or stops,
 * with in-text citations between them. A quotation opened in one run and closed in another
 * is one quotation, so the paragraph is read as one text and each piece gets its own
 * characters back. Pieces that are not `editable` (a citation citeproc already typeset), web
 * and e-mail addresses, `code` and literal citation marks (frozen-spans.ts) are read for
 * context but never changed.
 *
 * The rules, which smart-text.test.ts pins down:
 * - `"` / `'` open after a space, an opening bracket, a dash, another opening quote or at the
 *   start (before a letter, digit or opening mark), and close elsewhere. A double quote takes
 *   the language's outer marks and a single one its nested marks (quote-styles.json), so the
 *   author's choice stays: "the 'plan'" → “the ‘plan’”, British 'the "plan"' → ‘the “plan”’,
 *   German „das ‚Ende‘“, French « le “plan” ».
 * - `'` between letters or digits and a letter is an apostrophe (don't, 1990's); so are the
 *   elisions ’90s, ’tis, ’em and rock ’n’ roll.
 * - After a digit, with no quotation of that kind open, `'` and `"` are the prime and double
 *   prime of measures (5′ 10″). Inside an open quotation they close it ("We won 5" → “We won 5”),
 *   which is what a quotation ending on a number needs more often than a measure.
 * - Curly marks the author typed are kept as typed, and count for nesting.
 * - `---` is an em dash; `--` the language's dash (em dash in English, en dash in German and
 *   British English), and so is a lone hyphen between spaces (ellipsis-dash.ts). `...` is `…`.
 * - French no-break spaces before ; : ! ? and inside « » (spacing.ts).
 */
export interface TextPiece {
  text: string;
  editable: boolean;
}

const OPENS_AFTER = /[\s([{\u2014\u2013\-/“‘„‚«‹]/u;
const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const DIGIT = /\p{N}/u;
const SPACE = /\s/u;
const CLOSING_PUNCT = /[.,;:!?)\]}…]/u;
/** Elisions that start with an apostrophe, not an opening quote. */
const ELISION = /^'(?:\d0s|\d\ds?\b|tis\b|twas\b|em\b|cause\b|til\b|n'(?=\s|$))/iu;

type Kind = '"' | "'";
interface Open {
  kind: Kind;
}

export function smartenPieces(pieces: readonly TextPiece[], style: QuoteStyle): string[] {
  const text = pieces.map((p) => p.text).join('');
  const frozen = new Uint8Array(text.length);
  let at = 0;
  for (const p of pieces) {
    if (!p.editable) frozen.fill(1, at, at + p.text.length);
    at += p.text.length;
  }
  for (const u of frozenSpans(text)) frozen.fill(1, u.start, u.end);
  const draft: Draft = { text, frozen, out: new Array<string | undefined>(text.length) };

  curlQuotes(draft, style);
  ellipsisAndDashes(draft, style);
  spacePunctuation(draft, style);

  const result: string[] = [];
  at = 0;
  for (const p of pieces) {
    let s = '';
    for (let i = at; i < at + p.text.length; i++) s += draft.out[i] ?? text[i];
    result.push(s);
    at += p.text.length;
  }
  return result;
}

/** Quotes, apostrophes, primes and double hyphens: the rules above. */
function curlQuotes({ text, frozen, out }: Draft, style: QuoteStyle): void {
  const stack: Open[] = [];
  const marksOf = (kind: Kind) => (kind === '"' ? style.primary : style.secondary);
  const has = (kind: Kind) => stack.some((o) => o.kind === kind);
  const close = (kind: Kind): string => {
    const i = stack.map((o) => o.kind).lastIndexOf(kind);
    if (i >= 0) stack.length = i;
    return marksOf(kind)[1];
  };
  const setOpen = (i: number, mark: string) => {
    out[i] = mark;
    if (SPACE.test(mark.slice(-1)) && text[i + 1] === ' ' && !frozen[i + 1]) out[i + 1] = '';
  };
  const setClose = (i: number, mark: string) => {
    out[i] = mark;
    if (SPACE.test(mark.charAt(0)) && text[i - 1] === ' ' && !frozen[i - 1]) out[i - 1] = '';
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const prev = i > 0 ? text[i - 1] : undefined;
    const next = text[i + 1];
    const opensHere = prev === undefined || OPENS_AFTER.test(prev);
    const beforeWords = next !== undefined && !SPACE.test(next) && !CLOSING_PUNCT.test(next);
    if (frozen[i]) {
      // Typed curly marks still count for nesting, inside a citation too.
      trackCurly(c, opensHere, next, stack);
      continue;
    }
    if (c === '-' && next === '-') {
      const triple = text[i + 2] === '-' && !frozen[i + 2];
      if (frozen[i + 1]) continue;
      out[i] = triple ? '\u2014' : style.dash;
      out[i + 1] = '';
      if (triple) out[i + 2] = '';
      i += triple ? 2 : 1;
      continue;
    }
    if (c === '"') {
      if (opensHere && beforeWords) {
        stack.push({ kind: '"' });
        setOpen(i, style.primary[0]);
      } else if (prev !== undefined && DIGIT.test(prev) && !has('"')) out[i] = '\u2033';
      else if (has('"') || !opensHere) setClose(i, close('"')); // with none open: a quotation begun before this text
      continue;
    }
    if (c === "'") {
      const elision = opensHere ? ELISION.exec(text.slice(i)) : null;
      if (prev !== undefined && LETTER_OR_DIGIT.test(prev) && next !== undefined && LETTER.test(next)) out[i] = style.apostrophe;
      else if (elision) {
        out[i] = style.apostrophe;
        if (elision[0].startsWith("'n'")) {
          out[i + 2] = style.apostrophe;
          i += 2;
        }
      } else if (opensHere && beforeWords) {
        stack.push({ kind: "'" });
        setOpen(i, style.secondary[0]);
      } else if (prev !== undefined && DIGIT.test(prev) && !has("'")) out[i] = '\u2032';
      else if (has("'")) setClose(i, close("'"));
      else if (!opensHere) out[i] = style.apostrophe; // the students' books
      continue;
    }
    trackCurly(c, opensHere, next, stack);
  }
}

/** Curly marks the author typed: kept as they are, but followed so a straight quote can close its own. */
function trackCurly(c: string, opensHere: boolean, next: string | undefined, stack: Open[]): void {
  const double = '“”„«»'.includes(c);
  const single = '‘’‚‹›'.includes(c);
  if (!double && !single) return;
  const kind: Kind = double ? '"' : "'";
  // ’ between letters is an apostrophe, not a closing quote.
  if (c === '’' && next !== undefined && LETTER.test(next)) return;
  const opening = '„‚'.includes(c) || (opensHere && next !== undefined && !SPACE.test(next));
  if (opening) stack.push({ kind });
  else {
    const i = stack.map((o) => o.kind).lastIndexOf(kind);
    if (i >= 0) stack.length = i;
  }
}

/** One text on its own (a subject line, a header field). */
export function smartenText(text: string, style: QuoteStyle): string {
  return smartenPieces([{ text, editable: true }], style)[0];
}
