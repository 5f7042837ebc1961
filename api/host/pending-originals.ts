import type { PreparedOriginal } from '../../db/originals/codec';
import type { ImportedDocument } from '../../ingest/document';
import { prepareDocumentOriginal } from '../../ingest/original';

/**
 * Files the shell has read for the capture screen, kept (hashed and deflated) until the user
 * saves the capture, so the source keeps its original: the renderer gets the extracted document
 * and the original's id, never the bytes. The text stored is the shell's own reading of the
 * bytes, so it always belongs to them. Only the latest few are kept.
 */
export class PendingOriginals {
  private readonly kept = new Map<string, PreparedOriginal>();

  constructor(
    private readonly maxFiles = 4,
    private readonly maxBytes = 256 * 1024 * 1024,
  ) {}

  /** Prepares and keeps the original of a document just read; returns its id (its SHA-256). */
  remember(document: ImportedDocument, bytes: Uint8Array, fileName: string): string {
    const original = prepareDocumentOriginal(document, { bytes, fileName });
    this.kept.delete(original.sha256);
    this.kept.set(original.sha256, original);
    let total = [...this.kept.values()].reduce((n, o) => n + o.compressed.length + o.passages.length, 0);
    for (const [id, o] of this.kept) {
      if (this.kept.size <= this.maxFiles && total <= this.maxBytes) break;
      if (id === original.sha256) break;
      this.kept.delete(id);
      total -= o.compressed.length + o.passages.length;
    }
    return original.sha256;
  }

  get(id: string): PreparedOriginal | undefined {
    return this.kept.get(id);
  }
}
