import type { Library } from '../db/library';
import { type AssembleOptions, assembleBriefing } from './assemble';
import { renderDocx } from './docx/index';
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
  const session = opts.session;
  // The analyst may export next. A session that has not written a .docx yet writes this one
  // into memory in the next pause, so the first export writes again only what changed since
  // (at 2,000 notes, ~0.5 s down to ~0.3 s on the bench's machine). A letterhead is written
  // whole every time: nothing to keep.
  if (session && !session.docx.filled && !a.template.letterheadPath) {
    session.idleWork.add('writer', async () => {
      if (!session.docx.filled) await renderDocx(a.doc, a.template, { cache: session.docx });
    });
  }
  return { doc: toPreviewDocument(a.doc), warnings: preflight(a, withCorroboration(lib, a)), styleId: a.styleId, isNoteStyle: a.isNoteStyle };
}
