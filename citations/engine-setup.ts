/**
 * Building a CitationEngine's parts: the style the options name or give, and a citeproc-js
 * engine for it with the fast paths installed (citeproc-fast.ts and the string shortcuts)
 * unless they are off (citeprocFastPaths, core/fast-paths.ts).
 */
import type { CslItem } from '../core/csl';
import { type CiteprocEngine, citeproc, citeprocFastPaths } from './citeproc';
import { installDisambiguationMemo, installRenderCache, type PositionSensitivity, RenderCache, sortCompare, withSortCompare } from './citeproc-fast';
import { installFlipFlopShortcut } from './citeproc-string-shortcuts';
import { type CslNode, firstChild } from './csl-tree';
import type { CitationEngineOptions, ItemLookup } from './engine-types';
import { loadLocale } from './locales';
import { loadStyle } from './style-catalog';
import type { StyleClass } from './style-types';
import { parseUserStyle } from './user-style';
import { installViaPunctuation } from './via-punctuation';

export interface StyleFacts {
  id: string;
  title: string;
  class: StyleClass;
  via: string;
  /** The style's CSL id as a URI, as Zotero names styles. */
  uri: string;
  /** Whether the style has a <bibliography> (Zotero's hasBibliography). */
  hasBibliography: boolean;
}

/** Repository styles are known by their short id; their CSL id is the Zotero style URI. */
const ZOTERO_STYLE_BASE = 'http://www.zotero.org/styles/';

/** The style tree and facts for the options' styleId or styleXml (exactly one of them). */
export function resolveStyle(options: Pick<CitationEngineOptions, 'styleId' | 'styleXml' | 'userStyleDir' | 'viaPhrase'>): { tree: CslNode; info: StyleFacts } {
  if (!options.styleId === !options.styleXml) throw new Error('CitationEngine.create needs exactly one of styleId or styleXml');
  let tree: CslNode;
  let info: StyleFacts;
  if (options.styleXml) {
    const parsed = parseUserStyle(options.styleXml);
    tree = parsed.tree;
    info = { id: parsed.id, title: parsed.title, class: parsed.class, via: options.viaPhrase ?? 'cited in', uri: parsed.id, hasBibliography: false };
  } else {
    const loaded = loadStyle(options.styleId!, options.userStyleDir);
    tree = loaded.tree;
    const uri = loaded.source === 'user' ? loaded.id : `${ZOTERO_STYLE_BASE}${loaded.id}`;
    info = { id: loaded.id, title: loaded.title, class: loaded.class, via: options.viaPhrase ?? loaded.via ?? 'cited in', uri, hasBibliography: false };
  }
  info.hasBibliography = firstChild(tree, 'bibliography') !== undefined;
  return { tree, info };
}

/** What every citeproc engine of one CitationEngine is built from (again after a failure). */
export interface CiteprocSetup {
  tree: CslNode;
  forceLocale: string | undefined;
  fallbackLang: string;
  lookup: ItemLookup;
  /** Which note-number fields this style can print (render cache and disambiguation memo keys). */
  sensitivity: PositionSensitivity;
  viaPhrase: string;
}

export interface BuiltCiteproc {
  engine: CiteprocEngine;
  renderCache: RenderCache;
  /** Collator-based sort comparison given to citeproc (see sortCompare). */
  compare: (a: string, b: string) => number;
  /** Whether the fast paths are installed: without them documents load and reset citeproc's own way. */
  fast: boolean;
}

function itemData(lookup: ItemLookup, id: string): CslItem {
  const item = lookup(id);
  if (!item) throw new Error(`citation refers to unknown item "${id}"`);
  return item.id === id ? item : { ...item, id };
}

/**
 * Builds a citeproc engine for this style with the fast paths installed when they are on.
 * The via-punctuation move is not a fast path (it changes the output on purpose): it is
 * installed either way.
 */
export function buildCiteproc(setup: CiteprocSetup): BuiltCiteproc {
  const CSL = citeproc();
  const fast = citeprocFastPaths();
  // Set once the engine exists; the sort comparison made before it reads it lazily.
  // eslint-disable-next-line prefer-const -- read by the closure before its one assignment
  let built: CiteprocEngine | undefined;
  const compare = sortCompare(() => built!);
  const sys = {
    retrieveLocale: (lang: string) => loadLocale(lang),
    retrieveItem: (id: string) => itemData(setup.lookup, id),
  };
  // citeproc edits the style tree while building (adds name and institution nodes): give it a copy.
  const create = () => new CSL.Engine(sys, structuredClone(setup.tree), setup.forceLocale ?? setup.fallbackLang, !!setup.forceLocale);
  const engine = fast ? withSortCompare(compare, create) : create();
  built = engine;
  engine.setOutputFormat('html');
  const renderCache = new RenderCache(engine, setup.sensitivity);
  if (fast) {
    installRenderCache(engine, renderCache);
    installDisambiguationMemo(engine, setup.sensitivity);
    installFlipFlopShortcut(engine);
  }
  installViaPunctuation(engine, setup.viaPhrase);
  return { engine, renderCache, compare, fast };
}
