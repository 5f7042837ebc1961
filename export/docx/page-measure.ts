import type { ResolvedDocument } from '../document';
import type { Template } from '../template/types';
import { type Box, pageBoxes } from './page-boxes';

/**
 * Pages from the document's own measures: its paragraphs' lines (page-boxes.ts) poured onto
 * pages of the template's size, each line with the footnotes it cites at the foot of the same
 * page, as Word does: keep-with-next and keep-lines-together move a paragraph (or a chain of
 * them) to the next page when it would not fit, and a paragraph leaves neither its first line
 * alone at a page's foot nor its last alone at the top (widow and orphan control).
 */

export interface PageMeasure {
  pages: number;
  /** How far down the last page the text and its notes go, 0–1. */
  lastPageFill: number;
  /** Pages as a continuous length: `pages - 1 + lastPageFill`, e.g. 1.93 for a nearly full second page. */
  length: number;
}

const height = (b: Box, from = 0, to = b.lines.length): number => b.lines.slice(from, to).reduce((n, h) => n + h, 0);

/** What must stand together on one page from box `i`: a keep-with-next chain and the start of what it keeps with. */
function keptHeight(boxes: readonly Box[], i: number): number {
  let total = boxes[i].before;
  let j = i;
  while (j < boxes.length - 1 && boxes[j].keepNext) {
    total += height(boxes[j]) + Math.max(boxes[j].after, boxes[j + 1].before);
    j += 1;
  }
  const last = boxes[j];
  const start = last.keepLines ? last.lines.length : Math.min(2, last.lines.length);
  return total + height(last, 0, start);
}

class Pages {
  count = 1;
  used = 0;
  notes = 0;
  /** The space after the paragraph last placed, already in `used`. */
  after = 0;
  constructor(
    readonly room: number,
    private readonly separator: number,
  ) {}
  left(): number {
    return this.room - this.used - this.notes;
  }
  next(): void {
    this.count += 1;
    this.used = 0;
    this.notes = 0;
    this.after = 0;
  }
  /** The room a line needs: itself and its notes, with the separator above the page's first note. */
  need(line: number, notes: readonly number[]): number {
    const n = notes.reduce((a, b) => a + b, 0);
    return line + n + (n > 0 && this.notes === 0 ? this.separator : 0);
  }
  put(line: number, notes: readonly number[]): void {
    const n = notes.reduce((a, b) => a + b, 0);
    if (n > 0 && this.notes === 0) this.notes += this.separator;
    this.notes += n;
    this.used += line;
  }
}

function place(b: Box, boxes: readonly Box[], i: number, pages: Pages, first: boolean): void {
  const kept = b.keepNext || b.keepLines ? keptHeight(boxes, i) : 0;
  if (pages.used > 0 && kept > pages.left() && kept <= pages.room) {
    // What must stay together does not fit here but fits on a page: it starts the next.
    pages.next();
  } else if (pages.used > 0 && b.lines.length > 1 && pages.need(b.before + b.lines[0] + b.lines[1], [...b.notes[0], ...b.notes[1]]) > pages.left()) {
    // Orphan control: the first line does not stand alone at the foot of a page.
    pages.next();
  }
  // Between two paragraphs the larger of the space after and the space before, as Word and
  // LibreOffice lay out; none at the top of a page the text flowed onto, but on the first.
  if (pages.used > 0) pages.used += Math.max(b.before - pages.after, 0);
  else if (first) pages.used += b.before;
  for (let k = 0; k < b.lines.length; k++) {
    const widow = k === b.lines.length - 2 && b.lines.length >= 3;
    const needed = pages.need(b.lines[k], b.notes[k]) + (widow ? pages.need(b.lines[k + 1], b.notes[k + 1]) : 0);
    if (pages.used > 0 && needed > pages.left()) pages.next();
    pages.put(b.lines[k], b.notes[k]);
  }
  // Space after at a page's foot is not carried over.
  pages.after = Math.min(b.after, pages.left());
  pages.used += pages.after;
}

/**
 * Measures by document: an export measures its document twice, for NUMPAGES's cached value
 * as it renders and for pre-flight's page limit (~20 ms each at 2,000 notes, twice that on a
 * session's first re-export). An assembled document is not changed after assembly.
 */
const measured = new WeakMap<ResolvedDocument, { template: Template; measure: PageMeasure }>();

export function measurePages(doc: ResolvedDocument, template: Template): PageMeasure {
  const hit = measured.get(doc);
  if (hit?.template === template) return hit.measure;
  const measure = measureAfresh(doc, template);
  measured.set(doc, { template, measure });
  return measure;
}

function measureAfresh(doc: ResolvedDocument, template: Template): PageMeasure {
  const { boxes, bodyHeight, separator } = pageBoxes(doc, template);
  const pages = new Pages(bodyHeight, separator);
  boxes.forEach((b, i) => place(b, boxes, i, pages, pages.count === 1 && pages.used === 0));
  const fill = Math.min(1, (pages.used + pages.notes) / bodyHeight);
  return { pages: pages.count, lastPageFill: fill, length: pages.count - 1 + fill };
}
