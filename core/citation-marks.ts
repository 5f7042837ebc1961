import type { Locator, LocatorLabel } from './model';

/**
 * Citation marks inside the analyst's own prose, written in pandoc's citation syntax so a
 * briefing is plain Markdown anywhere it goes (the store, the clipboard, `brief export-md`):
 *
 *     The corridor reopened [see @7f3e…, p. 4; @0b9a…, para. 3, emphasis added].
 *
 * One bracket group is a *cluster* (one note); each `@key` in it is a cite with an optional
 * prefix before it, a locator after a comma and a suffix after that; `-@key` suppresses the
 * author (in-text styles). A bracket group that does not parse as a whole is plain text —
 * never half a citation. Prefix, suffix and braced locator values escape `\ ; [ ] @ { }`
 * with a backslash.
 *
 * Which keys are facts is the caller's call (`isKey`): the store recognises only full fact
 * ids of facts that exist, so "[@press_office]" in a sentence stays words; the Markdown
 * importer accepts any key and resolves short ids itself.
 */
export interface Cite {
  factId: string;
  locator?: Locator;
  prefix?: string;
  suffix?: string;
  suppressAuthor?: boolean;
}

export interface CiteCluster {
  cites: Cite[];
}

export type ProseSegment =
  | { kind: 'text'; text: string }
  /** `start`/`end` are offsets of the bracket group in the text it came from. */
  | { kind: 'cite'; cluster: CiteCluster; start: number; end: number };

/** At most this many cites in one note; more is a paste gone wrong, not a citation. */
const MAX_CITES_PER_CLUSTER = 100;
export const MAX_LOCATOR_LENGTH = 100;
const MAX_AFFIX_LENGTH = 500;

/** Locator terms, the first of each the one written out; plural and long forms read too. */
const TERMS: Record<LocatorLabel, readonly string[]> = {
  page: ['p.', 'pp.', 'page', 'pages'],
  paragraph: ['para.', 'paras.', '¶', '¶¶', 'paragraph', 'paragraphs'],
  section: ['sec.', 'secs.', '§', '§§', 'section', 'sections'],
  chapter: ['chap.', 'chaps.', 'ch.', 'chapter', 'chapters'],
  line: ['l.', 'll.', 'line', 'lines'],
  figure: ['fig.', 'figs.', 'figure', 'figures'],
  table: ['tbl.', 'tbls.', 'table', 'tables'],
  note: ['n.', 'nn.', 'note', 'notes'],
  article: ['art.', 'arts.', 'article', 'articles'],
  clause: ['cl.', 'cls.', 'clause', 'clauses'],
  part: ['pt.', 'pts.', 'part', 'parts'],
  volume: ['vol.', 'vols.', 'volume', 'volumes'],
  timestamp: ['at', 'timestamp'],
};

const TERM_LIST: readonly [string, LocatorLabel][] = (Object.entries(TERMS) as [LocatorLabel, readonly string[]][])
  .flatMap(([label, forms]) => forms.map((f): [string, LocatorLabel] => [f, label]))
  // Longest first, so "pp." is not read as "p." followed by "p.".
  .sort((a, b) => b[0].length - a[0].length);

/** The abbreviation a locator label is written with ("p.", "para."). */
export function locatorTerm(label: LocatorLabel): string {
  return TERMS[label][0];
}

export interface SplitOptions {
  /** Whether a key names a fact; a group with any other key is plain text. */
  isKey(key: string): boolean;
}

/** A problem with a group that is clearly meant as a citation (its keys are facts). */
export class CitationSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Splits prose into text and citation clusters. Throws CitationSyntaxError only for a group
 * whose keys are all facts but which breaks a limit (too many cites, a locator too long):
 * silently showing that as words would hide the analyst's citation.
 */
export function splitCitations(text: string, opts: SplitOptions): ProseSegment[] {
  const out: ProseSegment[] = [];
  let last = 0;
  let i = text.indexOf('[');
  while (i !== -1) {
    if (isEscaped(text, i)) {
      i = text.indexOf('[', i + 1);
      continue;
    }
    const end = groupEnd(text, i);
    if (end < 0) {
      // No group opens here ("[unclosed", "[a [@id]"): look on from where the scan stopped, so a
      // stray bracket never turns the citations after it into words, and nothing is scanned twice.
      i = text.indexOf('[', -end - 1);
      continue;
    }
    const cluster = end > i + 1 ? parseGroup(text, i + 1, end, opts) : undefined;
    if (cluster) {
      if (i > last) out.push({ kind: 'text', text: text.slice(last, i) });
      out.push({ kind: 'cite', cluster, start: i, end: end + 1 });
      last = end + 1;
      i = text.indexOf('[', last);
    } else i = text.indexOf('[', i + 1);
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** Every cluster in the text, in order (the fact ids a prose item cites). */
export function clustersIn(text: string, opts: SplitOptions): CiteCluster[] {
  return splitCitations(text, opts).flatMap((s) => (s.kind === 'cite' ? [s.cluster] : []));
}

/** Line and column (1-based) of an offset, for messages that point into a file. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

// ---------- writing ----------

/** The cluster as a bracket group: `[see @id, p. 4; -@id2]`. */
export function formatCluster(cluster: CiteCluster): string {
  return `[${cluster.cites.map(formatCite).join('; ')}]`;
}

function formatCite(c: Cite): string {
  const prefix = c.prefix ? `${escapeAffix(c.prefix)} ` : '';
  const locator = c.locator ? `, ${locatorTerm(c.locator.label)} ${formatLocatorValue(c.locator.value)}` : '';
  return `${prefix}${c.suppressAuthor ? '-' : ''}@${c.factId}${locator}${c.suffix ? escapeAffix(suffixWithSeparator(c.suffix)) : ''}`;
}

/** A suffix must be set off from the key or locator; a bare word gets pandoc's ", ". */
function suffixWithSeparator(suffix: string): string {
  return /^[\s,]/.test(suffix) ? suffix : `, ${suffix}`;
}

const BARE_LOCATOR = /^[0-9]+[a-z]?(?:[-–][0-9]+[a-z]?)?$|^[ivxlcdm]+(?:[-–][ivxlcdm]+)?$/i;

function formatLocatorValue(value: string): string {
  return BARE_LOCATOR.test(value) ? value : `{${value.replace(/[\\{}]/g, (ch) => `\\${ch}`)}}`;
}

function escapeAffix(s: string): string {
  return s.replace(/[\\;[\]@{}]/g, (ch) => `\\${ch}`);
}

// ---------- reading ----------

function isEscaped(text: string, at: number): boolean {
  let n = 0;
  for (let k = at - 1; k >= 0 && text[k] === '\\'; k--) n++;
  return n % 2 === 1;
}

/**
 * The index of the `]` closing the group opened at `open`, skipping escapes and braces. When
 * there is none — a `[` or a blank line comes first (a citation never spans paragraphs), or the
 * text ends — it returns -(p + 1), p being where the next group may start.
 */
function groupEnd(text: string, open: number): number {
  let depth = 0;
  for (let k = open + 1; k < text.length; k++) {
    const ch = text[k];
    if (ch === '\\') k++;
    else if (ch === '\n' && text[k + 1] === '\n') return -k - 1;
    else if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === '[' && depth === 0) return -k - 1;
    else if (ch === ']' && depth === 0) return k;
  }
  return -text.length - 1;
}

/** Splits the group's content at unescaped, unbraced semicolons. */
function parts(text: string, from: number, to: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let depth = 0;
  let start = from;
  for (let k = from; k < to; k++) {
    const ch = text[k];
    if (ch === '\\') k++;
    else if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === ';' && depth === 0) {
      out.push({ start, end: k });
      start = k + 1;
    }
  }
  out.push({ start, end: to });
  return out;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]*/;

function parseGroup(text: string, from: number, to: number, opts: SplitOptions): CiteCluster | undefined {
  const cites: Cite[] = [];
  for (const part of parts(text, from, to)) {
    const cite = parseCite(text, part.start, part.end, opts);
    if (!cite) return undefined;
    cites.push(cite);
  }
  if (cites.length > MAX_CITES_PER_CLUSTER) {
    throw new CitationSyntaxError(`a citation has ${cites.length} cites; at most ${MAX_CITES_PER_CLUSTER} fit in one note`, from - 1);
  }
  return { cites };
}

function parseCite(text: string, from: number, to: number, opts: SplitOptions): Cite | undefined {
  const at = findUnescaped(text, '@', from, to);
  if (at === -1) return undefined;
  const key = KEY.exec(text.slice(at + 1, to))?.[0];
  if (!key || !opts.isKey(key)) return undefined;
  let prefixRaw = text.slice(from, at);
  const suppressAuthor = prefixRaw.endsWith('-');
  if (suppressAuthor) prefixRaw = prefixRaw.slice(0, -1);
  // The prefix must end where the key starts ("see @id"), not run into it ("e-mail@id").
  if (prefixRaw && !/\s$/.test(prefixRaw)) return undefined;
  const prefix = unescape(prefixRaw).trim();
  if (prefix.includes('@')) return undefined;
  const cite: Cite = { factId: key };
  if (prefix) cite.prefix = prefix;
  if (suppressAuthor) cite.suppressAuthor = true;
  const rest = text.slice(at + 1 + key.length, to);
  const tail = parseTail(rest);
  if (!tail) return undefined;
  if (tail.locator) cite.locator = tail.locator;
  if (tail.suffix) cite.suffix = tail.suffix;
  for (const [what, value, max] of [
    ['prefix', cite.prefix, MAX_AFFIX_LENGTH],
    ['suffix', cite.suffix, MAX_AFFIX_LENGTH],
    ['locator', cite.locator?.value, MAX_LOCATOR_LENGTH],
  ] as const) {
    if (value && value.length > max) throw new CitationSyntaxError(`the ${what} of a cite is ${value.length} characters; at most ${max}`, from);
  }
  return cite;
}

function findUnescaped(text: string, ch: string, from: number, to: number): number {
  for (let k = from; k < to; k++) {
    if (text[k] === '\\') k++;
    else if (text[k] === ch) return k;
  }
  return -1;
}

/** What follows the key: nothing, a suffix, or ", <term> <value>" and then a suffix. */
function parseTail(rest: string): { locator?: Locator; suffix?: string } | undefined {
  if (!rest.trim()) return {};
  if (/^[A-Za-z0-9_]/.test(rest)) return undefined; // the key ran on: not a key we know
  if (findUnescaped(rest, '@', 0, rest.length) !== -1) return undefined; // two keys in one cite
  const m = /^\s*,\s*/.exec(rest);
  if (m) {
    const loc = readLocator(rest.slice(m[0].length));
    if (loc === 'bad') return undefined;
    if (loc) {
      const suffix = unescape(loc.rest);
      return { locator: loc.locator, ...(suffix.trim() ? { suffix: suffix.trimEnd() } : {}) };
    }
  }
  const suffix = unescape(rest).trimEnd();
  return suffix.trim() ? { suffix } : {};
}

function readLocator(s: string): { locator: Locator; rest: string } | undefined | 'bad' {
  let label: LocatorLabel | undefined;
  let after = s;
  for (const [term, l] of TERM_LIST) {
    if (s.startsWith(term) && (term.endsWith('.') || /^[\s{]/.test(s.slice(term.length)) || /[^\w]$/.test(term))) {
      label = l;
      after = s.slice(term.length).replace(/^\s+/, '');
      break;
    }
  }
  if (after.startsWith('{')) {
    const close = braceEnd(after);
    if (close === -1) return 'bad';
    const value = unescape(after.slice(1, close)).trim();
    if (!value) return 'bad';
    return { locator: { label: label ?? 'page', value }, rest: after.slice(close + 1) };
  }
  const m = /^[0-9A-Za-z]+(?:[-–—][0-9A-Za-z]+)?(?:\s*,\s*[0-9]+[a-z]?(?:[-–—][0-9A-Za-z]+)?)*/.exec(after);
  // Without a term, only a number is a locator (pandoc reads "@id, 33" as page 33).
  if (!m || (!label && !/^[0-9]/.test(m[0]))) return undefined;
  return { locator: { label: label ?? 'page', value: m[0] }, rest: after.slice(m[0].length) };
}

function braceEnd(s: string): number {
  for (let k = 1; k < s.length; k++) {
    if (s[k] === '\\') k++;
    else if (s[k] === '}') return k;
  }
  return -1;
}

function unescape(s: string): string {
  return s.replace(/\\([\\;[\]@{}])/g, '$1');
}
