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
  /** The citation's cluster id: what a DocxWriteCache keeps the note's pieces under. */
  key?: string;
}

/** A note's paragraph up to its citation: the note style, the direction, the reference mark and a space. */
export function noteOpening(kind: NoteKind, bidi: boolean): string {
  const tag = kind === 'endnotes' ? 'endnote' : 'footnote';
  const style = kind === 'endnotes' ? 'Endnote' : 'Footnote';
  return (
    `<w:p><w:pPr><w:pStyle w:val="${style}Text"/>${bidi ? '<w:bidi/>' : ''}</w:pPr>` +
    `<w:r><w:rPr><w:rStyle w:val="${style}Reference"/></w:rPr><w:${tag}Ref/></w:r>` +
    '<w:r><w:t xml:space="preserve"> </w:t></w:r>'
  );
}

const noteStart = (kind: NoteKind, id: number): string => `<w:${kind === 'endnotes' ? 'endnote' : 'footnote'} w:id="${id}">`;
export const noteEnd = (kind: NoteKind): string => `</w:p></w:${kind === 'endnotes' ? 'endnote' : 'footnote'}>`;

/** One note: its reference mark, a space, then the citation (inside its field when given). */
function noteXml(kind: NoteKind, note: NoteContent): string {
  const bidi = isRtlParagraph(note.runs.map((r) => r.text));
  const text = linkedRunsXml(note.runs, `N${note.id}`);
  const body = note.instruction !== undefined ? fieldXml(note.instruction, text) : text;
  return noteStart(kind, note.id) + noteOpening(kind, bidi) + body + noteEnd(kind);
}

/**
 * The notes part: the part `docx` wrote (namespaces, separator and continuation notes) with
 * the briefing's notes added before its closing tag.
 */
export function withNotes(partXml: string, kind: NoteKind, notes: readonly NoteContent[]): string {
  const [head, tail] = splitAtClose(partXml, kind);
  const parts: string[] = [head];
  for (const n of notes) parts.push(noteXml(kind, n));
  parts.push(tail);
  return parts.join('');
}

/** Notes an earlier export wrote (a DocxWriteCache): a note's XML but for its start tag, around its number. */
export interface KeptNotes {
  notePieces(kind: NoteKind, note: NoteContent): { opening: Uint8Array; number: string; closing: Uint8Array } | undefined;
}

/**
 * The same as UTF-8, with the pieces of notes an earlier export of the briefing wrote taken
 * from `cache`. Bytes rather than text: joining 2,000 notes into one string and encoding it
 * took longer than writing them (V8 flattens every note's concatenation), while the kept
 * pieces are encoded once.
 */
export function withNotesBytes(partXml: string, kind: NoteKind, notes: readonly NoteContent[], cache: KeptNotes): Buffer {
  const [head, tail] = splitAtClose(partXml, kind);
  // Each piece once: a kept note's start tag and number are ASCII, written straight into the
  // part (three small buffers per note were most of a re-export's time here).
  const pieces: Array<string | Uint8Array> = [];
  let length = Buffer.byteLength(head, 'utf8') + Buffer.byteLength(tail, 'utf8');
  for (const n of notes) {
    const kept = cache.notePieces(kind, n);
    if (kept) {
      const start = noteStart(kind, n.id);
      pieces.push(start, kept.opening, kept.number, kept.closing);
      length += start.length + kept.opening.length + kept.number.length + kept.closing.length;
    } else {
      const xml = Buffer.from(noteXml(kind, n), 'utf8');
      pieces.push(xml);
      length += xml.length;
    }
  }
  const out = Buffer.allocUnsafe(length);
  let at = out.write(head, 0, 'utf8');
  for (const p of pieces) {
    if (typeof p === 'string') at += out.write(p, at, 'latin1');
    else {
      out.set(p, at);
      at += p.length;
    }
  }
  out.write(tail, at, 'utf8');
  return out;
}

function splitAtClose(partXml: string, kind: NoteKind): [string, string] {
  const close = kind === 'endnotes' ? '</w:endnotes>' : '</w:footnotes>';
  const at = partXml.lastIndexOf(close);
  if (at < 0) throw new Error(`the ${kind} part written by docx has no ${close}`);
  return [partXml.slice(0, at), partXml.slice(at)];
}
