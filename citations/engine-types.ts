/**
 * The shapes CitationEngine takes and gives: clusters of cites going in, rendered clusters
 * and the bibliography coming out, and the options an engine is created with.
 */
import type { CslItem } from '../core/csl';
import type { Run } from './html-runs';

/** The source a fact was found in, when it is quoted from another source ("X, quoted in Y"). */
export interface ViaInput {
  itemId: string;
  locator?: string;
  label?: string;
}

export interface CiteInput {
  itemId: string;
  locator?: string;
  /** CSL locator label: page, paragraph, section, chapter, figure... (default page). */
  label?: string;
  prefix?: string;
  suffix?: string;
  /** In-text styles: leave the author out, "Lee (2024, 3) found" written as "Lee [-@id] found". */
  suppressAuthor?: boolean;
  /** Cite the original (itemId) as found in another source: rendered "…, quoted in …". */
  via?: ViaInput;
}

export interface ClusterInput {
  id: string;
  cites: CiteInput[];
}

export interface ClusterResult {
  id: string;
  /** Footnote number (note styles only): cluster i is note i + 1. */
  noteNumber?: number;
  html: string;
  runs: Run[];
}

export interface BibliographyEntry {
  html: string;
  runs: Run[];
}

export interface Bibliography {
  entries: BibliographyEntry[];
  hangingIndent: boolean;
  /** Extra blank lines between entries (CSL entry-spacing), when the style sets it. */
  entrySpacing?: number;
  /** Line spacing within entries (CSL line-spacing), when the style sets it. */
  lineSpacing?: number;
  /** Numeric styles: the label ("[1]") sits in a margin column followed by a tab. */
  secondFieldAlign?: 'flush' | 'margin';
}

export interface RenderDocumentOptions {
  /**
   * Which clusters (by index) this engine renders; the others get their html through
   * adoptRendered, from another engine that rendered them (split-render.ts). Default: all.
   */
  render?: (index: number) => boolean;
  /**
   * Renderings of an earlier document with the same style, items and citeproc, by render-cache
   * key digest (renderedEntries): a cluster whose key is among them is not rendered again.
   */
  seed?: ReadonlyArray<readonly [keyDigest: string, html: string]>;
}

export type ItemLookup = (id: string) => CslItem | undefined;

export interface CitationEngineOptions {
  /** A bundled/repository style id, or a user style id found in userStyleDir. */
  styleId?: string;
  /** A CSL style given as text instead of an id (e.g. a file the analyst is trying out). */
  styleXml?: string;
  userStyleDir?: string;
  /** Render in this locale, overriding the style's default-locale (e.g. "en-GB"). */
  locale?: string;
  /** Locale used only when the style names none (citeproc's non-forced language); default en-US. */
  lang?: string;
  items: ItemLookup;
  /** Phrase for secondary citations; default: the style's (Chicago "quoted in", APA "as cited in"). */
  viaPhrase?: string;
}
