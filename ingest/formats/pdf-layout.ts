import type { Fragment } from './pdf-fragment';
import { findTables } from './pdf-tables';

/**
 * One PDF page's text items → lines in reading order.
 *
 * A PDF stores positioned strings, not lines or paragraphs, and not necessarily in reading
 * order. We rebuild lines from baselines, then find columns: a two-column report has a vertical
 * strip in the middle of the page (the gutter) that almost no text crosses. Text that does cross
 * it — a title, a full-width table, a centred page number — splits the page into horizontal
 * bands; each band is read left column first, then right column, like a person reads it.
 * Tables (pdf-tables.ts) are taken out of the page first: their cells are not prose.
 */

export interface Line {
  text: string;
  x: number;
  right: number;
  /** Baseline, top-down. */
  y: number;
  size: number;
  /** 0 left column, 1 right column, -1 full width (or a single-column page). */
  column: -1 | 0 | 1;
  /** Increases whenever full-width text interrupts the columns. */
  band: number;
}

interface Row {
  y: number;
  size: number;
  items: Fragment[];
}

interface Gutter {
  start: number;
  end: number;
}

export function pageLines(fragments: Fragment[], pageWidth: number): Line[] {
  return pageLayout(fragments, pageWidth).lines;
}

/** A table found on the page (pdf-tables.ts): left out of the lines. */
export interface TableRegion {
  /** Baseline of its first row, top-down. */
  top: number;
  rows: number;
}

/**
 * The page's lines, and the tables taken out of them. Full-width tables are found on whole
 * rows, before columns (the gutter would cut them in halves); then, on a two-column page, each
 * column is searched on its own, since a table in one column shares no baselines with the
 * prose beside it.
 */
export function pageLayout(fragments: Fragment[], pageWidth: number): { lines: Line[]; tables: TableRegion[] } {
  const tables: TableRegion[] = [];
  let rows = withoutTables(toRows(fragments), tables, FULL_WIDTH_CELL * pageWidth);
  const gutter = findGutter(
    rows.flatMap((r) => r.items),
    rows.length,
    pageWidth,
  );
  if (gutter) {
    const removed = new Set<Fragment>();
    for (const which of [0, 1] as const) {
      const before = sideRows(rows, gutter, which);
      const after = new Set(withoutTables(before, tables, Infinity));
      for (const r of before) if (!after.has(r)) for (const f of r.items) removed.add(f);
    }
    if (removed.size) rows = rows.map((r) => ({ ...r, items: r.items.filter((f) => !removed.has(f)) })).filter((r) => r.items.length > 0);
  }
  const lines = gutter ? readColumns(rows, gutter) : rows.map((r) => toLine(r.items, -1, 0));
  tables.sort((a, b) => a.top - b.top);
  return { lines, tables };
}

/** Wider than this share of the page, a "cell" is a column's line of prose. */
const FULL_WIDTH_CELL = 0.3;

/** `rows` without the rows of the tables found in them, which are added to `tables`. */
function withoutTables(rows: Row[], tables: TableRegion[], maxCellWidth: number): Row[] {
  const found = findTables(rows, maxCellWidth);
  for (const t of found) tables.push({ top: rows[t[0]].y, rows: t.length });
  const inTable = new Set(found.flat());
  return rows.filter((_, i) => !inTable.has(i));
}

/** The rows' fragments on one side of the gutter (0 left, 1 right), rows that span it left out. */
function sideRows(rows: Row[], gutter: Gutter, which: 0 | 1): Row[] {
  return rows
    .filter((r) => !r.items.some((f) => side(f, gutter) === -1))
    .map((r) => ({ ...r, items: r.items.filter((f) => side(f, gutter) === which) }))
    .filter((r) => r.items.length > 0);
}

/** Which side of the gutter a fragment is on: 0 left, 1 right, -1 across it. */
function side(f: Fragment, gutter: Gutter): -1 | 0 | 1 {
  if (f.x < gutter.start && f.x + f.width <= gutter.end) return 0;
  if (f.x >= gutter.start && f.x + f.width > gutter.end) return 1;
  return -1;
}

/**
 * Groups fragments sharing a baseline. The tolerance is half a font size, so superscript note
 * numbers stay on their line while the next line (a full leading below) does not join it.
 */
function toRows(fragments: Fragment[]): Row[] {
  const sorted = [...fragments].sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: Row[] = [];
  for (const f of sorted) {
    const row = rows[rows.length - 1];
    if (row && f.y - row.y <= 0.5 * Math.max(row.size, f.size)) {
      row.items.push(f);
      if (f.size > row.size) {
        row.size = f.size;
        row.y = f.y; // the row's baseline is its main text's, not a superscript's
      }
    } else rows.push({ y: f.y, size: f.size, items: [f] });
  }
  for (const r of rows) r.items.sort((a, b) => a.x - b.x);
  return rows;
}

/**
 * The widest vertical strip in the middle 40% of the page that at most ~15% of rows cross,
 * with substantial text on both sides; undefined on single-column pages.
 */
function findGutter(fragments: Fragment[], rowCount: number, pageWidth: number): Gutter | undefined {
  if (fragments.length < 4 || pageWidth <= 0) return undefined;
  const width = Math.ceil(pageWidth);
  const coverage = new Uint16Array(width + 1);
  for (const f of fragments) {
    const from = Math.max(0, Math.floor(f.x));
    const to = Math.min(width, Math.ceil(f.x + f.width));
    for (let i = from; i < to; i++) coverage[i]++;
  }
  const allowed = Math.max(1, Math.floor(rowCount * 0.15));
  const sizes = fragments.map((f) => f.size).sort((a, b) => a - b);
  const minWidth = Math.max(6, 0.8 * sizes[sizes.length >> 1]);
  let best: Gutter | undefined;
  const lo = Math.floor(pageWidth * 0.3);
  const hi = Math.ceil(pageWidth * 0.7);
  for (let i = lo; i <= hi;) {
    if (coverage[i] > allowed) {
      i++;
      continue;
    }
    let j = i;
    while (j < width && coverage[j] <= allowed) j++;
    // Extend left too: the strip may begin before the middle region.
    let k = i;
    while (k > 0 && coverage[k - 1] <= allowed) k--;
    if (j - k >= minWidth && (!best || j - k > best.end - best.start)) best = { start: k, end: j };
    i = j + 1;
  }
  if (!best) return undefined;
  const g = best;
  // Both sides must hold real text, or this is a one-column page with a ragged right edge.
  let left = 0;
  let right = 0;
  for (const f of fragments) {
    if (f.x + f.width <= g.end && f.x < g.start) left += f.text.length;
    else if (f.x >= g.start && f.x + f.width > g.end) right += f.text.length;
  }
  const total = left + right;
  return total > 0 && left / total > 0.05 && right / total > 0.05 ? g : undefined;
}

function readColumns(rows: Row[], gutter: Gutter): Line[] {
  const out: Line[] = [];
  let band = 0;
  let left: Line[] = [];
  let right: Line[] = [];
  const flush = () => {
    for (const l of left) out.push(l);
    for (const r of right) out.push(r);
    left = [];
    right = [];
  };
  for (const row of rows) {
    const l: Fragment[] = [];
    const r: Fragment[] = [];
    let spanning = false;
    for (const f of row.items) {
      const where = side(f, gutter);
      if (where === 0) l.push(f);
      else if (where === 1) r.push(f);
      else spanning = true;
    }
    if (spanning) {
      flush();
      out.push(toLine(row.items, -1, ++band));
      band++;
      continue;
    }
    if (l.length) left.push(toLine(l, 0, band));
    if (r.length) right.push(toLine(r, 1, band));
  }
  flush();
  return out;
}

/** Fragments of one row → a line; a space is inserted where the gap between them is wider than a hair. */
function toLine(items: Fragment[], column: -1 | 0 | 1, band: number): Line {
  let text = '';
  let end = -Infinity;
  let size = 0;
  let y = items[0].y;
  for (const f of items) {
    const gap = f.x - end;
    if (text && gap > 0.12 * f.size && !/\s$/.test(text) && !/^\s/.test(f.text)) text += ' ';
    text += f.text;
    end = Math.max(end, f.x + f.width);
    if (f.size > size) {
      size = f.size;
      y = f.y;
    }
  }
  return { text: text.replace(/\s+/g, ' ').trim(), x: items[0].x, right: end, y, size, column, band };
}
