import type { BlockKind, ImportedBlock } from '../document';
import { makeBlock } from './blocks';
import type { Line } from './pdf-layout';

/**
 * Lines of a whole PDF (headers and footers already removed) → paragraphs with page locators.
 *
 * A new paragraph starts where a typesetter would have started one: a vertical gap larger than
 * the document's usual line spacing, a change of font size (headings), a bullet, or an indented
 * line after a finished sentence. At a column or page break the paragraph continues when the
 * last line is a full-width line that does not end a sentence — the text was simply cut by the
 * layout — and its locator then spans both pages ("12-13").
 *
 * Words hyphenated at a line end are rejoined ("govern-" + "ment" → "government"). A hyphen that
 * belongs to the word ("long-term") is kept when the document shows it so: the hyphenated form
 * appears elsewhere in the text, the rejoined word does not, the first part is a word that
 * typically forms compounds ("self-", "non-", "cross-"), or the second part is capitalised
 * ("Euro-Atlantic"). Hyphens in the middle of a line are never touched.
 */
export interface PageLines {
  label: string;
  lines: Line[];
}

interface Stats {
  bodySize: number;
  leading: number;
  /** Per page, per column (-1, 0, 1): left and right edges of the text. */
  edges: Map<string, { left: number; right: number }>;
}

interface Paragraph {
  lines: Line[];
  pageFrom: string;
  pageTo: string;
}

/** A line and the index of the page it is on. */
interface Placed {
  line: Line;
  page: number;
}

export function pdfParagraphs(pages: PageLines[]): ImportedBlock[] {
  const stats = measure(pages);
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | undefined;
  let prev: Placed | undefined;

  pages.forEach((page, p) => {
    for (const line of page.lines) {
      const here = { line, page: p };
      if (!current || !prev || startsParagraph(prev, here, stats)) {
        current = { lines: [], pageFrom: page.label, pageTo: page.label };
        paragraphs.push(current);
      }
      current.lines.push(line);
      current.pageTo = page.label;
      prev = here;
    }
  });

  const evidence = hyphenEvidence(pages);
  const blocks: ImportedBlock[] = [];
  for (const para of paragraphs) {
    const raw = joinLines(
      para.lines.map((l) => l.text),
      evidence,
    );
    const kind = kindOf(para, raw, stats);
    const b = makeBlock(kind, kind === 'list-item' ? raw.replace(BULLET, '') : raw);
    if (!b) continue;
    b.locator = { label: 'page', value: para.pageFrom === para.pageTo ? para.pageFrom : `${para.pageFrom}-${para.pageTo}` };
    blocks.push(b);
  }
  return blocks;
}

const BULLET = /^[•●▪■◦‣∙·\-–—*]\s+/;
const ENUMERATED = /^\(?(?:\d{1,2}|[a-z])[.)]\s/;
const ENDS_SENTENCE = /(?:[.!?:;…]|\.\.\.)["”’)\]]*$/;

function startsParagraph(before: Placed, here: Placed, s: Stats): boolean {
  const { line: prev } = before;
  const { line } = here;
  if (Math.abs(line.size - prev.size) > 0.15 * Math.max(line.size, prev.size)) return true;
  if (BULLET.test(line.text) || ENUMERATED.test(line.text)) return true;
  const edges = s.edges.get(`${before.page}:${prev.column}`)!;
  const width = Math.max(1, edges.right - edges.left);
  const fullLine = prev.right >= edges.right - 0.2 * width;
  const finished = ENDS_SENTENCE.test(prev.text);

  // Across a column, band or page break, only a full line cut mid-sentence carries on.
  const sameFlow = before.page === here.page && line.column === prev.column && line.band === prev.band && line.y > prev.y;
  if (!sameFlow) return finished || !fullLine || isHeading(prev, s) || here.page - before.page > 1;

  const leading = s.leading * (line.size / s.bodySize);
  if (line.y - prev.y > 1.35 * leading) return true;
  if (finished && line.x - prev.x > 0.8 * line.size) return true; // a first-line indent
  return finished && !fullLine; // a short last line, then a new sentence
}

function isHeading(line: Line, s: Stats): boolean {
  return line.size >= 1.15 * s.bodySize;
}

function kindOf(para: Paragraph, text: string, s: Stats): BlockKind {
  const size = para.lines.reduce((max, l) => Math.max(max, l.size), 0);
  if (size >= 1.15 * s.bodySize && text.length < 250) return 'heading';
  if (size <= 0.85 * s.bodySize && /^\d{1,3}\s*\S/.test(text)) return 'footnote';
  if (BULLET.test(text) || ENUMERATED.test(text)) return 'list-item';
  if (text.length < 250 && /^(?:figure|fig\.|table|chart|graph|map|box|exhibit)\s+[\dA-Z]{1,3}[.:]/i.test(text)) return 'caption';
  return 'paragraph';
}

/** Body font size (the size most text is set in), usual line spacing, and column edges per page. */
function measure(pages: PageLines[]): Stats {
  const bySize = new Map<number, number>();
  for (const page of pages) for (const l of page.lines) bySize.set(round(l.size), (bySize.get(round(l.size)) ?? 0) + l.text.length);
  const bodySize = [...bySize.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;

  const gaps: number[] = [];
  const edges = new Map<string, { left: number; right: number }>();
  pages.forEach((page, p) => {
    page.lines.forEach((l, i) => {
      const key = `${p}:${l.column}`;
      const e = edges.get(key);
      edges.set(key, e ? { left: Math.min(e.left, l.x), right: Math.max(e.right, l.right) } : { left: l.x, right: l.right });
      const next = page.lines[i + 1];
      if (
        next &&
        next.column === l.column &&
        next.band === l.band &&
        Math.abs(l.size - bodySize) < 0.1 * bodySize &&
        Math.abs(next.size - bodySize) < 0.1 * bodySize
      ) {
        const gap = next.y - l.y;
        if (gap > 0 && gap < 3 * bodySize) gaps.push(gap);
      }
    });
  });
  gaps.sort((a, b) => a - b);
  const leading = gaps.length ? gaps[Math.floor(gaps.length * 0.3)] : 1.2 * bodySize;
  return { bodySize, leading, edges };
}

function round(n: number): number {
  return Math.round(n * 2) / 2;
}

interface HyphenEvidence {
  words: Set<string>;
  compounds: Set<string>;
}

/** Every word, and every hyphenated pair seen in the middle of a line, across the document. */
function hyphenEvidence(pages: PageLines[]): HyphenEvidence {
  const words = new Set<string>();
  const compounds = new Set<string>();
  for (const page of pages) {
    for (const line of page.lines) {
      for (const w of line.text.toLowerCase().match(/\p{L}+/gu) ?? []) words.add(w);
      for (const c of line.text.toLowerCase().match(/\p{L}+(?:[-‐]\p{L}+)+/gu) ?? []) {
        const parts = c.split(/[-‐]/);
        for (let i = 0; i + 1 < parts.length; i++) compounds.add(`${parts[i]}-${parts[i + 1]}`);
      }
    }
  }
  return { words, compounds };
}

/** First parts that are words in their own right and usually form compounds. */
const COMPOUND_PREFIXES = new Set([
  'self',
  'non',
  'well',
  'long',
  'short',
  'high',
  'low',
  'cross',
  'full',
  'part',
  'state',
  'year',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'ten',
  'first',
  'second',
  'third',
  'half',
  'cost',
  'time',
  'decision',
  'policy',
  'trade',
  'law',
  'rule',
  'mid',
  'post',
  'pre',
  'anti',
  'pro',
  'co',
  'ex',
  'vice',
  'all',
  'x',
]);

/** Pieces, not a growing string, so joining stays linear even for a damaged PDF whose whole text is one "paragraph". */
function joinLines(lines: string[], evidence: HyphenEvidence): string {
  const pieces: string[] = [];
  for (const [i, line] of lines.entries()) {
    const prev = lines[i - 1];
    if (prev !== undefined) {
      const joint = jointBetween(prev, line, evidence);
      if (joint === 'unhyphenate') pieces[pieces.length - 1] = prev.slice(0, -1);
      else if (joint === 'space') pieces.push(' ');
    }
    pieces.push(line);
  }
  return pieces.join('');
}

/** How two lines meet: with a space, directly (a kept hyphen, a number range), or with the line-end hyphen removed. */
function jointBetween(prev: string, next: string, evidence: HyphenEvidence): 'space' | 'direct' | 'unhyphenate' {
  if (prev.endsWith('\u00AD')) return 'unhyphenate';
  const hyphen = /(\p{L}+)[-‐]$/u.exec(prev.slice(-60));
  const rest = /^\p{L}+/u.exec(next)?.[0];
  if (hyphen && rest) return keepHyphen(prev, hyphen[1], rest, evidence) ? 'direct' : 'unhyphenate';
  if (/\d[-–]$/.test(prev) && /^\d/.test(next)) return 'direct'; // "2020-" + "2025" stays a range
  return 'space';
}

function keepHyphen(text: string, first: string, second: string, e: HyphenEvidence): boolean {
  if (/^\p{Lu}/u.test(second)) return true; // "Euro-" + "Atlantic"
  const a = first.toLowerCase();
  const b = second.toLowerCase();
  if (e.words.has(a + b)) return false;
  if (e.compounds.has(`${a}-${b}`)) return true;
  if (new RegExp(`\\p{L}[-‐]${first}[-‐]$`, 'u').test(text)) return true; // "state-of-the-" + "art"
  return COMPOUND_PREFIXES.has(a);
}
