import { dateRangeProblem, isPartialDate } from './dates';
import { FACT_KINDS, type FactInput, LOCATOR_LABELS } from './model';
import { LONE_SURROGATE, verifiedAtSchema } from './validate';

/**
 * The bulk import's fast path through `factInputSchema` (core/validate.ts).
 *
 * Why: zod's strict object schema costs about 7 µs a fact — 0.7 s of a 100,000-fact import,
 * more than the rows themselves. Most imported facts are plainly valid, and checking that
 * needs no more than a few type tests and the same trims.
 *
 * The rule that keeps it honest: this function only ever says yes. It returns exactly what the
 * schema returns for an input whose every field is of a common kind and passes the schema's
 * rules; for anything else — a problem, a field it does not know, an odd value — it returns
 * `undefined` and the caller asks the schema, so every error message is the schema's own.
 * core/plain-fact-input.test.ts runs both on the same good and bad inputs.
 */
export function plainFactInput(input: unknown): FactInput | undefined {
  if (!isPlainObject(input)) return undefined;
  for (const key of Object.keys(input)) if (!FIELDS.has(key) || input[key] === undefined) return undefined;
  const out: Record<string, unknown> = {};
  // The schema's field order, so the two outputs are alike to the last detail.
  const text = requiredText(input.text, 20000);
  if (text === undefined) return undefined;
  out.text = text;
  if ('kind' in input) {
    if (!(FACT_KINDS as readonly unknown[]).includes(input.kind)) return undefined;
    out.kind = input.kind;
  }
  if (!nonEmptyString(input.sourceId)) return undefined;
  out.sourceId = input.sourceId;
  if ('locator' in input && !(out.locator = plainLocator(input.locator))) return undefined;
  if ('attribution' in input && !(out.attribution = plainAttribution(input.attribution))) return undefined;
  if ('viaSourceId' in input) {
    if (!nonEmptyString(input.viaSourceId)) return undefined;
    out.viaSourceId = input.viaSourceId;
  }
  for (const key of ['eventDate', 'eventDateEnd'] as const) {
    if (!(key in input)) continue;
    const date = typeof input[key] === 'string' ? input[key].trim() : undefined;
    if (date === undefined || !isPartialDate(date)) return undefined;
    out[key] = date;
  }
  if ('credibility' in input) {
    const c = input.credibility;
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 1 || c > 6) return undefined;
    out.credibility = c;
  }
  for (const [key, max] of [
    ['marking', 100],
    ['notes', 20000],
  ] as const) {
    if (!(key in input)) continue;
    const value = optionalText(input[key], max);
    if (value === undefined) return undefined;
    out[key] = value;
  }
  if ('verifiedAt' in input) {
    // A date-time's rules are the schema's own, asked for this one field.
    if (!verifiedAtSchema().safeParse(input.verifiedAt).success) return undefined;
    out.verifiedAt = input.verifiedAt;
  }
  if ('tags' in input && !(out.tags = plainTags(input.tags))) return undefined;
  if (out.eventDateEnd !== undefined && dateRangeProblem(out.eventDate as string | undefined, out.eventDateEnd as string) !== undefined) return undefined;
  return out as unknown as FactInput;
}

/**
 * A tag as `tagSchema` returns it (trimmed, inner spaces made one), or `undefined` when the
 * schema must look at it.
 */
export function plainTag(tag: unknown): string | undefined {
  if (typeof tag !== 'string') return undefined;
  const name = tag.trim().replace(/\s+/g, ' ');
  return name.length >= 1 && name.length <= 100 && storable(name) ? name : undefined;
}

/** The fields this path knows; a figure (rare, nested, numeric) always goes to the schema. */
const FIELDS = new Set([
  'text',
  'kind',
  'sourceId',
  'locator',
  'attribution',
  'viaSourceId',
  'eventDate',
  'eventDateEnd',
  'credibility',
  'marking',
  'notes',
  'verifiedAt',
  'tags',
]);

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;
}

function nonEmptyString(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0;
}

function storable(s: string): boolean {
  return !s.includes('\0') && !LONE_SURROGATE.test(s);
}

/** The schema's `text(max)`: trimmed, not empty, at most `max` UTF-16 units, storable. */
function requiredText(x: unknown, max: number): string | undefined {
  const s = optionalText(x, max);
  return s ? s : undefined;
}

/** The schema's `optText(max)` for a present value: trimmed (may be empty), at most `max`, storable. */
function optionalText(x: unknown, max: number): string | undefined {
  if (typeof x !== 'string') return undefined;
  const s = x.trim();
  return s.length <= max && storable(s) ? s : undefined;
}

function plainLocator(x: unknown): { label: string; value: string } | undefined {
  if (!isPlainObject(x) || !hasOnlyKeys(x, ['label', 'value'], 2)) return undefined;
  if (!(LOCATOR_LABELS as readonly unknown[]).includes(x.label)) return undefined;
  const value = requiredText(x.value, 100);
  return value === undefined ? undefined : { label: x.label as string, value };
}

function plainAttribution(x: unknown): { name?: string; role?: string } | undefined {
  if (!isPlainObject(x) || !hasOnlyKeys(x, ['name', 'role'], 0)) return undefined;
  const out: { name?: string; role?: string } = {};
  for (const key of ['name', 'role'] as const) {
    if (!(key in x)) continue;
    const value = optionalText(x[key], 300);
    if (value === undefined) return undefined;
    out[key] = value;
  }
  return out.name || out.role ? out : undefined;
}

function plainTags(x: unknown): string[] | undefined {
  if (!Array.isArray(x) || x.length > 200) return undefined;
  const out: string[] = [];
  for (let i = 0; i < x.length; i++) {
    const tag = plainTag(x[i]);
    if (tag === undefined) return undefined;
    out.push(tag);
  }
  return out;
}

/** Only `keys` (each defined), and at least `min` of them. */
function hasOnlyKeys(x: Record<string, unknown>, keys: readonly string[], min: number): boolean {
  const own = Object.keys(x);
  return own.length >= min && own.every((k) => keys.includes(k) && x[k] !== undefined);
}
