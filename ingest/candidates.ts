import type { FactKind, Locator } from '../core/model';
import type { ImportedBlock, ImportedDocument } from './document';
import { segment } from './sentences/index';

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
}

export interface CandidateOptions {
  /** One candidate per paragraph instead of per sentence. */
  paragraphs?: boolean;
}

/**
 * Splits a document's blocks into candidate facts, keeping each block's locator (a PDF page)
 * or, failing that, its paragraph number. Section headings of structured documents are not
 * claims; in plain text a heading can't be told from a one-line paragraph, so it is offered.
 */
export function candidatesFromDocument(doc: ImportedDocument, opts: CandidateOptions = {}): Candidate[] {
  const out: Candidate[] = [];
  let paragraph = 0;
  for (const block of doc.blocks) {
    paragraph++;
    if (!offered(block, doc.format)) continue;
    const pieces = opts.paragraphs ? [block.text] : segment(block.text).flatMap((p) => p.sentences.map((s) => s.text));
    for (const piece of pieces) {
      const t = piece.replace(/\s+/g, ' ').trim();
      if (!t || !/[\p{L}\p{N}]/u.test(t)) continue;
      out.push({ index: out.length + 1, text: t, paragraph, kind: guessKind(t), locator: block.locator ?? { label: 'paragraph', value: String(paragraph) } });
    }
  }
  return out;
}

function offered(block: ImportedBlock, format: ImportedDocument['format']): boolean {
  if (block.kind === 'heading') return format === 'text';
  return block.kind !== 'caption';
}

const QUOTED = /^["“‘'].{8,}["”’'],?\s*(?:\S+\s+){0,6}?(?:said|says|told|added|warned|stated|wrote|declared)\b/i;
const QUOTE_ONLY = /^["“].{8,}["”]\.?$/;
const FIGURE = /(?:[$€£¥]\s?\d|\d[\d,.]*\s?(?:%|percent|per cent|million|billion|trillion|thousand)|\b\d{1,3}(?:,\d{3})+\b)/i;

/** A first guess the user confirms: quoted speech → quote, figures → statistic. */
export function guessKind(t: string): FactKind {
  if (QUOTED.test(t) || QUOTE_ONLY.test(t)) return 'quote';
  if (FIGURE.test(t)) return 'statistic';
  return 'paraphrase';
}
