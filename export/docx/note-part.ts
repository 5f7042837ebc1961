import type { Run } from '../document';
import { isRtlParagraph } from './runs';
import { linkedRunsXml } from './links';
import { fieldXml, type NoteKind } from './wordml';

/**
 * The footnotes (or endnotes) part written as XML text rather than through `docx`'s object
 * model. A briefing with 2,000 citations has 2,000 notes, each carrying a Zotero field with
 * its source's CSL-JSON: as `docx` objects that is ~30,000 runs whose serialisation took most
 * of an export (1 s of 2.6 s). The rest of the package (styles, numbering, headers, and this
 * part's separator notes and namespaces) still comes from `docx`; the notes are inserted
 * into the part `docx` wrote. note-part.test.ts checks the result is byte-for-byte what
 * `docx` itself writes for the same notes.
 */

export type { NoteKind } from './wordml';

export interface NoteContent {
  id: number;
  runs: readonly Run[];
  /** The Zotero field instruction wrapped around the runs, when the field sits in the note. */
  instruction?: string;
}

/** One note: its reference mark, a space, then the citation (inside its field when given). */
function noteXml(kind: NoteKind, note: NoteContent): string {
  const tag = kind === 'endnotes' ? 'endnote' : 'footnote';
  const style = kind === 'endnotes' ? 'Endnote' : 'Footnote';
  const bidi = isRtlParagraph(note.runs.map((r) => r.text)) ? '<w:bidi/>' : '';
  const text = linkedRunsXml(note.runs, `N${note.id}`);
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
