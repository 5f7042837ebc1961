import { ConcreteHyperlink, type Document, type XmlComponent } from 'docx';
import type { Run } from '../document';
import { findUrls } from '../typography/urls';
import { formattedRuns, type RunFormat } from './runs';
import { runsXml } from './wordml';

/**
 * Addresses in notes and the bibliography as real hyperlinks: a `w:hyperlink` whose
 * relationship (in the part the link is in) points at the address. Relationship ids are made
 * from where the link stands (note 3's second link: `rIdN3L2`), not drawn at random as docx's
 * ExternalHyperlink does, so the docx-object writer and the direct XML writer give the same
 * bytes (direct-parts.test.ts).
 */
export type LinkPart = 'document' | 'footnotes' | 'endnotes';

export interface Link {
  part: LinkPart;
  /** Relationship id without its "rId" prefix. */
  id: string;
  href: string;
}

/** Runs cut at each address, so each address can sit in its own hyperlink. */
export function linkSegments(runs: readonly Run[]): Array<{ href?: string; runs: Run[] }> {
  const text = runs.map((r) => r.text).join('');
  const urls = findUrls(text);
  if (urls.length === 0) return [{ runs: [...runs] }];
  const cuts = [0, ...urls.flatMap((u) => [u.start, u.end]), text.length];
  const out: Array<{ href?: string; runs: Run[] }> = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const [from, to] = [cuts[k], cuts[k + 1]];
    if (from === to) continue;
    const href = k % 2 === 1 ? urls[(k - 1) / 2].href : undefined;
    out.push({ ...(href ? { href } : {}), runs: sliceRuns(runs, from, to) });
  }
  return out;
}

function sliceRuns(runs: readonly Run[], from: number, to: number): Run[] {
  const out: Run[] = [];
  let at = 0;
  for (const r of runs) {
    const [s, e] = [Math.max(from, at), Math.min(to, at + r.text.length)];
    if (s < e) out.push({ ...r, text: r.text.slice(s - at, e - at) });
    at += r.text.length;
  }
  return out;
}

/** The links in these runs, with their ids for a place (`N3` for note 3, `B1` for the first bibliography entry). */
export function linksOf(runs: readonly Run[], part: LinkPart, place: string): Link[] {
  return linkSegments(runs)
    .filter((s) => s.href)
    .map((s, k) => ({ part, id: `${place}L${k + 1}`, href: s.href! }));
}

/** docx objects for runs, their addresses as hyperlinks (ids as linksOf gives them). */
export function linkedRuns(runs: readonly Run[], place: string, base: RunFormat = {}): XmlComponent[] {
  let k = 0;
  return linkSegments(runs).flatMap((s): XmlComponent[] =>
    s.href ? [new ConcreteHyperlink(formattedRuns(s.runs, { ...base, style: 'Hyperlink' }), `${place}L${++k}`)] : formattedRuns(s.runs, base),
  );
}

/** The same as WordprocessingML text. */
export function linkedRunsXml(runs: readonly Run[], place: string): string {
  let k = 0;
  return linkSegments(runs)
    .map((s) => (s.href ? `<w:hyperlink w:history="1" r:id="rId${place}L${++k}">${runsXml(s.runs, 'Hyperlink')}</w:hyperlink>` : runsXml(s.runs)))
    .join('');
}

const HYPERLINK = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';

/** Each link's relationship, in the part the link is in. */
export function addLinkRelationships(document: Document, links: readonly Link[]): void {
  for (const l of links) {
    const wrapper = l.part === 'document' ? document.Document : l.part === 'footnotes' ? document.FootNotes : document.Endnotes;
    wrapper.Relationships.addRelationship(l.id, HYPERLINK, l.href, 'External');
  }
}
