import { findLevel, highestLevel, type MarkingLevel, type MarkingScheme, rankOf } from '../../core/markings';
import type { Briefing, BriefingItem, Fact } from '../../core/model';

/**
 * Portion marks follow what a paragraph places or cites: its mark is the highest marking of
 * those facts, raised (never lowered) by the analyst's own mark on the item. The analyst's
 * words alone get the lowest level. The banner is the highest portion of the document,
 * raised ones included, and the briefing's own marking when that is higher.
 */

/** The item's raised marking as a level of the scheme (an unknown id raises nothing). */
export function raisedLevel(scheme: MarkingScheme, item: BriefingItem): MarkingLevel | undefined {
  return item.marking ? findLevel(scheme, item.marking) : undefined;
}

/** A portion's level: the highest of its facts' markings and the item's raised one. */
export function portionLevel(scheme: MarkingScheme, facts: readonly Fact[], raised?: MarkingLevel): MarkingLevel | undefined {
  return highestLevel(scheme, [...facts.map((f) => f.marking), raised?.id]) ?? scheme.levels[0];
}

/** The facts whose marking is above the item's own mark: the mark cannot stand. */
export function factsAboveItemMarking(scheme: MarkingScheme, item: BriefingItem, facts: readonly Fact[]): Fact[] {
  const raised = raisedLevel(scheme, item);
  if (!raised) return [];
  const rank = rankOf(scheme, raised.id);
  return facts.filter((f) => f.marking !== undefined && rankOf(scheme, f.marking) > rank);
}

export interface DocumentMarking {
  scheme: MarkingScheme;
  /** The highest marking of the facts placed or cited. */
  required?: MarkingLevel;
  /** What the banner shows: the highest portion (raised ones included) or the briefing's marking. */
  banner?: MarkingLevel;
}

export function documentMarking(scheme: MarkingScheme, briefing: Briefing, facts: Iterable<Fact>): DocumentMarking {
  const required = highestLevel(scheme, [...facts].map((f) => f.marking));
  const raised = briefing.sections.flatMap((s) => s.items.map((i) => raisedLevel(scheme, i)?.id));
  const chosen = briefing.marking ? findLevel(scheme, briefing.marking) : undefined;
  // Never lower than what the cited facts require; the analyst may raise it, per item or as a whole.
  const banner = highestLevel(scheme, [required?.id, chosen?.id, ...raised]);
  return { scheme, ...(required ? { required } : {}), ...(banner ? { banner } : {}) };
}
