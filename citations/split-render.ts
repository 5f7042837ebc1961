/**
 * A cold export on two cores. citeproc-js renders a note in about a millisecond and a
 * bibliography entry in about one more, all on one thread: a 500-note briefing spends most
 * of its export there. A second engine (in the command line, on a worker thread) builds the
 * same document state from the same style, items and clusters, renders the clusters from
 * `split` on and the bibliography, while this engine renders the clusters before `split`.
 *
 * Both engines run citeproc's own code on the same inputs, so each rendering is the one a
 * single engine would make; split-render.test.ts compares the two ways over every bundled
 * style. A helper that fails or is missing costs time, never output: the engine renders
 * whatever did not arrive itself.
 */
import type { CslItem } from '../core/csl';
import { type Bibliography, CitationEngine, type CitationEngineOptions, type ClusterInput, type ClusterResult } from './engine';

/** What the second engine needs: everything CitationEngine.create took, with the items as data. */
export interface ShareRequest {
  engine: Omit<CitationEngineOptions, 'items'>;
  items: CslItem[];
  clusters: ClusterInput[];
  /** The helper renders clusters[split..] and the bibliography. */
  split: number;
  bibliography: boolean;
}

export interface ShareResult {
  /** [cluster id, html] for clusters[split..]. */
  rendered: Array<[string, string]>;
  bibliography?: Bibliography;
}

/** Renders a share in another engine: a worker thread in the command line, in-process in tests. */
export type RenderHelper = (request: ShareRequest) => Promise<ShareResult>;

/** The helper's side: a fresh engine over the given items, the same document, its share. */
export function renderShare(request: ShareRequest): ShareResult {
  const items = new Map(request.items.map((i) => [String(i.id), i]));
  const engine = CitationEngine.create({ ...request.engine, items: (id) => items.get(id) });
  const results = engine.renderDocument(request.clusters, { render: (i) => i >= request.split });
  const out: ShareResult = { rendered: results.slice(request.split).map((r) => [r.id, r.html]) };
  if (request.bibliography) out.bibliography = engine.bibliography();
  return out;
}

/** Below this many clusters a second engine's start-up costs more than it saves. */
export const SPLIT_MIN_CLUSTERS = 150;

/**
 * Where to split so both threads finish together. The helper also renders the bibliography
 * (about 1.2 ms an entry, measured) while this thread, after its share, builds the Word file
 * (about 0.2 ms a note); a note costs about 0.85 ms to render. Solving
 *   0.85·k + 0.2·n = 0.85·(n − k) + 1.2·m
 * for k, kept between a quarter and all of the clusters.
 */
export function splitPoint(clusters: number, bibliographyItems: number): number {
  const k = Math.round((0.65 * clusters + 1.2 * bibliographyItems) / 1.7);
  return Math.max(Math.ceil(clusters / 4), Math.min(clusters, k));
}

export interface SplitRender {
  results: ClusterResult[];
  /** The bibliography, when asked for and the helper delivered it. */
  bibliography?: Bibliography;
  /** Whether the helper's renderings were used. */
  shared: boolean;
}

/**
 * Renders a whole document with `engine` and `helper` sharing the work (see the file
 * comment). `engine` must have been created with `options` and an item lookup giving `items`.
 */
export async function renderDocumentSplit(
  engine: CitationEngine,
  options: Omit<CitationEngineOptions, 'items'>,
  items: CslItem[],
  clusters: ClusterInput[],
  helper: RenderHelper,
  wantBibliography: boolean,
): Promise<SplitRender> {
  const split = splitPoint(clusters.length, wantBibliography ? items.length : 0);
  if (clusters.length < SPLIT_MIN_CLUSTERS || split >= clusters.length) {
    return { results: engine.renderDocument(clusters), shared: false };
  }
  // Started first, so the helper builds its engine while this one does.
  const share = helper({ engine: options, items, clusters, split, bibliography: wantBibliography }).then(
    (r) => r,
    () => undefined,
  );
  engine.renderDocument(clusters, { render: (i) => i < split });
  const done = await share;
  if (!done || done.rendered.length !== clusters.length - split) return { results: engine.clusters(), shared: false };
  let results: ClusterResult[];
  try {
    results = engine.adoptRendered(done.rendered);
  } catch {
    return { results: engine.clusters(), shared: false }; // renderings for clusters it was not given
  }
  return { results, shared: true, ...(done.bibliography ? { bibliography: done.bibliography } : {}) };
}
