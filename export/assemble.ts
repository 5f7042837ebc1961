import type { CslItem } from '../core/csl';
import { sourceToCsl } from '../core/csl-map';
import { findLevel, highestLevel, type MarkingLevel, type MarkingScheme } from '../core/markings';
import type { Briefing, Fact, FactItem, Source } from '../core/model';
import { type Bibliography, CitationEngine, type ClusterInput, type ClusterResult, runsToPlain, zoteroFieldInstruction } from '../citations/index';
import { type RenderHelper, renderDocumentSplit } from '../citations/split-render';
import type { Library } from '../db/library';
import type { Block, BlockKind, DocSection, HeaderField, Inline, NoteMode, ResolvedDocument, Run } from './document';
import { proseBlocks } from './prose';
import type { CitationSession } from './citation-session';
import { getTemplate, type Template, type TemplateSection } from './template/index';

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
}

export interface AssembledBriefing {
  briefing: Briefing;
  doc: ResolvedDocument;
  template: Template;
  engine: CitationEngine;
  facts: Map<string, Fact>;
  sources: Map<string, Source>;
  /** The marking the cited facts require, and the one the banner shows. */
  marking: { required?: MarkingLevel; banner?: MarkingLevel; scheme: MarkingScheme };
  clusters: ClusterInput[];
  /** 2 when a second engine rendered part of the citations (assembleBriefingSplit). */
  citationEngines?: 1 | 2;
}

/**
 * Resolves a briefing for the writers: places every fact, renders every citation with
 * citeproc-js in document order (so notes number, shorten and become Ibid. as the style
 * says), computes the banner and portion marks, and fills the memo header from the template.
 */
export function assembleBriefing(lib: Library, briefingRef: string, opts: AssembleOptions = {}): AssembledBriefing {
  const p = prepare(lib, briefingRef, opts);
  if (opts.session) {
    const { engine, results } = opts.session.render(`${p.styleId}|${opts.styleDir ?? ''}`, p.sources, (lookup) => createEngine(p, opts, lookup), p.clusters);
    return build(lib, p, opts, engine, results, () => opts.session!.bibliography());
  }
  const engine = createEngine(p, opts, (id) => p.sources.get(id));
  const results = new Map(engine.renderDocument(p.clusters).map((r) => [r.id, r]));
  return build(lib, p, opts, engine, results, () => engine.bibliography());
}

/**
 * The same, for a one-off export with a second engine sharing the citation work (a worker
 * thread in the command line; see citations/split-render.ts). The output is the same.
 */
export async function assembleBriefingSplit(lib: Library, briefingRef: string, opts: AssembleOptions, helper: RenderHelper): Promise<AssembledBriefing> {
  const p = prepare(lib, briefingRef, opts);
  const engine = createEngine(p, opts, (id) => p.sources.get(id));
  const items = [...p.sources.values()].map(sourceToCsl);
  const split = await renderDocumentSplit(engine, engineOptions(p, opts), items, p.clusters, helper, p.template.citation.bibliography);
  const results = new Map(split.results.map((r) => [r.id, r]));
  const assembled = build(lib, p, opts, engine, results, () => split.bibliography ?? engine.bibliography());
  return split.shared ? { ...assembled, citationEngines: 2 } : assembled;
}

interface Prepared {
  briefing: Briefing;
  template: Template;
  facts: Map<string, Fact>;
  sources: Map<string, Source>;
  styleId: string;
  clusters: ClusterInput[];
}

function prepare(lib: Library, briefingRef: string, opts: AssembleOptions): Prepared {
  const briefing = lib.getBriefing(briefingRef);
  const template = getTemplate(opts.templateId ?? briefing.templateId, opts.templateDir);
  const factItems = briefing.sections.flatMap((s) => s.items.filter((i): i is FactItem => i.kind === 'fact'));
  const facts = lib.getFacts(factItems.map((i) => i.factId));
  const sources = loadSources(lib, facts);
  const styleId = opts.styleId ?? briefing.styleId ?? template.citation.style;
  const clusters = factItems.map((item) => clusterFor(item, facts.get(item.factId)!));
  return { briefing, template, facts, sources, styleId, clusters };
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
function build(
  lib: Library,
  p: Prepared,
  opts: AssembleOptions,
  engine: CitationEngine,
  rendered: Map<string, ClusterResult>,
  bibliography: () => Bibliography,
): AssembledBriefing {
  const { briefing, template, facts, sources, clusters } = p;
  const noteMode: NoteMode = engine.isNoteStyle ? (opts.notes ?? briefing.notePlacement ?? template.citation.notes) : 'in-text';

  const scheme = lib.markingScheme();
  const marking = computeMarking(scheme, briefing, [...facts.values()]);
  const portions = briefing.portionMarks ? scheme : undefined;
  const clusterById = new Map(clusters.map((c) => [c.id, c]));
  const cite = (item: FactItem): Inline => citationInline(engine, clusterById.get(item.id)!, rendered.get(item.id)!, noteMode);

  const sections: DocSection[] = briefing.sections.map((section) => {
    const def = template.sections.find((t) => t.key === section.key);
    const blocks: Block[] = [];
    for (const item of section.items) {
      if (item.kind === 'prose') {
        for (const p of proseBlocks(item.text)) blocks.push(withPortion({ kind: p.kind === 'default' ? layoutKind(def) : p.kind, inlines: p.inlines }, portions, []));
      } else {
        const fact = facts.get(item.factId)!;
        blocks.push(withPortion({ kind: layoutKind(def), inlines: [...factInlines(item, fact), cite(item)] }, portions, [fact]));
      }
    }
    if (noteMode === 'in-text') placeInTextCitations(blocks);
    return { key: section.key, heading: section.heading, showHeading: def?.showHeading ?? true, blocks };
  });

  const doc: ResolvedDocument = {
    templateId: template.id,
    heading: template.heading || briefing.title,
    title: briefing.title,
    date: briefing.fields.date || formatDate(opts.today ?? new Date(), engine.locale),
    fields: headerFields(template, briefing, portions),
    sections,
    notes: noteMode,
    language: engine.locale,
  };
  if (template.decision) {
    doc.decision = { lines: template.decision.lines };
    if (template.decision.decideBy && briefing.fields.decideBy) doc.decision.decideBy = briefing.fields.decideBy;
  }
  const attachments = briefing.fields.attachments ?? template.closing.attachments?.default;
  if (attachments && template.closing.attachments) doc.attachments = attachments;
  if (briefing.fields.preparedBy && template.closing.preparedBy) doc.preparedBy = briefing.fields.preparedBy;
  if (marking.banner) doc.banner = marking.banner.banner;
  if (briefing.derivedFrom) doc.derivedFrom = derivedFrom(facts, sources);
  if (template.citation.bibliography) {
    const bib = bibliography();
    if (bib.entries.length) doc.bibliography = { heading: template.citation.bibliographyHeading, entries: bib.entries.map((e) => e.runs), hangingIndent: bib.hangingIndent };
  }
  return { briefing, doc, template, engine, facts, sources, marking, clusters };
}

function loadSources(lib: Library, facts: Map<string, Fact>): Map<string, Source> {
  const sources = new Map<string, Source>();
  for (const f of facts.values()) {
    for (const id of [f.sourceId, f.viaSourceId]) if (id && !sources.has(id)) sources.set(id, lib.getSource(id));
  }
  return sources;
}

/** One citation per fact use: the fact's source with its locator, "quoted in" its via source. */
export function clusterFor(item: FactItem, fact: Fact): ClusterInput {
  const locator = item.locator ?? fact.locator;
  return {
    id: item.id,
    cites: [
      {
        itemId: fact.sourceId,
        ...(locator ? { locator: locator.value, label: locator.label } : {}),
        ...(fact.viaSourceId ? { via: { itemId: fact.viaSourceId } } : {}),
      },
    ],
  };
}

/** The fact as it reads in the briefing: an optional bold lead, the attribution kept with it. */
function factInlines(item: FactItem, fact: Fact): Inline[] {
  const out: Inline[] = [];
  if (item.lead) out.push({ type: 'text', run: { text: `${item.lead}: `, bold: true } });
  const who = fact.attribution ? [fact.attribution.name, fact.attribution.role].filter(Boolean).join(', ') : '';
  const named = fact.attribution && [fact.attribution.name, fact.attribution.role].some((w) => w && fact.text.toLowerCase().includes(w.toLowerCase()));
  const text = who && !named ? `${who}: ${fact.text}` : fact.text;
  out.push({ type: 'text', run: { text } });
  return out;
}

/**
 * Note styles: a footnote/endnote reference after the fact's closing punctuation. In-text
 * styles: the parenthetical goes before the final full stop, as the author-date styles want.
 */
function citationInline(engine: CitationEngine, cluster: ClusterInput, r: ClusterResult, mode: NoteMode): Inline {
  const plain = runsToPlain(r.runs);
  const field = { instruction: zoteroFieldInstruction(engine.zoteroCitationPayload(cluster, plain)) };
  if (mode !== 'in-text') return { type: 'note', noteNumber: r.noteNumber ?? 0, runs: r.runs, field, clusterId: cluster.id };
  return { type: 'cite', runs: r.runs, field, clusterId: cluster.id };
}

/** Moves an in-text citation before the sentence's final full stop: "… rose 4% (Lee 2024, 3)." */
export function placeInTextCitations(blocks: Block[]): void {
  for (const b of blocks) {
    const i = b.inlines.findIndex((x) => x.type === 'cite');
    if (i < 1) continue;
    const prev = b.inlines[i - 1]!;
    if (prev.type !== 'text') continue;
    const m = /([.!?])(["”’]?)\s*$/.exec(prev.run.text);
    if (!m) continue;
    const cite = b.inlines[i]!;
    const before: Run = { ...prev.run, text: prev.run.text.slice(0, m.index) + m[2] + ' ' };
    b.inlines.splice(i - 1, 2, { type: 'text', run: before }, cite, { type: 'text', run: { text: m[1]! } });
  }
}

function layoutKind(def: TemplateSection | undefined): BlockKind {
  if (!def) return 'paragraph';
  return def.layout === 'bullets' ? 'bullet' : def.layout === 'numbered' ? 'numbered' : 'paragraph';
}

/** A portion mark from the facts in the portion; the author's own words get the lowest level. */
function withPortion(block: Block, scheme: MarkingScheme | undefined, facts: Fact[]): Block {
  if (!scheme) return block;
  const level = highestLevel(scheme, facts.map((f) => f.marking)) ?? scheme.levels[0];
  return level ? { ...block, portion: level.portion } : block;
}

function computeMarking(scheme: MarkingScheme, briefing: Briefing, facts: Fact[]): AssembledBriefing['marking'] {
  const required = highestLevel(scheme, facts.map((f) => f.marking));
  const chosen = briefing.marking ? findLevel(scheme, briefing.marking) : undefined;
  // The banner is never lower than what the cited facts require; the user may raise it.
  const banner = highestLevel(scheme, [required?.id, chosen?.id]);
  return { scheme, ...(required ? { required } : {}), ...(banner ? { banner } : {}) };
}

function headerFields(template: Template, briefing: Briefing, scheme: MarkingScheme | undefined): HeaderField[] {
  const out: HeaderField[] = [];
  for (const f of template.headerFields) {
    const value = briefing.fields[f.key] ?? (f.key === 'subject' ? briefing.title : '');
    if (!value && !f.required) continue;
    const field: HeaderField = { key: f.key, label: f.label, value };
    if (scheme && f.key === 'subject' && scheme.levels[0]) field.portion = scheme.levels[0].portion;
    out.push(field);
  }
  return out;
}

function derivedFrom(facts: Map<string, Fact>, sources: Map<string, Source>): string {
  const ids = new Set([...facts.values()].map((f) => f.sourceId));
  if (ids.size === 1) return sources.get([...ids][0]!)!.title;
  return 'Multiple Sources';
}

/** "March 3, 2025" in US English, "3 March 2025" in British English. */
export function formatDate(d: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale.startsWith('en-US') ? 'en-US' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}
