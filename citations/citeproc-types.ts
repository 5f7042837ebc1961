/**
 * The types of the slice of citeproc-js Dossier uses (public API and the few internals the
 * fast paths reach): apart from the loader in citeproc.ts, so the modules that patch the
 * engine (citeproc-string-shortcuts.ts) can name them without importing the loader.
 */
import type { CslNode } from './csl-tree';

/** One cite as citeproc takes it in a citation cluster. */
export interface CiteprocCiteItem {
  id: string;
  locator?: string;
  label?: string;
  prefix?: string;
  suffix?: string;
  'suppress-author'?: boolean;
  'author-only'?: boolean;
  [key: string]: unknown;
}

/** A citation cluster; citeproc adds sortedItems/index to it while processing. */
export interface CiteprocCitation {
  citationID: string;
  citationItems: CiteprocCiteItem[];
  properties: { noteIndex: number; index?: number; mode?: string; unsorted?: boolean; [key: string]: unknown };
  /** [item data, cite] pairs in citation-sort order, created by citeproc. */
  sortedItems?: [{ id: string; [key: string]: unknown }, CiteprocCiteItem][];
}

/** [citationID, noteIndex] pairs: how processCitationCluster is told the document order. */
export type CitationRef = [string, number];

interface BibliographyParams {
  maxoffset: number;
  entryspacing: number;
  linespacing: number;
  hangingindent: boolean | number;
  'second-field-align': false | 'flush' | 'margin';
  bibstart: string;
  bibend: string;
  entry_ids: string[][];
}

interface CiteprocSys {
  retrieveLocale(lang: string): CslNode | undefined;
  retrieveItem(id: string): unknown;
  stringCompare?(a: string, b: string): number;
}

interface RegistryEntry {
  disambig: { names?: number[]; givens?: number[][]; year_suffix?: number | false; disambiguate?: number | boolean };
  seq?: number;
  ambig?: string;
  'citation-count'?: number;
  [key: string]: unknown;
}

/** citeproc internals used by citeproc-fast.ts (see that file for why). */
interface CiteprocRegistry {
  registry: Record<string, RegistryEntry>;
  ambigcites: Record<string, string[]>;
  citationreg: {
    citationById: Record<string, CiteprocCitation>;
    citationByIndex: CiteprocCitation[];
    citationsByItemId: Record<string, CiteprocCitation[]>;
  };
  reflist: { id: string }[];
}

export interface CiteprocEngine {
  opt: {
    xclass: 'note' | 'in-text';
    update_mode: number;
    styleID: string;
    styleName: string;
    lang: string;
    parallel: { enable: boolean };
    development_extensions: Record<string, boolean | number>;
  };
  citation: { opt: Record<string, unknown> };
  registry: CiteprocRegistry;
  disambiguate: { run(akey: string): void };
  tmp: { taintedCitationIDs: Record<string, boolean>; taintedItemIDs: Record<string, boolean>; [key: string]: unknown };
  setOutputFormat(format: 'html' | 'text' | 'rtf'): void;
  updateItems(ids: string[], nosort?: boolean, rerunAmbigs?: boolean, implicit?: boolean): string[];
  processCitationCluster(
    citation: CiteprocCitation,
    pre: CitationRef[],
    post: CitationRef[],
    flag?: number,
  ): [{ bibchange: boolean; citation_errors: unknown[] }, [number, string, string][]];
  rebuildProcessorState(citations: CiteprocCitation[], mode?: string, uncited?: string[]): [string, number, string][];
  makeBibliography(): false | [BibliographyParams, string[]];
  /** Internal renderer: one cluster from its sortedItems (instance overrides win). */
  process_CitationCluster(sortedItems: NonNullable<CiteprocCitation['sortedItems']>, citation: CiteprocCitation): string;
  [key: string]: unknown;
}

export interface CiteprocModule {
  Engine: new (sys: CiteprocSys, style: CslNode | string, lang?: string, forceLang?: boolean) => CiteprocEngine;
  /** An engine's document state: items, citations, disambiguation (see resetDocumentState). */
  Registry: new (engine: CiteprocEngine) => CiteprocRegistry;
  Disambiguation: new (engine: CiteprocEngine) => CiteprocEngine['disambiguate'];
  ASSUME_ALL_ITEMS_REGISTERED: number;
  /** opt.update_mode of styles that print citation numbers. */
  NUMERIC: number;
  toLocaleLowerCase(this: { tmp: { lang_array?: string[] } }, s: string): string;
  /** Set by an Engine whose sys provides stringCompare; read by sorters built afterwards. */
  stringCompare?: (a: string, b: string) => number;
  toLocaleUpperCase(this: { tmp: { lang_array?: string[] } }, s: string): string;
  [key: string]: unknown;
}
