import { type Cite, CitationSyntaxError, lineColumn, type ProseSegment, splitCitations } from '../../core/citation-marks';
import { invalid } from '../../core/errors';
import { isUuid } from '../../core/ids';
import type { Briefing, Fact, FactItem } from '../../core/model';
import type { ClusterInput, CiteInput } from '../../citations/index';
import type { Library } from '../../db/library';
import type { KeptFacts } from './kept-facts';

/**
 * Every citation of a briefing in document order: placed facts (cluster id = the item's id)
 * and the citation marks in prose (the k-th mark of prose item X is cluster `X#k`). They go
 * to citeproc as one document, so note numbers, Ibid. and short forms follow the reading order
 * across both.
 */

export function markClusterId(itemId: string, k: number): string {
  return `${itemId}#${k}`;
}

export interface CitedFacts {
  /** Every fact the briefing places or cites in prose. */
  facts: Map<string, Fact>;
  /** Each prose item's text split into text and citation clusters. */
  prose: Map<string, ProseSegment[]>;
}

// "@key" anywhere: more than the marks (an e-mail address), but reading those facts costs nothing.
const AT_KEY = /@([A-Za-z0-9][A-Za-z0-9_-]*)/g;

/**
 * Loads the placed and cited facts, and splits the prose as the store does
 * (db/repo/briefing-cites.ts): only the full id of a fact that exists is a key, so the text
 * an analyst stored and the export agree on what is a citation and what is words.
 * `kept`: the facts a session read before, read again only where they changed.
 */
export function loadCitedFacts(lib: Library, briefing: Briefing, kept?: KeptFacts): CitedFacts {
  const ids = new Set<string>();
  const placed = new Set<string>();
  for (const s of briefing.sections) {
    for (const item of s.items) {
      if (item.kind === 'fact') {
        ids.add(item.factId);
        placed.add(item.factId);
      } else if (item.text.includes('@')) for (const m of item.text.matchAll(AT_KEY)) if (isUuid(m[1])) ids.add(m[1]);
    }
  }
  const facts = kept ? kept.read(lib, [...ids]) : lib.getFacts([...ids]);
  const isKey = (key: string) => facts.has(key);
  const prose = new Map<string, ProseSegment[]>();
  const cited = new Set<string>();
  for (const s of briefing.sections) {
    for (const item of s.items) {
      if (item.kind !== 'prose') continue;
      const segments = splitProse(item.text, isKey, `${s.heading || s.key}: text ${item.id}`);
      prose.set(item.id, segments);
      for (const seg of segments) if (seg.kind === 'cite') for (const c of seg.cluster.cites) cited.add(c.factId);
    }
  }
  // Facts named by an "@" that is not a citation are not the briefing's.
  for (const id of facts.keys()) {
    if (!cited.has(id) && !placed.has(id)) facts.delete(id);
  }
  return { facts, prose };
}

function splitProse(text: string, isKey: (key: string) => boolean, field: string): ProseSegment[] {
  if (!text.includes('@')) return text ? [{ kind: 'text', text }] : [];
  try {
    return splitCitations(text, { isKey });
  } catch (e) {
    // The store refuses such text on write; a library written before the limits says where.
    if (e instanceof CitationSyntaxError) {
      const at = lineColumn(text, e.offset);
      throw invalid(field, `line ${at.line}, column ${at.column}: ${e.message}`);
    }
    throw e;
  }
}

/** The clusters in document order. */
export function documentClusters(briefing: Briefing, cited: CitedFacts): ClusterInput[] {
  const out: ClusterInput[] = [];
  for (const s of briefing.sections) {
    for (const item of s.items) {
      if (item.kind === 'fact') {
        out.push(clusterFor(item, cited.facts.get(item.factId)!));
        continue;
      }
      let k = 0;
      for (const seg of cited.prose.get(item.id) ?? []) {
        if (seg.kind === 'cite') out.push(markCluster(markClusterId(item.id, k++), seg.cluster.cites, cited.facts));
      }
    }
  }
  return out;
}

/** One citation per fact use: the fact's source with its locator, "quoted in" its via source. */
export function clusterFor(item: FactItem, fact: Fact): ClusterInput {
  return { id: item.id, cites: [citeOf(fact, { factId: fact.id, ...(item.locator ? { locator: item.locator } : {}) })] };
}

/** A mark's cluster: each cite is its fact's source, with the mark's locator, prefix and suffix. */
function markCluster(id: string, cites: readonly Cite[], facts: Map<string, Fact>): ClusterInput {
  return { id, cites: cites.map((c) => citeOf(facts.get(c.factId)!, c)) };
}

function citeOf(fact: Fact, cite: Cite): CiteInput {
  const locator = cite.locator ?? fact.locator;
  return {
    itemId: fact.sourceId,
    ...(locator ? { locator: locator.value, label: locator.label } : {}),
    ...(cite.prefix ? { prefix: cite.prefix } : {}),
    ...(cite.suffix ? { suffix: cite.suffix } : {}),
    ...(cite.suppressAuthor ? { suppressAuthor: true } : {}),
    ...(fact.viaSourceId ? { via: { itemId: fact.viaSourceId } } : {}),
  };
}
