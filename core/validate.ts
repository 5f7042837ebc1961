import * as z from 'zod';
import { dateRangeProblem, isPartialDate } from './dates';
import { DossierError } from './errors';
import { FACT_KINDS, LOCATOR_LABELS, NOTE_PLACEMENTS, RELIABILITY_GRADES, SOURCE_TYPES } from './model';

/**
 * Input schemas for everything a client can write. They are the single place where the rules
 * live: the repositories, the command line and the app's IPC layer all validate through them,
 * and a failure becomes one DossierError naming the field and the problem.
 */

export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A briefing section's key: a letter, then letters, digits, - and _ (at most 64).
 */
export const SECTION_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/**
 * The schemas, built when first used rather than when this module loads: building them took
 * 35–60 ms of a cold export, which validates nothing.
 */
function buildSchemas() {
  /**
   * Text SQLite stores exactly as typed: a NUL would cut it short (and trip the tables' CHECKs),
   * an unpaired surrogate would come back as U+FFFD. Refused with a message, never altered.
   */
  const storable = () =>
    z
      .string()
      .refine((s) => !s.includes('\0'), { message: 'must not contain a NUL character (U+0000)' })
      .refine((s) => !LONE_SURROGATE.test(s), { message: 'is not valid Unicode text (it has an unpaired surrogate)' });

  const text = (max: number) =>
    z
      .string({ message: 'must be text' })
      .transform((s) => s.trim())
      .pipe(
        storable()
          .min(1, { message: 'must not be empty' })
          .max(max, { message: `must be at most ${max} characters` }),
      );

  const optText = (max: number) =>
    z
      .string({ message: 'must be text' })
      .transform((s) => s.trim())
      .pipe(storable().max(max, { message: `must be at most ${max} characters` }))
      .optional();

  const partialDateSchema = z
    .string({ message: 'must be a date' })
    .transform((s) => s.trim())
    .refine(isPartialDate, { message: 'is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-01-18)' });

  const httpUrl = z
    .string({ message: 'must be text' })
    .transform((s) => s.trim())
    .refine(
      (s) => {
        try {
          const u = new URL(s);
          return u.protocol === 'http:' || u.protocol === 'https:';
        } catch {
          return false;
        }
      },
      { message: 'must be an http(s) address, e.g. https://www.example.org/report' },
    );

  const doi = z
    .string()
    .transform((s) => s.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)/i, ''))
    .refine((s) => /^10\.\d{4,9}\/\S+$/.test(s), { message: 'is not a DOI (10.NNNN/…)' });

  const cslNameSchema = z
    .strictObject({
      family: optText(200),
      given: optText(200),
      literal: optText(300),
      'non-dropping-particle': optText(50),
      'dropping-particle': optText(50),
      suffix: optText(50),
    })
    .refine((n) => Boolean(n.literal || n.family), { message: 'a name needs a family name or a literal (institution) name' });

  const sourceFields = {
    type: z.enum(SOURCE_TYPES, { message: `must be one of: ${SOURCE_TYPES.join(', ')}` }),
    title: text(2000),
    authors: z.array(cslNameSchema).max(500).optional(),
    editors: z.array(cslNameSchema).max(500).optional(),
    containerTitle: optText(1000),
    publisher: optText(500),
    publisherPlace: optText(200),
    issued: partialDateSchema.optional(),
    accessed: partialDateSchema.optional(),
    url: httpUrl.optional(),
    doi: doi.optional(),
    pages: optText(100),
    volume: optText(50),
    issue: optText(50),
    number: optText(100),
    language: optText(35),
    notes: optText(20000),
    reliability: z.enum(RELIABILITY_GRADES, { message: 'must be a reliability grade A–F' }).optional(),
    extra: z.record(z.string(), z.unknown()).optional(),
  };

  const sourceInputSchema = z.strictObject(sourceFields);
  /** In a patch, `null` clears an optional field; type and title can be changed, not cleared. */
  const sourcePatchSchema = z
    .strictObject(
      Object.fromEntries(Object.entries(sourceFields).map(([k, v]) => [k, k === 'type' || k === 'title' ? v : (v as z.ZodOptional<z.ZodType>).nullable()])) as {
        [K in keyof typeof sourceFields]: (typeof sourceFields)[K];
      },
    )
    .partial();

  const locatorSchema = z.strictObject({
    label: z.enum(LOCATOR_LABELS, { message: `must be one of: ${LOCATOR_LABELS.join(', ')}` }),
    value: text(100),
  });

  const attributionSchema = z
    .strictObject({ name: optText(300), role: optText(300) })
    .refine((a) => Boolean(a.name || a.role), { message: 'needs a name or a role' });

  const tagSchema = z
    .string({ message: 'must be text' })
    .transform((s) => s.trim().replace(/\s+/g, ' '))
    .pipe(storable().min(1, { message: 'must not be empty' }).max(100, { message: 'must be at most 100 characters' }));

  /** A statistic's figure as stated, with its number and unit when known. */
  const figureSchema = z.strictObject({
    stated: text(200),
    value: z.number({ message: 'must be a number' }).optional(),
    unit: optText(50),
  });

  /** When the user last read the fact against its source. */
  const verifiedAtSchema = z.iso.datetime({ message: 'must be an ISO date-time', offset: true });

  const factFields = {
    text: text(20000),
    kind: z.enum(FACT_KINDS, { message: `must be one of: ${FACT_KINDS.join(', ')}` }).optional(),
    sourceId: z.string({ message: 'is required: every fact needs a source' }).min(1, { message: 'is required: every fact needs a source' }),
    locator: locatorSchema.optional(),
    attribution: attributionSchema.optional(),
    viaSourceId: z.string().min(1).optional(),
    eventDate: partialDateSchema.optional(),
    eventDateEnd: partialDateSchema.optional(),
    figure: figureSchema.optional(),
    credibility: z
      .number({ message: 'must be a number 1–6' })
      .int({ message: 'must be a whole number 1–6' })
      .min(1, { message: 'must be 1–6' })
      .max(6, { message: 'must be 1–6' })
      .optional(),
    marking: optText(100),
    notes: optText(20000),
    verifiedAt: verifiedAtSchema.optional(),
  };

  const factInputSchema = z.strictObject({ ...factFields, tags: z.array(tagSchema).max(200).optional() }).superRefine((f, ctx) => {
    const problem = f.eventDateEnd === undefined ? undefined : dateRangeProblem(f.eventDate, f.eventDateEnd);
    if (problem) ctx.addIssue({ code: 'custom', path: ['eventDateEnd'], message: problem });
  });
  /** In a patch, `null` clears an optional field; absent fields stay as they are. */
  const factPatchSchema = z
    .strictObject({
      ...factFields,
      locator: locatorSchema.nullable().optional(),
      attribution: attributionSchema.nullable().optional(),
      credibility: factFields.credibility.nullable(),
      eventDate: partialDateSchema.nullable().optional(),
      eventDateEnd: partialDateSchema.nullable().optional(),
      figure: figureSchema.nullable().optional(),
      viaSourceId: z.string().min(1).nullable().optional(),
      marking: optText(100).nullable(),
      notes: optText(20000).nullable(),
    })
    .partial();

  const proseTextSchema = storable().max(100000, { message: 'must be at most 100000 characters' });
  const wordingSchema = optText(20000);

  const briefingItemInputSchema = z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('prose'), text: proseTextSchema, marking: optText(100) }),
    z.strictObject({
      kind: z.literal('fact'),
      factId: z.string().min(1, { message: 'is required' }),
      locator: locatorSchema.optional(),
      lead: optText(300),
      wording: wordingSchema,
      marking: optText(100),
    }),
  ]);

  const briefingInputSchema = z.strictObject({
    title: text(500),
    templateId: text(100),
    styleId: optText(200),
    notePlacement: z.enum(NOTE_PLACEMENTS, { message: 'must be footnotes or endnotes' }).optional(),
    marking: optText(100),
    portionMarks: z.boolean().optional(),
    derivedFrom: z.boolean().optional(),
    fields: z.record(z.string(), z.string().max(5000)).optional(),
  });
  /** In a patch, `null` returns style, note placement and marking to the template's defaults. */
  const briefingPatchSchema = briefingInputSchema
    .extend({
      styleId: optText(200).nullable(),
      notePlacement: z.enum(NOTE_PLACEMENTS, { message: 'must be footnotes or endnotes' }).nullable().optional(),
      marking: optText(100).nullable(),
    })
    .partial();

  /**
   * A briefing section the analyst adds: a heading, and (to put back a removed section, e.g. on
   * undo) the key it had and the items it held. Without a key the section is the analyst's own.
   */
  const sectionKey = z
    .string({ message: 'must be text' })
    .regex(SECTION_KEY_PATTERN, { message: 'must start with a letter and use only letters, digits, - and _ (at most 64)' });
  const briefingSectionInputSchema = z.strictObject({
    heading: text(200),
    key: sectionKey.optional(),
    items: z.array(briefingItemInputSchema).max(5000).optional(),
  });
  const briefingSectionPatchSchema = z.strictObject({ heading: text(200) });

  return {
    verifiedAtSchema,
    sourceInputSchema,
    sourcePatchSchema,
    tagSchema,
    figureSchema,
    factInputSchema,
    factPatchSchema,
    proseTextSchema,
    wordingSchema,
    briefingItemInputSchema,
    briefingInputSchema,
    briefingPatchSchema,
    briefingSectionInputSchema,
    briefingSectionPatchSchema,
  };
}

let built: ReturnType<typeof buildSchemas> | undefined;
const schemas = () => (built ??= buildSchemas());

export const verifiedAtSchema = () => schemas().verifiedAtSchema;
export const sourceInputSchema = () => schemas().sourceInputSchema;
export const sourcePatchSchema = () => schemas().sourcePatchSchema;
export const tagSchema = () => schemas().tagSchema;
export const figureSchema = () => schemas().figureSchema;
export const factInputSchema = () => schemas().factInputSchema;
export const factPatchSchema = () => schemas().factPatchSchema;
export const proseTextSchema = () => schemas().proseTextSchema;
export const wordingSchema = () => schemas().wordingSchema;
export const briefingItemInputSchema = () => schemas().briefingItemInputSchema;
export const briefingInputSchema = () => schemas().briefingInputSchema;
export const briefingPatchSchema = () => schemas().briefingPatchSchema;
export const briefingSectionInputSchema = () => schemas().briefingSectionInputSchema;
export const briefingSectionPatchSchema = () => schemas().briefingSectionPatchSchema;

/** Parses input with a schema; the first problem becomes a DossierError naming its field. */
export function validate<S extends z.ZodType>(schema: S | (() => S), input: unknown, what: string): z.output<S> {
  const r = (typeof schema === 'function' ? schema() : schema).safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    const at = issue.path.length ? `${what}.${issue.path.join('.')}` : what;
    return fail(at, `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`);
  }
  const field = [what, ...issue.path.map(String)].join('.');
  return fail(field, issue.message);
}

function fail(field: string, message: string): never {
  throw new DossierError('validation', `${field}: ${message}`, field);
}
