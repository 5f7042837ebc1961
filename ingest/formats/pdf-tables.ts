import type { Fragment } from './pdf-fragment';

/**
 * Tables on a PDF page, found from where their words sit: a run of at least three rows, each
 * cut into at least three cells by wide gaps, whose cells line up (by left edge, right edge or
 * centre) with those of the row before in at least three columns.
 *
 * A table's cells are not sentences: read as prose they become nonsense "facts" ("Exports 12.4
 * 13.1 +5.6%"). The importer leaves tables out and says on which page (see pdf.ts), so the
 * analyst knows to look at the page itself for the figures.
 *
 * Two-column prose never qualifies: its rows have two cells (one per column), and the words of
 * a justified line are a word space apart, not a cell gap.
 */
export interface RowOfFragments {
  y: number;
  size: number;
  items: Fragment[];
}

/** A cell: fragments of one row closer to each other than a cell gap. */
interface Cell {
  left: number;
  right: number;
}

const MIN_ROWS = 3;
const MIN_COLUMNS = 3;
/** A gap wider than this many font sizes separates cells; word spaces are about a quarter of one. */
const CELL_GAP = 1.2;
/** Rows further apart than this many font sizes are not one table. */
const ROW_GAP = 2.6;

/**
 * Indexes (into `rows`, sorted top-down) of the rows that belong to tables, one set per table.
 * A row with a cell wider than `maxCellWidth` is no table row: searching a two-column page's
 * whole width, a line of prose in the other column beside a table's row is exactly that.
 */
export function findTables(rows: RowOfFragments[], maxCellWidth = Infinity): number[][] {
  const cells = rows.map((r) => {
    const c = cellsOf(r);
    return c.some((cell) => cell.right - cell.left > maxCellWidth) ? [] : c;
  });
  const tables: number[][] = [];
  let run: number[] = [];
  const close = () => {
    // A run ends on a full row: continuation lines after the last one are prose again.
    while (run.length && cells[run[run.length - 1]].length < MIN_COLUMNS) run.pop();
    if (run.filter((i) => cells[i].length >= MIN_COLUMNS).length >= MIN_ROWS) tables.push(run);
    run = [];
  };
  for (let i = 0; i < rows.length; i++) {
    const last = run[run.length - 1];
    const anchor = lastFullRow(run, cells);
    const joins = last !== undefined && anchor !== undefined && rows[i].y - rows[last].y <= ROW_GAP * rows[i].size && continues(cells[anchor], cells[i]);
    if (joins) {
      run.push(i);
      continue;
    }
    close();
    if (cells[i].length >= MIN_COLUMNS) run = [i];
  }
  close();
  return tables;
}

function lastFullRow(run: number[], cells: Cell[][]): number | undefined {
  for (let k = run.length - 1; k >= 0; k--) if (cells[run[k]].length >= MIN_COLUMNS) return run[k];
  return undefined;
}

/**
 * Whether `row` carries on the table whose last full row is `anchor`: a full row with at least
 * three cells aligned to the anchor's, or a wrapped cell's continuation line (fewer cells, every
 * one aligned).
 */
function continues(anchor: Cell[], row: Cell[]): boolean {
  if (row.length >= MIN_COLUMNS) return row.filter((c) => anchor.some((a) => alignedCells(a, c))).length >= MIN_COLUMNS;
  // A wrapped cell is as narrow as its column; a line of prose that merely starts at the
  // table's left edge is far wider, and ends the table.
  return row.length > 0 && row.every((c) => anchor.some((a) => alignedCells(a, c) && c.right - c.left <= 2 * (a.right - a.left) + 20));
}

function alignedCells(a: Cell, b: Cell): boolean {
  const tolerance = 3;
  return (
    Math.abs(a.left - b.left) <= tolerance || Math.abs(a.right - b.right) <= tolerance || Math.abs((a.left + a.right) / 2 - (b.left + b.right) / 2) <= tolerance
  );
}

function cellsOf(row: RowOfFragments): Cell[] {
  const cells: Cell[] = [];
  for (const f of row.items) {
    const last = cells[cells.length - 1];
    if (last && f.x - last.right <= CELL_GAP * Math.max(f.size, row.size)) last.right = Math.max(last.right, f.x + f.width);
    else cells.push({ left: f.x, right: f.x + f.width });
  }
  return cells;
}
