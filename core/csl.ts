/**
 * The subset of CSL-JSON (Citation Style Language item data) that Dossier reads and writes.
 * Sources map one-to-one onto these items so citeproc-js can cite them and Zotero data can
 * travel in and out unchanged. Field names are CSL's own (kebab-case), not ours.
 */
export interface CslName {
  family?: string;
  given?: string;
  /** An institution or a name that must not be split, e.g. "U.S. Department of State". */
  literal?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
  suffix?: string;
}

export interface CslDate {
  /** [[year], [year, month] or [year, month, day]]: CSL's partial dates. */
  'date-parts'?: number[][];
  literal?: string;
}

export interface CslItem {
  id: string;
  type: string;
  title?: string;
  'title-short'?: string;
  author?: CslName[];
  editor?: CslName[];
  'container-title'?: string;
  'collection-title'?: string;
  publisher?: string;
  'publisher-place'?: string;
  issued?: CslDate;
  accessed?: CslDate;
  URL?: string;
  DOI?: string;
  page?: string;
  volume?: string;
  issue?: string;
  number?: string;
  edition?: string;
  genre?: string;
  medium?: string;
  language?: string;
  note?: string;
  abstract?: string;
  [field: string]: unknown;
}
