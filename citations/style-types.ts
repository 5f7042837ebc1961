/** What Dossier knows about a citation style without building an engine for it. */
export type StyleClass = 'note' | 'in-text';

/** One entry of styles.json: a style Dossier offers out of the box. */
export interface BundledStyleEntry {
  /** CSL repository id, e.g. "apa". */
  id: string;
  /** Name shown to analysts. */
  title: string;
  class: StyleClass;
  /** A cite repeating the previous note's source becomes "Ibid." */
  ibid: boolean;
  bibliography: boolean;
  /** Variants of one style share a family (e.g. Chicago notes with and without Ibid.). */
  family: string;
  /** Phrase introducing the source a fact was found in: "quoted in", "as cited in"... */
  via: string;
}

export interface StyleInfo {
  id: string;
  title: string;
  class: StyleClass;
  /** Known for bundled styles; user styles leave it undefined (decided by their CSL). */
  ibid?: boolean;
  /** bundled: listed in styles.json; repository: any other CSL repository style; user: a .csl file. */
  source: 'bundled' | 'repository' | 'user';
  /** The style's phrase for secondary citations ("quoted in"); bundled styles only. */
  via?: string;
  /** The .csl file a user style came from. */
  path?: string;
}
