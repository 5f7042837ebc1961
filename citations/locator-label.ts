/**
 * Locator labels as citeproc needs them. CSL 1.0.2 renamed two locator types to keep them
 * apart from item-type terms of the same name: a cite "article 4" must use the
 * "article-locator" term ("art. 4"), because the locale's "article" term now names the
 * item type and prints "preprint 4". Dossier (and Zotero data) say "article" and "title".
 */
const CSL_LOCATOR_TERMS: Record<string, string> = {
  article: 'article-locator',
  title: 'title-locator',
};

export function cslLocatorLabel(label: string): string {
  return CSL_LOCATOR_TERMS[label] ?? label;
}
