import {
  type Bibliography,
  type CitationEngine,
  type ClusterInput,
  type ClusterResult,
  type ZoteroCitationPayload,
  zoteroFieldInstruction,
} from '../citations/index';
import type { Source } from '../core/model';
import { KeptFacts } from './assemble/kept-facts';
import { DocxWriteCache } from './docx/write-cache';
import { IdleWork } from './idle-work';

/** A note number no document reaches, marking where the number goes in a stored field. */
const NOTE_INDEX_SLOT = -987654321;

/**
 * How long after its last render the session counts the process idle: the analyst is reading
 * what just opened, and a burst of renders (typing) should not each start the idle work.
 */
const IDLE_DELAY_MS = 200;

/**
 * Keeps one briefing's citation engine warm between renders (the app's live preview and
 * re-export). The next render applies only what changed — clusters removed, inserted, moved
 * or given new cites — so citeproc re-renders the notes that change (a moved fact's Ibid.,
 * the notes it renumbers) instead of the whole document. A different style, locale or
 * template starts afresh; edited sources are re-read.
 */
export class CitationSession {
  private engine: CitationEngine | undefined;
  private key = '';
  private order: ClusterInput[] = [];
  private sourcesVersion = '';
  /** What the engine's item lookup reads: replaced on every render with the current sources. */
  private sources = new Map<string, Source>();
  private bib: { key: string; value: Bibliography } | undefined;
  /** Zotero field instructions by cluster id (around the note number), with what they were made from. */
  private fields = new Map<string, { key: string; before: string; after: string }>();
  private fieldsVersion = '';
  /** What the briefing's last .docx export wrote, so the next writes again only what changed. */
  readonly docx = new DocxWriteCache();
  /** The briefing's cited facts as the last render read them. */
  readonly facts = new KeptFacts();
  /** What the session makes in the pauses between renders (see buildWhenIdle). */
  readonly idleWork = new IdleWork(IDLE_DELAY_MS);
  /** How long the last build made while idle took (ms), for the bench and the log. */
  idleBuildMs: number | undefined;

  /** Whether an engine is kept (a render has been made since the session began or last changed style). */
  warm(key: string): boolean {
    return this.engine !== undefined && key === this.key;
  }

  /**
   * Builds the engine in the next pause, unless a render has built it by then. A briefing
   * whose notes all came from the library opens with no engine (opening stays fast); without
   * this its first edit would pay for the engine — a quarter of a second at 2,000 notes — while
   * the analyst waits. `build` must call `render` with the document as it was read.
   */
  buildWhenIdle(key: string, build: () => void): void {
    this.idleWork.add('engine', () => {
      if (this.warm(key)) return;
      const t = performance.now();
      build();
      this.idleBuildMs = performance.now() - t;
    });
  }

  /** Resolves once nothing made in a pause waits or runs. */
  idle(): Promise<void> {
    return this.idleWork.settled();
  }

  /**
   * Renders `clusters` in document order; `create` builds an engine whose lookup calls `lookup`.
   * `seed`: renderings kept in the library (export/note-cache.ts), used when a new engine loads the document.
   */
  render(
    key: string,
    sources: Map<string, Source>,
    create: (lookup: (id: string) => Source | undefined) => CitationEngine,
    clusters: ClusterInput[],
    seed?: ReadonlyArray<readonly [string, string]>,
  ): { engine: CitationEngine; results: Map<string, ClusterResult> } {
    this.idleWork.postpone();
    const version = [...sources.values()]
      .map((s) => `${s.id}@${s.updatedAt}`)
      .sort()
      .join(',');
    if (!this.engine || key !== this.key) {
      this.sources = sources;
      this.engine = create((id) => this.sources.get(id));
      this.engine.renderDocument(clusters, seed ? { seed } : {});
      this.key = key;
      this.order = [...clusters];
    } else {
      // While the edits are applied, a source that is no longer cited must still be found:
      // removing its last cluster makes citeproc look at it once more.
      const edited = [...sources.values()].some((s) => this.sources.has(s.id) && this.sources.get(s.id)!.updatedAt !== s.updatedAt);
      this.sources = new Map([...this.sources, ...sources]);
      this.apply(this.engine, clusters);
      this.sources = sources;
      // Sources that came or went were handled by the inserts and removals; a source whose
      // data changed can change any note, so the document is rendered afresh.
      if (edited) this.engine.refresh();
    }
    this.sourcesVersion = version;
    return { engine: this.engine, results: new Map(this.engine.clusters().map((r) => [r.id, r])) };
  }

  /**
   * The bibliography, reused while the same sources (same versions) are cited: moving or
   * re-citing facts does not change it — unless the style lists sources in citation order —
   * and citeproc takes a fifth of a second to build it.
   */
  bibliography(kept?: (inputs: string) => Bibliography | undefined): Bibliography {
    const engine = this.engine!;
    const cited = new Set(this.order.flatMap((c) => c.cites.flatMap((x) => [x.itemId, ...(x.via ? [x.via.itemId] : [])])));
    // A list in citation order (numbered styles) changes with the order of first citations too.
    const ids = engine.bibliographyInCitationOrder ? [...cited] : [...cited].sort();
    const key = `${this.key}|${this.sourcesVersion}|${ids.join(',')}`;
    if (this.bib?.key !== key) {
      // `kept`: the one the library keeps, when made from the same items registered alike.
      this.bib = { key, value: kept?.(engine.bibliographyInputs()) ?? engine.bibliography() };
    }
    return this.bib.value;
  }

  /**
   * A cluster's Zotero field instruction, made again only when the cluster or its rendering
   * changed (or any source did). The field embeds every cited source's data: made for 500
   * notes after every keystroke, it was a third of the preview's time. A note that only
   * changed number takes its new number into the stored text.
   */
  field(cluster: ClusterInput, noteIndex: number, html: string, payload: () => ZoteroCitationPayload): string {
    if (this.fieldsVersion !== `${this.key}|${this.sourcesVersion}`) {
      this.fields.clear();
      this.fieldsVersion = `${this.key}|${this.sourcesVersion}`;
    }
    const key = `${html}\u0000${JSON.stringify(cluster.cites)}`;
    let hit = this.fields.get(cluster.id);
    if (hit?.key !== key) {
      const p = payload();
      p.properties.noteIndex = NOTE_INDEX_SLOT;
      const [before, after] = zoteroFieldInstruction(p).split(`"noteIndex":${NOTE_INDEX_SLOT}`) as [string, string];
      this.fields.set(cluster.id, (hit = { key, before, after }));
    }
    return `${hit.before}"noteIndex":${noteIndex}${hit.after}`;
  }

  private apply(engine: CitationEngine, clusters: ClusterInput[]): void {
    const target = new Map(clusters.map((c, i) => [c.id, i]));
    for (const c of this.order) if (!target.has(c.id)) engine.removeCluster(c.id);
    const order = this.order.filter((c) => target.has(c.id));
    // Clusters that keep their relative order stay put; only the others are moved (one move
    // of one fact is then one citeproc update, not a shift of every note after it).
    const stable = longestIncreasing(order.map((c) => target.get(c.id)!));
    const keep = new Set(stable.map((k) => order[k].id));
    clusters.forEach((c, i) => {
      const at = indexNear(order, c.id, i);
      if (at < 0) {
        engine.insertCluster(c, i);
        order.splice(i, 0, c);
        return;
      }
      // A stable cluster may still sit after clusters not yet moved into place: it stays where it is.
      let now = at;
      if (at !== i && !keep.has(c.id)) {
        engine.moveCluster(c.id, i);
        const [moved] = order.splice(at, 1);
        order.splice(i, 0, moved);
        now = i;
      }
      if (JSON.stringify(order[now].cites) !== JSON.stringify(c.cites)) engine.updateCluster(c);
      order[now] = c;
    });
    this.order = order;
  }
}

/**
 * Where cluster `id` is in `order`, looked for outward from `near`: after an edit most clusters
 * are at, or a few places from, their new index, where a search from the start made applying
 * one move to 2,000 notes quadratic (~20 ms).
 */
function indexNear(order: readonly ClusterInput[], id: string, near: number): number {
  for (let d = 0; near - d >= 0 || near + d < order.length; d++) {
    if (order[near + d]?.id === id) return near + d;
    if (d > 0 && order[near - d]?.id === id) return near - d;
  }
  return -1;
}

/** Indexes of a longest strictly increasing subsequence of `xs` (patience sorting, O(n log n)). */
function longestIncreasing(xs: readonly number[]): number[] {
  const tails: number[] = [];
  const prev = new Array<number>(xs.length).fill(-1);
  xs.forEach((x, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[tails[mid]] < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const out: number[] = [];
  for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = prev[k]!) out.push(k);
  return out.reverse();
}
