/**
 * Pasted HTML → plain text, safely: the HTML is parsed into a detached, inert document
 * (DOMParser: no scripts run, no images load, nothing touches the live page) and only its text
 * is kept, with paragraph breaks where block elements were. Nothing of it is ever rendered.
 */
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TR',
  'UL',
]);
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'MATH',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
]);

interface MinimalNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<MinimalNode>;
}

export interface HtmlParser {
  parseFromString(html: string, type: 'text/html'): { body: MinimalNode | null };
}

export function htmlToText(html: string, parser: HtmlParser = new DOMParser()): string {
  // A fragment (what the clipboard usually holds) gets a body to live in; a whole page keeps its own.
  const doc = parser.parseFromString(/<body[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`, 'text/html');
  if (!doc.body) return '';
  const parts: string[] = [];
  const walk = (node: MinimalNode) => {
    if (node.nodeType === 3) {
      parts.push((node.textContent ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    if (name === 'BR') {
      parts.push('\n');
      return;
    }
    const block = BLOCK.has(name);
    if (block) parts.push('\n\n');
    if (name === 'LI') parts.push('- ');
    if (name === 'TD' || name === 'TH') parts.push(' ');
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]);
    if (block) parts.push('\n\n');
  };
  walk(doc.body);
  return tidyText(parts.join(''));
}

/** Trims each line, collapses runs of blank lines to one, and drops invisible bidi controls. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u202A-\u202E\u2066-\u2069\u200B\uFEFF]/g, '')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00A0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\n(- )\n+/g, '\n$1')
    .replace(/\n\n(- [^\n]*)\n\n(?=- )/g, '\n\n$1\n')
    .trim();
}
