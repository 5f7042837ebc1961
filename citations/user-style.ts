/**
 * Validation of user-supplied .csl files (a ministry's house style, a journal style from
 * the Zotero style repository).
 *
 * Two levels: `parseUserStyle` checks what can be checked from the XML alone (cheap; used
 * when listing a folder of styles) and `importUserStyle` additionally builds a citeproc
 * engine and renders a test item, because many real failures (undefined macros, bad
 * attribute values, macro loops) only surface there. Every error message starts with the file name and
 * names the problem, so it can be shown to the analyst as is.
 */
import { citeproc } from './citeproc';
import { childElements, type CslNode, firstChild, someNode, textOf } from './csl-tree';
import { independentParent, type ParentLookup, styleOnParent } from './dependent-style';
import { loadLocale } from './locales';
import type { StyleClass } from './style-types';
import { CSL_NAMESPACE, parseXml, XmlSyntaxError } from './xml-tree';

export interface UserStyleInfo {
  id: string;
  title: string;
  class: StyleClass;
  /** A dependent style's parent (CSL id), whose formatting it uses. */
  parent?: string;
}

export interface ParsedUserStyle extends UserStyleInfo {
  tree: CslNode;
  defaultLocale?: string;
}

function fail(fileName: string, problem: string): never {
  throw new Error(`${fileName}: ${problem}`);
}

/**
 * Structural checks: well-formed XML, a CSL <style> with id, title, class and a citation layout.
 * A dependent style is checked on its parent's tree, found with `parentOf`; without it, or
 * when the parent is unknown, the error names the parent.
 */
export function parseUserStyle(xmlText: string, fileName = 'style.csl', parentOf?: ParentLookup): ParsedUserStyle {
  if (typeof xmlText !== 'string' || xmlText.trim() === '') fail(fileName, 'the file is empty');
  let doc;
  try {
    doc = parseXml(xmlText);
  } catch (e) {
    if (e instanceof XmlSyntaxError) fail(fileName, `not well-formed XML (${e.message})`);
    throw e;
  }
  let { root } = doc;
  if (root.name !== 'style') fail(fileName, `root element is <${doc.rootQName}>, not a CSL <style>`);
  if (doc.rootNamespace !== CSL_NAMESPACE) {
    fail(fileName, `<style> is not in the CSL namespace (needs xmlns="${CSL_NAMESPACE}")`);
  }
  const info = firstChild(root, 'info');
  if (!info) fail(fileName, 'missing <info> element');
  const id = textOf(firstChild(info, 'id'));
  if (!id) fail(fileName, 'missing <info>/<id>');
  const title = textOf(firstChild(info, 'title'));
  if (!title) fail(fileName, 'missing <info>/<title>');

  const parent = independentParent(root);
  if (parent !== undefined) {
    if (!parent) fail(fileName, 'dependent style: its <link rel="independent-parent"> has no href');
    const parentTree = parentOf?.(parent);
    if (!parentTree) {
      fail(fileName, `dependent style: its parent style ${parent} is neither bundled nor added; add the parent first (dossier styles add PARENT.csl)`);
    }
    root = styleOnParent(root, parentTree);
  }
  const citation = firstChild(root, 'citation');
  if (!citation) fail(fileName, parent ? `the parent style ${parent} has no <citation> element` : 'missing <citation> element');
  if (!firstChild(citation, 'layout')) fail(fileName, 'missing <layout> in <citation>');
  const bibliography = firstChild(root, 'bibliography');
  if (bibliography && !firstChild(bibliography, 'layout')) fail(fileName, 'missing <layout> in <bibliography>');

  // citeproc silently renders nothing for a call to an undefined macro: catch it here.
  const macros = new Set(childElements(root, 'macro').map((m) => m.attrs.name));
  let missingMacro: string | undefined;
  someNode(root, (n) => {
    const called = n.name !== 'macro' ? n.attrs.macro : undefined;
    if (called !== undefined && !macros.has(called)) missingMacro = called;
    return missingMacro !== undefined;
  });
  if (missingMacro !== undefined) fail(fileName, `macro "${missingMacro}" is used but never defined`);

  const cls = root.attrs.class;
  if (cls !== 'note' && cls !== 'in-text') {
    fail(fileName, cls ? `class must be "note" or "in-text", not "${cls}"` : 'missing class="note" or class="in-text" on <style>');
  }
  if (!root.attrs.version) root.attrs.version = '1.0'; // citeproc reads it; CSL 1.0 is the only meaning possible here
  const defaultLocale = root.attrs['default-locale'];
  return { id, title, class: cls, tree: root, ...(defaultLocale ? { defaultLocale } : {}), ...(parent ? { parent } : {}) };
}

const TEST_ITEM = {
  id: 'dossier-style-check',
  type: 'book',
  title: 'A Test Book: Checking a Citation Style',
  author: [{ family: 'Analyst', given: 'Ada' }],
  publisher: 'Dossier Press',
  'publisher-place': 'London',
  issued: { 'date-parts': [[2024, 3, 5]] },
};

/** citeproc's placeholder when a style prints nothing at all for a cite. */
const EMPTY_RENDERING = /\[CSL STYLE ERROR/;

/**
 * Builds a citeproc engine from the style and renders a test book as a first cite, a
 * repeat cite with a locator and a bibliography. Throws (with the file name) if citeproc
 * rejects the style or renders nothing.
 */
function checkStyleRenders(style: ParsedUserStyle, fileName: string): void {
  const CSL = citeproc();
  let output: string[];
  try {
    const engine = new CSL.Engine(
      { retrieveLocale: (lang) => loadLocale(lang), retrieveItem: (id) => (id === TEST_ITEM.id ? TEST_ITEM : undefined) },
      structuredClone(style.tree),
      style.defaultLocale ?? 'en-US',
      false,
    );
    const note = style.class === 'note';
    const first = engine.processCitationCluster(
      { citationID: 'check-1', citationItems: [{ id: TEST_ITEM.id }], properties: { noteIndex: note ? 1 : 0 } },
      [],
      [],
    );
    const second = engine.processCitationCluster(
      { citationID: 'check-2', citationItems: [{ id: TEST_ITEM.id, locator: '12', label: 'page' }], properties: { noteIndex: note ? 2 : 0 } },
      [['check-1', note ? 1 : 0]],
      [],
    );
    output = [...first[1], ...second[1]].map((r) => r[1]);
    engine.makeBibliography();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    fail(fileName, `citeproc cannot use this style: ${message.replace(/^citeproc-js error:\s*/i, '')}`);
  }
  if (output.length === 0 || output.some((s) => !s || EMPTY_RENDERING.test(s))) {
    fail(fileName, 'the style renders nothing for a test book citation');
  }
}

/**
 * Validates a user-supplied CSL style completely (XML, CSL structure, and citeproc can
 * render with it). Returns what the catalog needs to list it; throws an Error whose
 * message names the file and the problem, e.g. "house-style.csl: missing <citation> element".
 */
export function importUserStyle(cslXmlText: string, fileName = 'style.csl', parentOf?: ParentLookup): UserStyleInfo {
  const parsed = parseUserStyle(cslXmlText, fileName, parentOf);
  checkStyleRenders(parsed, fileName);
  return { id: parsed.id, title: parsed.title, class: parsed.class, ...(parsed.parent ? { parent: parsed.parent } : {}) };
}
