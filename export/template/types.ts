import type { StyleDefinition, StyleRole } from './schema';

type SectionLayout = 'bullets' | 'paragraphs' | 'numbered';

/** One part of a briefing's body, as the template defines it. */
export interface TemplateSection {
  key: string;
  heading: string;
  /** Shown to the author while drafting, never exported. */
  guidance: string;
  required: boolean;
  layout: SectionLayout;
  showHeading: boolean;
  /** The heading starts the first paragraph ("BLUF: …") rather than standing above it. */
  runIn: boolean;
  style?: 'bluf' | 'body';
  /** Pre-flight looks for unsourced claims here (off for the analyst's own asks and sign-offs). */
  checkClaims: boolean;
}

interface TemplateHeaderField {
  key: string;
  label: string;
  required: boolean;
  placeholder?: string;
  /** "date" fields are stored as YYYY-MM-DD and printed in the template's locale. */
  type: 'text' | 'date';
}

interface TemplateDecision {
  heading: string;
  /** "Approve", "Disapprove", "Other" … each followed by a line to initial on. */
  lines: string[];
  layout: 'stacked' | 'inline';
  /** Whether the memo asks for a decide-by date. */
  decideBy: boolean;
  decideByLabel: string;
  /** Key of the section the decision block follows; undefined means after the last section. */
  after?: string;
}

interface TemplateClosing {
  attachments?: { label: string; default?: string };
  preparedBy?: { label: string };
  derivedFromLabel: string;
}

interface TemplateFont {
  family: string;
  /** Points. */
  size: number;
}

interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
  header: number;
  footer: number;
}

/** A memo type, validated and completed with defaults: everything the writers need. */
export interface Template {
  id: string;
  name: string;
  description: string;
  /** The title line, e.g. "INFO MEMO"; empty means the briefing's own title. */
  heading: string;
  showDate: boolean;
  /** BCP-47 locale of the memo's own text: header dates and how ambiguous typed dates are read. */
  locale: string;
  dateFormat: 'long' | 'military';
  headerFields: TemplateHeaderField[];
  sections: TemplateSection[];
  numbering: 'continue' | 'restart';
  decision?: TemplateDecision;
  closing: TemplateClosing;
  citation: {
    style: string;
    notes: 'footnotes' | 'endnotes';
    bibliography: boolean;
    bibliographyHeading: string;
    /** Heading printed before the endnotes. */
    endnotesHeading: string;
    /** Note markers after the following punctuation and closing quote (default), or before it. */
    notesAfterPunctuation: boolean;
  };
  page: {
    size: 'letter' | 'a4';
    /** Inches. */
    margins: Margins;
    /** Inches; the first page's top margin when it differs (room under a letterhead). */
    firstPageTop?: number;
  };
  fonts: { body: TemplateFont; notes: TemplateFont };
  /** Every style role with its Word style id, name and formatting. */
  styles: Record<StyleRole, StyleDefinition>;
  pageNumbers: {
    position: 'bottom-center' | 'bottom-right' | 'bottom-left' | 'none';
    fromPage: 1 | 2;
    format: string;
  };
  /** House-style limits the pre-flight check enforces. */
  limits: { pages?: number; blufLines?: number; subjectNoAcronyms?: boolean };
  /** Defaults for new briefings of this type. */
  markings: { banner: boolean; portionMarks: boolean };
  source: 'built-in' | 'user';
  /** Where the template was read from (a path for user templates, "built-in:<id>" otherwise). */
  file: string;
  /** Absolute path of the letterhead .docx, for user templates that name one. */
  letterheadPath?: string;
}

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  source: 'built-in' | 'user';
}

export type { StyleDefinition };
