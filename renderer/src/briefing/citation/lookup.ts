import type { FactDetail } from '../../../../api/contract';
import type { Cite } from '../../../../core/citation-marks';
import { locatorTerm } from '../../../../core/citation-marks';
import type { ClusterMap } from '../useLivePreview';

/** What a citation chip shows: its note (or in-text citation) from the live preview, and the facts it cites. */
export interface CiteLookup {
  clusters: ClusterMap;
  facts: Map<string, FactDetail>;
}

/** The chip's face: the note number, or the short in-text citation; "…" until the preview has it. */
export function chipFace(lookup: CiteLookup, clusterId: string): { text: string; note?: number } {
  const inl = lookup.clusters.get(clusterId);
  if (!inl) return { text: '…' };
  if (inl.type === 'note') return { text: String(inl.noteNumber), note: inl.noteNumber };
  return { text: inl.runs.map((r) => r.text).join('') };
}

/** A fact's words, shortened for a tooltip or a list row. */
export function factSnippet(fact: FactDetail | undefined, max = 90): string {
  if (!fact) return 'Fact not loaded';
  const t = fact.fact.text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** One cite as a line of the chip's tooltip: prefix, the fact's words, locator, suffix. */
export function citeLine(cite: Cite, fact: FactDetail | undefined): string {
  const loc = cite.locator ? `, ${locatorTerm(cite.locator.label)} ${cite.locator.value}` : '';
  return `${cite.prefix ? `${cite.prefix} ` : ''}“${factSnippet(fact, 70)}”${loc}${cite.suffix ?? ''}`;
}
