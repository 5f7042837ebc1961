/**
 * Making citeproc-js fast enough for whole documents without changing what it decides.
 *
 * Measured on a 2-core machine (500 clusters, 200 items), citeproc spends its time
 * rendering (~0.5 ms per cluster or item, cold) and disambiguating. Used naively
 * (processCitationCluster per cluster, or rebuildProcessorState, which does exactly that),
 * every call re-evaluates positions for the whole document (quadratic), re-renders earlier
 * clusters whose position data changed, and re-runs disambiguation for every source whose
 * note numbers or citation count moved: ~2 s for 500 clusters on this machine.
 *
 * What is done here, each time leaving every decision to citeproc's own code:
 *
 * 1. `loadDocument` (cold path). Registers all items once (updateItems), hands every
 *    cluster to processCitationCluster alone (so citeproc builds its sortedItems, parses
 *    locators, sorts cites) with rendering switched off, then puts the clusters back in
 *    citeproc's registry and processes the last cluster with all others as citationsPre:
 *    one pass of citeproc's position evaluation (first / subsequent / Ibid. / near-note)
 *    over the whole document. Only then is each cluster rendered, once, by citeproc's
 *    renderer. Afterwards citeproc's state is what sequential processing would have left,
 *    so incremental processCitationCluster calls work normally.
 *
 * 2. A render cache (`installRenderCache`). A cluster's output is a function of its cites
 *    (ids, locators, affixes, position data), the registry's disambiguation state of those
 *    items and the style (plus the set of registered names for styles that add given
 *    names, see there). Inserting a note shifts the numbers of all later notes, which
 *    citeproc treats as a change for every one of them ("first-reference-note-number"
 *    moved) and re-renders hundreds of notes. When the style never prints that number nor
 *    tests near-note, those fields stay out of the key and unchanged notes come from the
 *    cache. Styles that print it (OSCOLA's "(n 3)") re-render, as they must.
 *
 * 3. A disambiguation memo (`installDisambiguationMemo`): a re-run whose inputs are exactly
 *    what that group's previous run left behind is skipped (details there).
 *
 * 4. Smaller things: a sort comparison with one ICU collator instead of one per compare
 *    (`sortCompare`), and emptying an engine for a new document instead of rebuilding it
 *    (`resetDocumentState`; APA takes ~250 ms to build).
 *
 * equivalence.test.ts compares all of this with plain citeproc (rebuildProcessorState for
 * documents, processCitationCluster for edits) on random documents and edit sequences in
 * note, Ibid., author-date, numeric and legal styles.
 */
import { createHash } from 'node:crypto';
import { type CitationRef, type CiteprocCitation, type CiteprocEngine, citeproc } from './citeproc';
import { childElements, type CslNode, firstChild, someNode } from './csl-tree';

type Renderer = CiteprocEngine['process_CitationCluster'];

/** Which position-related cite fields can change what this style prints. */
export interface PositionSensitivity {
  firstReferenceNoteNumber: boolean;
  nearNote: boolean;
}

export function positionSensitivity(style: CslNode): PositionSensitivity {
  // One walk of the style collecting the words of its attribute values: a full-note style is a
  // tree of thousands of nodes, and a walk per word (four of them) was ~10 ms of a cold export.
  const words = new Set<string>();
  someNode(style, (n) => {
    for (const v of Object.values(n.attrs)) for (const w of v.split(/\s+/)) words.add(w);
    return false;
  });
  const mentions = (word: string) => words.has(word);
  return {
    firstReferenceNoteNumber: mentions('first-reference-note-number') || mentions('first-container-reference-note-number'),
    // position="near-note" and CSL-M's "far-note" are the only readers of the near-note flag
    nearNote: mentions('near-note') || mentions('far-note'),
  };
}

/** Whether the style's bibliography lists sources in the order they are first cited. */
export function bibliographyInCitationOrder(style: CslNode): boolean {
  const bibliography = firstChild(style, 'bibliography');
  if (!bibliography) return false;
  const sort = firstChild(bibliography, 'sort');
  return !sort || childElements(sort, 'key').some((k) => k.attrs.variable === 'citation-number');
}

/**
 * Cite fields never worth keying on: sort keys are derived; index/noteIndex only feed hooks
 * we do not install; section_form_override is written onto the cite by citeproc's renderer
 * itself (derived from the label), so it appears after a cluster's first rendering.
 */
const ALWAYS_SKIPPED = new Set(['sortkeys', 'index', 'noteIndex', 'item', 'section_form_override']);
const CACHE_LIMIT = 20_000;

/** A key as kept between processes: keys run to hundreds of characters, the digest to 44. */
function keyDigest(key: string): string {
  return createHash('sha256').update(key).digest('base64');
}

export class RenderCache {
  private readonly cache = new Map<string, string>();
  private readonly skipped: Set<string>;
  /**
   * Renderings an earlier process made of a document with the same style, items and citeproc
   * (export/note-cache.ts), looked up on a miss while one document loads. They survive clear():
   * they belong to the document being loaded, whose items are the ones just registered.
   */
  private seeded: Map<string, string> | undefined;
  /** The key each citation was last rendered under: what a note cache keeps of the document. */
  private readonly keyOf = new Map<string, string>();
  hits = 0;
  misses = 0;
  /** Hits answered from the seeded renderings. */
  seededHits = 0;

  constructor(
    private readonly engine: CiteprocEngine,
    sensitivity: PositionSensitivity,
  ) {
    this.skipped = new Set(ALWAYS_SKIPPED);
    if (!sensitivity.firstReferenceNoteNumber) {
      this.skipped.add('first-reference-note-number');
      this.skipped.add('first-container-reference-note-number');
    }
    if (!sensitivity.nearNote) this.skipped.add('near-note');
  }

  clear(): void {
    this.cache.clear();
    this.keyOf.clear();
  }

  /** Renderings by key digest (entries()). */
  seed(entries: ReadonlyArray<readonly [keyDigest: string, html: string]>): void {
    this.seeded = new Map(entries);
  }

  unseed(): void {
    this.seeded = undefined;
  }

  /** Notes that `citationID` was rendered under `key` (whether from the cache or not). */
  renderedAs(citationID: string, key: string): void {
    this.keyOf.set(citationID, key);
  }

  /** The key digest and rendering of each of these citations that has both still (in their order), for seed(). */
  entries(citationIDs: readonly string[]): Array<[keyDigest: string, html: string]> {
    const out: Array<[string, string]> = [];
    for (const id of citationIDs) {
      const key = this.keyOf.get(id);
      const html = key === undefined ? undefined : this.cache.get(key);
      if (html !== undefined) out.push([keyDigest(key!), html]);
    }
    return out;
  }

  /** undefined when the cluster must not be cached (legal-case locator juggling, parallels). */
  key(sortedItems: NonNullable<CiteprocCitation['sortedItems']>, citation: CiteprocCitation): string | undefined {
    const { registry } = this.engine.registry;
    const numberMap = (this.engine.bibliography_sort as { tmp?: { citation_number_map?: Record<number, number> } } | undefined)?.tmp?.citation_number_map;
    const parts: unknown[] = [];
    const props: Record<string, unknown> = {};
    for (const k in citation.properties) if (k !== 'index' && k !== 'noteIndex') props[k] = citation.properties[k];
    parts.push(props);
    for (const [Item, cite] of sortedItems) {
      if (Item.type === 'legal_case') return undefined; // citeproc moves locators between such cites while rendering
      const c: Record<string, unknown> = {};
      for (const k in cite) if (!this.skipped.has(k)) c[k] = cite[k];
      const reg = registry[Item.id];
      const seq = reg?.seq;
      parts.push(Item.id, c, reg?.disambig, (reg?.['citation-count'] ?? 0) > 1, seq, seq !== undefined ? numberMap?.[seq] : undefined);
    }
    return JSON.stringify(parts);
  }

  get(key: string): string | undefined {
    let hit = this.cache.get(key);
    if (hit === undefined && this.seeded && (hit = this.seeded.get(keyDigest(key))) !== undefined) {
      this.seededHits++;
      this.set(key, hit);
    }
    if (hit !== undefined) this.hits++;
    else this.misses++;
    return hit;
  }

  set(key: string, value: string): void {
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, value);
  }
}

/**
 * Routes citeproc's internal renderer through the cache. Installed as an own property of
 * the engine instance: citeproc calls `this.process_CitationCluster.call(this, ...)`.
 *
 * One input lives outside the cached cites: with `disambiguate-add-givenname`, whether a
 * name gets initials depends on every name in citeproc's name registry (another "Chen"
 * cited anywhere). That registry changes only when the set of registered items does, so
 * for such styles the cache is emptied whenever an item enters or leaves the registry.
 */
export function installRenderCache(engine: CiteprocEngine, cache: RenderCache): void {
  if ((engine.opt as Record<string, unknown>)['disambiguate-add-givenname']) {
    const updateItems = (Object.getPrototypeOf(engine) as CiteprocEngine).updateItems;
    engine.updateItems = function (this: CiteprocEngine, ...args: Parameters<CiteprocEngine['updateItems']>) {
      const registered = engine.registry.registry;
      const before = Object.keys(registered);
      const out = updateItems.apply(this, args);
      const after = engine.registry.registry;
      if (Object.keys(after).length !== before.length || before.some((id) => !(id in after))) cache.clear();
      return out;
    };
  }
  const render: Renderer = (Object.getPrototypeOf(engine) as CiteprocEngine).process_CitationCluster;
  const cached: Renderer = function (this: CiteprocEngine, sortedItems, citation) {
    if (engine.opt.parallel.enable) return render.call(this, sortedItems, citation);
    const key = cache.key(sortedItems, citation);
    if (key === undefined) return render.call(this, sortedItems, citation);
    cache.renderedAs(citation.citationID, key);
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const out = render.call(this, sortedItems, citation);
    cache.set(key, out);
    return out;
  };
  engine.process_CitationCluster = cached;
}

/**
 * citeproc re-runs disambiguation for a source whenever one of its cites' note numbers
 * moves or it becomes cited more than once. A run is skipped when its inputs (the ambiguity
 * group's members, their current disambiguation state, whether each is cited more than once
 * where that can matter, and for by-cite rules the first note number where the style can
 * show it) are exactly what the previous run of that group left behind, and for a lone
 * source in a style that never adds given names (nothing to tell apart or to change).
 */
export function installDisambiguationMemo(engine: CiteprocEngine, sensitivity: PositionSensitivity): void {
  const disambiguation = engine.disambiguate;
  const run = (Object.getPrototypeOf(disambiguation) as { run: (akey: string, ...rest: unknown[]) => void }).run;
  const byCite = engine.citation.opt['givenname-disambiguation-rule'] === 'by-cite';
  const memo = new Map<string, string>();
  const signature = (akey: string): string => {
    const { registry, ambigcites } = engine.registry;
    const ids = ambigcites[akey] ?? [];
    return JSON.stringify(
      ids.map((id) => {
        const reg = registry[id];
        // citeproc reads citation-count only together with disambig.disambiguate
        // (`disambiguate="true"` holds for an item cited more than once), so it only
        // matters to the signature when that flag is set.
        const multiple = reg?.disambig?.disambiguate ? (reg['citation-count'] ?? 0) > 1 : null;
        // The first note number enters only the cites compared between members of a group
        // (getAmbiguousCite's "visual form", by-cite rule; a lone member is never compared),
        // and can only change them if the style prints or tests it.
        const firstNote = byCite && ids.length > 1 && sensitivity.firstReferenceNoteNumber ? reg?.['first-reference-note-number'] : null;
        return [id, reg?.disambig, multiple, firstNote];
      }),
    );
  };
  // Without disambiguate-add-givenname, a group with a single member has nothing to
  // disambiguate: citeproc's run only re-derives the member's given-name levels, which then
  // depend on the name form alone (never on other items), i.e. on nothing that changed.
  const addsGivenNames = !!(engine.opt as Record<string, unknown>)['disambiguate-add-givenname'];
  disambiguation.run = function (this: unknown, akey: string, ...rest: unknown[]) {
    if (!addsGivenNames && (engine.registry.ambigcites[akey]?.length ?? 0) <= 1) return;
    if (memo.get(akey) === signature(akey)) return;
    run.call(this, akey, ...rest);
    memo.set(akey, signature(akey));
  };
}

/**
 * citeproc's sort comparison, with the collator built once. citeproc's own compares with
 * `a.localeCompare(b, locale, options)`, which makes V8 set up an ICU collator on every
 * call (thousands per bibliography sort). Same locale, options and lower-casing here.
 */
export function sortCompare(engine: () => CiteprocEngine): (a: string, b: string) => number {
  const CSL = citeproc();
  let collator: Intl.Collator | undefined;
  return (a, b) => {
    const e = engine();
    collator ??= new Intl.Collator(((e.opt as Record<string, unknown>)['default-locale-sort'] as string | undefined) ?? 'en-US', {
      sensitivity: 'base',
      ignorePunctuation: true,
      numeric: true,
    });
    const state = e as unknown as { tmp: { lang_array?: string[] } };
    return collator.compare(CSL.toLocaleLowerCase.call(state, a), CSL.toLocaleLowerCase.call(state, b));
  };
}

/**
 * Builds something with citeproc while `compare` is its sort comparison. citeproc keeps a
 * provided comparison in a module global that every later sorter would pick up; sorters
 * capture it when they are created, so it is only set for the duration of `build`.
 */
export function withSortCompare<T>(compare: (a: string, b: string) => number, build: () => T): T {
  const CSL = citeproc();
  const previous = CSL.stringCompare;
  CSL.stringCompare = compare;
  try {
    return build();
  } finally {
    CSL.stringCompare = previous;
  }
}

/**
 * Empties an engine's document (registered items, citations, disambiguation state) so it
 * can take a new document without being rebuilt: building the token lists of a large
 * style such as APA takes ~250 ms and ~30 MB. These three objects are all citeproc itself
 * replaces when it resets (restoreProcessorState with no citations); equivalence.test.ts
 * checks a reused engine against a fresh one.
 */
export function resetDocumentState(
  engine: CiteprocEngine,
  compare: (a: string, b: string) => number,
  sensitivity: PositionSensitivity,
  cache: RenderCache,
): void {
  const CSL = citeproc();
  engine.registry = withSortCompare(compare, () => new CSL.Registry(engine));
  engine.disambiguate = new CSL.Disambiguation(engine);
  installDisambiguationMemo(engine, sensitivity);
  engine.tmp.taintedItemIDs = {};
  engine.tmp.taintedCitationIDs = {};
  engine.tmp.loadedItemIDs = {};
  cache.clear();
}

function refsOf(citations: readonly CiteprocCitation[]): CitationRef[] {
  return citations.map((c) => [c.citationID, c.properties.noteIndex]);
}

/**
 * Cold path: gives citeproc a whole document and returns each cluster's html in order
 * (undefined for clusters `shouldRender` leaves out). The engine must be fresh (no clusters
 * processed yet). See the file comment.
 */
export function loadDocument(
  engine: CiteprocEngine,
  citations: readonly CiteprocCitation[],
  shouldRender: (index: number) => boolean = () => true,
): Array<string | undefined> {
  if (citations.length === 0) {
    engine.updateItems([]);
    return [];
  }
  const CSL = citeproc();
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const c of citations) {
    for (const ci of c.citationItems) {
      if (!seen.has(ci.id)) {
        seen.add(ci.id);
        ids.push(ci.id);
      }
    }
  }
  engine.updateItems(ids);

  // Prepare each cluster on its own, with rendering and disambiguation re-runs off: the
  // position pass below re-evaluates everything those would have produced.
  const renderer = engine.process_CitationCluster;
  const disambiguationRun = engine.disambiguate.run;
  const byId: Record<string, CiteprocCitation> = {};
  engine.process_CitationCluster = () => '';
  engine.disambiguate.run = () => {};
  try {
    for (const c of citations.slice(0, -1)) {
      engine.processCitationCluster(c, [], [], CSL.ASSUME_ALL_ITEMS_REGISTERED);
      byId[c.citationID] = c;
    }
  } finally {
    engine.disambiguate.run = disambiguationRun;
  }

  // One position pass over the whole document: the last cluster, all others before it.
  const last = citations[citations.length - 1];
  Object.assign(engine.registry.citationreg.citationById, byId);
  try {
    engine.processCitationCluster(last, refsOf(citations.slice(0, -1)), [], CSL.ASSUME_ALL_ITEMS_REGISTERED);
  } finally {
    engine.process_CitationCluster = renderer;
  }
  engine.tmp.taintedCitationIDs = {};
  engine.tmp.taintedItemIDs = {};

  // Every cluster rendered once, by citeproc's renderer (through the cache if installed);
  // those `shouldRender` leaves out are rendered by another engine (see split-render.ts).
  return citations.map((c, i) => (shouldRender(i) ? engine.process_CitationCluster(c.sortedItems ?? [], c) : undefined));
}
