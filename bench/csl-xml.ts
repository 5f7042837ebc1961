import type { CslNode } from '../citations/csl-tree';
import { escapeXml, escapeXmlAttribute } from '../export/xml-text';

/** Writes a CSL tree back out as XML, so pandoc can be handed the very style Dossier uses. */
export function cslToXml(node: CslNode): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(node)}`;
}

function element(n: CslNode): string {
  const attrs = Object.entries(n.attrs)
    .map(([k, v]) => ` ${k}="${escapeXmlAttribute(v)}"`)
    .join('');
  const kids = n.children.map((c) => (typeof c === 'string' ? escapeXml(c) : element(c))).join('');
  return kids ? `<${n.name}${attrs}>${kids}</${n.name}>` : `<${n.name}${attrs}/>`;
}
