import * as z from 'zod';

/**
 * The template file format (`formatVersion: 1`): a memo type described as data, so an office
 * can copy a built-in template, change its headings, fields, fonts or page setup, and drop it
 * in its templates folder. Everything the .docx writer needs to lay a briefing out is here;
 * nothing about a template is hard-coded in the writer.
 *
 * Lengths are in inches, font sizes and paragraph spacing in points.
 */

const LAYOUTS = ['bullets', 'paragraphs', 'numbered'] as const;
const NOTE_PLACEMENTS = ['footnotes', 'endnotes'] as const;
const PAGE_SIZES = ['letter', 'a4'] as const;
const ALIGNMENTS = ['left', 'center', 'right', 'justify'] as const;
const HEADER_FIELD_TYPES = ['text', 'date'] as const;
const DATE_FORMATS = ['long', 'military'] as const;
const PAGE_NUMBER_POSITIONS = ['bottom-center', 'bottom-right', 'bottom-left', 'none'] as const;

/** Roles the writer gives paragraphs; each role is one named Word style a user can restyle. */
export const PARAGRAPH_STYLE_ROLES = [
  'title',
  'date',
  'headerField',
  'bluf',
  'body',
  'bullet',
  'numbered',
  'heading',
  'decision',
  'closing',
  'sourcesHeading',
  'sourcesEntry',
  'banner',
  'pageNumber',
] as const;
export const CHARACTER_STYLE_ROLES = ['headerLabel', 'runInHeading'] as const;
export const STYLE_ROLES = [...PARAGRAPH_STYLE_ROLES, ...CHARACTER_STYLE_ROLES] as const;
export type StyleRole = (typeof STYLE_ROLES)[number];

/**
 * The schemas, built when first used rather than when this module loads: the built-in
 * templates come checked from the build (builtin-files.ts), so an export that uses one
 * builds no schema at all.
 */
function buildSchemas() {
  const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
  const key = z
    .string()
    .regex(/^[a-z][a-zA-Z0-9_-]{0,39}$/, 'must start with a lower-case letter and use only letters, digits, "-" and "_" (at most 40 characters)');
  const inches = (max: number) => z.number().min(0, 'must not be negative').max(max, `must be at most ${max} inches`);
  const points = (min: number, max: number) => z.number().min(min, `must be at least ${min} pt`).max(max, `must be at most ${max} pt`);

  const strict = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape);

  const styleSchema = strict({
    /** Word's style id: letters and digits, e.g. "DossierBullet". */
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,99}$/, 'must be letters and digits only, starting with a letter (a Word style id)'),
    /** The name Word shows in its Styles pane, e.g. "Dossier Bullet". */
    name: text(100),
    font: text(100).optional(),
    size: points(4, 72).optional(),
    bold: z.boolean().optional(),
    italic: z.boolean().optional(),
    allCaps: z.boolean().optional(),
    smallCaps: z.boolean().optional(),
    underline: z.boolean().optional(),
    align: z.enum(ALIGNMENTS).optional(),
    spaceBefore: points(0, 144).optional(),
    spaceAfter: points(0, 144).optional(),
    /** Line spacing as a multiple: 1 single, 1.15, 1.5, 2 double. */
    lineSpacing: z.number().min(0.5, 'must be at least 0.5').max(3, 'must be at most 3').optional(),
    indentLeft: inches(4).optional(),
    /** Hanging indent: lines after the first start this far left of `indentLeft`. */
    hanging: inches(4).optional(),
    firstLine: inches(4).optional(),
    /** A left tab stop, e.g. where header field values start after "SUBJECT:". */
    tabStop: inches(8).optional(),
    keepNext: z.boolean().optional(),
    keepLines: z.boolean().optional(),
  });

  const fontSchema = strict({
    family: text(100),
    size: points(4, 72),
  });

  const sectionSchema = strict({
    key,
    heading: text(200),
    /** Shown to the author while drafting, never exported. */
    guidance: z.string().max(2000, 'must be at most 2000 characters').default(''),
    required: z.boolean().default(false),
    layout: z.enum(LAYOUTS, { error: `must be one of ${LAYOUTS.join(', ')}` }),
    showHeading: z.boolean().default(true),
    /** Print the heading at the start of the first paragraph ("BLUF: …") instead of above it. */
    runIn: z.boolean().default(false),
    /** Style role for the section's paragraphs; default follows the layout (bullet, numbered, body). */
    style: z.enum(['bluf', 'body'] as const).optional(),
    /**
     * Whether pre-flight looks for unsourced claims here. Off for the analyst's own asks and
     * sign-offs (a recommendation's "$12 million" is the proposal, not a fact to source).
     */
    checkClaims: z.boolean().default(true),
  });

  const headerFieldSchema = strict({
    key,
    label: text(60),
    required: z.boolean().default(false),
    /** Shown in the empty field while drafting. */
    placeholder: z.string().max(200).optional(),
    /** "date": stored as YYYY-MM-DD and printed in the template's locale and date format. */
    type: z.enum(HEADER_FIELD_TYPES, { error: `must be one of ${HEADER_FIELD_TYPES.join(', ')}` }).default('text'),
  });

  const marginsSchema = strict({
    top: inches(4),
    right: inches(4),
    bottom: inches(4),
    left: inches(4),
    header: inches(4).default(0.5),
    footer: inches(4).default(0.5),
  });

  const DEFAULT_MARGINS = { top: 1, right: 1, bottom: 1, left: 1, header: 0.5, footer: 0.5 };

  const templateFileSchema = strict({
    $schema: z.string().optional(),
    $comment: z.string().optional(),
    formatVersion: z.literal(1, { error: 'must be 1 (this version of Dossier reads template format 1)' }),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and "-" (at most 64 characters)'),
    name: text(100),
    description: z.string().max(1000).default(''),
    /** The document's title line, e.g. "INFO MEMO"; empty to use the briefing's own title. */
    heading: z.string().max(200).default(''),
    showDate: z.boolean().default(true),
    /**
     * The locale the memo's own words are printed in: its dates ("January 18, 2024" in en-US,
     * "18 January 2024" in en-GB) and how a typed "1/2/2024" is read (M/D or D/M). The citation
     * style keeps its own locale for the notes.
     */
    locale: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language tag such as en-US or en-GB')
      .default('en-US'),
    /** How header dates print: "long" (January 18, 2024) or "military" (18 Jan 24). */
    dateFormat: z.enum(DATE_FORMATS, { error: `must be one of ${DATE_FORMATS.join(', ')}` }).default('long'),
    headerFields: z.array(headerFieldSchema).max(20, 'must have at most 20 fields').default([]),
    sections: z.array(sectionSchema).min(1, 'must have at least one section').max(40, 'must have at most 40 sections'),
    /** UK papers number paragraphs through the whole paper; restart to number each section from 1. */
    numbering: z.enum(['continue', 'restart'] as const).default('continue'),
    decision: strict({
      heading: z.string().max(100).default('DECISION'),
      lines: z.array(text(60)).min(1, 'must have at least one decision line').max(6),
      layout: z.enum(['stacked', 'inline'] as const).default('stacked'),
      decideBy: z.boolean().default(true),
      decideByLabel: text(100).default('Decision requested by'),
      /** The section the decision block follows, e.g. "recommendation"; default the last section. */
      after: key.optional(),
    }).optional(),
    closing: strict({
      attachments: strict({ label: text(60), default: z.string().max(200).optional() }).optional(),
      preparedBy: strict({ label: text(60) }).optional(),
      derivedFromLabel: text(60).default('Derived From'),
    }).default({ derivedFromLabel: 'Derived From' }),
    citation: strict({
      /** CSL style id, e.g. "chicago-note-bibliography-with-ibid". */
      style: text(200),
      notes: z.enum(NOTE_PLACEMENTS, { error: `must be one of ${NOTE_PLACEMENTS.join(', ')}` }),
      bibliography: z.boolean().default(true),
      bibliographyHeading: text(100).default('Sources'),
      /** The heading endnotes follow (Chicago 14.43: "Notes"). */
      endnotesHeading: text(100).default('Notes'),
      /**
       * Note styles: whether a note marker goes after the punctuation and closing quote that
       * follow it ("… in January.¹", "…,” she said.²": US and British English, Chicago), or
       * before them ("… im Januar¹.", as many German and French houses set notes). In-text
       * citations always go before the sentence's final full stop.
       */
      notesAfterPunctuation: z.boolean().default(true),
    }),
    page: strict({
      size: z.enum(PAGE_SIZES, { error: `must be one of ${PAGE_SIZES.join(', ')}` }),
      margins: marginsSchema.default(DEFAULT_MARGINS),
      /** Top margin of the first page, e.g. 2 inches to leave room under a letterhead. */
      firstPageTop: inches(6).optional(),
    }).default({ size: 'letter', margins: DEFAULT_MARGINS }),
    fonts: strict({
      body: fontSchema,
      notes: fontSchema.optional(),
    }).default({ body: { family: 'Times New Roman', size: 12 } }),
    styles: strict(Object.fromEntries(STYLE_ROLES.map((r) => [r, styleSchema.optional()])) as Record<StyleRole, z.ZodOptional<typeof styleSchema>>).default({}),
    pageNumbers: strict({
      position: z.enum(PAGE_NUMBER_POSITIONS, { error: `must be one of ${PAGE_NUMBER_POSITIONS.join(', ')}` }).default('bottom-center'),
      /** The first page that shows its number: 2 leaves the first page of a memo unnumbered. */
      fromPage: z.union([z.literal(1), z.literal(2)], { error: 'must be 1 or 2' }).default(2),
      /** "{PAGE}", "Page {PAGE} of {NUMPAGES}", "- {PAGE} -" … */
      format: z
        .string()
        .max(60)
        .regex(/\{PAGE\}/, 'must contain {PAGE}')
        .default('{PAGE}'),
    }).default({ position: 'bottom-center', fromPage: 2, format: '{PAGE}' }),
    limits: strict({
      pages: z.number().int('must be a whole number').min(1).max(500).optional(),
      blufLines: z.number().int('must be a whole number').min(1).max(50).optional(),
      subjectNoAcronyms: z.boolean().optional(),
    }).default({}),
    markings: strict({
      banner: z.boolean().default(true),
      portionMarks: z.boolean().default(false),
    }).default({ banner: true, portionMarks: false }),
    /** A .docx next to the template whose {{placeholders}} the briefing fills (user templates only). */
    letterhead: z.string().max(260).optional(),
  });

  return { styleSchema, templateFileSchema };
}

let built: ReturnType<typeof buildSchemas> | undefined;

/** The template file schema (built on first use). */
export const templateFileSchema = () => (built ??= buildSchemas()).templateFileSchema;

export type TemplateFile = z.infer<ReturnType<typeof templateFileSchema>>;
export type StyleDefinition = z.infer<ReturnType<typeof buildSchemas>['styleSchema']>;
