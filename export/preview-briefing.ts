import type { Library } from '../db/library';
import { type AssembleOptions, assembleBriefing } from './assemble';
import { preflight, preflightReady, withCorroboration } from './preflight';
import { toPreviewDocument } from './preview-document';

/**
 * The live preview beside the editor: the briefing assembled as an export would (its warm
 * citation session given in `opts`) and pre-flight's warnings, made again after every pause
 * in editing.
 */
export async function previewBriefing(lib: Library, briefingRef: string, opts: AssembleOptions) {
  const a = assembleBriefing(lib, briefingRef, opts);
  await preflightReady(a);
  return { doc: toPreviewDocument(a.doc), warnings: preflight(a, withCorroboration(lib, a)), styleId: a.styleId, isNoteStyle: a.isNoteStyle };
}
