import type { ProseSegment } from '../core/citation-marks';
import type { CslItem } from '../core/csl';
import { sourceToCsl } from '../core/csl-map';
import { bannerText, combineMarkings, type Marking, portionText } from '../core/marking-string';
import type { MarkingScheme } from '../core/markings';
import type { Briefing, Fact, Source } from '../core/model';
import { CitationEngine, type ClusterInput, itemsDigest, type NoteInputs, noteInputs, type RenderVersions } from '../citations/index';
import { type RenderHelper, renderDocumentSplit } from '../citations/split-render';
import type { Library } from '../db/library';
import { documentClusters, loadCitedFacts, markClusterId } from './assemble/clusters';
import { factInlines } from './assemble/fact-text';
import { memoDate, printedDate } from './assemble/header-dates';
import { markingBlock } from './assemble/marking-block';
import { type DocumentMarking, documentMarking, portionMarking, raisedMarking } from './assemble/portion';
import { placeCitations, type PunctuationRule } from './assemble/punctuation';
import { proseItemBlocks } from './assemble/prose-inlines';
import type { Block, BlockKind, DocSection, HeaderField, Inline, NoteMode, ResolvedDocument } from './document';
import type { CitationSession } from './citation-session';
import { type CitedNotes, cachedNotes, engineNotes, keptBibliography, type NotesFrom } from './assemble/cited-notes';
import { type KeptNotes, type NoteCacheKeys, noteCacheKeys, readNoteCache, type StoredNotes, writeNoteCache, writeNoteCacheSoon } from './note-cache';
import { getTemplate, type Template, type TemplateSection } from './template/index';

export { clusterFor, markClusterId } from './assemble/clusters';

export interface AssembleOptions {
  /** Citation style id; default: the briefing's, else the template's. */
  styleId?: string;
  notes?: 'footnotes' | 'endnotes';
  templateId?: string;
  templateDir?: string;
  styleDir?: string;
  /** "Today" for the memo date when the briefing has none (tests pin it). */
  today?: Date;
  /** A warm engine kept between renders of the same briefing (the app keeps one per briefing). */
  session?: CitationSession;
  /**
   * Keep the notes rendered in the library for a later export (export/note-cache.ts): exports
   * do, and the app's session (its preview); a check or another read does not write.
   */
  keepNotes?: boolean | 'after';
  /** The citeproc and output versions the note cache keys on (default: the running ones; tests pass others). */
  renderVersions?: RenderVersions;
}

export interface AssembledBriefing {
  briefing: Briefing;
  doc: ResolvedDocument;
  template: Template;
  /** The engine holding the document's citations (built when first asked for if the notes came from the note cache). */
  readonly engine: CitationEngine;
  /**
   * Keeps the rendered notes in the library, when the caller asked for that to wait
   * (`keepNotes: 'after'`): an export records the file it wrote first, and only then keeps
   * its notes, best effort — a library that cannot take the cache still records the export.
   */
  keepNotes?: () => boolean;
  styleId: string;
  isNoteStyle: boolean;
  /** Every fact placed or cited in prose. */
  facts: Map<string, Fact>;
  sources: Map<string, Source>;
  /** Each prose item's text split into words and citation marks (as the store reads it). */
  prose: Map<string, ProseSegment[]>;
  /** The marking the cited facts require, the portions', the briefing's own, and the banner's. */
  marking: DocumentMarking;
  /** Every citation in document order: placed facts and prose marks (`ITEM#k`). */
  clusters: ClusterInput[];
  /** 2 when a second engine rendered part of the citations (assembleBriefingSplit). */
  citationEngines?: 1 | 2;
  /** Whether the notes were rendered now or taken from the note cache. */
  notesFrom: NotesFrom;
}

/**
 * Resolves a briefing for the writers: places every fact, renders every citation with
 * citeproc-js in document order (so notes number, shorten and become Ibid. as the style
 * says), computes the banner and portion marks, and fills the memo header from the template.
 * Notes the library kept for this document (export/note-cache.ts) are taken as they are, and
 * the ones just rendered are kept.
 */
export function assembleBriefing(lib: Library, briefingRef: string, opts: AssembleOptions = {}): AssembledBriefing {
  const p = prepare(lib, briefingRef, opts);
  const sessionKey = `${p.styleId}|${opts.styleDir ?? ''}`;
  // A warm session re-renders only what changed and keeps its Zotero fields: quicker than the kept notes.
  const warm = opts.session?.warm(sessionKey) ?? false;
  const cache = lookUpNotes(lib, p, opts, !warm);
  if (cache.kept.document) return finish(lib, p, opts, cache, fromCache(p, opts, cache, sessionKey));
  const seed = cache.kept.notes?.renders;
  const kept = cache.kept.notes?.bibliography;
  if (opts.session) {
    const session = opts.session;
    const before = session.warm(sessionKey) ? undefined : 0;
    const { engine, results } = session.render(sessionKey, p.sources, (lookup) => createEngine(p, opts, lookup), p.clusters, seed);
    const from = notesFrom(before === undefined ? 0 : engine.cacheStats().seeded);
    return finish(
      lib,
      p,
      opts,
      cache,
      engineNotes(engine, results, p.clusters, { bibliography: () => session.bibliography((inputs) => keptBibliography(kept, inputs)), session, from }),
    );
  }
  const engine = createEngine(p, opts, (id) => p.sources.get(id));
  const results = new Map(engine.renderDocument(p.clusters, seed ? { seed } : {}).map((r) => [r.id, r]));
  const from = notesFrom(engine.cacheStats().seeded);
  return finish(lib, p, opts, cache, engineNotes(engine, results, p.clusters, { bibliography: () => engine.bibliography(), from, ...(kept ? { kept } : {}) }));
}

/**
 * The same, for a one-off export with a second engine sharing the citation work (a worker
 * thread in the command line; see citations/split-render.ts). The output is the same.
 */
export async function assembleBriefingSplit(lib: Library, briefingRef: string, opts: AssembleOptions, helper: RenderHelper): Promise<AssembledBriefing> {
  const p = prepare(lib, briefingRef, opts);
  const cache = lookUpNotes(lib, p, opts);
  // Kept notes are cheaper than any sharing: all of them, or most (one engine seeded with them).
  if (cache.kept.document) return finish(lib, p, opts, cache, fromCache(p, opts, cache, ''));
  if (cache.kept.notes) return assembleBriefing(lib, briefingRef, opts);
  const engine = createEngine(p, opts, (id) => p.sources.get(id));
  const items = [...p.sources.values()].map(sourceToCsl);
  const split = await renderDocumentSplit(engine, engineOptions(p, opts), items, p.clusters, helper, p.template.citation.bibliography);
  const results = new Map(split.results.map((r) => [r.id, r]));
  const notes = engineNotes(engine, results, p.clusters, { bibliography: () => split.bibliography ?? engine.bibliography(), from: notesFrom(0) });
  const assembled = finish(lib, p, opts, cache, notes);
  return split.shared ? Object.defineProperty(assembled, 'citationEngines', { value: 2, enumerable: true }) : assembled;
}

function notesFrom(reused: number): NotesFrom {
  return { cache: reused ? 'clusters' : 'none', reused };
}

interface NoteCacheLookup {
  inputs: NoteInputs;
  keys: NoteCacheKeys;
  kept: KeptNotes;
}

/** The keys of this document's notes (see export/note-cache.ts) and what the library keeps under them. */
function lookUpNotes(lib: Library, p: Prepared, opts: AssembleOptions, wanted = true): NoteCacheLookup {
  const inputs = noteInputs(engineOptions(p, opts), opts.renderVersions);
  const keys = noteCacheKeys(inputs.digest, itemsDigest([...p.sources.values()].map(sourceToCsl)), p.clusters);
  const kept = readNoteCache(lib, p.briefing.id, keys, wanted);
  // Kept notes for another number of clusters would be a broken row: never used, rewritten.
  const broken = kept.document && kept.notes!.notes.length !== p.clusters.length;
  return { inputs, keys, kept: broken ? { current: false, document: false } : kept };
}

function fromCache(p: Prepared, opts: AssembleOptions, cache: NoteCacheLookup, sessionKey: string): CitedNotes {
  const csl = new Map([...p.sources.values()].map((s) => [s.id, sourceToCsl(s)]));
  const notes = cache.kept.notes!;
  const seed = notes.renders;
  // Asked for only by callers that edit the document further (and for a bibliography not kept).
  const makeEngine = () =>
    opts.session
      ? opts.session.render(sessionKey, p.sources, (lookup) => createEngine(p, opts, lookup), p.clusters, seed).engine
      : (() => {
          const engine = createEngine(p, opts, (id) => p.sources.get(id));
          engine.renderDocument(p.clusters, { seed });
          return engine;
        })();
  // The app opened a briefing whose notes were all kept: its first edit will want what follows.
  const session = opts.session;
  if (session) session.buildWhenIdle(sessionKey, () => prepareForEdits(session, p, opts, notes, sessionKey));
  return cachedNotes(cache.inputs, notes, p.clusters, (id) => csl.get(id), makeEngine);
}

/**
 * What a session's first edit would otherwise make, made while the analyst reads: the engine
 * holding the document, the bibliography and every note's Zotero field (an export from kept
 * notes made neither). Later edits re-make only what they change.
 */
function prepareForEdits(session: CitationSession, p: Prepared, opts: AssembleOptions, kept: StoredNotes, sessionKey: string): void {
  const { engine, results } = session.render(sessionKey, p.sources, (lookup) => createEngine(p, opts, lookup), p.clusters, kept.renders);
  const notes = engineNotes(engine, results, p.clusters, {
    bibliography: () => session.bibliography((inputs) => keptBibliography(kept.bibliography, inputs)),
    session,
    from: notesFrom(0),
  });
  if (notes.hasBibliography) notes.bibliography();
  for (const c of p.clusters) notes.field(c, results.get(c.id)!);
}

/** Lays the document out and keeps its notes in the library (when they are new there). */
function finish(lib: Library, p: Prepared, opts: AssembleOptions, cache: NoteCacheLookup, notes: CitedNotes): AssembledBriefing {
  const assembled = build(lib, p, opts, notes);
  if (!cache.kept.current && (opts.keepNotes || opts.session)) {
    const store = notes.toStore();
    // The app's session writes after answering; a one-off export (a process about to end) now.
    if (store && opts.session) writeNoteCacheSoon(lib, p.briefing.id, cache.keys, store);
    else if (store && opts.keepNotes === 'after') assembled.keepNotes = () => writeNoteCache(lib, p.briefing.id, cache.keys, store);
    else if (store) writeNoteCache(lib, p.briefing.id, cache.keys, store);
  }
  return assembled;
}

interface Prepared {
  briefing: Briefing;
  template: Template;
  facts: Map<string, Fact>;
  prose: Map<string, ProseSegment[]>;
  sources: Map<string, Source>;
  styleId: string;
  clusters: ClusterInput[];
}

function prepare(lib: Library, briefingRef: string, opts: AssembleOptions): Prepared {
  const briefing = lib.getBriefing(briefingRef);
  const template = getTemplate(opts.templateId ?? briefing.templateId, opts.templateDir);
  const cited = loadCitedFacts(lib, briefing, opts.session?.facts);
  const sources = loadSources(lib, cited.facts);
  const styleId = opts.styleId ?? briefing.styleId ?? template.citation.style;
  const clusters = documentClusters(briefing, cited);
  return { briefing, template, facts: cited.facts, prose: cited.prose, sources, styleId, clusters };
}

function engineOptions(p: Prepared, opts: AssembleOptions): { styleId: string; userStyleDir?: string } {
  return { styleId: p.styleId, ...(opts.styleDir ? { userStyleDir: opts.styleDir } : {}) };
}

function createEngine(p: Prepared, opts: AssembleOptions, lookup: (id: string) => Source | undefined): CitationEngine {
  // One CSL item per source object: the engine and the Zotero fields ask for each many times.
  const csl = new WeakMap<Source, CslItem>();
  return CitationEngine.create({
    ...engineOptions(p, opts),
    items: (id) => {
      const s = lookup(id);
      if (!s) return undefined;
      let item = csl.get(s);
      if (!item) csl.set(s, (item = sourceToCsl(s)));
      return item;
    },
  });
}

/** Lays the briefing out once its citations are rendered: sections, marking, header, sources. */
function build(lib: Library, p: Prepared, opts: AssembleOptions, notes: CitedNotes): AssembledBriefing {
  const { briefing, template, facts, sources, clusters } = p;
  const noteMode: NoteMode = notes.isNoteStyle ? (opts.notes ?? briefing.notePlacement ?? template.citation.notes) : 'in-text';
  const rule: PunctuationRule = { mode: noteMode, notesAfterPunctuation: template.citation.notesAfterPunctuation };

  const scheme = lib.markingScheme();
  const marking = documentMarking(scheme, briefing, facts.values());
  const clusterById = new Map(clusters.map((c) => [c.id, c]));
  const cite = (id: string): Inline => citationInline(notes, clusterById.get(id)!, noteMode);
  // Each section's portion markings, combined into its heading's mark.
  let sectionMarks: Marking[] = [];
  const portion = (block: Block, cited: Fact[], raised: Marking | undefined): Block => {
    const placed = { ...block, inlines: placeCitations(block.inlines, rule) };
    if (!briefing.portionMarks) return placed;
    const m = portionMarking(scheme, cited, raised);
    sectionMarks.push(m);
    return { ...placed, portion: portionText(scheme, m) };
  };

  const sections: DocSection[] = briefing.sections.map((section) => {
    const def = template.sections.find((t) => t.key === section.key);
    const blocks: Block[] = [];
    sectionMarks = [];
    for (const item of section.items) {
      const raised = raisedMarking(scheme, item);
      if (item.kind === 'prose') {
        const segments = p.prose.get(item.id) ?? [];
        // Each mark's facts, by cluster id: a paragraph's portion is what its own marks cite.
        const markFacts = new Map<string, Fact[]>();
        let k = 0;
        for (const seg of segments) {
          if (seg.kind === 'cite')
            markFacts.set(
              markClusterId(item.id, k++),
              seg.cluster.cites.map((c) => facts.get(c.factId)!),
            );
        }
        for (const pb of proseItemBlocks(segments, (n) => cite(markClusterId(item.id, n)))) {
          const cited = pb.inlines.flatMap((i) => (i.type === 'text' ? [] : (markFacts.get(i.clusterId) ?? [])));
          blocks.push(portion({ kind: pb.kind === 'default' ? layoutKind(def) : pb.kind, inlines: pb.inlines }, cited, raised));
        }
      } else {
        const fact = facts.get(item.factId)!;
        blocks.push(portion({ kind: layoutKind(def), inlines: [...factInlines(item, fact), cite(item.id)] }, [fact], raised));
      }
    }
    const heading = combineMarkings(scheme, sectionMarks);
    return {
      key: section.key,
      heading: section.heading,
      ...(heading ? { headingPortion: portionText(scheme, heading) } : {}),
      showHeading: def?.showHeading ?? true,
      blocks,
    };
  });

  const doc: ResolvedDocument = {
    templateId: template.id,
    heading: template.heading || briefing.title,
    title: briefing.title,
    date: memoDate(briefing.fields.date, template, opts.today ?? new Date()),
    fields: headerFields(template, briefing, briefing.portionMarks ? scheme : undefined),
    sections,
    notes: noteMode,
    language: notes.locale,
    zotero: { styleUri: notes.styleUri, locale: notes.locale, noteType: noteMode, hasBibliography: notes.hasBibliography },
  };
  // A title is a portion too (ISOO booklet); a memo's "INFO MEMO" line is the form's name, not a title.
  if (briefing.portionMarks && !template.heading && scheme.levels[0]) doc.headingPortion = scheme.levels[0].portion;
  if (template.decision) {
    doc.decision = { lines: template.decision.lines };
    if (template.decision.decideBy && briefing.fields.decideBy?.trim()) doc.decision.decideBy = printedDate(briefing.fields.decideBy, template);
  }
  // Attachments print only when the memo lists some (the template's default is the entry's hint).
  const attachments = briefing.fields.attachments?.trim();
  if (attachments && template.closing.attachments) doc.attachments = attachments;
  if (briefing.fields.preparedBy && template.closing.preparedBy) doc.preparedBy = briefing.fields.preparedBy;
  if (marking.banner) doc.banner = bannerText(scheme, marking.banner);
  const block = marking.banner
    ? markingBlock({ scheme, banner: marking.banner, fields: briefing.fields, defaults: lib.markingDefaults(), facts: facts.values(), sources })
    : undefined;
  if (block) {
    doc.markingBlock = block.block;
    if (block.sources) doc.derivationSources = block.sources;
  } else if (briefing.derivedFrom) {
    doc.derivedFrom = derivedFrom(facts, sources);
  }
  if (template.citation.bibliography) {
    const bib = notes.bibliography();
    if (bib.entries.length) {
      doc.bibliography = {
        heading: template.citation.bibliographyHeading,
        entries: bib.entries.map((e) => e.runs),
        hangingIndent: bib.hangingIndent,
        ...(bib.secondFieldAlign ? { secondFieldAlign: bib.secondFieldAlign } : {}),
      };
    }
  }
  return {
    briefing,
    doc,
    template,
    get engine() {
      return notes.engine();
    },
    styleId: notes.styleId,
    isNoteStyle: notes.isNoteStyle,
    facts,
    sources,
    prose: p.prose,
    marking,
    clusters,
    notesFrom: notes.from,
  };
}

/** Every source the cited facts name (their own and any via source), read in one query. */
function loadSources(lib: Library, facts: Map<string, Fact>): Map<string, Source> {
  const ids: string[] = [];
  for (const f of facts.values()) {
    ids.push(f.sourceId);
    if (f.viaSourceId) ids.push(f.viaSourceId);
  }
  return lib.getSources(ids);
}

/** A note reference (note styles) or an in-text citation, with its Zotero field; placed by assemble/punctuation.ts. */
function citationInline(notes: CitedNotes, cluster: ClusterInput, mode: NoteMode): Inline {
  const r = notes.results.get(cluster.id)!;
  const field = { instruction: notes.field(cluster, r) };
  if (mode !== 'in-text') return { type: 'note', noteNumber: r.noteNumber ?? 0, runs: r.runs, field, clusterId: cluster.id };
  return { type: 'cite', runs: r.runs, field, clusterId: cluster.id };
}

function layoutKind(def: TemplateSection | undefined): BlockKind {
  if (!def) return 'paragraph';
  return def.layout === 'bullets' ? 'bullet' : def.layout === 'numbered' ? 'numbered' : 'paragraph';
}

function headerFields(template: Template, briefing: Briefing, scheme: MarkingScheme | undefined): HeaderField[] {
  const out: HeaderField[] = [];
  for (const f of template.headerFields) {
    const stored = briefing.fields[f.key] ?? (f.key === 'subject' ? briefing.title : '');
    const value = f.type === 'date' && stored.trim() ? printedDate(stored, template) : stored;
    if (!value.trim() && !f.required) continue;
    const field: HeaderField = { key: f.key, label: f.label, value };
    // The subject line is the analyst's own words: the lowest level, as the booklet's "(U) Subject" examples.
    if (scheme && f.key === 'subject' && scheme.levels[0]) field.portion = scheme.levels[0].portion;
    out.push(field);
  }
  return out;
}

function derivedFrom(facts: Map<string, Fact>, sources: Map<string, Source>): string {
  const ids = new Set([...facts.values()].map((f) => f.sourceId));
  if (ids.size === 1) return sources.get([...ids][0])!.title;
  return 'Multiple Sources';
}
