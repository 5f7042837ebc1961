/**
 * CitationEngine: one citeproc-js engine for one style, locale and item library, plus a
 * mirror of the document's citation clusters so the app can edit a briefing (insert, move,
 * remove, change a citation) and learn which notes citeproc re-rendered: Ibid. and short
 * forms move when notes move.
 *
 * Cluster i of a note style is footnote i + 1. Every rendering decision (full vs short
 * form, Ibid., disambiguation, sorting) is citeproc's; citeproc-fast.ts only avoids
 * repeating work (see there). Output is citeproc's html, also given as formatted runs.
 *
 * This file is the public face; the parts live beside it: engine-types.ts (the shapes in and
 * out), engine-setup.ts (style and citeproc construction), cluster-citation.ts (a cluster as
 * a citeproc citation), cluster-document.ts (the mirror and its edits), bibliography.ts.
 */
import type { CslItem } from '../core/csl';
import { makeBibliography } from './bibliography';
import type { CiteprocCiteItem } from './citeproc';
import { bibliographyInCitationOrder, positionSensitivity } from './citeproc-fast';
import { CitationBuilder } from './cluster-citation';
import { ClusterDocument } from './cluster-document';
import type { CslNode } from './csl-tree';
import { buildCiteproc, resolveStyle, type StyleFacts } from './engine-setup';
import type { Bibliography, CitationEngineOptions, ClusterInput, ClusterResult, ItemLookup, RenderDocumentOptions } from './engine-types';
import type { Run } from './html-runs';
import type { StyleClass } from './style-types';
import { buildZoteroPayload, type ZoteroCitationPayload } from './zotero';

export type {
  Bibliography,
  BibliographyEntry,
  CitationEngineOptions,
  CiteInput,
  ClusterInput,
  ClusterResult,
  ItemLookup,
  RenderDocumentOptions,
  ViaInput,
} from './engine-types';

export class CitationEngine {
  readonly styleId: string;
  readonly styleTitle: string;
  readonly styleClass: StyleClass;
  /** The style's CSL id URI (Zotero's document preferences name the style by it). */
  readonly styleUri: string;
  readonly styleHasBibliography: boolean;
  /**
   * Whether the sources list follows the order sources are first cited (no sort, or a sort by
   * citation number: IEEE, Vancouver…): a move then reorders the list as well as the notes.
   */
  readonly bibliographyInCitationOrder: boolean;
  /** The locale citeproc renders with (e.g. "en-US", "en-GB"). */
  readonly locale: string;
  readonly viaPhrase: string;

  private readonly citations: CitationBuilder;
  private readonly doc: ClusterDocument;

  private constructor(
    tree: CslNode,
    forceLocale: string | undefined,
    fallbackLang: string,
    private readonly lookup: ItemLookup,
    info: StyleFacts,
  ) {
    this.styleId = info.id;
    this.styleTitle = info.title;
    this.styleClass = info.class;
    this.styleUri = info.uri;
    this.styleHasBibliography = info.hasBibliography;
    this.bibliographyInCitationOrder = bibliographyInCitationOrder(tree);
    this.viaPhrase = info.via;
    const sensitivity = positionSensitivity(tree);
    this.citations = new CitationBuilder(this.isNoteStyle, this.viaPhrase, lookup);
    const setup = { tree, forceLocale, fallbackLang, lookup, sensitivity, viaPhrase: this.viaPhrase };
    this.doc = new ClusterDocument(() => buildCiteproc(setup), this.citations, sensitivity);
    this.locale = this.doc.lang;
  }

  static create(options: CitationEngineOptions): CitationEngine {
    const { tree, info } = resolveStyle(options);
    return new CitationEngine(tree, options.locale, options.lang ?? 'en-US', options.items, info);
  }

  get isNoteStyle(): boolean {
    return this.styleClass === 'note';
  }

  // ------------------------------------------------------------------ whole documents

  /**
   * Renders a whole document (clusters in document order) from scratch and makes it the
   * engine's current document. Note styles: cluster i is footnote i + 1.
   */
  renderDocument(clusters: ClusterInput[], options: RenderDocumentOptions = {}): ClusterResult[] {
    return this.doc.renderDocument(clusters, options);
  }

  /**
   * Takes the html of clusters that renderDocument left out (`render` option), as another
   * engine with the same style, items and document rendered them (split-render.ts). Only
   * clusters still waiting for their html are accepted.
   */
  adoptRendered(rendered: ReadonlyArray<readonly [clusterId: string, html: string]>): ClusterResult[] {
    return this.doc.adoptRendered(rendered);
  }

  /** The current document, all clusters in order. */
  clusters(): ClusterResult[] {
    return this.doc.clusters();
  }

  /**
   * Re-reads every item through the lookup (after sources were edited) and re-renders the
   * document. Returns the clusters whose rendering changed.
   */
  refresh(): ClusterResult[] {
    return this.doc.refresh();
  }

  // ------------------------------------------------------------------- incremental edits
  //
  // Each edit returns the clusters whose rendering changed, in document order, with their
  // current note numbers (see cluster-document.ts); clusters() has the whole document.

  /** Inserts a cluster at `index` (clamped to the document). */
  insertCluster(cluster: ClusterInput, index: number): ClusterResult[] {
    return this.doc.insertCluster(cluster, index);
  }

  /** Moves a cluster so it ends up at `toIndex` of the resulting document (listed only if its text changed). */
  moveCluster(id: string, toIndex: number): ClusterResult[] {
    return this.doc.moveCluster(id, toIndex);
  }

  /** Replaces a cluster's cites, keeping its place. */
  updateCluster(cluster: ClusterInput): ClusterResult[] {
    return this.doc.updateCluster(cluster);
  }

  /** Removes a cluster; returns the other clusters that changed. */
  removeCluster(id: string): ClusterResult[] {
    return this.doc.removeCluster(id);
  }

  // ---------------------------------------------------------------------- bibliography

  /** The bibliography of the cited items, in the style's order (empty if the style has none). */
  bibliography(): Bibliography {
    return makeBibliography(this.doc.registry());
  }

  // ---------------------------------------------------------------------------- Zotero

  /**
   * The JSON Zotero's Word plugin keeps in an `ADDIN ZOTERO_ITEM CSL_CITATION` field for
   * this cluster (see zotero.ts for the format decisions). `renderedPlainText` must be the
   * citation text exactly as written into the document, `renderedRuns` its formatted runs
   * (default: this engine's rendering, for the same cluster object). Wrap it with zoteroFieldInstruction.
   */
  zoteroCitationPayload(cluster: ClusterInput, renderedPlainText: string, renderedRuns?: readonly Run[]): ZoteroCitationPayload {
    const runs = renderedRuns ?? this.doc.writtenRuns(cluster);
    return buildZoteroPayload(cluster.id, renderedPlainText, {
      items: this.lookup,
      noteIndex: this.noteIndexOf(cluster.id),
      cites: this.expandedCites(cluster),
      ...(runs ? { runs } : {}),
    });
  }

  // ---------------------------------------------------------------------------- stats

  /** Render-cache counters (for benchmarks and diagnostics). */
  cacheStats(): { hits: number; misses: number; seeded: number } {
    return this.doc.cacheStats();
  }

  /** The current clusters' renderings by render-cache key, to seed a later renderDocument with (note cache). */
  renderedEntries(): Array<[keyDigest: string, html: string]> {
    return this.doc.renderedEntries();
  }

  /** A digest-ready string of what the bibliography depends on besides the style and the items' data. */
  bibliographyInputs(): string {
    return this.doc.bibliographyInputs();
  }

  /** The citeproc citation items a cluster expands to (after via expansion); for exporters. */
  expandedCites(cluster: ClusterInput): CiteprocCiteItem[] {
    const index = this.doc.indexOf(cluster.id);
    return this.citations.toCitation(cluster, Math.max(0, index)).citationItems.map((c) => ({ ...c }));
  }

  /** The note index Zotero would record for a cluster (0 for in-text styles or unknown clusters). */
  noteIndexOf(clusterId: string): number {
    const index = this.doc.indexOf(clusterId);
    return index < 0 ? 0 : this.citations.noteIndex(index);
  }

  /** The item data for an id, as the engine's lookup returns it. */
  item(id: string): CslItem | undefined {
    return this.lookup(id);
  }
}
