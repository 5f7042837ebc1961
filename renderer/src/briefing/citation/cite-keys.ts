import { type CiteCluster, type ProseSegment, splitCitations } from '../../../../core/citation-marks';

/**
 * Which bracket groups the editor shows as citation chips: those whose keys are all full fact
 * ids. The renderer cannot ask the store synchronously whether a fact exists; an id of a fact
 * that does not exist is kept as the text it is, and the store reads it as text too.
 */
const FULL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isFactKey = (key: string): boolean => FULL_ID.test(key);

/** Text and clusters of a line of prose; a group over the limits stays text (the store names the problem on save). */
export function proseSegments(text: string): ProseSegment[] {
  try {
    return splitCitations(text, { isKey: isFactKey });
  } catch {
    return [{ kind: 'text', text }];
  }
}

/** The clusters of a prose item, in text order: cluster k has the id `${itemId}#${k}`. */
export function proseClusters(text: string): CiteCluster[] {
  return proseSegments(text).flatMap((s) => (s.kind === 'cite' ? [s.cluster] : []));
}

export function clusterId(itemId: string, k: number): string {
  return `${itemId}#${k}`;
}
