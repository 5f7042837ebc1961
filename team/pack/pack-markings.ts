import { invalid } from '../../core/errors';
import type { MarkingScheme } from '../../core/markings';
import type { Marking } from '../../core/marking-string';
import { bannerText, combineMarkings, parseMarking, tryParseMarking } from '../../core/marking-string';
import { safeFileName } from '../../core/file-name';
import type { JsonValue } from '../../core/sync-types';
import type { PackRow } from '../../db/repo/pack-rows';

/**
 * The markings a pack's rows carry: a fact's and a briefing's own `marking` field, and the
 * portion marks an analyst raised on a briefing's items (its body).
 */
function markingsOf(rows: readonly PackRow[]): { row: PackRow; text: string }[] {
  return rows.flatMap((row) =>
    [row.data.marking, ...itemMarkings(row.data.body)].flatMap((m) => (typeof m === 'string' && m.trim() ? [{ row, text: m }] : [])),
  );
}

function itemMarkings(body: JsonValue | undefined): JsonValue[] {
  const sections = (body as { sections?: { items?: { marking?: JsonValue }[] }[] } | null | undefined)?.sections;
  if (!Array.isArray(sections)) return [];
  return sections.flatMap((s) => (Array.isArray(s.items) ? s.items.map((i) => i.marking ?? null) : []));
}

/** The banner of the whole pack (highest level, most restrictive controls), or null when nothing is marked. */
export function highestMarking(scheme: MarkingScheme, rows: readonly PackRow[]): string | null {
  const parsed: Marking[] = markingsOf(rows).map(({ row, text }) => parseMarking(scheme, text, `${row.entity} ${row.id} marking`));
  const top = combineMarkings(scheme, parsed);
  return top ? bannerText(scheme, top) : null;
}

/**
 * A pack goes only into a library whose scheme can hold every marking in it. Markings of
 * different built-in schemes are never the same thing, even where the words match: a US
 * SECRET fact is not UK SECRET, and US SECRET//NOFORN has no place in a UK library at all. So
 * a marked pack needs the library's scheme, and each marking must read in it (a custom scheme
 * may differ from library to library). The first marking that does not fit is named.
 */
export function checkSchemeHolds(scheme: MarkingScheme, packScheme: string, highest: string | null, rows: readonly PackRow[]): void {
  const refuse = (text: string) =>
    invalid(
      'pack',
      `the pack holds material marked ${text} (${packScheme.toUpperCase()} scheme), which this library's ${scheme.name} scheme cannot hold; nothing was imported`,
    );
  const marked = markingsOf(rows);
  if (packScheme !== scheme.id && (highest || marked.length)) throw refuse(highest ?? marked[0].text);
  if (highest && !tryParseMarking(scheme, highest)) throw refuse(highest);
  for (const { text } of marked) if (!tryParseMarking(scheme, text)) throw refuse(text);
}

/** "SECRET-NOFORN Grain corridor 2026-12-04.dossierpack": the marking is the first thing anyone handling the file reads. */
export function suggestedPackName(highest: string | null, label: string, date: Date): string {
  const mark = (highest ?? 'UNMARKED').replace(/\/\//g, '-').replace(/[/,]/g, ' ').replace(/\s+/g, ' ').trim();
  return safeFileName(`${mark} ${label} ${date.toISOString().slice(0, 10)}`, 'dossierpack');
}
