import type { Run } from '../document';
import { linkedRunsXml, linkSegments } from './links';
import { isRtlParagraph } from './runs';
import { type KeptNotes, type NoteContent, noteEnd, noteOpening } from './note-part';
import { FIELD_BEGIN, FIELD_END, FIELD_SEPARATE, instructionRunsXml, type NoteKind, runsXml } from './wordml';
import { sanitizeXmlText } from '../xml-text';

/**
 * What the .docx writer keeps between exports of one briefing (the app's CitationSession
 * holds one): each note's text and field instruction as XML, each fact's text as XML, and
 * each paragraph's typeset text. A re-export after an edit then writes again only what the
 * edit changed — at 2,000 notes, writing them took more time than citeproc's update.
 *
 * Every entry is checked against the whole content it was made from (never a digest), so a
 * kept piece is the piece a fresh write makes, byte for byte (write-cache.test.ts). What one
 * render did not use is dropped by the next: the cache holds one document's worth.
 */
export class DocxWriteCache implements KeptNotes {
  private readonly notes = new RecentMap<NoteRunsEntry>();
  private readonly fields = new RecentMap<NoteFieldEntry>();
  private readonly texts = new RecentMap<string>();
  private readonly typeset = new RecentMap<string[]>();
  private readonly bibliography = new RecentMap<string>();

  /** Whether a render has filled it (a briefing exported, or written ahead while idle). */
  filled = false;

  /** Called as a render starts: what the render before it did not use is let go. */
  startRender(): void {
    this.filled = true;
    for (const m of [this.notes, this.fields, this.texts, this.typeset, this.bibliography]) m.nextGeneration();
  }

  /** A note's runs (citation `key`): right to left or not, whether they hold an address, their XML when they do not. */
  noteRuns(key: string, runs: readonly Run[]): NoteRunsEntry {
    const hit = this.notes.get(key);
    if (hit && sameRuns(hit.runs, runs)) return hit;
    const linked = linkSegments(runs).some((s) => s.href !== undefined);
    const entry: NoteRunsEntry = {
      runs: runs.map((r) => ({ ...r })),
      bidi: isRtlParagraph(runs.map((r) => r.text)),
      linked,
      // Links carry the note's number in their relationship ids: written with the note.
      ...(linked ? {} : { xml: linkedRunsXml(runs, '') }),
    };
    this.notes.set(key, entry);
    return entry;
  }

  /**
   * A note's XML but for its start tag, as kept pieces around what changes with the note's
   * number: its Zotero field holds the number, so after a move the notes it renumbers differ
   * from the kept ones only there. Undefined for a note written whole: no cluster id or
   * field, an address in its text (the links carry the number), or an instruction whose
   * runs cannot be cut around the number (numberSlotFits).
   */
  notePieces(kind: NoteKind, note: NoteContent): { opening: Uint8Array; number: string; closing: Uint8Array } | undefined {
    if (note.key === undefined || note.instruction === undefined) return undefined;
    const runs = this.noteRuns(note.key, note.runs);
    const split = splitAtNoteIndex(note.instruction);
    if (runs.xml === undefined || !split) return undefined;
    let hit = this.fields.get(note.key);
    if (!hit || hit.kind !== kind || hit.runs !== runs || hit.before !== split.before || hit.after !== split.after) {
      if (!numberSlotFits(split.before, split.after)) return undefined;
      hit = { kind, runs, before: split.before, after: split.after, shapes: new Map() };
      this.fields.set(note.key, hit);
    }
    const digits = split.number.length;
    let shape = hit.shapes.get(digits);
    if (!shape) {
      // The runs for a number of this many digits, NULs standing for them, cut at each: between
      // two digits only where a chunk ends. instructionText would change nothing but remove
      // the NULs (numberSlotFits), so the text is made here.
      const [open, ...rest] = instructionRunsXml(` ${split.before}${'\u0000'.repeat(digits)}${split.after} `).split('\u0000');
      const close = rest.pop()!;
      shape = {
        opening: utf8(noteOpening(kind, runs.bidi) + FIELD_BEGIN + open),
        between: rest,
        closing: utf8(close + FIELD_SEPARATE + runs.xml + FIELD_END + noteEnd(kind)),
      };
      hit.shapes.set(digits, shape);
    }
    let number = split.number[0];
    for (let k = 1; k < digits; k++) number += shape.between[k - 1] + split.number[k];
    return { opening: shape.opening, number, closing: shape.closing };
  }

  /** runsXml of one run of author text (a fact, prose). */
  textXml(run: Run): string {
    const key = `${run.bold ? 'b' : ''}${run.italic ? 'i' : ''}${run.smallCaps ? 'c' : ''}${run.superscript ? 'p' : ''}${run.subscript ? 's' : ''}\u0001${run.text}`;
    let xml = this.texts.get(key);
    if (xml === undefined) this.texts.set(key, (xml = runsXml([run])));
    return xml;
  }

  /** The bibliography's entries as XML, made by `make` when `key` (the entries and their layout) is new. */
  bibliographyXml(key: string, make: () => string): string {
    let xml = this.bibliography.get(key);
    if (xml === undefined) this.bibliography.set(key, (xml = make()));
    return xml;
  }

  /** A paragraph's typeset texts, made by `make` when `key` (the pieces and the quote style) is new. */
  typesetTexts(key: string, make: () => string[]): string[] {
    let texts = this.typeset.get(key);
    if (texts === undefined) this.typeset.set(key, (texts = make()));
    return texts;
  }
}

export interface NoteRunsEntry {
  readonly runs: readonly Run[];
  readonly bidi: boolean;
  /** Whether the runs hold a web address (written as a hyperlink, with the note's number in its id). */
  readonly linked: boolean;
  /** linkedRunsXml of the runs, when they hold no address. */
  readonly xml?: string;
}

/** A note's pieces (notePieces), kept while its kind, runs and instruction (but for the number) stay. */
interface NoteFieldEntry {
  kind: NoteKind;
  runs: NoteRunsEntry;
  before: string;
  after: string;
  /**
   * By the number's length: the note's XML before the number's first digit, what stands
   * between its digits (a chunk's end, or nothing), and the XML after its last digit.
   */
  shapes: Map<number, { opening: Uint8Array; between: string[]; closing: Uint8Array }>;
}

const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');

function sameRuns(a: readonly Run[], b: readonly Run[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      x.text !== y.text ||
      !x.bold !== !y.bold ||
      !x.italic !== !y.italic ||
      !x.smallCaps !== !y.smallCaps ||
      !x.superscript !== !y.superscript ||
      !x.subscript !== !y.subscript
    )
      return false;
  }
  return true;
}

/**
 * Entries used by this render or the one before; older ones are dropped. One map whose
 * entries carry the render that last used them: a hit changes a number, where moving it to
 * a new map would keep the lookup's freshly built key string alive (keys are paragraphs'
 * text) and make the next collections copy thousands of them.
 */
class RecentMap<V> {
  private readonly entries = new Map<string, { value: V; used: number }>();
  private render = 0;

  nextGeneration(): void {
    this.render += 1;
    for (const [key, e] of this.entries) if (e.used < this.render - 1) this.entries.delete(key);
  }

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (e) e.used = this.render;
    return e?.value;
  }

  set(key: string, value: V): void {
    const e = this.entries.get(key);
    if (e) {
      e.value = value;
      e.used = this.render;
    } else this.entries.set(key, { value, used: this.render });
  }
}

const NOTE_INDEX = '"noteIndex":';

/** The instruction cut around the digits of its Zotero `"noteIndex":` (undefined when it has none). */
function splitAtNoteIndex(instruction: string): { before: string; number: string; after: string } | undefined {
  const at = instruction.indexOf(NOTE_INDEX);
  if (at < 0) return undefined;
  const from = at + NOTE_INDEX.length;
  let to = from;
  while (to < instruction.length && instruction.charCodeAt(to) >= 48 && instruction.charCodeAt(to) <= 57) to++;
  if (to === from) return undefined;
  return { before: instruction.slice(0, from), number: instruction.slice(from, to), after: instruction.slice(to) };
}

/**
 * Whether the note's instruction is `before + number + after` as its runs hold it, whatever
 * the number, so its runs can be kept around the number: nothing for instructionText's
 * sanitizing to remove or trimming to cut, and no surrogate pair for a chunk's end to step
 * back from (chunks then end at plain multiples of INSTRUCTION_CHUNK, see fields.ts).
 */
function numberSlotFits(before: string, after: string): boolean {
  const plain = (s: string) => sanitizeXmlText(s) === s && !/[\uD800-\uDFFF]/.test(s);
  return plain(before) && plain(after) && !/^\s/.test(before) && !/\s$/.test(after);
}
