import type { Locator, SourceInput } from '../core/model';

/**
 * What every importer (text, Markdown, HTML, PDF, Word) produces: the source's metadata as
 * far as the file tells it, and the text as blocks in reading order, each with the locator a
 * fact taken from it should carry (a PDF page, a paragraph number).
 */
export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'quote' | 'footnote' | 'caption';

export interface ImportedBlock {
  text: string;
  kind: BlockKind;
  locator?: Locator;
  /**
   * The list marker ("1)", "•") a text list item's `text` was stripped of. Sentence splitting
   * needs it back: in "1) The first item 2) The second item" only the marker shows that "2)"
   * starts the next item.
   */
  listMarker?: string;
}

export type DocumentFormat = 'text' | 'markdown' | 'html' | 'pdf' | 'docx';

export interface ImportedDocument {
  format: DocumentFormat;
  /** Metadata found in the file; the user completes or corrects it before saving. */
  source: Partial<SourceInput>;
  blocks: ImportedBlock[];
  /** Things the user should know (e.g. "3 pages had no text layer"). */
  warnings: string[];
}

export interface ImportProgress {
  /** What is happening, for a progress bar label: "Reading page 12 of 300". */
  phase: string;
  done: number;
  total?: number;
}

export interface ImportOptions {
  /** Cancels the import; importers check it between pages or entries and throw AbortError. */
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** The file's name, for messages and as a fallback title. */
  fileName?: string;
  /** Where a saved page came from, to resolve relative links (never fetched). */
  baseUrl?: string;
  /** The password of an encrypted PDF; without it (or with a wrong one) the import fails with 'password_required'. */
  password?: string;
}
