import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { DossierError } from '../../core/errors';
import type { ImportedDocument, ImportOptions } from '../../ingest/document';
import { readDocument } from '../../ingest/formats/index';
import { sniffFormat } from '../../ingest/formats/sniff';
import { MAX_IMPORT_BYTES } from './limits';
import type { ImportResult } from './types';

/**
 * Turning a file into an ImportedDocument for the renderer to review. The bytes come either
 * from a path the user chose (open dialog, a second launch, the OS "open with") — read here —
 * or from a file dropped on the window, whose bytes the renderer sends (it never sends a path).
 *
 * `DocumentReader` is the seam to the ingest code: the default below hands every document
 * format (text, Markdown, HTML/MHTML, PDF, Word) to the ingest dispatcher.
 */
export type DocumentReader = (bytes: Uint8Array, opts: ImportOptions & { fileName: string }) => Promise<ImportedDocument>;

export const defaultDocumentReader: DocumentReader = async (bytes, opts) => {
  const format = sniffFormat(bytes, opts.fileName);
  if (format === 'bibtex' || format === 'ris' || format === 'csl-json') {
    throw new DossierError('validation', `${opts.fileName}: this is a bibliography (${format}); import it as sources, not as a document`, 'file');
  }
  opts.onProgress?.({ phase: `Reading ${opts.fileName}`, done: 0 });
  return readDocument(bytes, opts);
};

export async function importBytes(
  bytes: Uint8Array,
  fileName: string,
  reader: DocumentReader,
  ctx: { signal: AbortSignal; progress(phase: string, done?: number, total?: number): void },
): Promise<ImportResult> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new DossierError('validation', `${fileName}: the file is larger than 200 MB`, 'file');
  const name = safeDisplayName(fileName);
  const document = await reader(bytes, { fileName: name, signal: ctx.signal, onProgress: (p) => ctx.progress(p.phase, p.done, p.total) });
  return { fileName: name, format: document.format, bytes: bytes.byteLength, document };
}

/** Reads a file the user chose: a regular file, at most MAX_IMPORT_BYTES, cancellable. */
export async function readImportFile(path: string, signal: AbortSignal): Promise<Uint8Array> {
  const handle = await open(path, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new DossierError(
      'io',
      `Cannot open ${basename(path)}: ${e.code === 'ENOENT' ? 'it no longer exists' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.message}`,
      'file',
    );
  });
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new DossierError('validation', `${basename(path)} is not a file`, 'file');
    if (st.size > MAX_IMPORT_BYTES) throw new DossierError('validation', `${basename(path)}: the file is larger than 200 MB`, 'file');
    return new Uint8Array(await handle.readFile({ signal }));
  } finally {
    await handle.close();
  }
}

/**
 * A file name for display and messages: no folders, no control or bidi characters
 * (Trojan-Source style names), at most 255 characters.
 */
export function safeDisplayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '').trim();
  return (clean || 'file').slice(0, 255);
}
