import type { Run } from '../document';
import { escapeXml, sanitizeXmlText } from '../xml-text';
import { instructionChunks } from './fields';
import { runPieces } from './runs';

/**
 * WordprocessingML written as text, for the parts of a briefing that come in thousands
 * (notes, fact paragraphs): the same elements, attributes and order `docx` writes for the
 * same content, which note-part.test.ts and body-xml.test.ts check byte for byte.
 */

/** A run's properties in the element order `docx` (and the schema) uses. */
function runProperties(run: Run, rtl: boolean, charStyle: string | undefined): string {
  let p = charStyle ? `<w:rStyle w:val="${escapeXml(charStyle)}"/>` : '';
  if (run.bold) p += '<w:b/><w:bCs/>';
  if (run.italic) p += '<w:i/><w:iCs/>';
  if (run.smallCaps) p += '<w:smallCaps/>';
  if (run.superscript) p += '<w:vertAlign w:val="superscript"/>';
  else if (run.subscript) p += '<w:vertAlign w:val="subscript"/>';
  if (rtl) p += '<w:rtl/>';
  return p ? `<w:rPr>${p}</w:rPr>` : '';
}

/** Word runs for formatted text, split and marked as runs.ts's textRuns does (runPieces). */
export function runsXml(runs: readonly Run[], charStyle?: string): string {
  let out = '';
  for (const run of runs) {
    for (const piece of runPieces(run.text)) {
      if (piece.kind === 'break') out += `<w:r>${runProperties(run, false, charStyle)}<w:br/></w:r>`;
      else if (piece.kind === 'tab') out += `<w:r>${runProperties(run, false, charStyle)}<w:tab/></w:r>`;
      else out += `<w:r>${runProperties(run, piece.rtl, charStyle)}<w:t xml:space="preserve">${escapeXml(piece.text)}</w:t></w:r>`;
    }
  }
  return out;
}

export const FIELD_BEGIN = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>';
export const FIELD_SEPARATE = '<w:r><w:fldChar w:fldCharType="separate"/></w:r>';
export const FIELD_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>';

/** A field's instruction text as instrText runs, cut in chunks as fields.ts cuts it. */
export function instructionRunsXml(text: string): string {
  let out = '';
  for (const c of instructionChunks(text)) out += `<w:r><w:instrText xml:space="preserve">${escapeXml(c)}</w:instrText></w:r>`;
  return out;
}

/** The text a field's instruction runs hold: illegal characters removed, one space either side. */
export function instructionText(instruction: string): string {
  return ` ${sanitizeXmlText(instruction).trim()} `;
}

/** A complex field around already-written runs: begin, the instruction in chunks, separate, result, end (see fields.ts). */
export function fieldXml(instruction: string, resultXml: string): string {
  return `${FIELD_BEGIN}${instructionRunsXml(instructionText(instruction))}${FIELD_SEPARATE}${resultXml}${FIELD_END}`;
}

export type NoteKind = 'footnotes' | 'endnotes';

/** The reference mark in the text pointing to note `id`. */
export function noteReferenceXml(kind: NoteKind, id: number): string {
  return kind === 'endnotes'
    ? `<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference w:id="${id}"/></w:r>`
    : `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;
}
