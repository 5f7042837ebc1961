import type { Block, Inline, ResolvedDocument, Run } from '../document';
import type { StyleRole } from '../template/schema';
import type { Template } from '../template/types';
import { lineHeight, textWidth, type FontSpec, type Piece, wrap } from './line-wrap';

/**
 * The briefing as the page sees it: each paragraph the .docx writer makes (body.ts), in order,
 * as its lines' heights, the footnotes each line carries, its spacing and what it keeps with —
 * read from the template's styles and page, with no layout engine. page-measure.ts fills pages
 * with them.
 */

export interface Box {
  /** Each line's height, points. */
  lines: number[];
  /** For each line, the heights of the footnotes whose references are on it. */
  notes: number[][];
  before: number;
  after: number;
  keepNext: boolean;
  keepLines: boolean;
}

export interface Measures {
  boxes: Box[];
  /** Points: the room for text down a page, between the margins (or the header and footer, when taller). */
  bodyHeight: number;
  /** Points: what the footnote separator takes, above the first footnote on a page. */
  separator: number;
}

const PT = 72;
const PAGE_POINTS = { letter: [8.5 * PT, 11 * PT], a4: [(11906 / 1440) * PT, (16838 / 1440) * PT] } as const;

interface Para {
  role: StyleRole;
  pieces: Piece[];
  keepNext?: boolean;
  keepLines?: boolean;
  before?: number;
  after?: number;
  /** The first line starts after a label and a tab at the indent (list items, header fields, closing lines). */
  tabbed?: boolean;
  /** Points; the indents when the paragraph sets its own (bibliography entries). */
  indent?: { left: number; hanging: number };
}

interface Context {
  template: Template;
  /** Points across the text area. */
  width: number;
  footnotes: boolean;
  /** Heights of the notes, in order (footnotes or endnotes). */
  notes: number[];
}

function fontOf(template: Template, role: StyleRole, bold?: boolean): FontSpec {
  const s = template.styles[role];
  const body = template.fonts.body;
  return { family: s.font ?? body.family, size: s.size ?? body.size, bold: bold ?? s.bold ?? false };
}

function box(p: Para, ctx: Context): Box {
  const s = ctx.template.styles[p.role];
  const font = fontOf(ctx.template, p.role);
  const left = p.indent?.left ?? (s.indentLeft ?? 0) * PT;
  const hanging = p.indent?.hanging ?? (s.hanging ?? 0) * PT;
  const first = p.tabbed ? left : left - hanging + (s.firstLine ?? 0) * PT;
  const pieces = s.allCaps ? p.pieces.map((x) => ('text' in x ? { ...x, text: x.text.toUpperCase() } : x)) : p.pieces;
  const wrapped = wrap(pieces, ctx.width - first, ctx.width - left);
  const height = lineHeight(font) * (s.lineSpacing ?? 1);
  const notes: number[][] = Array.from({ length: wrapped.lines }, () => []);
  if (ctx.footnotes) {
    let n = 0;
    for (const piece of pieces) if ('note' in piece) notes[wrapped.noteLines[n++]].push(ctx.notes[piece.note]);
  }
  return {
    lines: Array.from({ length: wrapped.lines }, () => height),
    notes,
    before: p.before ?? s.spaceBefore ?? 0,
    after: p.after ?? s.spaceAfter ?? 0,
    keepNext: p.keepNext ?? s.keepNext ?? false,
    keepLines: p.keepLines ?? s.keepLines ?? false,
  };
}

const runsText = (runs: readonly Run[]) => runs.map((r) => r.text).join('');
const portion = (p: string | undefined) => (p?.trim() ? `(${p.trim()}) ` : '');
const colon = (label: string) => (/[:：]$/.test(label.trim()) ? label.trim() : `${label.trim()}:`);

/** A note reference: a superscript number, about two thirds of the text's size. */
function referencePiece(index: number, font: FontSpec): Piece {
  return { note: index, width: textWidth(String(index + 1), font) * 0.67 };
}

function inlinePieces(inlines: readonly Inline[], font: FontSpec, ctx: Context, noteIndex: { next: number }): Piece[] {
  return inlines.map((i): Piece => {
    if (i.type === 'text') return { text: i.run.text, font: { ...font, bold: font.bold || i.run.bold === true } };
    if (i.type === 'cite') return { text: runsText(i.runs), font };
    return referencePiece(noteIndex.next++, font);
  });
}

/** The note's own paragraph at the note font: its number, a space, the citation. */
function noteHeight(runs: readonly Run[], index: number, ctx: Context): number {
  const font = ctx.template.fonts.notes;
  const wrapped = wrap([referencePiece(index, font), { text: ` ${runsText(runs)}`, font }], ctx.width, ctx.width);
  return wrapped.lines * lineHeight(font);
}

function headerParas(doc: ResolvedDocument, t: Template): Para[] {
  const out: Para[] = [];
  const title = (doc.heading || doc.title).trim();
  const extraTop = t.page.firstPageTop !== undefined ? Math.max(0, t.page.firstPageTop - t.page.margins.top) * PT : 0;
  if (title) {
    const before = extraTop > 0 ? extraTop : undefined;
    out.push({ role: 'title', pieces: [{ text: portion(doc.headingPortion) + title, font: fontOf(t, 'title') }], ...(before ? { before } : {}) });
  }
  if (t.showDate && doc.date.trim()) out.push({ role: 'date', pieces: [{ text: doc.date.trim(), font: fontOf(t, 'date') }] });
  for (const f of doc.fields) {
    if (!f.value.trim()) continue;
    out.push({ role: 'headerField', tabbed: true, pieces: [{ text: portion(f.portion) + f.value.trim(), font: fontOf(t, 'headerField') }] });
  }
  return out;
}

function blockRole(b: Block, sectionKey: string, t: Template): StyleRole {
  if (b.kind === 'bullet' || b.kind === 'numbered') return b.kind;
  return t.sections.find((s) => s.key === sectionKey)?.style === 'bluf' ? 'bluf' : 'body';
}

function sectionParas(section: ResolvedDocument['sections'][number], ctx: Context, noteIndex: { next: number }, beforeDecision: boolean): Para[] {
  const t = ctx.template;
  if (section.blocks.length === 0) return [];
  const heading = section.heading.trim();
  const runIn = section.showHeading && heading !== '' && t.sections.find((s) => s.key === section.key)?.runIn === true;
  const out: Para[] = [];
  if (section.showHeading && heading && !runIn)
    out.push({ role: 'heading', pieces: [{ text: portion(section.headingPortion) + heading, font: fontOf(t, 'heading') }] });
  section.blocks.forEach((b, i) => {
    const role = blockRole(b, section.key, t);
    const font = fontOf(t, role);
    const lead: Piece[] = [{ text: portion(b.portion), font }];
    if (runIn && i === 0) lead.push({ text: `${colon(heading)} `, font: fontOf(t, 'runInHeading', true) });
    const keep = beforeDecision ? { keepNext: true, keepLines: true } : runIn && i === 0 ? { keepLines: true } : {};
    out.push({ role, tabbed: b.kind !== 'paragraph', pieces: [...lead, ...inlinePieces(b.inlines, font, ctx, noteIndex)], ...keep });
  });
  return out;
}

function decisionParas(doc: ResolvedDocument, t: Template): Para[] {
  const d = doc.decision;
  if (!d || d.lines.length === 0) return [];
  const font = fontOf(t, 'decision');
  const line = (text: string, keepNext: boolean, after?: number): Para => ({
    role: 'decision',
    pieces: [{ text, font }],
    keepNext,
    keepLines: true,
    ...(after !== undefined ? { after } : {}),
  });
  const out: Para[] = [];
  const heading = t.decision?.heading ?? 'DECISION:';
  if (heading.trim()) out.push(line(heading.trim(), true, 6));
  if (d.decideBy?.trim()) out.push(line(`${t.decision?.decideByLabel ?? 'Decision requested by'} ${d.decideBy.trim()}`, true));
  if ((t.decision?.layout ?? 'stacked') === 'inline') out.push(line(d.lines.join('   __________ '), false));
  else d.lines.forEach((l, i) => out.push(line(l.trim(), i < d.lines.length - 1)));
  return out;
}

function closingParas(doc: ResolvedDocument, t: Template): Para[] {
  const font = fontOf(t, 'closing');
  const values = [doc.attachments, doc.preparedBy, doc.derivedFrom].filter((v): v is string => !!v?.trim());
  return values.map((v, i) => ({ role: 'closing', tabbed: true, pieces: [{ text: v.trim(), font }], ...(i === 0 ? { before: 12 } : {}) }));
}

function markingParas(doc: ResolvedDocument, t: Template): Para[] {
  const lines = (doc.markingBlock?.lines ?? []).filter((l) => l.value.trim());
  const font = fontOf(t, 'closing');
  return lines.map((l, i) => ({
    role: 'closing',
    pieces: [{ text: `${l.label}: ${l.value}`, font }],
    keepNext: i < lines.length - 1,
    keepLines: true,
    before: i === 0 ? 6 : 0,
    after: i === lines.length - 1 ? 12 : 0,
  }));
}

/** The main text in body.ts's order: marking block, sections with the decision block after its section, closing. */
function mainParas(doc: ResolvedDocument, ctx: Context): Para[] {
  const t = ctx.template;
  const out = markingParas(doc, t);
  const noteIndex = { next: 0 };
  const after = t.decision?.after;
  const last = [...doc.sections].reverse().find((s) => s.blocks.length > 0)?.key;
  const hasDecision = (doc.decision?.lines.length ?? 0) > 0;
  let placed = false;
  for (const s of doc.sections) {
    const here = after !== undefined && doc.sections.some((x) => x.key === after) ? s.key === after : s.key === last;
    out.push(...sectionParas(s, ctx, noteIndex, hasDecision && here && !placed));
    if (here && !placed) {
      out.push(...decisionParas(doc, t));
      placed = true;
    }
  }
  if (!placed) out.push(...decisionParas(doc, t));
  return [...out, ...closingParas(doc, t)];
}

function noteRuns(doc: ResolvedDocument): Run[][] {
  const out: Run[][] = [];
  for (const s of doc.sections) for (const b of s.blocks) for (const i of b.inlines) if (i.type === 'note') out.push(i.runs);
  return out;
}

/** The endnotes under their heading, at the note font, after the text. */
function endnoteBoxes(all: readonly number[], ctx: Context): Box[] {
  if (all.length === 0) return [];
  const t = ctx.template;
  const heading = box({ role: 'sourcesHeading', pieces: [{ text: t.citation.endnotesHeading, font: fontOf(t, 'sourcesHeading') }] }, ctx);
  const line = lineHeight(t.fonts.notes);
  const notes = all.map((h) => {
    const lines = Math.round(h / line);
    return {
      lines: Array.from({ length: lines }, () => line),
      notes: Array.from({ length: lines }, () => []),
      before: 0,
      after: 0,
      keepNext: false,
      keepLines: false,
    };
  });
  return [heading, ...notes];
}

function bibliographyParas(doc: ResolvedDocument, t: Template): Para[] {
  const bib = doc.bibliography;
  const out: Para[] = [];
  const font = fontOf(t, 'sourcesEntry');
  if (bib && bib.entries.length > 0) {
    out.push({ role: 'sourcesHeading', pieces: [{ text: bib.heading || t.citation.bibliographyHeading, font: fontOf(t, 'sourcesHeading') }] });
    const flush = !bib.secondFieldAlign && !bib.hangingIndent;
    for (const e of bib.entries)
      out.push({ role: 'sourcesEntry', pieces: [{ text: runsText(e), font }], ...(flush ? { indent: { left: 0, hanging: 0 } } : {}) });
  }
  const list = doc.derivationSources;
  if (list && list.entries.length > 0) {
    out.push({ role: 'sourcesHeading', pieces: [{ text: list.heading, font: fontOf(t, 'sourcesHeading') }] });
    for (const e of list.entries) out.push({ role: 'sourcesEntry', pieces: [{ text: e, font }] });
  }
  return out;
}

/** Points a header or footer of these lines reaches from the page edge, or the margin when that is further. */
function reach(margin: number, distance: number, lines: number): number {
  return Math.max(margin * PT, distance * PT + lines);
}

export function pageBoxes(doc: ResolvedDocument, template: Template): Measures {
  const m = template.page.margins;
  const [pageWidth, pageHeight] = PAGE_POINTS[template.page.size];
  const footnotes = doc.notes !== 'endnotes';
  const ctx: Context = { template, width: pageWidth - (m.left + m.right) * PT, footnotes, notes: [] };
  ctx.notes = noteRuns(doc).map((runs, i) => noteHeight(runs, i, ctx));
  const paras = [...headerParas(doc, template), ...mainParas(doc, ctx)];
  const boxes = [
    ...paras.map((p) => box(p, ctx)),
    ...(footnotes ? [] : endnoteBoxes(ctx.notes, ctx)),
    ...bibliographyParas(doc, template).map((p) => box(p, ctx)),
  ];
  const banner = doc.banner?.trim() ? lineHeight(fontOf(template, 'banner')) : 0;
  const pageNumber = template.pageNumbers.position !== 'none' ? lineHeight(fontOf(template, 'pageNumber')) : 0;
  const top = reach(m.top, m.header, banner);
  const bottom = reach(m.bottom, m.footer, banner + pageNumber);
  return { boxes, bodyHeight: pageHeight - top - bottom, separator: lineHeight(template.fonts.body) };
}
