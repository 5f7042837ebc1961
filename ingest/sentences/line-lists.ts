import { isTerminator } from './chars';
import { pushTrimmed, type Range } from './split';

/**
 * Lists written one item per line with no punctuation at all, as menus, keyword lists and table
 * columns come out of web pages and PDFs:
 *
 *     features
 *     contact manager
 *     events, activities
 *
 * Normally a single newline is a soft wrap; joining these lines would produce a "sentence" that
 * nobody wrote. The pattern is recognised conservatively so wrapped prose is never split: at
 * least three lines, each of at most MAX_WORDS words, none ending in punctuation, and no line
 * break falling inside a phrase (after "of", "the", … or before one).
 */
const MAX_WORDS = 5;
const MIN_LINES = 3;
const GLUE = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'to', 'in', 'for', 'on', 'at', 'by', 'with', 'from', 'as', 'that', 'than']);

export function splitLineList(text: string, range: Range): Range[] | null {
  const [start, end] = range;
  if (end - start > MIN_LINES * 80 * 4) return null;
  const lines = linesOf(text, start, end);
  if (lines.length < MIN_LINES) return null;

  const out: Range[] = [];
  for (let i = 0; i < lines.length; i++) {
    const [s, e] = lines[i];
    const line = text.slice(s, e).trim();
    const words = line.split(/\s+/);
    const last = line.slice(-1);
    if (line === '' || words.length > MAX_WORDS) return null;
    if (isTerminator(last) || /[,;:\-–—]/.test(last)) return null;
    if (i > 0 && GLUE.has(words[0].toLowerCase())) return null;
    if (i < lines.length - 1 && GLUE.has(words[words.length - 1].toLowerCase())) return null;
    pushTrimmed(text, out, s, e);
  }
  return out;
}

/** [start, end) of each line between `start` and `end`. */
function linesOf(text: string, start: number, end: number): Range[] {
  const out: Range[] = [];
  let lineStart = start;
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (ch !== '\n' && ch !== '\r') continue;
    out.push([lineStart, i]);
    if (ch === '\r' && text[i + 1] === '\n') i++;
    lineStart = i + 1;
  }
  out.push([lineStart, end]);
  return out;
}
