/**
 * Citation benchmarks for `npm run bench`: style loading, whole-document rendering at two
 * sizes, and single edits in a warm document. Run in a fresh process for cold numbers:
 * the first measurement pays for loading citeproc and for JIT warm-up, later ones less so.
 */
import { benchClusters, benchItems } from './bench-data';
import { CitationEngine } from './engine';
import { loadStyle } from './style-catalog';

const STYLE = 'chicago-note-bibliography';

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const out = fn();
  return [out, performance.now() - start];
}

export async function benchCitations(): Promise<{ label: string; ms: number }[]> {
  const items = benchItems(200);
  const byId = new Map(items.map((i) => [i.id, i]));
  const lookup = (id: string) => byId.get(id);
  const results: { label: string; ms: number }[] = [];
  const record = (label: string, ms: number) => results.push({ label, ms: Math.round(ms * 10) / 10 });

  const [engine, loadMs] = time(() => {
    loadStyle(STYLE);
    return CitationEngine.create({ styleId: STYLE, items: lookup });
  });
  record(`citations: style load, ${STYLE} (cold)`, loadMs);

  const doc500 = benchClusters(items, 500);
  const [, render500] = time(() => engine.renderDocument(doc500));
  record('citations: render 500 clusters / 200 items', render500);
  record('citations: style load + render 500', loadMs + render500);

  const [, render2000] = time(() => CitationEngine.create({ styleId: STYLE, items: lookup }).renderDocument(benchClusters(items, 2000)));
  record('citations: create + render 2,000 clusters / 200 items', render2000);

  // Warm document: `engine` holds the 500 clusters. Early edits are the expensive ones:
  // every later note shifts and citeproc re-checks it. In the app an edit arrives on a later
  // event-loop turn; yield once so V8 can install the code it optimised in the background
  // during the render (measured synchronously, the first edit pays ~40 ms for that instead).
  await new Promise((resolve) => setTimeout(resolve, 0));
  const [, insertMs] = time(() => engine.insertCluster({ id: 'bench-insert', cites: [{ itemId: items[3]!.id, locator: '12' }] }, 1));
  record('citations: insert 1 cluster near the start (warm, 500 clusters)', insertMs);
  const last = doc500[doc500.length - 1]!.id;
  const [, moveMs] = time(() => engine.moveCluster(last, 2));
  record('citations: move 1 cluster from the end to the start (warm, 500 clusters)', moveMs);

  const [, bibMs] = time(() => engine.bibliography());
  record('citations: bibliography (warm, 500 clusters)', bibMs);
  return results;
}
