/**
 * The document a CitationEngine holds: a mirror of its citation clusters in order, kept in
 * step with citeproc's own state through whole renders and incremental edits (insert, move,
 * remove, change a citation), reporting which clusters citeproc re-rendered: Ibid. and short
 * forms move when notes move.
 *
 * The mirror is also how a failure is survived: when citeproc throws mid-operation its state
 * is unknown, and the next call rebuilds a citeproc engine from the mirror.
 */
import { type CitationRef, type CiteprocCitation, type CiteprocEngine, citeproc } from './citeproc';
import { loadDocument, type PositionSensitivity, RenderCache, resetDocumentState } from './citeproc-fast';
import { CITATION_ID_PREFIX, type CitationBuilder } from './cluster-citation';
import type { BuiltCiteproc } from './engine-setup';
import type { ClusterInput, ClusterResult, RenderDocumentOptions } from './engine-types';
import { htmlToRuns, type Run } from './html-runs';

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

export class ClusterDocument {
  /** The locale citeproc renders with (e.g. "en-US", "en-GB"). */
  readonly lang: string;

  private engine!: CiteprocEngine;
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
  private compare!: (a: string, b: string) => number;
  /** The engine has the fast paths (engine-setup.ts); without them, documents load and reset citeproc's own way. */
  private fast = true;
  /** The style prints citation numbers: edits re-render the document (see applyByRerender). */
  private readonly numbered: boolean;

  constructor(
    private readonly build: () => BuiltCiteproc,
    private readonly citations: CitationBuilder,
    private readonly sensitivity: PositionSensitivity,
  ) {
    this.newCiteproc();
    this.lang = this.engine.opt.lang;
    this.numbered = this.engine.opt.update_mode === citeproc().NUMERIC;
  }

  private newCiteproc(): void {
    const built = this.build();
    this.engine = built.engine;
    this.renderCache = built.renderCache;
    this.compare = built.compare;
    this.fast = built.fast;
  }

  private result(entry: Entry, index: number): ClusterResult {
    entry.runs ??= htmlToRuns(entry.html);
    const out: ClusterResult = { id: entry.input.id, html: entry.html, runs: entry.runs };
    if (this.citations.isNoteStyle) out.noteNumber = index + 1;
    return out;
  }

  private refs(entries: readonly Entry[], firstIndex: number): CitationRef[] {
    return entries.map((e, i) => [e.citation.citationID, this.citations.noteIndex(firstIndex + i)]);
  }

  // ------------------------------------------------------------------ whole documents

  /** Renders a whole document from scratch and makes it the current one (CitationEngine.renderDocument). */
  renderDocument(clusters: ClusterInput[], options: RenderDocumentOptions = {}): ClusterResult[] {
    const ids = new Set<string>();
    for (const c of clusters) {
      if (ids.has(c?.id)) throw new Error(`duplicate cluster id "${c.id}"`);
      ids.add(c?.id);
    }
    const citations = clusters.map((c, i) => this.citations.toCitation(c, i));
    this.resetCiteproc();
    this.fresh = false;
    let html: Array<string | undefined>;
    if (options.seed) this.renderCache.seed(options.seed);
    try {
      html = this.fast ? loadDocument(this.engine, citations, options.render) : this.plainLoad(citations, options.render);
    } catch (e) {
      // The previous document stays the engine's document; the next call rebuilds from it.
      this.broken = true;
      throw asError(e);
    } finally {
      // Seeded renderings belong to this document's items: the ones used are in the cache now.
      this.renderCache.unseed();
    }
    this.order.length = 0;
    this.byId.clear();
    this.pending.clear();
    clusters.forEach((input, i) => {
      const entry: Entry = { input, citation: citations[i], html: html[i] ?? '', runs: undefined };
      if (html[i] === undefined) this.pending.add(input.id);
      this.order.push(entry);
      this.byId.set(input.id, entry);
    });
    return this.order.map((e, i) => this.result(e, i));
  }

  /** Takes the html of clusters another engine rendered (CitationEngine.adoptRendered). */
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

  /** Fast paths off: the documented whole-document call, clusters `shouldRender` leaves out dropped as loadDocument does. */
  private plainLoad(citations: CiteprocCitation[], shouldRender: (index: number) => boolean = () => true): Array<string | undefined> {
    const html = new Map(this.engine.rebuildProcessorState(citations, 'html', []).map(([id, , text]) => [id, text]));
    return citations.map((c, i) => (shouldRender(i) ? (html.get(c.citationID) ?? '') : undefined));
  }

  /** A citeproc engine with an empty document: the same one emptied, or a new one after a failure (or without fast paths). */
  private resetCiteproc(): void {
    if (this.broken || (!this.fast && !this.fresh)) this.newCiteproc();
    else if (!this.fresh) resetDocumentState(this.engine, this.compare, this.sensitivity, this.renderCache);
    this.fresh = true;
    this.broken = false;
  }

  /** The current document, all clusters in order. */
  clusters(): ClusterResult[] {
    this.ensureConsistent();
    return this.order.map((e, i) => this.result(e, i));
  }

  /** Re-renders the document with every item read again; returns the clusters whose rendering changed. */
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

  /**
   * The citeproc engine holding the document's registered items, for the bibliography. That
   * depends on the registered items and their disambiguation, not on any cluster's
   * rendering: clusters waiting for another engine stay waiting (the helper of a split
   * render would otherwise render the other thread's whole share here).
   */
  registry(): CiteprocEngine {
    if (this.broken) this.ensureConsistent();
    return this.engine;
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
    target.citation.properties.noteIndex = this.citations.noteIndex(index);
    let rendered: [number, string, string][];
    try {
      this.fresh = false;
      rendered = this.engine.processCitationCluster(target.citation, this.refs(next.slice(0, index), 0), this.refs(next.slice(index + 1), index + 1))[1];
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

  insertCluster(cluster: ClusterInput, index: number): ClusterResult[] {
    this.ensureConsistent();
    if (this.byId.has(cluster?.id)) throw new Error(`duplicate cluster id "${cluster.id}"`);
    const at = Math.max(0, Math.min(Math.trunc(index), this.order.length));
    const entry: Entry = { input: cluster, citation: this.citations.toCitation(cluster, at), html: '', runs: undefined };
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

  moveCluster(id: string, toIndex: number): ClusterResult[] {
    this.ensureConsistent();
    const entry = this.entry(id);
    const next = this.order.filter((e) => e !== entry);
    const at = Math.max(0, Math.min(Math.trunc(toIndex), next.length));
    next.splice(at, 0, entry);
    if (next.every((e, i) => e === this.order[i])) return [];
    return this.apply(next, entry, at, false);
  }

  updateCluster(cluster: ClusterInput): ClusterResult[] {
    this.ensureConsistent();
    const old = this.entry(cluster?.id);
    const index = this.order.indexOf(old);
    const entry: Entry = { input: cluster, citation: this.citations.toCitation(cluster, index), html: old.html, runs: old.runs };
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
   * citeproc has no removal call: the document without the cluster is given to citeproc by
   * re-processing the cluster that took its place (or the new last one).
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
      return this.apply(next, next[index], index, false);
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

  // ------------------------------------------------------------------ lookups for exporters

  /** The runs this document rendered for exactly this cluster object, if it holds it. */
  writtenRuns(cluster: ClusterInput): Run[] | undefined {
    const entry = this.byId.get(cluster.id);
    // The runs as written (a warm session's cluster objects are new copies of the engine's).
    return entry && entry.input === cluster ? (entry.runs ??= htmlToRuns(entry.html)) : undefined;
  }

  /**
   * A cluster's place in the document, -1 when absent. Exporters ask for every cluster in
   * turn, so the positions are kept in a map, rebuilt whenever it no longer agrees with the
   * order (which the edit methods change in several ways).
   */
  indexOf(clusterId: string): number {
    const cached = this.positions.get(clusterId);
    if (cached !== undefined && this.order[cached]?.input.id === clusterId) return cached;
    this.positions = new Map(this.order.map((e, i) => [e.input.id, i]));
    return this.positions.get(clusterId) ?? -1;
  }

  /** Render-cache counters (for benchmarks and diagnostics); `seeded`: hits from renderings given to renderDocument. */
  cacheStats(): { hits: number; misses: number; seeded: number } {
    return { hits: this.renderCache.hits, misses: this.renderCache.misses, seeded: this.renderCache.seededHits };
  }

  /**
   * Each current cluster's render-cache key and rendering, for a later renderDocument's `seed`
   * (clusters citeproc renders uncached, such as legal cases, have none).
   */
  renderedEntries(): Array<[keyDigest: string, html: string]> {
    this.ensureConsistent();
    return this.renderCache.entries(this.order.map((e) => e.citation.citationID));
  }

  /**
   * What the bibliography is made from besides the items' data and the style: the registered
   * items in citeproc's order with their sequence numbers (citation-number styles) and their
   * disambiguation (year suffixes, added names).
   */
  bibliographyInputs(): string {
    const { registry, reflist } = this.registry().registry;
    return JSON.stringify(reflist.map(({ id }) => [id, registry[id]?.seq, registry[id]?.disambig]));
  }
}
