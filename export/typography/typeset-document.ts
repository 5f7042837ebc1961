import type { Block, Inline, ResolvedDocument } from '../document';
import { quoteStyleFor } from './quote-style';
import { smartenPieces, smartenText, type TextPiece } from './smart-text';

/**
 * The document as the .docx prints it: typographic quotes, apostrophes and dashes in the
 * author's words (fact text, prose, the subject and other header values, attachments), in
 * the marks of the document's language. Only the .docx writer calls this: the stored text is
 * not changed, and the Markdown and plain-text exports keep the characters the author typed.
 * Citations are left as citeproc typeset them: a note's text is not touched, and an in-text
 * citation is read only as context. Each paragraph is one text for quotation pairing, so a
 * quote opened in a bold lead and closed in plain text pairs up.
 */
export function typesetDocument(doc: ResolvedDocument, memo?: TypesetMemo): ResolvedDocument {
  const style = quoteStyleFor(doc.language);
  const one = (t: string) => smartenText(t, style);
  // The pieces decide the result (with the language's marks): a kept result is the same text.
  const smarten = (pieces: TextPiece[]) =>
    memo
      ? memo(`${doc.language}\u0002${pieces.map((p) => `${p.editable ? 'e' : 'f'}${p.text}`).join('\u0001')}`, () => smartenPieces(pieces, style))
      : smartenPieces(pieces, style);
  return {
    ...doc,
    fields: doc.fields.map((f) => ({ ...f, value: one(f.value) })),
    sections: doc.sections.map((s) => ({ ...s, blocks: s.blocks.map((b) => typesetBlock(b, smarten)) })),
    ...(doc.attachments !== undefined ? { attachments: one(doc.attachments) } : {}),
  };
}

/**
 * Keeps typeset paragraphs between renders of one briefing (export/docx/write-cache.ts):
 * `make`'s texts for `key`, the paragraph's pieces, made again only when the key is new.
 */
export type TypesetMemo = (key: string, make: () => string[]) => string[];

function typesetBlock(block: Block, smarten: (pieces: TextPiece[]) => string[]): Block {
  // Note references have no text in the body: a quote either side of one reads as if it were not there.
  const pieces: TextPiece[] = [];
  for (const inl of block.inlines) {
    if (inl.type === 'text') pieces.push({ text: inl.run.text, editable: true });
    else if (inl.type === 'cite') pieces.push({ text: inl.runs.map((r) => r.text).join(''), editable: false });
  }
  const texts = smarten(pieces);
  let k = 0;
  const inlines = block.inlines.map((inl): Inline => {
    if (inl.type === 'note') return inl;
    const text = texts[k++];
    return inl.type === 'text' ? { type: 'text', run: { ...inl.run, text } } : inl;
  });
  return { ...block, inlines };
}
