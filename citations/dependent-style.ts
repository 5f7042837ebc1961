/**
 * Dependent CSL styles: most of the CSL repository is journals that format exactly like
 * another style (their "independent parent") and only carry their own title, id and
 * perhaps a default locale. Such a file has `<link rel="independent-parent" href="…"/>` in
 * its <info> and no <citation>; it renders with its parent's style.
 */
import { childElements, type CslNode, firstChild } from './csl-tree';

/** Finds a parent style's tree by its CSL id (URI); undefined when it is not available. */
export type ParentLookup = (parentUri: string) => CslNode | undefined;

/** The parent's CSL id of a dependent style, or undefined for an independent one. */
export function independentParent(root: CslNode): string | undefined {
  if (firstChild(root, 'citation')) return undefined;
  const info = firstChild(root, 'info');
  const link = info ? childElements(info, 'link').find((l) => l.attrs.rel === 'independent-parent') : undefined;
  return link ? (link.attrs.href ?? '').trim() : undefined;
}

/** Repository styles are named by their short id ("apa") in the catalog; the CSL id is a Zotero URI. */
export function shortStyleId(uri: string): string {
  const m = /^https?:\/\/www\.zotero\.org\/styles\/([^/?#]+)\/?$/.exec(uri);
  return m ? m[1] : uri;
}

/**
 * The tree citeproc renders a dependent style with: a copy of the parent's, whose default
 * locale is the dependent's own when it names one (a German journal reusing an English
 * parent writes German). The caller keeps the dependent's id and title for the catalog.
 */
export function styleOnParent(dependent: CslNode, parent: CslNode): CslNode {
  const tree = structuredClone(parent);
  const locale = dependent.attrs['default-locale'];
  if (locale) tree.attrs = { ...tree.attrs, 'default-locale': locale };
  return tree;
}
