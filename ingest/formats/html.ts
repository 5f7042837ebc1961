import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ImportedBlock, ImportedDocument, ImportOptions } from '../document';
import { throwIfAborted } from './abort';
import { numberParagraphs } from './blocks';
import { normaliseDate } from './dates';
import { decodeHtmlBytes } from './html-decode';
import { htmlBlocks } from './html-blocks';
import type { ArticleFacts } from './html-metadata';
import { composeSource, readPageFacts } from './html-metadata';

/**
 * Saved web pages (.html, .mhtml) and pasted HTML → an ImportedDocument.
 *
 * The page is parsed with linkedom, a DOM without a JavaScript engine: nothing on the page can
 * run. Metadata is read first (see html-metadata.ts); then everything active or invisible is
 * removed and Mozilla Readability — Firefox's Reader View — picks the article out of the
 * navigation, adverts and cookie banners. Its DOM is walked into blocks (html-blocks.ts).
 */
export interface HtmlImportOptions extends ImportOptions {
  /**
   * 'article' (default): Readability extracts the main article, as for a saved page.
   * 'all': every block of the page in order, for pasted selections, which are already just
   * the part the user wanted (Readability would throw short selections away).
   */
  extract?: 'article' | 'all';
}

export function importHtml(input: Uint8Array | string, opts: HtmlImportOptions = {}): ImportedDocument {
  const name = opts.fileName ?? 'page.html';
  throwIfAborted(opts.signal);
  const page = typeof input === 'string' ? { html: input } : decodeHtmlBytes(input, name);
  const html = asDocument(page.html);
  const { document } = parseHTML(html);
  const facts = readPageFacts(document);
  const warnings: string[] = [];
  neutralise(document);

  let blocks: ImportedBlock[] = [];
  let article: ArticleFacts | undefined;
  if (opts.extract !== 'all') {
    const parsed = tooComplex(document) ? null : readArticle(document);
    if (parsed?.content) {
      blocks = htmlBlocks(parsed.content);
      article = { ...parsed, dateline: wireDateline(blocks) };
    }
    if (blocks.length === 0) warnings.push(`${name}: no main article was recognised, so the whole page was imported; check for menus and adverts`);
  }
  if (blocks.length === 0) {
    // Readability changes the document it reads, so the whole-page fallback starts afresh.
    const fresh = parseHTML(html).document;
    neutralise(fresh);
    blocks = htmlBlocks(fresh.body ?? fresh.documentElement);
  }
  numberParagraphs(blocks);

  const source = composeSource(facts, article, { fileName: opts.fileName, baseUrl: opts.baseUrl, archiveUrl: 'url' in page ? page.url : undefined });
  const savedAt = 'savedAt' in page ? normaliseDate(page.savedAt) : undefined;
  if (savedAt) source.accessed = savedAt;
  const pdf = source.extra?.['pdf-url'];
  if (typeof pdf === 'string') warnings.push(`The page links the full text as a PDF (${pdf}); import that file to cite page numbers`);
  if (blocks.length === 0) warnings.push(`${name}: the page has no text to import`);
  return { format: 'html', source, blocks, warnings };
}

/**
 * News-agency style opens the story with place and date: "DUBLIN, July 2, 2014 — Jazz
 * Pharmaceuticals…". The part before the dash, when it is short and holds a full date.
 */
function wireDateline(blocks: ImportedBlock[]): string | undefined {
  for (const b of blocks.slice(0, 3)) {
    const m = /^(.{6,60}?)\s(?:--|—|–)\s/u.exec(b.text);
    if (m && normaliseDate(m[1])?.length === 10) return m[1];
  }
  return undefined;
}

/** A fragment ("<p>…</p><ul>…</ul>", as pasted) gets a document around it, or linkedom keeps only its first element. */
function asDocument(html: string): string {
  return /<(?:html|body|head)[\s>]/i.test(html.slice(0, 4096)) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
}

/** Readability's time grows steeply with nesting depth (1,000 levels: ~20 s); real pages stay far below these limits. */
const MAX_ELEMENTS = 50_000;
const MAX_NESTING = 120;

function tooComplex(doc: Document): boolean {
  let count = 0;
  const stack: [Element, number][] = doc.documentElement ? [[doc.documentElement, 0]] : [];
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    if (++count > MAX_ELEMENTS || depth > MAX_NESTING) return true;
    for (const child of Array.from(el.children)) stack.push([child, depth + 1]);
  }
  return false;
}

function readArticle(doc: Document): ReturnType<Readability<Element>['parse']> {
  try {
    return new Readability<Element>(doc, { serializer: (node) => node as Element, maxElemsToParse: MAX_ELEMENTS }).parse();
  } catch {
    return null; // Readability gives up on pages it cannot score; the whole page is read instead
  }
}

/**
 * Makes the DOM inert and leaves only what a reader would see: code, frames, embedded objects
 * and hidden elements removed; every event-handler attribute and every `javascript:`/`vbscript:`
 * value stripped. A link whose address is stripped keeps its text: the words are the writer's
 * ("confirmed the <a href="javascript:…">port</a> will stay"), only the address is hostile.
 */
function neutralise(doc: Document): void {
  const dead = 'script, style, noscript, template, iframe, frame, frameset, object, embed, applet, link, svg, canvas, [hidden], [aria-hidden="true"]';
  for (const el of Array.from(doc.querySelectorAll(dead))) el.remove();
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name) || isScriptUrl(attr.value)) el.removeAttribute(attr.name);
    }
  }
}

/** javascript:, vbscript: — also when disguised with whitespace or control characters inside the scheme. */
function isScriptUrl(value: string): boolean {
  return /^(?:javascript|vbscript):/i.test(value.replace(/[\u0000-\u0020]/g, ''));
}
