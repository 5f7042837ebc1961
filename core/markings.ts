import us from '../templates/markings/us.json';
import uk from '../templates/markings/uk.json';
import { invalid } from './errors';

/**
 * Handling markings are data: a scheme is an ordered list of levels, lowest first, so "the
 * highest marking of the facts cited" is a simple maximum by position.
 */
export interface MarkingLevel {
  id: string;
  /** Text of the banner at top and bottom of each page. */
  banner: string;
  /** Text inside a portion mark, e.g. "U" for "(U)". */
  portion: string;
  /**
   * What the level asks of the first page: "classified" levels carry the classification
   * authority block (32 CFR 2001.21), "cui" the designation indicator (32 CFR 2002.20).
   */
  kind?: LevelKind;
  /** Words that may follow the banner after a space, e.g. UK "OFFICIAL-SENSITIVE COMMERCIAL". */
  descriptors?: string[];
}

type LevelKind = 'classified' | 'cui';

/** A dissemination control written after "//", e.g. NOFORN, portion form "NF". */
export interface MarkingControl {
  id: string;
  banner: string;
  portion: string;
  /** The level kinds the control may follow. */
  kinds: LevelKind[];
  /** Foreign disclosure: "none" (NOFORN) beats "countries" (REL TO, with a country list). */
  foreignDisclosure?: 'none' | 'countries';
}

interface BlockLine {
  /** The briefing field (or user default) the value comes from. */
  field: string;
  label: string;
  required: boolean;
}

/** The first-page block a level kind asks for, as label/field lines. */
interface MarkingBlockDef {
  heading: string;
  lines: BlockLine[];
  /** Classified: the heading of the list of sources kept with a "Multiple Sources" document. */
  sourcesHeading?: string;
}

export interface MarkingScheme {
  id: string;
  name: string;
  levels: MarkingLevel[];
  controls?: MarkingControl[];
  /** CUI categories (CUI Registry abbreviations) that may follow a level of these kinds. */
  categories?: { kinds: LevelKind[]; list: string[] };
  blocks?: Partial<Record<LevelKind, MarkingBlockDef>>;
}

export const BUILT_IN_SCHEMES: readonly MarkingScheme[] = [us as MarkingScheme, uk];

/** A custom scheme from a comma-separated list typed by the user, lowest first. */
export function customScheme(list: string): MarkingScheme {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw invalid('markings', 'a custom scheme needs at least one level, e.g. "PUBLIC, INTERNAL, RESTRICTED"');
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n.toUpperCase())) throw invalid('markings', `level "${n}" is listed twice`);
    seen.add(n.toUpperCase());
  }
  return { id: 'custom', name: 'Custom', levels: names.map((n) => ({ id: n, banner: n.toUpperCase(), portion: n.toUpperCase() })) };
}

export function findLevel(scheme: MarkingScheme, idOrBanner: string): MarkingLevel | undefined {
  const key = idOrBanner.trim().toUpperCase();
  return scheme.levels.find((l) => l.id.toUpperCase() === key || l.banner.toUpperCase() === key);
}

export function rankOf(scheme: MarkingScheme, id: string): number {
  return scheme.levels.findIndex((l) => l.id === id);
}
