import type { FactKind, Locator } from '../core/model';
import type { ImportedBlock, ImportedDocument, ImportProgress } from './document';
import { throwIfAborted } from './formats/abort';
import { segment } from './sentences/index';
import { DocumentSuggestions } from './suggest/index';

/** A sentence (or paragraph) offered to the user as a possible fact, in document order. */
export interface Candidate {
  /** 1-based number shown to the user and used by --keep. */
  index: number;
  text: string;
  /** 1-based paragraph (block) the candidate comes from. */
  paragraph: number;
  kind: FactKind;
  /** Where in the source: the PDF page, else the paragraph. */
  locator: Locator;
  /** Suggestions for the user to confirm: who said it, when it happened, the figure. */
  attribution?: { name?: string; role?: string; viaOutlet?: string };
  eventDate?: string;
  /** The end of an event-date range; eventDate is its start. */
  eventDateEnd?: string;
  statistic?: { figure: string; value?: number; unit?: string };
  /** Facts already in the library that say the same (same or another source). */
  duplicates?: { factId: string; sourceId: string; similarity: number }[];
}

export interface CandidateOptions {
  /** One candidate per paragraph instead of per sentence. */
  paragraphs?: boolean;
  /** The source's publication date, against which "last week" or "on Tuesday" resolve. */
  published?: string;
  /** Told every few hundred paragraphs: a large document takes seconds. */
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

/** How many paragraphs between progress reports (and cancellation checks). */
const PROGRESS_EVERY = 256;

/**
 * Splits a document's blocks into candidate facts, keeping each block's locator (a PDF page)
 * or, failing that, its paragraph number. Section headings of structured documents are not
 * claims; in plain text a heading can't be told from a one-line paragraph, so it is offered.
 */
export function candidatesFromDocument(doc: ImportedDocument, opts: CandidateOptions = {}): Candidate[] {
  const out: Candidate[] = [];
  let paragraph = 0;
  const total = doc.blocks.length;
  // One reader for the whole document: "Pak added" takes the name and role given before it.
  const suggestions = new DocumentSuggestions(opts.published);
  for (const block of doc.blocks) {
    if (paragraph % PROGRESS_EVERY === 0) {
      throwIfAborted(opts.signal);
      opts.onProgress?.({ phase: 'Finding candidate facts', done: paragraph, total });
    }
    paragraph++;
    if (!offered(block, doc.format)) continue;
    const pieces = opts.paragraphs ? [block.text] : sentencesOf(block);
    for (const piece of pieces) {
      const t = piece.replace(/\s+/g, ' ').trim();
      if (!t || !/[\p{L}\p{N}]/u.test(t)) continue;
      const s = suggestions.next(t);
      const c: Candidate = {
        index: out.length + 1,
        text: t,
        paragraph,
        kind: s.kind,
        locator: block.locator ?? { label: 'paragraph', value: String(paragraph) },
      };
      if (s.attribution) c.attribution = s.attribution;
      if (s.eventDate) c.eventDate = s.eventDate;
      if (s.eventDate && s.eventDateEnd) c.eventDateEnd = s.eventDateEnd;
      if (s.statistic) c.statistic = s.statistic;
      out.push(c);
    }
  }
  return out;
}

/**
 * The block's sentences. A list item is split with its marker put back, so that an inline list
 * it continues ("1) The first item 2) The second item") is told; the segmenter drops the
 * markers again, from every item alike.
 */
function sentencesOf(block: ImportedBlock): string[] {
  const text = block.listMarker ? `${block.listMarker} ${block.text}` : block.text;
  return segment(text).flatMap((p) => p.sentences.map((s) => s.text));
}

function offered(block: ImportedBlock, format: ImportedDocument['format']): boolean {
  if (block.kind === 'heading') return format === 'text';
  return block.kind !== 'caption';
}
