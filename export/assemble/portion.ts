import { combineMarkings, type Marking, plainMarking, rankOfMarking, tryParseMarking } from '../../core/marking-string';
import type { MarkingScheme } from '../../core/markings';
import type { Briefing, BriefingItem, Fact } from '../../core/model';

/**
 * Portion marks follow what a paragraph places or cites: its mark is the combination of those
 * facts' markings (highest level, most restrictive controls), raised (never lowered) by the
 * analyst's own mark on the item. The analyst's words alone get the lowest level. The banner
 * combines every portion, raised ones included, and the briefing's own marking.
 */

/** A fact's marking as the scheme reads it (a marking it cannot read counts as none). */
function factMarking(scheme: MarkingScheme, fact: Fact): Marking | undefined {
  return tryParseMarking(scheme, fact.marking);
}

/** The item's raised marking (an unreadable one raises nothing). */
export function raisedMarking(scheme: MarkingScheme, item: BriefingItem): Marking | undefined {
  return tryParseMarking(scheme, item.marking);
}

/** A portion's marking: its facts' markings and the item's raised one combined; the lowest level when none. */
export function portionMarking(scheme: MarkingScheme, facts: readonly Fact[], raised?: Marking): Marking {
  const all = [...facts.map((f) => factMarking(scheme, f)), raised].filter((m): m is Marking => m !== undefined);
  return combineMarkings(scheme, all) ?? plainMarking(scheme.levels[0]);
}

/** The facts whose level is above the item's own mark: the mark cannot stand. */
export function factsAboveItemMarking(scheme: MarkingScheme, item: BriefingItem, facts: readonly Fact[]): Fact[] {
  const raised = raisedMarking(scheme, item);
  if (!raised) return [];
  const rank = rankOfMarking(scheme, raised);
  return facts.filter((f) => {
    const m = factMarking(scheme, f);
    return m !== undefined && rankOfMarking(scheme, m) > rank;
  });
}

export interface DocumentMarking {
  scheme: MarkingScheme;
  /** The facts' markings combined: what the cited facts require. */
  required?: Marking;
  /** Every portion combined (facts and raised items), without the briefing's own marking. */
  portions?: Marking;
  /** The briefing's own marking, when it has one the scheme reads. */
  chosen?: Marking;
  /** What the banner shows: portions and the briefing's marking combined. */
  banner?: Marking;
}

/**
 * The document's marking. With portion marks on every paragraph carries one, so there is
 * always a banner — "UNCLASSIFIED" included — since a reader must see the overall level.
 */
export function documentMarking(scheme: MarkingScheme, briefing: Briefing, facts: Iterable<Fact>): DocumentMarking {
  const factMarks = [...facts].map((f) => factMarking(scheme, f)).filter((m): m is Marking => m !== undefined);
  const raised = briefing.sections.flatMap((s) => s.items.map((i) => raisedMarking(scheme, i))).filter((m): m is Marking => m !== undefined);
  const chosen = tryParseMarking(scheme, briefing.marking);
  const required = combineMarkings(scheme, factMarks);
  let portions = combineMarkings(scheme, [...factMarks, ...raised]);
  if (!portions && briefing.portionMarks) portions = plainMarking(scheme.levels[0]);
  // Never lower than what the cited facts require; the analyst may raise it, per item or as a whole.
  const banner = combineMarkings(scheme, [...(portions ? [portions] : []), ...(chosen ? [chosen] : [])]);
  return { scheme, ...(required ? { required } : {}), ...(portions ? { portions } : {}), ...(chosen ? { chosen } : {}), ...(banner ? { banner } : {}) };
}
