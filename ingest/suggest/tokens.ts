/**
 * A small tokenizer for English news sentences, shared by the suggestion rules. It keeps what
 * the rules need and nothing more: words (with their capitalisation), numbers, quotes (opening
 * or closing), and the punctuation that ends a clause.
 */

type TokenKind =
  | 'word' // letters, with inner apostrophes, hyphens and abbreviation dots: Russia's, al-Sudani, U.S.
  | 'number' // digits with inner separators: 40, 1,200, 3.2
  | 'open-quote'
  | 'close-quote'
  | 'comma'
  | 'end' // . ! ? closing a sentence
  | 'break' // ; : — – ( ) [ ]: a clause boundary other than a comma
  | 'symbol'; // $ € £ ¥ % & / and anything else

export interface Token {
  text: string;
  /** Lower case, curly apostrophes made straight: what the rules compare. */
  lower: string;
  kind: TokenKind;
  /** Offsets into the sentence, so a rule can quote the original text. */
  start: number;
  end: number;
  /** Starts with a capital letter. */
  cap: boolean;
  /** First word of the sentence (or of a quotation), where capitals say nothing. */
  initial: boolean;
  /** Inside a quotation. */
  quoted: boolean;
}

/**
 * Words that end in a dot which is part of the word. Others with a final dot are words
 * followed by the end of the sentence.
 */
const DOTTED = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'cmdr',
  'adm',
  'sgt',
  'sen',
  'rep',
  'gov',
  'pres',
  'st',
  'jr',
  'sr',
  'vs',
  'etc',
  'approx',
  'dept',
  'govt',
  'inc',
  'ltd',
  'corp',
  'jan',
  'feb',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mon',
  'tue',
  'tues',
  'thu',
  'thur',
  'thurs',
  'fri',
]);

// One alternative per token kind, tried in order at each position.
const TOKEN = new RegExp(
  [
    String.raw`(?<abbr>(?:\p{L}\.){2,})`, // U.S. U.N. e.g.
    String.raw`(?<word>\p{L}[\p{L}\p{M}]*(?:['’\-]\p{L}[\p{L}\p{M}]*)*(?:(?<=s)['’](?=\s|$|[,.;:!?]))?\.?)`, // Russia's, ministers’, al-Sudani, Gen.
    String.raw`(?<number>\d+(?:[.,]\d+)*)`,
    String.raw`(?<dquote>["“”«»„])`,
    String.raw`(?<squote>['‘’])`,
    String.raw`(?<comma>,)`,
    String.raw`(?<end>[.!?]+|…)`,
    String.raw`(?<brk>--|[;:—–()\[\]])`,
    String.raw`(?<other>\S)`,
  ].join('|'),
  'gu',
);

export function tokenize(sentence: string): Token[] {
  const out: Token[] = [];
  let quoted = false;
  for (const m of sentence.matchAll(TOKEN)) {
    const g = m.groups!;
    let text = m[0];
    let start = m.index;
    let kind: TokenKind;
    if (g.abbr) kind = 'word';
    else if (g.word) {
      kind = 'word';
      // "Jan." keeps its dot; "said." gives it back to the end of the sentence.
      // So does an initial before a name: "V. Anantha Nageswaran".
      const initial = /^\p{Lu}\.$/u.test(text) && /^ \p{Lu}/u.test(sentence.slice(m.index + text.length, m.index + text.length + 2));
      if (text.endsWith('.') && !DOTTED.has(text.slice(0, -1).toLowerCase()) && !initial) {
        push(out, text.slice(0, -1), 'word', start, quoted);
        text = '.';
        start += m[0].length - 1;
        kind = 'end';
      }
    } else if (g.number) kind = 'number';
    else if (g.dquote || g.squote) {
      // Curly quotes say which way they face; a straight one opens after a space (or at the
      // start) and closes otherwise. (Apostrophes inside words never get here.)
      const ch = text;
      const before = start === 0 ? ' ' : sentence[start - 1];
      const opening = ch === '“' || ch === '‘' || ch === '«' || ch === '„' || ((ch === '"' || ch === "'") && /[\s([—–-]/.test(before));
      if (opening && !quoted) {
        quoted = true;
        push(out, text, 'open-quote', start, true);
        continue;
      }
      if (!opening && quoted) {
        quoted = false;
        push(out, text, 'close-quote', start, true);
        continue;
      }
      // A stray quote (an apostrophe, a quotation left open): no effect on structure.
      push(out, text, 'symbol', start, quoted);
      continue;
    } else if (g.comma) kind = 'comma';
    else if (g.end) kind = 'end';
    else if (g.brk) kind = 'break';
    else kind = 'symbol';
    push(out, text, kind, start, quoted);
  }
  return out;
}

function push(out: Token[], text: string, kind: TokenKind, start: number, quoted: boolean): void {
  const prev = out[out.length - 1];
  const initial = kind === 'word' && (!prev || prev.kind === 'end' || prev.kind === 'open-quote' || (prev.kind === 'break' && prev.text === ':'));
  out.push({
    text,
    lower: text.toLowerCase().replace(/’/g, "'"),
    kind,
    start,
    end: start + text.length,
    cap: /^\p{Lu}/u.test(text),
    initial,
    quoted,
  });
}

/** Ends a clause: the subject of a verb never reaches across one of these. */
export function isBoundary(t: Token | undefined): boolean {
  return !t || t.kind === 'comma' || t.kind === 'end' || t.kind === 'break' || t.kind === 'open-quote' || t.kind === 'close-quote';
}

/** The original text from token i to token j inclusive. */
export function span(sentence: string, tokens: readonly Token[], i: number, j: number): string {
  return sentence.slice(tokens[i].start, tokens[j].end);
}
