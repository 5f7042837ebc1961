import { invalid } from './errors';
import { LOCATOR_LABELS, type Locator, type LocatorLabel } from './model';

const ALIASES: Record<string, LocatorLabel> = {
  p: 'page',
  pp: 'page',
  pg: 'page',
  para: 'paragraph',
  paras: 'paragraph',
  '¶': 'paragraph',
  sec: 'section',
  '§': 'section',
  ch: 'chapter',
  chap: 'chapter',
  fig: 'figure',
  art: 'article',
  n: 'note',
  l: 'line',
  vol: 'volume',
};

/**
 * Reads a locator as people write it: "page:12", "p. 12", "para 4", "§ 3", or a bare "12"
 * (a page). The label is one CSL knows, so it goes straight into the citation.
 */
export function parseLocator(s: string, field = 'locator'): Locator {
  const t = s.trim();
  if (/^\d[\w\-–,\s]*$/.test(t)) return { label: 'page', value: t };
  const m = /^([a-z¶§]+)\.?\s*[:\s]\s*(.+)$/i.exec(t) ?? /^([¶§])\s*(.+)$/.exec(t);
  if (!m) throw invalid(field, `"${s}" is not a locator; write e.g. page:12, p. 12, para 4`);
  const key = m[1].toLowerCase();
  const label = (LOCATOR_LABELS as readonly string[]).includes(key) ? (key as LocatorLabel) : ALIASES[key];
  if (!label) throw invalid(field, `unknown locator label "${m[1]}"; use one of ${LOCATOR_LABELS.join(', ')}`);
  return { label, value: m[2].trim() };
}
