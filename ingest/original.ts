import { type Passage, type PreparedOriginal, prepareOriginal } from '../db/originals/codec';
import type { DocumentFormat, ImportedDocument } from './document';

/** The file a document was read from, to be kept with the source it becomes. */
export interface OriginalFile {
  bytes: Uint8Array;
  fileName?: string;
}

const MEDIA_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  markdown: 'text/markdown',
  text: 'text/plain',
};

/**
 * The original of a document that has been read without error: its bytes, and its text block
 * by block with the locator each block gives its facts — the same locator the candidates
 * carry (candidates.ts), so a fact's "p. 12" or "para. 4" finds its passage again.
 */
export function prepareDocumentOriginal(doc: ImportedDocument, file: OriginalFile): PreparedOriginal {
  const passages: Passage[] = doc.blocks.map((b, i) => ({ locator: b.locator ?? { label: 'paragraph', value: String(i + 1) }, text: b.text }));
  return prepareOriginal(file.bytes, MEDIA_TYPES[doc.format], passages, file.fileName);
}
