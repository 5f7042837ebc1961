import { Fragment, type Schema, type Slice } from '@tiptap/pm/model';
import type { EditorView } from '@tiptap/pm/view';
import { docToMarkdown, type PMNode } from '../prose-markdown';

/**
 * Copy and paste of prose with its citation marks. Our own copies carry the Markdown (marks
 * included) under a private type, which paste prefers; anything else pasted — another app's
 * HTML or text — is literal text, so citation-looking markup from outside never becomes a mark
 * (the store still reads a full id of a real fact as a mark once saved, as it would if typed).
 */
export const PROSE_MIME = 'application/x-dossier-prose';

/** The slice as the stored Markdown. */
export function sliceMarkdown(schema: Schema, slice: Slice): string {
  const doc = schema.topNodeType.createAndFill(null, fitBlocks(schema, slice.content));
  return doc ? docToMarkdown(doc.toJSON() as PMNode) : '';
}

/** Inline content alone (a copy inside one paragraph) is wrapped in a paragraph. */
function fitBlocks(schema: Schema, content: Fragment): Fragment {
  if (content.firstChild?.isInline) return Fragment.from(schema.nodes.paragraph.create(null, content));
  return content;
}

/**
 * Writes our copy: the Markdown with marks under PROSE_MIME, and the words alone as plain text
 * for other apps (a chip's note number means nothing outside the briefing).
 */
export function writeClipboard(view: EditorView, data: DataTransfer): boolean {
  const slice = view.state.selection.content();
  if (slice.content.size === 0) return false;
  data.clearData();
  data.setData(PROSE_MIME, sliceMarkdown(view.state.schema, slice));
  data.setData('text/plain', slice.content.textBetween(0, slice.content.size, '\n\n', ''));
  return true;
}
