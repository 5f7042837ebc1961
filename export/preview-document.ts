import type { Block, DocSection, Inline, ResolvedDocument } from './document';

/**
 * The resolved document as the live preview shows it: every citation rendered and numbered as
 * the exporters lay it out, but without the Zotero field instructions. Those embed the cited
 * sources' CSL data in every note (most of the document's size with hundreds of notes) and
 * matter only inside a written .docx; the preview is re-made and sent to the renderer after
 * every pause in typing, so it leaves them out rather than carrying them to be ignored.
 */
export type PreviewCitation = Omit<Extract<Inline, { type: 'note' }>, 'field'> | Omit<Extract<Inline, { type: 'cite' }>, 'field'>;
export type PreviewInline = Extract<Inline, { type: 'text' }> | PreviewCitation;
export type PreviewBlock = Omit<Block, 'inlines'> & { inlines: PreviewInline[] };
type PreviewSection = Omit<DocSection, 'blocks'> & { blocks: PreviewBlock[] };
export type PreviewDocument = Omit<ResolvedDocument, 'sections'> & { sections: PreviewSection[] };

/** The document without its field instructions; shares everything else (runs, headers) with it. */
export function toPreviewDocument(doc: ResolvedDocument): PreviewDocument {
  return {
    ...doc,
    sections: doc.sections.map((s) => ({
      ...s,
      blocks: s.blocks.map((b) => ({ ...b, inlines: b.inlines.map(previewInline) })),
    })),
  };
}

function previewInline(i: Inline): PreviewInline {
  if (i.type === 'text') return i;
  const { field: _field, ...rest } = i;
  return rest;
}
