/**
 * Text compared the way a reader compares a quotation with its source: runs of whitespace are
 * one space, typographic quotation marks, apostrophes and dashes are their plain forms, and
 * an ellipsis character is three dots. Case and every other character are kept.
 */
const FOLD: Record<string, string> = {
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2033': '"',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u2039': "'",
  '\u203a': "'",
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u00ad': '',
};

/** The folded text and, for each of its characters, the index it came from in `s`. */
export interface FoldedText {
  text: string;
  from: number[];
}

export function foldQuoteText(s: string): FoldedText {
  let text = '';
  const from: number[] = [];
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (/\s/u.test(c)) {
      space = text.length > 0;
      continue;
    }
    if (space) {
      text += ' ';
      from.push(i);
      space = false;
    }
    const folded = FOLD[c] ?? c;
    for (const f of folded) {
      text += f;
      from.push(i);
    }
  }
  return { text, from };
}

export function normaliseQuoteText(s: string): string {
  return foldQuoteText(s).text;
}

/**
 * The words a quote fact claims its source says, folded: as written, and without the
 * quotation marks (and closing stop) of a fact typed as a bare quotation, since the source
 * may go on `,” she said`.
 */
export function quotedWords(factText: string): string[] {
  const whole = normaliseQuoteText(factText);
  const bare = whole
    .replace(/^["']+/, '')
    .replace(/["'.,;:!?]+$/, '')
    .trim();
  return bare && bare !== whole ? [whole, bare] : [whole];
}
