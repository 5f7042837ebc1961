import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import type { ImportedBlock, ImportedDocument, ImportOptions } from '../document';
import { throwIfAborted, unreadable } from './abort';
import { makeBlock, numberParagraphs } from './blocks';
import { docxSource, readDocxProperties } from './docx-properties';
import { htmlBlocks, inlineText } from './html-blocks';
import { titleFromFileName } from './text-clean';
import type { ZipLimits } from '../../core/zip/policy';
import { guardZip } from './zip-guard';

/**
 * Word documents (.docx) → blocks, via mammoth's semantic HTML (headings, paragraphs, lists,
 * tables, footnotes) walked like any other HTML.
 *
 * The file passes the zip guard first (zip-guard.ts): mammoth inflates every part into memory
 * without limits, so size, entry count and real expansion are checked before it sees a byte.
 * Footnotes and endnotes become 'footnote' blocks with a note locator, and the reference marks
 * in the text ("[1]") are removed so a quoted sentence reads as printed.
 */
export interface DocxImportOptions extends ImportOptions {
  /** Zip-bomb limits; the defaults allow 100 MB uncompressed, 10,000 parts. */
  limits?: ZipLimits;
}

/** Word's own paragraph styles that mammoth's default map does not turn into structure. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Caption'] => figcaption:fresh",
];

export async function importDocx(bytes: Uint8Array, opts: DocxImportOptions = {}): Promise<ImportedDocument> {
  const name = opts.fileName ?? 'document.docx';
  throwIfAborted(opts.signal);
  const entries = guardZip(bytes, name, opts.limits);
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    throw unreadable(name, 'this ZIP package is not a Word document (it has no word/document.xml)');
  }
  const properties = readDocxProperties(bytes, entries);
  opts.onProgress?.({ phase: 'Converting the Word document', done: 0, total: 1 });

  let html: string;
  let messages: string[];
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false, // linked files ("file:///C:/…" images) are never opened
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })), // images are not read at all
      },
    );
    html = result.value;
    messages = result.messages.filter((m) => m.type === 'error').map((m) => m.message);
  } catch (e) {
    throw unreadable(name, `the Word document is damaged and cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
  throwIfAborted(opts.signal);
  opts.onProgress?.({ phase: 'Converting the Word document', done: 1, total: 1 });

  const blocks = docxBlocks(html);
  const source = { type: 'document' as const, ...docxSource(properties) };
  source.title ??= blocks.find((b) => b.kind === 'heading')?.text ?? titleFromFileName(opts.fileName) ?? 'Untitled document';
  const warnings = messages.slice(0, 5).map((m) => `${name}: ${m}`);
  if (blocks.length === 0) warnings.push(`${name}: the document has no text to import`);
  return { format: 'docx', source, blocks, warnings };
}

/** Body blocks in order, then the notes, each numbered as Word shows them (1, 2, 3 …). */
function docxBlocks(html: string): ImportedBlock[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const body = document.body;
  // Reference marks in the text: <sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>.
  for (const a of Array.from(body.querySelectorAll('a[id^="footnote-ref-"], a[id^="endnote-ref-"]'))) (a.closest('sup') ?? a).remove();

  const notes: ImportedBlock[] = [];
  for (const kind of ['footnote', 'endnote']) {
    const items = Array.from(body.querySelectorAll(`li[id^="${kind}-"]`));
    items.forEach((li, i) => {
      for (const back of Array.from(li.querySelectorAll(`a[href^="#${kind}-ref-"]`))) back.remove(); // the "↑" link back
      const b = makeBlock('footnote', inlineText(li));
      if (b) notes.push({ ...b, locator: { label: 'note', value: String(i + 1) } });
    });
    const list = items[0]?.parentElement;
    if (list) list.remove();
  }
  return [...numberParagraphs(htmlBlocks(body)), ...notes];
}
