import type { Block, Inline, Run } from '../document';
import type { Template, TemplateSection } from '../template/types';
import { paragraphStyleFor, portionText, withColon } from './block-style';
import { type Link, linkedRunsXml, linksOf } from './links';
import type { NoteContent } from './note-part';
import { isRtlParagraph } from './runs';
import { BULLET_LIST, NUMBERED_LIST, styleId } from './styles';
import { escapeXml } from '../xml-text';
import type { DocxWriteCache } from './write-cache';
import { FIELD_BEGIN, FIELD_END, FIELD_SEPARATE, fieldXml, instructionRunsXml, instructionText, type NoteKind, noteReferenceXml, runsXml } from './wordml';

/**
 * Fact paragraphs written as XML text, the body's counterpart of note-part.ts: a briefing's
 * sections hold one paragraph per fact, thousands in a long one. body-xml.test.ts checks the
 * document is byte-for-byte the one the `docx` objects of body.ts give.
 */

/** A Word list a block belongs to: docx's numbering reference and instance. */
export interface ListRef {
  reference: string;
  instance: number;
}

/** What writing blocks needs from the body being built (BodyContext in body.ts, with `direct`). */
export interface BlockSink {
  noteKind: NoteKind;
  zoteroField: 'in-note' | 'around-reference';
  listInstance: number;
  nextNoteId: number;
  links: Link[];
  /** Pieces kept from the briefing's last export (a warm session), see write-cache.ts. */
  cache?: DocxWriteCache;
  direct: {
    notes: NoteContent[];
    /** Lists used, in order of first use: docx creates their numbering before compiling. */
    lists: ListRef[];
  };
}

/**
 * Pagination a block asks for beyond its style: `next` keeps it on the page of the paragraph
 * after it, `lines` keeps its own lines together (see keepFor in body.ts).
 */
export interface BlockKeep {
  next?: boolean;
  lines?: boolean;
}

/** Numbering ids docx gave the lists, by `listKey`. */
export type NumberingIds = ReadonlyMap<string, number>;

export const listKey = (l: ListRef): string => `${l.reference}-${l.instance}`;

/**
 * One block, with its notes numbered now (in document order, like the docx writer) and its
 * XML written once docx has numbered the lists.
 */
export function blockWriter(
  block: Block,
  section: TemplateSection | undefined,
  runIn: string | undefined,
  template: Template,
  sink: BlockSink,
  keep: BlockKeep = {},
): (ids: NumberingIds) => string {
  const list = listOf(block, template, sink);
  if (list && !sink.direct.lists.some((l) => listKey(l) === listKey(list))) sink.direct.lists.push(list);
  const style = paragraphStyleFor(block, section, template);
  const bidi = isRtlParagraph(block.inlines.map(inlineText));
  let content = runsXml([{ text: portionText(block.portion) }]);
  if (runIn) content += runsXml([{ text: `${withColon(runIn)} ` }], styleId(template, 'runInHeading'));
  for (const inl of block.inlines) content += inlineXml(inl, sink);
  return (ids) => {
    let pPr = `<w:pStyle w:val="${escapeXml(style)}"/>`;
    if (keep.next) pPr += '<w:keepNext/>';
    if (keep.lines) pPr += '<w:keepLines/>';
    if (list) {
      const numId = ids.get(listKey(list));
      if (numId === undefined) throw new Error(`docx gave no numbering for list ${listKey(list)}`);
      pPr += `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr>`;
    }
    if (bidi) pPr += '<w:bidi/>';
    return `<w:p><w:pPr>${pPr}</w:pPr>${content}</w:p>`;
  };
}

function listOf(block: Block, template: Template, sink: BlockSink): ListRef | undefined {
  if (block.kind === 'bullet') return { reference: BULLET_LIST, instance: 0 };
  if (block.kind === 'numbered') return { reference: NUMBERED_LIST, instance: template.numbering === 'restart' ? sink.listInstance : 0 };
  return undefined;
}

function inlineText(inl: Inline): string {
  return inl.type === 'text' ? inl.run.text : inl.runs.map((r) => r.text).join('');
}

function inlineXml(inl: Inline, sink: BlockSink): string {
  switch (inl.type) {
    case 'text':
      return sink.cache ? sink.cache.textXml(inl.run) : runsXml([inl.run]);
    case 'cite':
      return fieldXml(inl.field.instruction, runsXml(inl.runs));
    case 'note': {
      const id = sink.nextNoteId++;
      const inNote = sink.zoteroField === 'in-note';
      // A kept note's runs say whether it has an address to link (looking for one is a regex over every note).
      if (!sink.cache || sink.cache.noteRuns(inl.clusterId, inl.runs).linked) sink.links.push(...linksOf(inl.runs, sink.noteKind, `N${id}`));
      sink.direct.notes.push({ id, runs: inl.runs, key: inl.clusterId, ...(inNote ? { instruction: inl.field.instruction } : {}) });
      const reference = noteReferenceXml(sink.noteKind, id);
      return inNote ? reference : fieldXml(inl.field.instruction, reference);
    }
  }
}

/** A bibliography entry paragraph's layout: its style and, for a hanging label or a flush entry, the indent docx would write. */
export interface EntryLayout {
  style: string;
  /** Twips: the label column (tab stop, left indent and hanging). */
  labelColumn?: number;
  /** The entry sits flush: no hanging indent of the style's. */
  flush?: boolean;
}

/**
 * The bibliography's entry paragraphs as XML, Zotero's bibliography field beginning in the
 * first and ending in the last, as body.ts's bibliographyBlock builds them with docx objects
 * (direct-parts.test.ts compares the two). Entry i's links are `B{i+1}L{k}`.
 */
export function bibliographyEntriesXml(entries: readonly (readonly Run[])[], layout: EntryLayout, instruction: string): string {
  let pPr = `<w:pStyle w:val="${escapeXml(layout.style)}"/>`;
  if (layout.labelColumn !== undefined) pPr += `<w:tabs><w:tab w:val="left" w:pos="${layout.labelColumn}"/></w:tabs>`;
  const ind =
    layout.labelColumn !== undefined
      ? `<w:ind w:left="${layout.labelColumn}" w:hanging="${layout.labelColumn}"/>`
      : layout.flush
        ? '<w:ind w:left="0" w:hanging="0"/>'
        : '';
  let out = '';
  entries.forEach((entry, i) => {
    const bidi = isRtlParagraph(entry.map((r) => r.text)) ? '<w:bidi/>' : '';
    const begin = i === 0 ? `${FIELD_BEGIN}${instructionRunsXml(instructionText(instruction))}${FIELD_SEPARATE}` : '';
    const end = i === entries.length - 1 ? FIELD_END : '';
    out += `<w:p><w:pPr>${pPr}${bidi}${ind}</w:pPr>${begin}${linkedRunsXml(entry, `B${i + 1}`)}${end}</w:p>`;
  });
  return out;
}
