import type { CslName } from './csl';
import type { PartialDate } from './dates';

/**
 * Dossier's data model. These types are the contract every client (command line, Electron
 * main, renderer through the API, tests) shares; the SQLite schema in db/ stores exactly this.
 */

export const SOURCE_TYPES = [
  'article-newspaper',
  'article-magazine',
  'article-journal',
  'report',
  'webpage',
  'post-weblog',
  'book',
  'chapter',
  'speech',
  'interview',
  'legislation',
  'legal_case',
  'bill',
  'treaty',
  'dataset',
  'broadcast',
  'personal_communication',
  'document',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Admiralty / NATO source reliability: A completely reliable … E unreliable, F cannot be judged. */
export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof RELIABILITY_GRADES)[number];

/** Information credibility: 1 confirmed … 5 improbable, 6 cannot be judged. */
export type Credibility = 1 | 2 | 3 | 4 | 5 | 6;

export interface Source {
  id: string;
  type: SourceType;
  title: string;
  authors: CslName[];
  editors: CslName[];
  containerTitle?: string;
  publisher?: string;
  publisherPlace?: string;
  issued?: PartialDate;
  accessed?: PartialDate;
  url?: string;
  doi?: string;
  pages?: string;
  volume?: string;
  issue?: string;
  number?: string;
  language?: string;
  notes?: string;
  reliability?: Reliability;
  /** CSL fields Dossier has no column for, kept so imported data round-trips. */
  extra: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export type SourceInput = Omit<Source, 'id' | 'createdAt' | 'updatedAt' | 'authors' | 'editors' | 'extra'> & {
  authors?: CslName[];
  editors?: CslName[];
  extra?: Record<string, unknown>;
};
export type SourcePatch = Partial<SourceInput>;

export const FACT_KINDS = ['quote', 'paraphrase', 'statistic'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** CSL locator labels, so a fact's locator goes straight into its citation. */
export const LOCATOR_LABELS = [
  'page',
  'paragraph',
  'section',
  'chapter',
  'line',
  'figure',
  'table',
  'note',
  'article',
  'clause',
  'part',
  'volume',
  'timestamp',
] as const;
export type LocatorLabel = (typeof LOCATOR_LABELS)[number];

export interface Locator {
  label: LocatorLabel;
  value: string;
}

interface Attribution {
  name?: string;
  role?: string;
}

/** A statistic's figure: the words as the source states it, and (when read) its number and unit. */
export interface Figure {
  /** As stated: "3.2 bn", "about a third", "42 percent". */
  stated: string;
  value?: number;
  unit?: string;
}

export interface Fact {
  id: string;
  text: string;
  kind: FactKind;
  sourceId: string;
  locator?: Locator;
  attribution?: Attribution;
  /** The source that relayed this fact (a statement reported by a news agency). */
  viaSourceId?: string;
  /** The date the fact is about, distinct from the source's publication date. */
  eventDate?: PartialDate;
  /** The end of an event-date range ("late December and early January"); never before eventDate. */
  eventDateEnd?: PartialDate;
  /** The figure a statistic gives, so it can be shown, filtered and checked. */
  figure?: Figure;
  credibility?: Credibility;
  /** A level id from the library's marking scheme, e.g. "U", "CUI", "OFFICIAL-SENSITIVE". */
  marking?: string;
  tags: string[];
  notes?: string;
  createdAt: string;
  updatedAt: string;
  verifiedAt?: string;
}

export type FactInput = Omit<Fact, 'id' | 'createdAt' | 'updatedAt' | 'tags' | 'kind'> & {
  kind?: FactKind;
  tags?: string[];
};

export const NOTE_PLACEMENTS = ['footnotes', 'endnotes'] as const;
export type NotePlacement = (typeof NOTE_PLACEMENTS)[number];

interface ProseItem {
  id: string;
  kind: 'prose';
  /**
   * Light Markdown: **bold**, *italic*, and "- " bullets; rendered by the exporters. Citation
   * marks are pandoc-style bracket groups, `[see @FACTID, p. 4; @FACTID2]` (core/citation-marks.ts).
   */
  text: string;
  /** A portion mark the analyst raised above what the cited facts require. */
  marking?: string;
}

export interface FactItem {
  id: string;
  kind: 'fact';
  factId: string;
  /** Overrides the fact's own locator for this use (a different page of the same report). */
  locator?: Locator;
  /** Bold lead-in before the fact, e.g. a talking point's topic. */
  lead?: string;
  /** The fact reworded for this briefing; the library fact stays as captured. */
  wording?: string;
  /** A portion mark the analyst raised above the fact's own marking. */
  marking?: string;
}

export type BriefingItem = ProseItem | FactItem;

export interface BriefingSection {
  id: string;
  /** The template's section key ("bluf", "background" …); free text for extra sections. */
  key: string;
  heading: string;
  items: BriefingItem[];
}

export interface Briefing {
  id: string;
  title: string;
  templateId: string;
  styleId?: string;
  notePlacement?: NotePlacement;
  /** A banner the user raised above what the cited facts require; never silently lowered. */
  marking?: string;
  portionMarks: boolean;
  derivedFrom: boolean;
  /** Memo header fields: for, from, through, subject, date, preparedBy, decideBy … */
  fields: Record<string, string>;
  sections: BriefingSection[];
  createdAt: string;
  updatedAt: string;
}

export interface BriefingSummary {
  id: string;
  title: string;
  templateId: string;
  /** Distinct facts placed or cited in prose. */
  factCount: number;
  /** Every item: facts and text passages. */
  itemCount: number;
  /** Facts (placed or cited) changed in the library since the briefing took them. */
  changedFacts: number;
  updatedAt: string;
}
