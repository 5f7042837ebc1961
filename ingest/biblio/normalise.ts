import type { CslDate, CslItem, CslName } from '../../core/csl';
import { fromDateParts } from '../../core/dates';

/**
 * Cleans CSL items from any reader (citation-js, a Zotero export, another tool) into the shape
 * Dossier's validation accepts, without changing what is already well-formed, so Dossier's own
 * CSL-JSON export reads back identically:
 * - the text fields Dossier stores become strings (CSL-JSON allows `"volume": 3`);
 * - names keep only CSL's name parts (a name with a stray key would fail validation);
 * - dates become valid date-parts ("2024", "3" → 2024, 3; an impossible day is dropped, the
 *   month and year kept), or a literal when there are no calendar parts at all.
 */

/** CSL fields Dossier has a column for and therefore validates as text. */
const TEXT_FIELDS = [
  'title',
  'container-title',
  'publisher',
  'publisher-place',
  'URL',
  'DOI',
  'page',
  'volume',
  'issue',
  'number',
  'language',
  'note',
] as const;

const NAME_PARTS = ['family', 'given', 'literal', 'non-dropping-particle', 'dropping-particle', 'suffix'] as const;

export type Warn = (message: string) => void;

export function cleanCslItem(input: CslItem, what: string, warn: Warn): CslItem {
  const item: CslItem = { ...input };
  if (typeof item.type !== 'string' || !item.type.trim()) {
    if (item.type !== undefined) warn(`${what}: type ${JSON.stringify(item.type)} is not a CSL type; imported as "document".`);
    item.type = 'document';
  }
  if (typeof item.id === 'number') item.id = String(item.id);

  for (const field of TEXT_FIELDS) {
    const v = item[field];
    if (v === undefined) continue;
    if (typeof v === 'number') item[field] = String(v);
    else if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) item[field] = v[0] as string;
    else if (typeof v !== 'string') {
      warn(`${what}: ${field} is not text; it was left out.`);
      delete item[field];
      continue;
    }
    if (item[field] === '') delete item[field];
  }

  for (const field of ['author', 'editor'] as const) {
    const v: unknown = item[field];
    if (v === undefined) continue;
    const names = cleanNames(v, `${what}: ${field}`, warn);
    if (names.length) item[field] = names;
    else delete item[field];
  }

  for (const field of ['issued', 'accessed'] as const) {
    const v: unknown = item[field];
    if (v === undefined) continue;
    const date = cleanDate(v, `${what}: ${field}`, warn);
    if (date) item[field] = date;
    else delete item[field];
  }
  return item;
}

function cleanNames(v: unknown, what: string, warn: Warn): CslName[] {
  if (typeof v === 'string') return parseNameList(v);
  if (!Array.isArray(v)) {
    warn(`${what} is not a list of names; it was left out.`);
    return [];
  }
  const out: CslName[] = [];
  for (const raw of v) {
    if (typeof raw === 'string') {
      out.push(...parseNameList(raw));
      continue;
    }
    if (!raw || typeof raw !== 'object') continue;
    const src = raw as Record<string, unknown>;
    const clean =
      NAME_PARTS.every((k) => src[k] === undefined || typeof src[k] === 'string') &&
      Object.keys(src).every((k) => (NAME_PARTS as readonly string[]).includes(k));
    let name: CslName;
    if (clean) name = src;
    else {
      name = {};
      for (const k of NAME_PARTS) {
        const part = src[k];
        if (typeof part === 'string' || typeof part === 'number') name[k] = String(part);
      }
    }
    if (!name.family?.trim() && !name.literal?.trim()) {
      const given = name.given?.trim();
      if (!given) continue; // nothing to cite by
      // A single name kept in "given" (some exporters do that with mononyms).
      name = { literal: given };
    }
    out.push(name);
  }
  return out;
}

/** "Okafor, Adaeze; U.S. Department of State": a name list typed as text. */
function parseNameList(s: string): CslName[] {
  return s
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean)
    .map(parseOneName);
}

/** RIS order, "Family, Given[, Suffix]"; with no comma, one word is a family name, more a literal. */
export function parseOneName(s: string): CslName {
  const parts = s.split(/\s*,\s*/).filter(Boolean);
  if (parts.length >= 2) {
    const name: CslName = { family: parts[0], given: parts[1] };
    if (parts[2]) name.suffix = parts.slice(2).join(', ');
    return name;
  }
  return /\s/.test(s.trim()) ? { literal: s.trim() } : { family: s.trim() };
}

const ISO_ISH = /^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T\s/].*)?\s*$/;

/** Year, month, day parts of a date typed as text ("2024", "2024-03", "2024/03/05/"), if any. */
export function partsFromText(s: string): number[] | undefined {
  const m = ISO_ISH.exec(s);
  if (!m) return undefined;
  return [m[1], m[2], m[3]].filter((x): x is string => x !== undefined && x !== '').map(Number);
}

/** The longest valid prefix of date parts ([2024, 2, 30] → [2024, 2]); undefined if none. */
export function validParts(parts: readonly unknown[]): number[] | undefined {
  const nums: number[] = [];
  for (const p of parts.slice(0, 3)) {
    const n = typeof p === 'number' ? p : typeof p === 'string' && /^\s*\d+\s*$/.test(p) ? Number(p) : NaN;
    if (!Number.isInteger(n)) break;
    nums.push(n);
  }
  while (nums.length && !fromDateParts(nums)) nums.pop();
  return nums.length ? nums : undefined;
}

function cleanDate(v: unknown, what: string, warn: Warn): CslDate | undefined {
  if (typeof v === 'string' || typeof v === 'number') {
    const parts = validParts(partsFromText(String(v)) ?? []);
    return parts ? { 'date-parts': [parts] } : String(v).trim() ? { literal: String(v).trim() } : undefined;
  }
  if (!v || typeof v !== 'object') return undefined;
  const d = v as Record<string, unknown>;
  const dp = d['date-parts'];
  if (Array.isArray(dp) && Array.isArray(dp[0]) && dp[0].length) {
    const first = dp[0] as unknown[];
    const parts = validParts(first);
    if (parts) {
      const unchanged = parts.length === first.length && parts.every((p, i) => p === first[i]);
      if (unchanged) return v;
      if (parts.length < first.length) warn(`${what} ${JSON.stringify(first)} is not a valid date; kept as ${parts.join('-')}.`);
      const rest = (dp.slice(1) as unknown[]).map((r) => (Array.isArray(r) ? validParts(r) : undefined)).filter((r): r is number[] => Boolean(r));
      return { 'date-parts': [parts, ...rest] };
    }
  }
  for (const key of ['raw', 'literal'] as const) {
    const text = d[key];
    if (typeof text !== 'string' || !text.trim()) continue;
    const parts = validParts(partsFromText(text) ?? []);
    if (parts) return { 'date-parts': [parts] };
    return { literal: text.trim() };
  }
  if (Array.isArray(dp) && dp.length) warn(`${what} ${JSON.stringify(dp)} is not a date; it was left out.`);
  return undefined;
}
