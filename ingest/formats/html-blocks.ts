import type { BlockKind, ImportedBlock } from '../document';
import { makeBlock } from './blocks';

/**
 * A DOM subtree → blocks in document order: one per paragraph, list item, heading, block quote
 * paragraph, table row and caption. Used for Readability's article, for mammoth's rendering of
 * Word files and for pasted HTML.
 *
 * Only text nodes are read. Scripts, styles, frames, embedded objects, form controls and hidden
 * elements contribute nothing — they are skipped, never run — so neither code nor chrome
 * ("Accept cookies") can turn into a fact. Links are read for their text only, whatever their
 * address (`javascript:`, `data:`…): no address is ever followed or kept, and the linked words
 * belong to the sentence around them.
 */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'picture',
  'img',
  'map',
  'button',
  'input',
  'select',
  'textarea',
  'option',
  'datalist',
  'dialog',
  'head',
  'title',
  'meta',
  'link',
  'base',
]);

/** Elements that end the running line of inline text; everything else is inline. */
const BLOCK_LEVEL = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

const HEADING = /^h[1-6]$/;

interface Context {
  quote: boolean;
  listItem: boolean;
  depth: number;
}

/** Below this depth a subtree is read as one run of text instead of recursing further. */
const MAX_DEPTH = 200;

export function htmlBlocks(root: Element): ImportedBlock[] {
  const out: ImportedBlock[] = [];
  walk(root, { quote: false, listItem: false, depth: 0 }, out);
  return out;
}

/** Is this element something that must never contribute text? */
function isSkipped(el: Element): boolean {
  const tag = tagOf(el);
  if (SKIPPED.has(tag)) return true;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return !!style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Runs of inline content become blocks of the context's kind; block children recurse. */
function walk(el: Element, ctx: Context, out: ImportedBlock[]): void {
  let run = '';
  const flush = () => {
    // Two line breaks in a row (<br><br>) separate paragraphs inside one element.
    for (const piece of run.split(/\n[^\S\n]*\n/)) push(out, kindOf(ctx), piece);
    run = '';
  };
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === 3) {
      run += (child as Text).data.replace(/\n/g, ' ');
      continue;
    }
    if (child.nodeType !== 1) continue;
    const c = child as Element;
    if (isSkipped(c)) continue;
    if (tagOf(c) === 'br') run += '\n';
    else if (!BLOCK_LEVEL.has(tagOf(c)) || ctx.depth >= MAX_DEPTH) run += inlineText(c);
    else {
      flush();
      block(c, ctx, out);
    }
  }
  flush();
}

function block(el: Element, parent: Context, out: ImportedBlock[]): void {
  const tag = tagOf(el);
  const ctx = { ...parent, depth: parent.depth + 1 };
  if (HEADING.test(tag)) push(out, 'heading', inlineText(el));
  else if (tag === 'li' || tag === 'dd') walk(el, { ...ctx, listItem: true }, out);
  else if (tag === 'blockquote') walk(el, { ...ctx, quote: true }, out);
  else if (tag === 'figcaption' || tag === 'caption') push(out, 'caption', inlineText(el));
  else if (tag === 'table') tableRows(el, ctx, out);
  else if (tag === 'hr') return;
  else walk(el, ctx, out);
}

/** A table row reads as one line, cells separated by " | " (the row is the unit a fact cites). */
function tableRows(table: Element, ctx: Context, out: ImportedBlock[]): void {
  for (const row of Array.from(table.querySelectorAll('tr'))) {
    if (row.closest('table') !== table) continue; // rows of nested tables are read with those tables
    const cells = Array.from(row.children).filter((c) => tagOf(c) === 'td' || tagOf(c) === 'th');
    push(
      out,
      kindOf(ctx),
      cells
        .map((c) => inlineText(c).replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join(' | '),
    );
  }
  const caption = Array.from(table.children).find((c) => tagOf(c) === 'caption');
  if (caption) push(out, 'caption', inlineText(caption));
}

/**
 * The visible text of an element, flattened; <br> kept as a line break, block boundaries as
 * spaces. Iterative, so a hostile page nested thousands of levels deep cannot exhaust the stack.
 */
export function inlineText(el: Element): string {
  let s = '';
  const stack: (Node | string)[] = Array.from(el.childNodes).reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (typeof node === 'string') {
      s += node;
      continue;
    }
    if (node.nodeType === 3) s += (node as Text).data.replace(/\n/g, ' ');
    else if (node.nodeType === 1) {
      const c = node as Element;
      if (isSkipped(c)) continue;
      if (tagOf(c) === 'br') {
        s += '\n';
        continue;
      }
      const blockLevel = BLOCK_LEVEL.has(tagOf(c));
      if (blockLevel) s += ' ';
      if (blockLevel) stack.push(' ');
      for (let i = c.childNodes.length - 1; i >= 0; i--) stack.push(c.childNodes[i]);
    }
  }
  return s;
}

/** Lowercased: elements created by scripts (Readability's "DIV") keep the case they were created with. */
function tagOf(el: Element): string {
  return el.localName.toLowerCase();
}

function kindOf(ctx: Context): BlockKind {
  return ctx.quote ? 'quote' : ctx.listItem ? 'list-item' : 'paragraph';
}

function push(out: ImportedBlock[], kind: BlockKind, text: string): void {
  const b = makeBlock(kind, text);
  if (b) out.push(b);
}
