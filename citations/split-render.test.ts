/**
 * Rendering a document on two engines (split-render.ts) must give exactly what one engine
 * gives: every cluster and every bibliography entry, in every bundled style, on documents
 * with Ibid. runs, multi-source notes, "quoted in" pairs and names that need disambiguating.
 */
import { describe, expect, it } from 'vitest';
import type { CslItem } from '../core/csl';
import { benchClusters, benchItems, seededRandom } from './bench-data';
import { CitationEngine, type ClusterInput } from './engine';
import { type RenderHelper, renderDocumentSplit, renderShare, SPLIT_MIN_CLUSTERS, splitPoint } from './split-render';
import { bundledStyles } from './style-catalog';

const items = benchItems(60, 5);
const byId = new Map(items.map((i) => [i.id, i]));
const lookup = (id: string): CslItem | undefined => byId.get(id);

function document(seed: number, count: number): ClusterInput[] {
  const rand = seededRandom(seed);
  return benchClusters(items, count, seed).map((c, i) =>
    i % 11 === 6 ? { ...c, cites: [{ ...c.cites[0], via: { itemId: items[Math.floor(rand() * items.length)].id, locator: '12' } }] } : c,
  );
}

/** The helper as the worker thread runs it, here in-process (structured-cloned like a message). */
const inProcess: RenderHelper = async (request) => structuredClone(renderShare(structuredClone(request)));

function serial(styleId: string, clusters: ClusterInput[]): { html: string[]; bibliography: string[] } {
  const engine = CitationEngine.create({ styleId, items: lookup });
  return { html: engine.renderDocument(clusters).map((r) => r.html), bibliography: engine.bibliography().entries.map((e) => e.html) };
}

async function split(styleId: string, clusters: ClusterInput[], helper: RenderHelper = inProcess) {
  const engine = CitationEngine.create({ styleId, items: lookup });
  const out = await renderDocumentSplit(engine, { styleId }, items, clusters, helper, true);
  return {
    engine,
    html: out.results.map((r) => r.html),
    bibliography: (out.bibliography ?? engine.bibliography()).entries.map((e) => e.html),
    fromHelper: !!out.bibliography,
  };
}

describe('split rendering', () => {
  for (const style of bundledStyles()) {
    it(`gives exactly one engine's output in ${style.id}`, async () => {
      const clusters = document(style.id.length, 240);
      const one = serial(style.id, clusters);
      const two = await split(style.id, clusters);
      expect(two.fromHelper).toBe(true);
      expect(two.html).toEqual(one.html);
      expect(two.bibliography).toEqual(one.bibliography);
      expect(one.html.every((h) => h.length > 0)).toBe(true);
    });
  }

  it('leaves an engine that takes edits like one that rendered everything itself', async () => {
    const clusters = document(3, 200);
    const { engine } = await split('chicago-fullnote-bibliography-with-ibid', clusters);
    const reference = CitationEngine.create({ styleId: 'chicago-fullnote-bibliography-with-ibid', items: lookup });
    reference.renderDocument(clusters);
    const moved = clusters[150].id;
    expect(engine.moveCluster(moved, 2)).toEqual(reference.moveCluster(moved, 2));
    expect(engine.clusters()).toEqual(reference.clusters());
  });

  it('makes the bibliography without rendering the clusters left to the other engine', () => {
    const clusters = document(5, 200);
    const engine = CitationEngine.create({ styleId: 'chicago-note-bibliography', items: lookup });
    engine.renderDocument(clusters, { render: (i) => i >= 150 });
    const citeproc = (engine as unknown as { doc: { engine: { process_CitationCluster: (...args: unknown[]) => string } } }).doc.engine;
    const render = citeproc.process_CitationCluster;
    let renders = 0;
    citeproc.process_CitationCluster = function (this: unknown, ...args: unknown[]) {
      renders++;
      return render.apply(this, args);
    };
    expect(engine.bibliography().entries.length).toBeGreaterThan(10);
    expect(renders).toBe(0);
    expect(engine.clusters().every((c) => c.html.length > 0)).toBe(true); // rendered when asked for
    expect(renders).toBe(150);
  });

  it('renders what a failed or short helper did not deliver itself', async () => {
    const clusters = document(9, 220);
    const one = serial('chicago-note-bibliography', clusters);
    const failed = await split('chicago-note-bibliography', clusters, async () => {
      throw new Error('worker died');
    });
    expect(failed.html).toEqual(one.html);
    expect(failed.fromHelper).toBe(false);
    const short = await split('chicago-note-bibliography', clusters, async (r) => ({ rendered: renderShare(r).rendered.slice(1) }));
    expect(short.html).toEqual(one.html);
    expect(short.bibliography).toEqual(one.bibliography);
  });

  it('renders small documents on one engine', async () => {
    let called = false;
    const clusters = document(4, SPLIT_MIN_CLUSTERS - 1);
    await split('apa', clusters, async (r) => {
      called = true;
      return renderShare(r);
    });
    expect(called).toBe(false);
  });

  it('splits so that both threads have work, never outside the document', () => {
    expect(splitPoint(500, 200)).toBeGreaterThan(250);
    expect(splitPoint(500, 200)).toBeLessThan(500);
    expect(splitPoint(2000, 200)).toBeLessThan(1000);
    expect(splitPoint(200, 5000)).toBe(200);
    expect(splitPoint(400, 0)).toBeGreaterThanOrEqual(100);
  });
});
