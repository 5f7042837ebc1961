import { isThematicBreak, parseLinePrefix } from '../sentences/markdown';

/**
 * Where the paragraphs of a plain text are, decided from the text's own evidence: is a single
 * newline (one not next to a blank line) a paragraph break or a wrapped line? Blank lines, list
 * items, headings and quotes are breaks whatever is decided here (the paragraph splitter in
 * ../sentences sees to them); this module only rules on the lines in between.
 *
 * Plain text comes in four shapes, told apart by the lines that have another line right below:
 *
 * - Blank-line paragraphs: no such line, nothing to decide.
 * - Hard-wrapped at a fixed width — e-mail, RFCs, Project Gutenberg (60–80 columns). Most lines
 *   stop mid-sentence (MIN_MID_SENTENCE) AND most could not have taken the next line's first
 *   word without passing the width (MIN_FULL_LINES): a wrapping tool filled them. The width is
 *   the WIDTH_PERCENTILE line length (a few over-long URLs do not stretch it). A newline is a
 *   soft wrap there, and a paragraph ends only where the writer pressed Enter: at a line that
 *   stops while the next word would still have fitted ("short line"). Estimating the width low
 *   is the safe side: it can only hide such a break, never invent one.
 * - Wrapped by hand, ragged (a poem, a note typed with Enter at each line's end): lines of any
 *   length, but many stop mid-sentence and the next carries on in lower case (MIN_CONTINUED).
 *   Newlines are soft wraps, as in Markdown.
 * - One paragraph per line — text copied from a web page, where each <p> became a line — is
 *   what is left: lines that end where sentences end or that are whole lines of their own
 *   (a headline, a byline, a date, "Key points:"), with the next line starting afresh. Every
 *   newline is a paragraph.
 *
 * Indentation is evidence of its own, in any shape: where paragraphs are set with a first-line
 * indent (typed letters, old books) — at least MIN_INDENTED lines indented deeper than the line
 * above and followed by a shallower one, and most of the lines above them ending a sentence —
 * an indented line starts a paragraph and a flush line never does, unless it follows a short
 * line in hard-wrapped text. That most lines above end a sentence is what tells it from hanging
 * indentation (a bibliography), where they stop mid-sentence; an indented quotation of several
 * lines is not first-line indentation either. Lines indented under a list item continue it.
 */

type Form = { form: 'blank-lines' } | { form: 'hard-wrapped'; width: number } | { form: 'soft-wrapped' } | { form: 'line-per-paragraph' };

export type TextLayout = Form & { indentedParagraphs: boolean };

/** Share of lines stopping mid-sentence, and of lines filled to the width, that mark hard wrapping. */
const MIN_MID_SENTENCE = 0.4;
const MIN_FULL_LINES = 0.4;
const WIDTH_PERCENTILE = 0.9;
/** Share of lines carried on by a lower-case next line that marks ragged wrapping by hand. */
const MIN_CONTINUED = 0.25;
/** First-line indents needed before indentation is read as marking paragraphs. */
const MIN_INDENTED = 2;

const MARKER_START = /^[ \t]*[>#\-*+•‣⁃◦▪●○\d]/;
// A sentence's last character, then any closing quotes or brackets.
const SENTENCE_END = /[.!?…:]["'”’»)\]]*$/;

interface Line {
  text: string;
  /** Length without trailing whitespace (what a wrapping tool measured), indentation included. */
  length: number;
  indent: number;
  blank: boolean;
  /** A list item, heading, quote or rule: a block of its own to the paragraph splitter. */
  marker: boolean;
  list: boolean;
}

/** A line and the one right below it, both text, the lower one a candidate for a new paragraph. */
interface Pair {
  upper: Line;
  lower: Line;
  /** The lower line continues a list item (indented under it): never a break. */
  listContinuation: boolean;
}

export function textLayout(text: string): TextLayout {
  const lines = linesOf(text);
  return decide(lines, pairsOf(lines));
}

/**
 * The text with a blank line put in at every paragraph break the evidence shows, so the blank-line
 * splitter downstream finds every paragraph. Line ends come back as "\n".
 */
export function separateParagraphs(text: string): string {
  const lines = linesOf(text);
  const pairs = pairsOf(lines);
  const layout = decide(lines, pairs);
  if (layout.form === 'blank-lines') return text;
  const breakBefore = new Set<Line>();
  for (const p of pairs) if (startsParagraph(p, layout)) breakBefore.add(p.lower);
  if (breakBefore.size === 0) return text;
  const out: string[] = [];
  for (const l of lines) {
    if (breakBefore.has(l)) out.push('');
    out.push(l.text);
  }
  return out.join('\n');
}

function decide(lines: Line[], pairs: Pair[]): TextLayout {
  return { ...decideForm(pairs), indentedParagraphs: usesFirstLineIndents(lines) };
}

function decideForm(pairs: Pair[]): Form {
  // Lines of prose only: list items and their continuations are short by nature and say nothing.
  const prose = pairs.filter((p) => !p.upper.list && !p.listContinuation);
  if (prose.length === 0) return pairs.length ? { form: 'line-per-paragraph' } : { form: 'blank-lines' };
  const width = percentile(
    prose.map((p) => p.upper.length),
    WIDTH_PERCENTILE,
  );
  const share = (test: (p: Pair) => boolean) => prose.filter(test).length / prose.length;
  const midSentence = share((p) => !endsSentence(p.upper));
  const full = share((p) => !nextWordFits(p, width));
  if (midSentence >= MIN_MID_SENTENCE && full >= MIN_FULL_LINES) return { form: 'hard-wrapped', width };
  if (share((p) => !endsSentence(p.upper) && /^\s*\p{Ll}/u.test(p.lower.text)) >= MIN_CONTINUED) return { form: 'soft-wrapped' };
  return { form: 'line-per-paragraph' };
}

/**
 * Lines indented deeper than the one above (or opening a block) and followed by a shallower one:
 * enough of them, mostly after a finished sentence, and indentation marks the paragraphs.
 */
function usesFirstLineIndents(lines: Line[]): boolean {
  let indents = 0;
  let afterSentence = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i];
    const above = i > 0 && !lines[i - 1].blank ? lines[i - 1] : undefined;
    const below = lines[i + 1];
    if (line.blank || line.marker || below.blank || below.marker || above?.marker) continue;
    if (line.indent > (above?.indent ?? 0) && below.indent < line.indent) {
      indents++;
      if (!above || endsSentence(above)) afterSentence++;
    }
  }
  return indents >= MIN_INDENTED && afterSentence * 2 > indents;
}

function startsParagraph(p: Pair, layout: TextLayout): boolean {
  if (p.listContinuation) return false;
  const deeper = p.lower.indent > p.upper.indent;
  if (layout.form === 'hard-wrapped' && nextWordFits(p, layout.width)) return true;
  if (layout.indentedParagraphs) return deeper;
  if (layout.form === 'line-per-paragraph') return true;
  return deeper && endsSentence(p.upper);
}

/** The writer ended the line early: the next line's first word would have fitted on it. */
function nextWordFits(p: Pair, width: number): boolean {
  const word = /^\S+/.exec(p.lower.text.trimStart())?.[0].length ?? 0;
  return p.upper.length + 1 + word <= width;
}

function endsSentence(l: Line): boolean {
  return SENTENCE_END.test(l.text.trimEnd());
}

function pairsOf(lines: Line[]): Pair[] {
  const pairs: Pair[] = [];
  let inList = false; // the current block started with a list item
  for (let i = 0; i + 1 < lines.length; i++) {
    const upper = lines[i];
    const lower = lines[i + 1];
    if (upper.blank) inList = false;
    if (upper.list) inList = true;
    else if (upper.marker) inList = false;
    if (upper.blank || lower.blank || (upper.marker && !upper.list) || lower.marker) continue;
    const listContinuation = inList && lower.indent > 0;
    if (inList && !listContinuation) inList = false;
    pairs.push({ upper, lower, listContinuation });
  }
  return pairs;
}

function linesOf(text: string): Line[] {
  return text.split(/\r\n|\r|\n/).map((t) => {
    const blank = t.trim() === '' || isThematicBreak(t);
    // Only a line opening with a marker's character can be a list item, heading or quote.
    const p = blank || !MARKER_START.test(t) ? undefined : parseLinePrefix(t);
    const indent = /^[ \t]*/.exec(t)![0].replace(/\t/g, '    ').length;
    return { text: t, length: t.trimEnd().replace(/\t/g, '    ').length, indent, blank, marker: !!p && (p.heading || p.quote || !!p.list), list: !!p?.list };
  });
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
