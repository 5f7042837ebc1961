/**
 * A briefing resolved for output: every fact placed, every citation rendered by the citation
 * engine, the marking computed. The .docx, Markdown and plain-text writers only lay this out;
 * none of them formats a citation or looks anything up in the library.
 */

/** A span of text with the formatting a citation style (or the author's prose) gives it. */
export interface Run {
  text: string;
  italic?: boolean;
  bold?: boolean;
  smallCaps?: boolean;
  superscript?: boolean;
  subscript?: boolean;
}

/** What Zotero's Word plugin stores in a field, so colleagues can refresh or restyle it. */
interface CitationField {
  /** The whole field instruction: `ADDIN ZOTERO_ITEM CSL_CITATION {json}`. */
  instruction: string;
}

export type Inline =
  | { type: 'text'; run: Run }
  /**
   * A note-style citation: a footnote or endnote reference whose note text is `runs`.
   * `clusterId` is the placed fact item's id, or `ITEMID#k` for the k-th mark in a prose item.
   */
  | { type: 'note'; noteNumber: number; runs: Run[]; field: CitationField; clusterId: string }
  /** An in-text citation such as "(Lee 2024, 3)", shown where it stands. */
  | { type: 'cite'; runs: Run[]; field: CitationField; clusterId: string };

export type BlockKind = 'paragraph' | 'bullet' | 'numbered';

export interface Block {
  kind: BlockKind;
  /** Portion mark text without parentheses, e.g. "U"; written as "(U) " before the block. */
  portion?: string;
  inlines: Inline[];
}

export interface DocSection {
  key: string;
  heading: string;
  /** The heading's portion mark: the section's blocks combined (portion marks on only). */
  headingPortion?: string;
  showHeading: boolean;
  blocks: Block[];
}

export interface HeaderField {
  key: string;
  label: string;
  value: string;
  portion?: string;
}

export type NoteMode = 'footnotes' | 'endnotes' | 'in-text';

/** What Zotero's Word plugin keeps as document preferences (see docx/zotero-document.ts). */
export interface ZoteroDocumentPrefs {
  /** The style's CSL id, a URI such as "http://www.zotero.org/styles/apa". */
  styleUri: string;
  locale: string;
  noteType: NoteMode;
  hasBibliography: boolean;
}

export interface ResolvedDocument {
  templateId: string;
  /** The document's own title line, e.g. "INFO MEMO", or the briefing title for briefs. */
  heading: string;
  /** The heading's portion mark when it is the briefing's own title (briefs), portion marks on. */
  headingPortion?: string;
  title: string;
  date: string;
  fields: HeaderField[];
  sections: DocSection[];
  /** Action memos: "Approve ____" lines and an optional decide-by date. */
  decision?: { lines: string[]; decideBy?: string };
  attachments?: string;
  preparedBy?: string;
  /** Banner text shown top and bottom of every page, e.g. "UNCLASSIFIED". */
  banner?: string;
  /** "Derived from: Multiple Sources" line, when asked for and no marking block stands instead. */
  derivedFrom?: string;
  /** First page: the classification authority block or the CUI designation indicator. */
  markingBlock?: MarkingBlock;
  /** The sources behind "Derived From: Multiple Sources", kept with the document. */
  derivationSources?: SourceList;
  notes: NoteMode;
  bibliography?: {
    heading: string;
    entries: Run[][];
    hangingIndent: boolean;
    /** Numbered styles (IEEE, Vancouver): each entry starts with its label and a tab, lines after the first align with the text. */
    secondFieldAlign?: 'flush' | 'margin';
  };
  /** BCP-47 language of the document, e.g. "en-US". */
  language: string;
  /** Zotero's document preferences; absent in documents without citation fields (previews). */
  zotero?: ZoteroDocumentPrefs;
}

interface MarkingBlockLine {
  /** The briefing field the value comes from, e.g. "classifiedBy". */
  field: string;
  label: string;
  required: boolean;
  /** Empty when nobody gave it: pre-flight names it, the writers leave the line out. */
  value: string;
}

export interface MarkingBlock {
  kind: 'classified' | 'cui';
  lines: MarkingBlockLine[];
}

export interface SourceList {
  heading: string;
  entries: string[];
}
