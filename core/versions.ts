import { splitCitations } from './citation-marks';
import { isUuid } from './ids';
import type { Briefing, BriefingSection, NotePlacement } from './model';

/**
 * A stored version of a briefing: what it said (content and settings) and how its citations
 * read (the rendered note texts), so "what did we send on Tuesday" and "what changed since"
 * have answers even after the library's facts were corrected.
 */

/**
 * How long without a write ends an editing session. Autosave writes every few seconds while
 * someone types, so a version per write would bury the history; ten quiet minutes is a
 * coffee, a meeting or a colleague's question — a point the analyst may want to go back to.
 */
export const EDIT_PAUSE_MS = 10 * 60 * 1000;

/** Why a version was stored. */
export type VersionReason = 'edit' | 'export' | 'restore' | 'import';

export interface VersionContent {
  title: string;
  templateId: string;
  styleId?: string;
  notePlacement?: NotePlacement;
  marking?: string;
  portionMarks: boolean;
  derivedFrom: boolean;
  fields: Record<string, string>;
  /** Sections and items with their ids: a restore puts the same items back, a diff pairs them. */
  sections: BriefingSection[];
  /** The library text of each placed fact then: the fact may be corrected or gone since. */
  factTexts: Record<string, string>;
}

/** One note (or in-text citation) as rendered: cluster id as in export/document.ts. */
export interface VersionNote {
  clusterId: string;
  /** Absent for in-text styles. */
  number?: number;
  text: string;
}

export interface ExportRecord {
  version: number;
  format: string;
  path: string;
  sha256: string;
  createdAt: string;
}

interface VersionCounts {
  sections: number;
  /** Items: the analyst's passages and placed facts. */
  items: number;
  /** Distinct facts placed. */
  facts: number;
  /** Notes (or in-text citations): placed facts and citation marks. */
  notes: number;
}

export interface VersionSummary {
  number: number;
  reason: VersionReason;
  createdAt: string;
  title: string;
  counts: VersionCounts;
  /** Files written from this version, oldest first. */
  exports: ExportRecord[];
}

export interface BriefingVersion extends VersionSummary {
  briefingId: string;
  content: VersionContent;
  notes: VersionNote[];
}

/** The briefing as a version's content; `factText` gives a placed fact's library text. */
export function versionContent(b: Briefing, factText: (id: string) => string): VersionContent {
  // Fixed key order: two equal contents serialise to the same JSON, which is how they are compared.
  const content: VersionContent = {
    title: b.title,
    templateId: b.templateId,
    portionMarks: b.portionMarks,
    derivedFrom: b.derivedFrom,
    fields: b.fields,
    sections: [],
    factTexts: {},
  };
  if (b.styleId) content.styleId = b.styleId;
  if (b.notePlacement) content.notePlacement = b.notePlacement;
  if (b.marking) content.marking = b.marking;
  content.sections = b.sections.map((s) => ({ id: s.id, key: s.key, heading: s.heading, items: s.items.map((i) => ({ ...i })) }));
  for (const s of b.sections)
    for (const i of s.items) if (i.kind === 'fact' && !(i.factId in content.factTexts)) content.factTexts[i.factId] = factText(i.factId);
  return content;
}

/** Every fact a version uses: placed, and cited in prose marks (any well-formed fact id). */
export function factsUsed(content: VersionContent): string[] {
  const ids = new Set<string>();
  for (const s of content.sections) {
    for (const i of s.items) {
      if (i.kind === 'fact') ids.add(i.factId);
      else for (const seg of splitCitations(i.text, { isKey: isUuid })) if (seg.kind === 'cite') for (const c of seg.cluster.cites) ids.add(c.factId);
    }
  }
  return [...ids];
}

export function summarise(content: VersionContent, notes: readonly VersionNote[]): Pick<VersionSummary, 'title' | 'counts'> {
  return {
    title: content.title,
    counts: {
      sections: content.sections.length,
      items: content.sections.reduce((n, s) => n + s.items.length, 0),
      facts: Object.keys(content.factTexts).length,
      notes: notes.length,
    },
  };
}

/** A paragraph of a version as the diff and `brief show --version` see it. */
export interface VersionParagraph {
  itemId: string;
  /** What is compared: the stored text, citation marks as written, a placed fact with its id. */
  key: string;
  /** What is shown: marks replaced by their note numbers (or in-text citations). */
  text: string;
}

/**
 * The paragraphs of one section: each placed fact is one; the analyst's passages split as the
 * exporters split them (blank lines end a paragraph, each bullet or numbered line is its own).
 */
export function sectionParagraphs(section: BriefingSection, content: VersionContent, notes: readonly VersionNote[]): VersionParagraph[] {
  const byCluster = new Map(notes.map((n) => [n.clusterId, n]));
  const mark = (clusterId: string, fallback: string) => {
    const n = byCluster.get(clusterId);
    return n ? (n.number !== undefined ? `[${n.number}]` : n.text) : fallback;
  };
  const out: VersionParagraph[] = [];
  for (const item of section.items) {
    if (item.kind === 'fact') {
      const words = item.wording ?? content.factTexts[item.factId] ?? `(fact ${item.factId})`;
      const text = `${item.lead ? `${item.lead}: ` : ''}${words}`;
      out.push({ itemId: item.id, key: `${text}\u0000@${item.factId}`, text: `${text} ${mark(item.id, '[?]')}` });
      continue;
    }
    let k = 0;
    for (const para of proseParagraphs(item.text)) {
      const shown = splitCitations(para, { isKey: isUuid })
        .map((seg) => (seg.kind === 'text' ? seg.text : mark(`${item.id}#${k++}`, para.slice(seg.start, seg.end))))
        .join('');
      out.push({ itemId: item.id, key: para, text: shown });
    }
  }
  return out;
}

/** Light-Markdown prose as paragraphs, the way export/prose.ts lays it out. */
export function proseParagraphs(text: string): string[] {
  const out: string[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push(para.join(' '));
    para = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) flush();
    else if (/^([-*•]|\d+[.)])\s+/.test(line)) {
      flush();
      out.push(line);
    } else para.push(line);
  }
  flush();
  return out;
}
