import type { CslNode } from '../citations/csl-tree';

/** Writes a CSL tree back out as XML, so pandoc can be handed the very style Dossier uses. */
export function cslToXml(node: CslNode): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(node)}`;
}

function element(n: CslNode): string {
  const attrs = Object.entries(n.attrs)
    .map(([k, v]) => ` ${k}="${escape(v)}"`)
    .join('');
  const kids = n.children.map((c) => (typeof c === 'string' ? escape(c) : element(c))).join('');
  return kids ? `<${n.name}${attrs}>${kids}</${n.name}>` : `<${n.name}${attrs}/>`;
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
