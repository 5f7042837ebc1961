import type { CslName } from '../core/csl';
import { sourceToCsl } from '../core/csl-map';
import type { Fact, Source, SourceInput } from '../core/model';

export function nameText(n: CslName): string {
  return n.literal ?? [n.given, n.family].filter(Boolean).join(' ');
}

/** "Lee, Reuters, 2024-01-18": enough to recognise a source in a table row. */
export function sourceLabel(s: Pick<Source, 'title' | 'authors' | 'containerTitle' | 'issued'>): string {
  const who = s.authors[0] ? nameText(s.authors[0]) + (s.authors.length > 1 ? ' et al.' : '') : s.containerTitle;
  return [who, s.title, s.issued].filter(Boolean).join(', ');
}

/** A source as JSON: its CSL-JSON fields plus Dossier's own. */
export function sourceJson(s: Source & { factCount?: number }): Record<string, unknown> {
  const out: Record<string, unknown> = { ...sourceToCsl(s), id: s.id };
  if (s.reliability) out.reliability = s.reliability;
  out.createdAt = s.createdAt;
  out.updatedAt = s.updatedAt;
  if (s.factCount !== undefined) out.factCount = s.factCount;
  return out;
}

export function locatorText(f: Pick<Fact, 'locator'>): string {
  if (!f.locator) return '';
  const abbrev: Record<string, string> = { page: 'p.', paragraph: 'para.', section: 'sec.', chapter: 'ch.' };
  return `${abbrev[f.locator.label] ?? f.locator.label} ${f.locator.value}`;
}

/** A source not yet written (a dry run): its CSL-JSON fields, without an id. */
export function sourcePreviewJson(input: SourceInput): Record<string, unknown> {
  const { id: _none, ...csl } = sourceToCsl({ ...input, id: '', authors: input.authors ?? [], editors: input.editors ?? [], extra: input.extra ?? {}, createdAt: '', updatedAt: '' });
  return input.reliability ? { ...csl, reliability: input.reliability } : csl;
}
