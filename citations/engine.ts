/**
 * CitationEngine: one citeproc-js engine for one style, locale and item library, plus a
 * mirror of the document's citation clusters so the app can edit a briefing (insert, move,
 * remove, change a citation) and learn which notes citeproc re-rendered: Ibid. and short
 * forms move when notes move.
 *
 * Cluster i of a note style is footnote i + 1. Every rendering decision (full vs short
 * form, Ibid., disambiguation, sorting) is citeproc's; citeproc-fast.ts only avoids
 * repeating work (see there). Output is citeproc's html, also given as formatted runs.
 */
import type { CslItem } from '../core/csl';
import {
  type CitationRef,
  type CiteprocCitation,
  type CiteprocCiteItem,
  type CiteprocEngine,
  citeproc,
} from './citeproc';
import {
  installDisambiguationMemo,
  installRenderCache,
  loadDocument,
  type PositionSensitivity,
  positionSensitivity,
  RenderCache,
  resetDocumentState,
  sortCompare,
  withSortCompare,
} from './citeproc-fast';
import type { CslNode } from './csl-tree';
import { htmlToRuns, type Run } from './html-runs';
import { installFlipFlopShortcut } from './citeproc-string-shortcuts';
import { loadLocale } from './locales';
import { cslLocatorLabel } from './locator-label';
import { loadStyle } from './style-catalog';
import type { StyleClass } from './style-types';
import { parseUserStyle } from './user-style';
import { installViaPunctuation } from './via-punctuation';
import { buildZoteroPayload, type ZoteroCitationPayload } from './zotero';

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

interface Entry {
  input: ClusterInput;
  citation: CiteprocCitation;
  html: string;
  runs: Run[] | undefined;
}

/** citeproc throws strings ("citeproc-js error: ..."); callers get Errors. */
function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * A note is a sentence: "see" typed before the first cite of a note starts it with a capital
 * ("See Lindqvist, …"), as pandoc does. Given to citeproc so the Zotero field says the same.
 */
function capitalizeFirst(prefix: string): string {
  return prefix.replace(/^(\s*)(\p{Ll})/u, (_m, space: string, ch: string) => space + ch.toUpperCase());
}

/** citeproc sets a prefix off with a space only after a letter or stop: "cf. 🌾Lee" otherwise. */
function spaced(prefix: string): string {
  return /\s$/.test(prefix) ? prefix : `${prefix} `;
}

/** citeproc keeps citations in plain objects keyed by id; a prefix keeps ids like "__proto__" harmless. */
const CITATION_ID_PREFIX = 'k:';

export class CitationEngine {
  readonly styleId: string;
  readonly styleTitle: string;
  readonly styleClass: StyleClass;
  /** The locale citeproc renders with (e.g. "en-US", "en-GB"). */
  readonly locale: string;
  readonly viaPhrase: string;

  private engine: CiteprocEngine;
  /** false once citeproc holds a document: renderDocument then empties it first. */
  private fresh = true;
  /** Set when citeproc threw mid-operation: its state is unknown, so reload from the mirror. */
  private broken = false;
  private readonly order: Entry[] = [];
  private readonly byId = new Map<string, Entry>();
  private positions = new Map<string, number>();
  /** Clusters of the current document whose html another engine is rendering (adoptRendered). */
  private readonly pending = new Set<string>();
  private renderCache!: RenderCache;
  /** Collator-based sort comparison given to citeproc (see sortCompare). */
  private compare!: (a: string, b: string) => number;
  /** Which note-number fields this style can print (render cache and disambiguation memo keys). */
  private readonly sensitivity: PositionSensitivity;
  /** The style prints citation numbers: edits re-render the document (see applyByRerender). */
  private readonly numbered: boolean;

  private constructor(
    private readonly tree: CslNode,
    private readonly forceLocale: string | undefined,
    private readonly fallbackLang: string,
    private readonly lookup: ItemLookup,
    info: { id: string; title: string; class: StyleClass; via: string },
  ) {
    this.styleId = info.id;
    this.styleTitle = info.title;
    this.styleClass = info.class;
    this.viaPhrase = info.via;
    this.sensitivity = positionSensitivity(tree);
    this.engine = this.newCiteproc();
    this.locale = this.engine.opt.lang;
    this.numbered = this.engine.opt.update_mode === citeproc().NUMERIC;
  }

  static create(options: CitationEngineOptions): CitationEngine {
    if (!options.styleId === !options.styleXml) throw new Error('CitationEngine.create needs exactly one of styleId or styleXml');
    let tree: CslNode;
    let info: { id: string; title: string; class: StyleClass; via: string };
    if (options.styleXml) {
      const parsed = parseUserStyle(options.styleXml);
      tree = parsed.tree;
      info = { id: parsed.id, title: parsed.title, class: parsed.class, via: options.viaPhrase ?? 'cited in' };
    } else {
      const loaded = loadStyle(options.styleId!, options.userStyleDir);
      tree = loaded.tree;
      info = { id: loaded.id, title: loaded.title, class: loaded.class, via: options.viaPhrase ?? loaded.via ?? 'cited in' };
    }
    return new CitationEngine(tree, options.locale, options.lang ?? 'en-US', options.items, info);
  }

  get isNoteStyle(): boolean {
    return this.styleClass === 'note';
  }

  /** Builds a citeproc engine for this style with the fast paths installed. */
  private newCiteproc(): CiteprocEngine {
    const CSL = citeproc();
    let built: CiteprocEngine | undefined;
    this.compare = sortCompare(() => built!);
    const sys = {
      retrieveLocale: (lang: string) => loadLocale(lang),
      retrieveItem: (id: string) => this.itemData(id),
    };
    // citeproc edits the style tree while building (adds name and institution nodes): give it a copy.
    const engine = withSortCompare(
      this.compare,
      () => new CSL.Engine(sys, structuredClone(this.tree), this.forceLocale ?? this.fallbackLang, !!this.forceLocale),
    );
    built = engine;
    engine.setOutputFormat('html');
    this.renderCache = new RenderCache(engine, this.sensitivity);
    installRenderCache(engine, this.renderCache);
    installDisambiguationMemo(engine, this.sensitivity);
    installFlipFlopShortcut(engine);
    installViaPunctuation(engine, this.viaPhrase);
    return engine;
  }

  private itemData(id: string): CslItem {
    const item = this.lookup(id);
    if (!item) throw new Error(`citation refers to unknown item "${id}"`);
    return item.id === id ? item : { ...item, id };
  }

  // ---------------------------------------------------------------- clusters → citeproc

  private noteIndex(index: number): number {
    return this.isNoteStyle ? index + 1 : 0;
  }

  private checkItem(clusterId: string, itemId: string): void {
    if (typeof itemId !== 'string' || !itemId || !this.lookup(itemId)) {
      throw new Error(`cluster "${clusterId}": unknown item "${String(itemId)}"`);
    }
  }

  /**
   * A Dossier cluster as a citeproc citation. A cite with `via` becomes two cites: the
   * original, then the source it was found in, prefixed ", quoted in ". citeproc drops
   * the cluster delimiter ("; ") before a cite prefix that starts with a comma, giving
   * "Original, 12, quoted in Source, 45." in one note; the cluster is marked unsorted so
   * author-date styles cannot reorder the pair.
   */
  private toCitation(input: ClusterInput, index: number): CiteprocCitation {
    if (!input || typeof input.id !== 'string' || !input.id) throw new Error('cluster without an id');
    if (!Array.isArray(input.cites) || input.cites.length === 0) throw new Error(`cluster "${input.id}" has no cites`);
    const citationItems: CiteprocCiteItem[] = [];
    let hasVia = false;
    for (const cite of input.cites) {
      this.checkItem(input.id, cite.itemId);
      const original: CiteprocCiteItem = { id: cite.itemId };
      if (cite.locator) original.locator = cite.locator;
      if (cite.label) original.label = cslLocatorLabel(cite.label);
      if (cite.prefix) original.prefix = spaced(citationItems.length === 0 && this.isNoteStyle ? capitalizeFirst(cite.prefix) : cite.prefix);
      if (cite.suffix) original.suffix = cite.suffix;
      if (cite.suppressAuthor) original['suppress-author'] = true;
      citationItems.push(original);
      if (cite.via && cite.via.itemId !== cite.itemId) {
        this.checkItem(input.id, cite.via.itemId);
        hasVia = true;
        const secondary: CiteprocCiteItem = { id: cite.via.itemId };
        if (cite.via.locator) secondary.locator = cite.via.locator;
        if (cite.via.label) secondary.label = cslLocatorLabel(cite.via.label);
        if (original.suffix) {
          // citeproc reduces the delimiter to a space after a suffix ending in a comma
          original.suffix = `${original.suffix.replace(/[\s,;]+$/, '')},`;
          secondary.prefix = `${this.viaPhrase} `;
        } else {
          secondary.prefix = `, ${this.viaPhrase} `;
        }
        citationItems.push(secondary);
      }
    }
    return {
      citationID: CITATION_ID_PREFIX + input.id,
      citationItems,
      properties: { noteIndex: this.noteIndex(index), ...(hasVia ? { unsorted: true } : {}) },
    };
  }

  private result(entry: Entry, index: number): ClusterResult {
    entry.runs ??= htmlToRuns(entry.html);
    const out: ClusterResult = { id: entry.input.id, html: entry.html, runs: entry.runs };
    if (this.isNoteStyle) out.noteNumber = index + 1;
    return out;
  }

  private refs(entries: readonly Entry[], firstIndex: number): CitationRef[] {
    return entries.map((e, i) => [e.citation.citationID, this.noteIndex(firstIndex + i)]);
  }

  // ------------------------------------------------------------------ whole documents

  /**
   * Renders a whole document (clusters in document order) from scratch and makes it the
   * engine's current document. Note styles: cluster i is footnote i + 1.
   */
  renderDocument(clusters: ClusterInput[], options: RenderDocumentOptions = {}): ClusterResult[] {
    const ids = new Set<string>();
    for (const c of clusters) {
      if (ids.has(c?.id)) throw new Error(`duplicate cluster id "${c.id}"`);
      ids.add(c?.id);
    }
    const citations = clusters.map((c, i) => this.toCitation(c, i));
    this.resetCiteproc();
    this.fresh = false;
    let html: Array<string | undefined>;
    try {
      html = loadDocument(this.engine, citations, options.render);
    } catch (e) {
      // The previous document stays the engine's document; the next call rebuilds from it.
      this.broken = true;
      throw asError(e);
    }
    this.order.length = 0;
    this.byId.clear();
    this.pending.clear();
    clusters.forEach((input, i) => {
      const entry: Entry = { input, citation: citations[i]!, html: html[i] ?? '', runs: undefined };
      if (html[i] === undefined) this.pending.add(input.id);
      this.order.push(entry);
      this.byId.set(input.id, entry);
    });
    return this.order.map((e, i) => this.result(e, i));
  }

  /**
   * Takes the html of clusters that renderDocument left out (`render` option), as another
   * engine with the same style, items and document rendered them (split-render.ts). Only
   * clusters still waiting for their html are accepted.
   */
  adoptRendered(rendered: ReadonlyArray<readonly [clusterId: string, html: string]>): ClusterResult[] {
    for (const [id, html] of rendered) {
      const entry = this.byId.get(id);
      if (!entry || !this.pending.has(id)) throw new Error(`cluster "${id}" is not waiting for a rendering`);
      entry.html = html;
      entry.runs = undefined;
      this.pending.delete(id);
    }
    return this.order.map((e, i) => this.result(e, i));
  }

  /** A citeproc engine with an empty document: the same one emptied, or a new one after a failure. */
  private resetCiteproc(): void {
    if (this.broken) this.engine = this.newCiteproc();
    else if (!this.fresh) resetDocumentState(this.engine, this.compare, this.sensitivity, this.renderCache);
    this.fresh = true;
    this.broken = false;
  }

  /** The current document, all clusters in order. */
  clusters(): ClusterResult[] {
    this.ensureConsistent();
    return this.order.map((e, i) => this.result(e, i));
  }

  /**
   * Re-reads every item through the lookup (after sources were edited) and re-renders the
   * document. Returns the clusters whose rendering changed.
   */
  refresh(): ClusterResult[] {
    const before = new Map(this.order.map((e) => [e.input.id, e.html]));
    this.renderDocument(this.order.map((e) => e.input));
    return this.order.flatMap((e, i) => (before.get(e.input.id) === e.html ? [] : [this.result(e, i)]));
  }

  /** After a citeproc failure the engine is rebuilt from the mirror before the next edit. */
  private ensureConsistent(): void {
    if (this.broken) {
      this.renderDocument(this.order.map((e) => e.input));
      return;
    }
    // Clusters left for another engine and never adopted: render them here, in the
    // document state renderDocument left (nothing has changed it while they were pending).
    for (const id of this.pending) {
      const entry = this.byId.get(id)!;
      entry.html = this.engine.process_CitationCluster(entry.citation.sortedItems ?? [], entry.citation);
      entry.runs = undefined;
    }
    this.pending.clear();
  }

  // ------------------------------------------------------------------- incremental edits
  //
  // Each edit returns the clusters whose rendering changed, in document order, with their
  // current note numbers: the inserted or updated cluster always, plus every other cluster
  // citeproc re-rendered to something new (Ibid. becoming a short form, a full first note
  // moving). Clusters that only changed number are not listed; clusters() has the whole
  // document.

  /**
   * Runs citeproc's processCitationCluster for `target` at position `index` of `next`
   * (the document after the edit), then reports every cluster whose html changed, plus
   * the target itself, in document order.
   */
  private apply(next: Entry[], target: Entry, index: number, alwaysReport: boolean): ClusterResult[] {
    if (this.numbered) return this.applyByRerender(next, target, alwaysReport);
    target.citation.properties.noteIndex = this.noteIndex(index);
    let rendered: [number, string, string][];
    try {
      this.fresh = false;
      rendered = this.engine.processCitationCluster(
        target.citation,
        this.refs(next.slice(0, index), 0),
        this.refs(next.slice(index + 1), index + 1),
      )[1];
    } catch (e) {
      this.broken = true;
      throw asError(e);
    }
    this.order.splice(0, this.order.length, ...next);
    const changed = new Set<Entry>();
    if (alwaysReport) changed.add(target);
    for (const [, html, citationID] of rendered) {
      const entry = this.byId.get(citationID.slice(CITATION_ID_PREFIX.length));
      if (!entry || entry.html === html) continue;
      entry.html = html;
      entry.runs = undefined;
      changed.add(entry);
    }
    const out: ClusterResult[] = [];
    this.order.forEach((e, i) => {
      if (changed.has(e)) out.push(this.result(e, i));
    });
    return out;
  }

  /**
   * Edits for citation-number styles (IEEE, Vancouver...). citeproc's incremental path
   * renumbers them unreliably: in our tests a move left "[12], [13, para. 42]" where a
   * fresh render gives "[12, para. 42], [13]", and numbers in untouched clusters stale.
   * Numeric clusters are cheap to render, so these styles re-render the whole document
   * and report the differences.
   */
  private applyByRerender(next: Entry[], target: Entry, alwaysReport: boolean): ClusterResult[] {
    const before = new Map(this.order.map((e) => [e.input.id, e.html]));
    this.renderDocument(next.map((e) => e.input));
    const out: ClusterResult[] = [];
    this.order.forEach((e, i) => {
      if (before.get(e.input.id) !== e.html || (alwaysReport && e.input.id === target.input.id)) out.push(this.result(e, i));
    });
    return out;
  }

  /** Inserts a cluster at `index` (clamped to the document). */
  insertCluster(cluster: ClusterInput, index: number): ClusterResult[] {
    this.ensureConsistent();
    if (this.byId.has(cluster?.id)) throw new Error(`duplicate cluster id "${cluster.id}"`);
    const at = Math.max(0, Math.min(Math.trunc(index), this.order.length));
    const entry: Entry = { input: cluster, citation: this.toCitation(cluster, at), html: '', runs: undefined };
    const next = [...this.order];
    next.splice(at, 0, entry);
    this.byId.set(cluster.id, entry);
    try {
      return this.apply(next, entry, at, true);
    } catch (e) {
      this.byId.delete(cluster.id);
      throw e;
    }
  }

  /** Moves a cluster so it ends up at `toIndex` of the resulting document (listed only if its text changed). */
  moveCluster(id: string, toIndex: number): ClusterResult[] {
    this.ensureConsistent();
    const entry = this.entry(id);
    const next = this.order.filter((e) => e !== entry);
    const at = Math.max(0, Math.min(Math.trunc(toIndex), next.length));
    next.splice(at, 0, entry);
    if (next.every((e, i) => e === this.order[i])) return [];
    return this.apply(next, entry, at, false);
  }

  /** Replaces a cluster's cites, keeping its place. */
  updateCluster(cluster: ClusterInput): ClusterResult[] {
    this.ensureConsistent();
    const old = this.entry(cluster?.id);
    const index = this.order.indexOf(old);
    const entry: Entry = { input: cluster, citation: this.toCitation(cluster, index), html: old.html, runs: old.runs };
    const next = [...this.order];
    next[index] = entry;
    this.byId.set(cluster.id, entry);
    try {
      return this.apply(next, entry, index, true);
    } catch (e) {
      this.byId.set(cluster.id, old);
      throw e;
    }
  }

  /**
   * Removes a cluster; returns the other clusters that changed. citeproc has no removal
   * call: the document without it is given to citeproc by re-processing the cluster that
   * took its place (or the new last one).
   */
  removeCluster(id: string): ClusterResult[] {
    this.ensureConsistent();
    const entry = this.entry(id);
    const next = this.order.filter((e) => e !== entry);
    this.byId.delete(id);
    if (next.length === 0) {
      this.order.length = 0;
      this.fresh = false;
      this.engine.updateItems([]);
      return [];
    }
    const index = Math.min(this.order.indexOf(entry), next.length - 1);
    try {
      return this.apply(next, next[index]!, index, false);
    } catch (e) {
      this.byId.set(id, entry);
      throw e;
    }
  }

  private entry(id: string): Entry {
    const entry = this.byId.get(id);
    if (!entry) throw new Error(`no cluster "${id}" in this document`);
    return entry;
  }

  // ---------------------------------------------------------------------- bibliography

  /** The bibliography of the cited items, in the style's order (empty if the style has none). */
  bibliography(): Bibliography {
    // The bibliography depends on the registered items and their disambiguation, not on
    // any cluster's rendering: clusters waiting for another engine stay waiting (the helper
    // of a split render would otherwise render the other thread's whole share here).
    if (this.broken) this.ensureConsistent();
    const made = this.engine.makeBibliography();
    if (!made) return { entries: [], hangingIndent: false };
    const [params, html] = made;
    const out: Bibliography = {
      entries: html.map((h) => {
        const trimmed = h.trim();
        return { html: trimmed, runs: htmlToRuns(trimmed) };
      }),
      hangingIndent: !!params.hangingindent,
    };
    if (params.entryspacing) out.entrySpacing = params.entryspacing;
    if (params.linespacing) out.lineSpacing = params.linespacing;
    if (params['second-field-align']) out.secondFieldAlign = params['second-field-align'];
    return out;
  }

  // ---------------------------------------------------------------------------- Zotero

  /**
   * The JSON Zotero's Word plugin keeps in an `ADDIN ZOTERO_ITEM CSL_CITATION` field for
   * this cluster (see zotero.ts for the format decisions). `renderedPlainText` must be the
   * citation text exactly as written into the document, `renderedRuns` its formatted runs
   * (default: this engine's rendering, for the same cluster object). Wrap it with zoteroFieldInstruction.
   */
  zoteroCitationPayload(cluster: ClusterInput, renderedPlainText: string, renderedRuns?: readonly Run[]): ZoteroCitationPayload {
    const entry = this.byId.get(cluster.id);
    // The runs as written (a warm session's cluster objects are new copies of the engine's).
    const runs = renderedRuns ?? (entry && entry.input === cluster ? (entry.runs ??= htmlToRuns(entry.html)) : undefined);
    return buildZoteroPayload(cluster.id, renderedPlainText, {
      items: this.lookup,
      noteIndex: this.noteIndexOf(cluster.id),
      cites: this.expandedCites(cluster),
      ...(runs ? { runs } : {}),
    });
  }

  // ---------------------------------------------------------------------------- stats

  /** Render-cache counters (for benchmarks and diagnostics). */
  cacheStats(): { hits: number; misses: number } {
    return { hits: this.renderCache.hits, misses: this.renderCache.misses };
  }

  /** The citeproc citation items a cluster expands to (after via expansion); for exporters. */
  expandedCites(cluster: ClusterInput): CiteprocCiteItem[] {
    const index = this.indexOfCluster(cluster.id);
    return this.toCitation(cluster, Math.max(0, index)).citationItems.map((c) => ({ ...c }));
  }

  /** The note index Zotero would record for a cluster (0 for in-text styles or unknown clusters). */
  noteIndexOf(clusterId: string): number {
    const index = this.indexOfCluster(clusterId);
    return index < 0 ? 0 : this.noteIndex(index);
  }

  /**
   * A cluster's place in the document, -1 when absent. Exporters ask for every cluster in
   * turn, so the positions are kept in a map, rebuilt whenever it no longer agrees with the
   * order (which the edit methods change in several ways).
   */
  private indexOfCluster(clusterId: string): number {
    const cached = this.positions.get(clusterId);
    if (cached !== undefined && this.order[cached]?.input.id === clusterId) return cached;
    this.positions = new Map(this.order.map((e, i) => [e.input.id, i]));
    return this.positions.get(clusterId) ?? -1;
  }

  /** The item data for an id, as the engine's lookup returns it. */
  item(id: string): CslItem | undefined {
    return this.lookup(id);
  }
}
