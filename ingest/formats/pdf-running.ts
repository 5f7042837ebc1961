import type { Line } from './pdf-layout';

/**
 * Running headers, footers and page numbers: text printed in the top or bottom margin of many
 * pages ("Institute for Trade Studies — Working Paper 12", "Page 7 of 40"). They are not part
 * of the prose and, left in, would be glued into whichever paragraph crosses the page break.
 *
 * A line is dropped when it sits at the edge of its page (among the first or last three lines
 * and within the outer 12% of the page height) and either
 *  - it is just a page number ("12", "- 12 -", "xiv", "Page 12 of 40"), or
 *  - it carries the page's own number at one end, set off by a separator ("7 | Institute for
 *    Trade Studies", "Annual Review 2024 · 8"), and is set apart from the text next to it —
 *    which catches heads that alternate between odd and even pages even in a 2-page file, or
 *  - the same text, with digits ignored, sits at the edge of several pages (at least 3, or every
 *    page of a 2–3 page file) AND is set apart from the text next to it, by a gap of two line
 *    heights or a different type size. The first line of a column is at the same place on every
 *    page too; the gap is what tells a running header from body text, which is never dropped.
 *  - in a file of at most 3 pages, where heads that alternate between odd and even pages never
 *    repeat: it is the topmost line of its page, set apart, in type smaller than the body's.
 *    (Footnotes are small too, but they sit at the bottom.)
 */
export interface PageText {
  lines: Line[];
  height: number;
  /** The page's number as printed (its label), when known. */
  label?: string;
}

const EDGE_LINES = 3;
const EDGE_FRACTION = 0.12;

export function removeRunningText(pages: PageText[]): { pages: Line[][]; removed: number } {
  const edges = pages.map((page) => new Set([...edgeLines(page)].filter((l) => isPageNumber(l.text) || setApart(l, page.lines))));
  const body = bodySize(pages);
  const short = pages.length <= 3;
  const numbered = (line: Line, page: PageText) =>
    isPageNumber(line.text) || (page.label !== undefined && carriesPageNumber(line.text, page.label) && setApart(line, page.lines));
  const smallHead = (line: Line, page: PageText) => short && line.size <= 0.85 * body && line === topLine(page) && setApart(line, page.lines);
  const seen = new Map<string, number>();
  for (const edge of edges) {
    for (const key of new Set([...edge].map(keyWithSize))) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(2, Math.min(3, pages.length));
  let removed = 0;
  const kept = pages.map((page, i) =>
    page.lines.filter((line) => {
      const drop = edges[i].has(line) && (numbered(line, page) || smallHead(line, page) || (seen.get(keyWithSize(line)) ?? 0) >= threshold);
      if (drop) removed++;
      return !drop;
    }),
  );
  return { pages: kept, removed };
}

/** The size most of the text is set in. */
function bodySize(pages: PageText[]): number {
  const chars = new Map<number, number>();
  for (const p of pages) for (const l of p.lines) chars.set(Math.round(l.size), (chars.get(Math.round(l.size)) ?? 0) + l.text.length);
  return [...chars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

function topLine(page: PageText): Line | undefined {
  let top: Line | undefined;
  for (const l of page.lines) if (!top || l.y < top.y) top = l;
  return top;
}

function edgeLines(page: PageText): Set<Line> {
  const byY = [...page.lines].sort((a, b) => a.y - b.y);
  const top = byY.slice(0, EDGE_LINES).filter((l) => l.y - l.size <= page.height * EDGE_FRACTION);
  const bottom = byY.slice(-EDGE_LINES).filter((l) => l.y >= page.height * (1 - EDGE_FRACTION));
  return new Set([...top, ...bottom]);
}

/** No other line within two line heights above or below, or its neighbours are set in another size. */
function setApart(line: Line, lines: Line[]): boolean {
  let nearest: Line | undefined;
  for (const other of lines) {
    if (other === line || other.y === line.y) continue;
    if (!nearest || Math.abs(other.y - line.y) < Math.abs(nearest.y - line.y)) nearest = other;
  }
  if (!nearest) return true;
  const differentSize = Math.abs(nearest.size - line.size) > 0.1 * Math.max(nearest.size, line.size);
  return differentSize || Math.abs(nearest.y - line.y) >= 2 * Math.max(line.size, nearest.size);
}

/**
 * Text and type size: a report whose even-page running head is its title prints that title
 * large on page 1, and the title must not go with the heads.
 */
function keyWithSize(line: Line): string {
  return `${keyOf(line.text)}@${Math.round(line.size)}`;
}

/** Digits (and lone roman numerals) vary from page to page; the rest of a running header does not. */
function keyOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/\b[ivxlcdm]+\b(?=\s*$)/, '#')
    .replace(/\d+/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
}

function isPageNumber(text: string): boolean {
  const t = text.trim().toLowerCase();
  return /^(?:page\s+)?[-–—(\s]*(?:\d{1,4}|[ivxlcdm]{1,7})[-–—)\s]*(?:(?:of|\/)\s*\d{1,4})?$/.test(t);
}

const SEPARATOR = '[|·•—–:/]';

/** "7 | Institute name", "Report title — 8", "Page 8 · Report title": the page's own number at one end, set off by a separator. */
function carriesPageNumber(text: string, label: string): boolean {
  const n = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(?:page\\s+)?${n}\\s*${SEPARATOR}\\s*\\S|\\S\\s*${SEPARATOR}\\s*(?:page\\s+)?${n}$`, 'i').test(text.trim());
}
