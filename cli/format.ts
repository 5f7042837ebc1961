import type { CslName } from '../core/csl';
import type { Fact, Source } from '../core/model';
export { sourceJson, sourcePreviewJson } from '../core/source-json';

export function nameText(n: CslName): string {
  return n.literal ?? [n.given, n.family].filter(Boolean).join(' ');
}

/** "Lee, Reuters, 2024-01-18": enough to recognise a source in a table row. */
export function sourceLabel(s: Pick<Source, 'title' | 'authors' | 'containerTitle' | 'issued'>): string {
  const who = s.authors[0] ? nameText(s.authors[0]) + (s.authors.length > 1 ? ' et al.' : '') : s.containerTitle;
  return [who, s.title, s.issued].filter(Boolean).join(', ');
}

export function locatorText(f: Pick<Fact, 'locator'>): string {
  if (!f.locator) return '';
  const abbrev: Record<string, string> = { page: 'p.', paragraph: 'para.', section: 'sec.', chapter: 'ch.' };
  return `${abbrev[f.locator.label] ?? f.locator.label} ${f.locator.value}`;
}
