import { invalid } from './errors';
import { findLevel, type MarkingControl, type MarkingLevel, type MarkingScheme, rankOf } from './markings';

/**
 * A full marking: a level of the scheme and what follows it. Banner "SECRET//REL TO USA, GBR",
 * portion "(S//REL TO USA, GBR)"; CUI "CUI//SP-PRVCY//NOFORN"; UK "OFFICIAL-SENSITIVE COMMERCIAL".
 * A plain level id ("S") is a marking with nothing after it, so markings stored before
 * controls existed still read.
 */
export interface Marking {
  level: MarkingLevel;
  /** UK descriptors, written after the level with a space. */
  descriptors: string[];
  /** CUI categories (CUI Registry abbreviations), specified ("SP-") first. */
  categories: string[];
  /** Control ids other than REL TO, in the scheme's order. */
  controls: string[];
  /** REL TO countries, USA first; present only with REL TO. */
  relTo?: string[];
}

const COUNTRY = /^[A-Z]{3,4}$/;

export function plainMarking(level: MarkingLevel): Marking {
  return { level, descriptors: [], categories: [], controls: [] };
}

/** Reads a marking typed by a user or stored in the library; a clear error names what is wrong. */
export function parseMarking(scheme: MarkingScheme, text: string, field = 'marking'): Marking {
  // Matched in capitals; errors quote what was typed.
  const raw = text.trim().replace(/^\((.*)\)$/, '$1');
  const [head = '', ...rest] = raw.split('//').map((s) => s.trim());
  const m = parseHead(scheme, head, field);
  for (const segment of rest) {
    const tokens = segment.split('/').map((t) => t.trim());
    for (const token of tokens) addToken(scheme, m, token, field);
  }
  if (m.relTo && m.controls.includes('NOFORN'))
    throw invalid(field, `"${text}" says both NOFORN and REL TO; a portion is either not releasable or releasable to the countries listed`);
  return normalise(scheme, m);
}

/** The same, undefined for a marking the scheme cannot read (an old library, a switched scheme). */
export function tryParseMarking(scheme: MarkingScheme, text: string | undefined): Marking | undefined {
  if (!text) return undefined;
  try {
    return parseMarking(scheme, text);
  } catch {
    return undefined;
  }
}

function parseHead(scheme: MarkingScheme, head: string, field: string): Marking {
  if (!head) throw invalid(field, `a marking starts with its level (${scheme.levels.map((l) => l.id).join(', ')})`);
  const level = findLevel(scheme, head);
  if (level) return plainMarking(level);
  const upper = head.toUpperCase();
  // "OFFICIAL-SENSITIVE COMMERCIAL": the longest level banner followed by a descriptor.
  const withDescriptor = [...scheme.levels]
    .sort((a, b) => b.banner.length - a.banner.length)
    .find((l) => l.descriptors && upper.startsWith(`${l.banner.toUpperCase()} `));
  if (withDescriptor) {
    const typed = head.slice(withDescriptor.banner.length).trim();
    const descriptor = typed.toUpperCase();
    const valid = withDescriptor.descriptors ?? [];
    if (!valid.includes(descriptor)) throw invalid(field, `unknown descriptor "${typed}" after ${withDescriptor.banner}; valid: ${valid.join(', ')}`);
    return { ...plainMarking(withDescriptor), descriptors: [descriptor] };
  }
  throw invalid(field, `"${head}" is not a marking of scheme "${scheme.name}" (${scheme.levels.map((l) => l.id).join(', ')})`);
}

function addToken(scheme: MarkingScheme, m: Marking, typed: string, field: string): void {
  const token = typed.toUpperCase();
  const kind = m.level.kind;
  const cats = scheme.categories;
  // Categories come straight after the level ("CUI//SP-PRVCY"), before any control.
  if (kind && cats?.kinds.includes(kind) && cats.list.includes(token) && m.controls.length === 0 && !m.relTo) {
    if (!m.categories.includes(token)) m.categories.push(token);
    return;
  }
  const usable = (scheme.controls ?? []).filter((c) => kind && c.kinds.includes(kind));
  if (token === 'REL') throw invalid(field, 'the short "REL" stands only in a portion whose countries match the banner; give them, e.g. "REL TO USA, GBR"');
  const relTo = /^REL TO\b(.*)$/.exec(token);
  if (relTo) {
    requireControl(usable, 'REL TO', m, field);
    const countries = relTo[1]
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    const bad = countries.filter((c) => !COUNTRY.test(c));
    if (countries.length === 0 || bad.length)
      throw invalid(
        field,
        `REL TO needs country trigraphs separated by commas, e.g. "REL TO USA, GBR"${bad.length ? `; not a trigraph: ${bad.join(', ')}` : ''}`,
      );
    m.relTo = [...new Set([...(m.relTo ?? []), ...countries])];
    return;
  }
  const control = (scheme.controls ?? []).find((c) => c.banner === token || c.portion === token || c.id === token);
  if (!control || control.foreignDisclosure === 'countries') {
    const names = usable.map((c) => (c.portion !== c.banner ? `${c.banner} (${c.portion})` : c.banner));
    const what = cats && kind && cats.kinds.includes(kind) ? ` or a CUI category (${cats.list.join(', ')})` : '';
    throw invalid(
      field,
      names.length
        ? `unknown control "${typed}" after ${m.level.banner}; valid: ${names.join(', ')}${what}`
        : `${m.level.banner} takes no dissemination controls (found "${typed}")`,
    );
  }
  requireControl(usable, control.id, m, field);
  if (!m.controls.includes(control.id)) m.controls.push(control.id);
}

function requireControl(usable: MarkingControl[], id: string, m: Marking, field: string): void {
  if (!usable.some((c) => c.id === id)) throw invalid(field, `${id} does not apply to ${m.level.banner}`);
}

/** Canonical order: categories SP- first then alphabetical; controls as the scheme lists them; USA first. */
function normalise(scheme: MarkingScheme, m: Marking): Marking {
  const order = (scheme.controls ?? []).map((c) => c.id);
  const out: Marking = {
    level: m.level,
    descriptors: [...m.descriptors].sort(),
    categories: [...m.categories].sort((a, b) => Number(!a.startsWith('SP-')) - Number(!b.startsWith('SP-')) || a.localeCompare(b)),
    controls: [...m.controls].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
  };
  if (m.relTo) out.relTo = sortCountries(m.relTo);
  return out;
}

/** CAPCO order: USA first, then trigraphs alphabetically, then tetragraphs (FVEY, NATO) alphabetically. */
function sortCountries(list: readonly string[]): string[] {
  const rest = [...new Set(list)].filter((c) => c !== 'USA').sort((a, b) => a.length - b.length || a.localeCompare(b));
  return ['USA', ...rest];
}

function controlTokens(scheme: MarkingScheme, m: Marking, form: 'banner' | 'portion'): string[] {
  const tokens: string[] = [];
  for (const c of scheme.controls ?? []) {
    if (c.foreignDisclosure === 'countries') {
      if (m.relTo) tokens.push(`${c[form]} ${m.relTo.join(', ')}`);
    } else if (m.controls.includes(c.id)) {
      tokens.push(c[form]);
    }
  }
  return tokens;
}

/** The dissemination controls alone, in banner form: "NOFORN", "REL TO USA, GBR", "FEDCON/NOCON". */
export function controlsText(scheme: MarkingScheme, m: Marking): string {
  return controlTokens(scheme, m, 'banner').join('/');
}

function write(scheme: MarkingScheme, m: Marking, head: string, form: 'banner' | 'portion'): string {
  const parts = [head];
  if (m.categories.length) parts.push(m.categories.join('/'));
  const controls = controlTokens(scheme, m, form);
  if (controls.length) parts.push(controls.join('/'));
  return parts.join('//');
}

/** "SECRET//NOFORN", "CUI//SP-PRVCY//NOFORN", "OFFICIAL-SENSITIVE COMMERCIAL". */
export function bannerText(scheme: MarkingScheme, m: Marking): string {
  return write(scheme, m, [m.level.banner, ...m.descriptors].join(' '), 'banner');
}

/** Inside the parentheses of a portion mark: "S//NF", "S//REL TO USA, GBR", "U". */
export function portionText(scheme: MarkingScheme, m: Marking): string {
  return write(scheme, m, m.level.portion, 'portion');
}

/** What the library stores: the level id and the controls in banner form ("S//NOFORN"). */
export function storedText(scheme: MarkingScheme, m: Marking): string {
  return write(scheme, m, [m.level.id, ...m.descriptors].join(' '), 'banner');
}

export function rankOfMarking(scheme: MarkingScheme, m: Marking): number {
  return rankOf(scheme, m.level.id);
}

/**
 * The banner for a set of portions, by the rules of 32 CFR 2001.21 and the ISOO booklet: the
 * highest level; dissemination controls combined so the most restrictive wins — NOFORN over
 * REL TO, REL TO lists intersected (only USA left means NOFORN). Controls that do not apply to
 * the banner's level (a CUI category in a SECRET document) drop out.
 */
export function combineMarkings(scheme: MarkingScheme, markings: readonly Marking[]): Marking | undefined {
  if (markings.length === 0) return undefined;
  const top = markings.reduce((a, b) => (rankOfMarking(scheme, b) > rankOfMarking(scheme, a) ? b : a)).level;
  const kind = top.kind;
  const applies = (c: MarkingControl) => kind !== undefined && c.kinds.includes(kind);
  const controlIds = new Set((scheme.controls ?? []).filter(applies).map((c) => c.id));
  const out: Marking = plainMarking(top);
  for (const m of markings) {
    if (top.descriptors) out.descriptors.push(...m.descriptors.filter((d) => top.descriptors!.includes(d) && !out.descriptors.includes(d)));
    if (kind && scheme.categories?.kinds.includes(kind)) out.categories.push(...m.categories.filter((c) => !out.categories.includes(c)));
    out.controls.push(...m.controls.filter((c) => controlIds.has(c) && !out.controls.includes(c)));
  }
  if (controlIds.has('REL TO')) foreignDisclosure(out, markings, kind);
  return normalise(scheme, out);
}

/**
 * NOFORN anywhere makes the whole NOFORN; otherwise the REL TO lists intersect. A classified
 * portion with no foreign-disclosure marking is not releasable (DoDM 5200.01 Vol. 2, Encl. 4;
 * the IC Markings Manual's banner roll-up says the same), so beside REL TO portions it makes
 * the banner NOFORN rather than silently releasable. Unclassified portions do not restrict.
 */
function foreignDisclosure(out: Marking, markings: readonly Marking[], kind: MarkingLevel['kind']): void {
  if (out.controls.includes('NOFORN')) return;
  const rel = markings.filter((m) => m.relTo);
  if (rel.length === 0) return;
  const unreleasable = kind === 'classified' && markings.some((m) => m.level.kind === 'classified' && !m.relTo && !m.controls.includes('NOFORN'));
  let countries = rel[0].relTo!;
  for (const m of rel.slice(1)) countries = countries.filter((c) => m.relTo!.includes(c));
  if (unreleasable || countries.filter((c) => c !== 'USA').length === 0) {
    out.controls.push('NOFORN');
    return;
  }
  out.relTo = countries;
}
