import type { Library } from '../db/library';
import { type CaptureOptions, type CaptureResult, captureDocument } from './capture';
import { importText as readText } from './formats/text';

export interface ImportTextOptions extends CaptureOptions {
  text: string;
  markdown?: boolean;
}

export type ImportTextResult = CaptureResult;

/** Prose typed, pasted or piped in: the text importer's blocks, then the capture pipeline. */
export function importText(lib: Library, opts: ImportTextOptions): ImportTextResult {
  const doc = readText(opts.text, {}, opts.markdown ? 'markdown' : 'text');
  // The text's own file name is no title: only what the user gave names the source.
  delete doc.source.title;
  // Prose pasted or piped in is most often news copy; the user's --type or form overrides it.
  doc.source.type = 'article-newspaper';
  // Typed or piped prose is its own original: kept, as UTF-8, like a captured file.
  return captureDocument(lib, doc, { original: { bytes: Buffer.from(opts.text, 'utf8') }, ...opts });
}
