import type { Run } from '../document';
import { sanitizeXmlText } from '../xml-text';
import { instructionChunks } from './fields';
import { isRtlParagraph, runPieces } from './runs';

/**
 * The footnotes (or endnotes) part written as XML text rather than through `docx`'s object
 * model. A briefing with 2,000 citations has 2,000 notes, each carrying a Zotero field with
 * its source's CSL-JSON: as `docx` objects that is ~30,000 runs whose serialisation took most
 * of an export (1 s of 2.6 s). The rest of the package (styles, numbering, headers, the body,
 * and this part's separator notes and namespaces) still comes from `docx`; the notes are
 * inserted into the part `docx` wrote. note-part.test.ts checks the result is byte-for-byte
 * what `docx` itself writes for the same notes.
 */

export type NoteKind = 'footnotes' | 'endnotes';

export interface NoteContent {
  id: number;
  runs: readonly Run[];
  /** The Zotero field instruction wrapped around the runs, when the field sits in the note. */
  instruction?: string;
}

// What docx's escapeText does to element text.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeText = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** One formatted run's properties, in the element order `docx` (and the schema) uses. */
function runProperties(run: Run, rtl: boolean): string {
  let p = '';
  if (run.bold) p += '<w:b/><w:bCs/>';
  if (run.italic) p += '<w:i/><w:iCs/>';
  if (run.smallCaps) p += '<w:smallCaps/>';
  if (run.superscript) p += '<w:vertAlign w:val="superscript"/>';
  else if (run.subscript) p += '<w:vertAlign w:val="subscript"/>';
  if (rtl) p += '<w:rtl/>';
  return p ? `<w:rPr>${p}</w:rPr>` : '';
}

/** Word runs for formatted text, split and marked exactly as the docx writer's textRuns does. */
export function runsXml(runs: readonly Run[]): string {
  let out = '';
  for (const run of runs) {
    for (const piece of runPieces(run.text)) {
      if (piece.kind === 'break') out += `<w:r>${runProperties(run, false)}<w:br/></w:r>`;
      else if (piece.kind === 'tab') out += `<w:r>${runProperties(run, false)}<w:tab/></w:r>`;
      else out += `<w:r>${runProperties(run, piece.rtl)}<w:t xml:space="preserve">${escapeText(piece.text)}</w:t></w:r>`;
    }
  }
  return out;
}

/** A complex field around already-written runs: begin, the instruction in chunks, separate, result, end. */
export function fieldXml(instruction: string, resultXml: string): string {
  const chunks = instructionChunks(` ${sanitizeXmlText(instruction).trim()} `);
  let out = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>';
  for (const c of chunks) out += `<w:r><w:instrText xml:space="preserve">${escapeText(c)}</w:instrText></w:r>`;
  return `${out}<w:r><w:fldChar w:fldCharType="separate"/></w:r>${resultXml}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
}

/** One note: its reference mark, a space, then the citation (inside its field when given). */
export function noteXml(kind: NoteKind, note: NoteContent): string {
  const tag = kind === 'endnotes' ? 'endnote' : 'footnote';
  const style = kind === 'endnotes' ? 'Endnote' : 'Footnote';
  const bidi = isRtlParagraph(note.runs.map((r) => r.text)) ? '<w:bidi/>' : '';
  const text = runsXml(note.runs);
  return (
    `<w:${tag} w:id="${note.id}"><w:p><w:pPr><w:pStyle w:val="${style}Text"/>${bidi}</w:pPr>` +
    `<w:r><w:rPr><w:rStyle w:val="${style}Reference"/></w:rPr><w:${tag}Ref/></w:r>` +
    `<w:r><w:t xml:space="preserve"> </w:t></w:r>${note.instruction !== undefined ? fieldXml(note.instruction, text) : text}</w:p></w:${tag}>`
  );
}

/**
 * The notes part: the part `docx` wrote (namespaces, separator and continuation notes) with
 * the briefing's notes added before its closing tag.
 */
export function withNotes(partXml: string, kind: NoteKind, notes: readonly NoteContent[]): string {
  const close = kind === 'endnotes' ? '</w:endnotes>' : '</w:footnotes>';
  const at = partXml.lastIndexOf(close);
  if (at < 0) throw new Error(`the ${kind} part written by docx has no ${close}`);
  const parts: string[] = [partXml.slice(0, at)];
  for (const n of notes) parts.push(noteXml(kind, n));
  parts.push(partXml.slice(at));
  return parts.join('');
}
