import type { Library } from '../db/library';
import { type CaptureOptions, type CaptureResult, captureDocument } from './capture';
import type { ImportedDocument } from './document';
import { importText as readText } from './formats/text';
import type { OriginalFile } from './original';

export interface ImportTextOptions extends CaptureOptions {
  text: string;
  markdown?: boolean;
}

export type ImportTextResult = CaptureResult;

/**
 * Prose typed, pasted or piped in, as a document: the text importer's blocks. The one place
 * the rules for such text live (the command line, the API and tests all come through here).
 */
export function typedTextDocument(text: string, markdown = false): ImportedDocument {
  const doc = readText(text, {}, markdown ? 'markdown' : 'text');
  // The text's own file name is no title: only what the user gave names the source.
  delete doc.source.title;
  // Prose pasted or piped in is most often news copy; the user's --type or form overrides it.
  doc.source.type = 'article-newspaper';
  return doc;
}

/** Typed or piped prose is its own original: kept, as UTF-8, like a captured file. */
export function typedTextOriginal(text: string): OriginalFile {
  return { bytes: Buffer.from(text, 'utf8') };
}

/** Prose typed, pasted or piped in: the text importer's blocks, then the capture pipeline. */
export function importText(lib: Library, opts: ImportTextOptions): ImportTextResult {
  return captureDocument(lib, typedTextDocument(opts.text, opts.markdown), { original: typedTextOriginal(opts.text), ...opts });
}
