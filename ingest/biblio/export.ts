import type { CslItem, CslName } from '../../core/csl';
import type { Source } from '../../core/model';
import { braceLevels, splitBibNames } from './bibtex';
import { type BibOutputEntry, cslToBibEntries, cslToRis } from './citejs';
import { sourceToExportCsl } from './csl-source';

/**
 * Bibliography files out of the library: CSL-JSON (what Zotero, Mendeley and citeproc read;
 * re-imports to identical sources), BibTeX in BibLaTeX's data model (for LaTeX and every
 * reference manager) and RIS (EndNote, Reference Manager, Citavi, databases).
 */

/** Sources as a pretty-printed CSL-JSON array; each item's id is the source's Dossier id. */
export function exportCslJson(sources: Source[]): string {
  return JSON.stringify(sources.map(sourceToExportCsl), null, 2) + '\n';
}

/**
 * Sources as BibTeX through citation-js's BibTeX mapping, in UTF-8 (LaTeX's special characters
 * escaped, other characters as they are: biber, Zotero and JabRef read UTF-8, and an ASCII-only
 * file would lose every non-Latin title). Institutions are protected in double braces,
 * `author = {{U.S. Department of State}}`; citation keys are readable (`okafor2024grain`) and
 * unique in the file, reusing a key the source was imported with.
 */
export function exportBibtex(sources: Source[]): string {
  if (sources.length === 0) return '';
  const keys = citationKeys(sources);
  const items = sources.map((s, i) => escapeItem({ ...sourceToExportCsl(s), 'citation-key': keys[i] }));
  const entries = cslToBibEntries(items);
  return entries.map((e, i) => formatEntry(withEntryType(e, items[i]), sources[i], keys[i])).join('\n');
}

/**
 * A chapter is an @incollection (a contribution to a book with editors or other authors, as
 * Zotero exports a book section); citation-js writes @inbook, which BibLaTeX keeps for a part
 * of a book by the book's own author, i.e. when the item names a container author.
 */
function withEntryType(entry: BibOutputEntry, item: CslItem): BibOutputEntry {
  if (entry.type === 'inbook' && item.type === 'chapter' && !item['container-author']) return { ...entry, type: 'incollection' };
  return entry;
}

/**
 * Sources as RIS through citation-js's RIS mapping. Keywords are one comma-separated CSL
 * variable; RIS gives each its own KW line, so they are trimmed here (citation-js splits at
 * the commas and would keep the spaces).
 */
export function exportRis(sources: Source[]): string {
  if (sources.length === 0) return '';
  const items = sources.map((s) => {
    const item = sourceToExportCsl(s);
    if (typeof item.keyword === 'string')
      item.keyword = item.keyword
        .split(/\s*,\s*/)
        .filter(Boolean)
        .join(',');
    return item;
  });
  return cslToRis(items);
}

// ---- Citation keys -------------------------------------------------------------------------

/** What BibTeX, biber and LaTeX's \cite accept in a key without trouble. */
const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9_:.+/-]*$/;
const STOP_WORDS = new Set(
  'a an the of on in at to for and or but with from by about as into over under after before between against during is are was were be its their this that these those how why what when where who which'.split(
    ' ',
  ),
);

/** One unique key per source, in order: its imported key if it is safe and free, else a new one. */
export function citationKeys(sources: Source[]): string[] {
  const keys: (string | undefined)[] = [];
  const used = new Set<string>();
  for (const s of sources) {
    const k = s.extra['citation-key'];
    if (typeof k === 'string' && SAFE_KEY.test(k) && !used.has(k.toLowerCase())) {
      used.add(k.toLowerCase());
      keys.push(k);
    } else keys.push(undefined);
  }
  return sources.map((s, i) => {
    if (keys[i]) return keys[i];
    const base = baseKey(s);
    let key = base;
    for (let n = 0; used.has(key.toLowerCase()); n++) key = base + suffix(n);
    used.add(key.toLowerCase());
    return key;
  });
}

/** a, b … z, aa, ab …: the suffixes reference managers use for same-author-same-year keys. */
function suffix(n: number): string {
  let s = '';
  for (let m = n + 1; m > 0; m = Math.floor((m - 1) / 26)) s = String.fromCharCode(97 + ((m - 1) % 26)) + s;
  return s;
}

function ascii(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function firstWord(s: string): string {
  for (const w of s.split(/[\s\-–—/:]+/)) {
    const plain = ascii(w);
    if (plain && !STOP_WORDS.has(plain)) return plain;
  }
  return '';
}

function nameWord(n: CslName | undefined): string {
  if (!n) return '';
  if (n.family) return ascii(n.family) || firstWord(n.family);
  return firstWord(n.literal ?? '');
}

/** author + year + first meaningful title word: "okafor2024grain", "us2024statement". */
function baseKey(s: Source): string {
  const who = nameWord(s.authors[0] ?? s.editors[0]);
  const year = s.issued?.slice(0, 4) ?? '';
  const word = firstWord(s.title.replace(/<[^>]*>/g, ''));
  const key = `${who}${year}${word}`;
  // A key of digits only (no Latin letters to take from the names or the title) gets a word.
  return /[a-z]/.test(key) ? key : `source${key}`;
}

// ---- LaTeX escaping and output -------------------------------------------------------------

/** CSL fields citation-js writes verbatim (url, doi …) or that are codes, not prose. */
const VERBATIM = new Set(['id', 'citation-key', 'type', 'URL', 'DOI', 'ISBN', 'ISSN', 'PMID', 'PMCID', 'language']);
const LATEX_SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

function escapeLatex(s: string): string {
  return s.replace(/[\\{}&%$#_~^]/g, (c) => LATEX_SPECIAL[c]);
}

function escapeItem(item: CslItem): CslItem {
  const out: CslItem = { ...item };
  for (const [key, value] of Object.entries(item)) {
    if (VERBATIM.has(key)) continue;
    if (typeof value === 'string') out[key] = escapeLatex(value);
    else if (
      Array.isArray(value) &&
      (value as unknown[]).every((v) => typeof v === 'object' && v !== null && !Array.isArray(v)) &&
      value.length &&
      isNameList(value as Record<string, unknown>[])
    ) {
      out[key] = value.map((n: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(n).map(([k, v]) => [k, typeof v === 'string' ? escapeLatex(v) : v])),
      );
    }
  }
  return out;
}

function isNameList(list: Record<string, unknown>[]): boolean {
  return list.every((n) => 'family' in n || 'literal' in n || 'given' in n);
}

/**
 * citation-js braces every family-only name, so "NATO" the institution and "Plato" the person
 * both come out as `{…}`; a second pair marks the institution, which BibTeX typesets the same
 * and parseBibliography reads back as a literal.
 */
function protectOneWordInstitutions(value: string, names: CslName[]): string {
  if (!names.some((n) => n.literal && !/[\s.]/.test(n.literal.trim()))) return value;
  const parts = splitBibNames(value);
  if (parts.length !== names.length) return value;
  return parts.map((p, i) => (names[i].literal && !/[\s.]/.test(names[i].literal.trim()) && braceLevels(p) === 1 ? `{${p}}` : p)).join(' and ');
}

/** Conventional field order; anything else follows alphabetically. */
const ORDER = [
  'author',
  'editor',
  'title',
  'shorttitle',
  'journal',
  'journaltitle',
  'booktitle',
  'series',
  'edition',
  'volume',
  'number',
  'pages',
  'chapter',
  'institution',
  'organization',
  'school',
  'publisher',
  'address',
  'location',
  'howpublished',
  'type',
  'entrysubtype',
  'year',
  'month',
  'date',
  'doi',
  'url',
  'urldate',
  'isbn',
  'issn',
  'language',
  'note',
  'abstract',
  'keywords',
];
const RANK = new Map(ORDER.map((f, i) => [f, i]));

function formatEntry(entry: BibOutputEntry, source: Source, key: string): string {
  const props: Record<string, string> = { ...entry.properties };
  for (const field of ['author', 'editor'] as const) {
    const names = field === 'author' ? source.authors : source.editors;
    if (props[field]) props[field] = protectOneWordInstitutions(props[field], names);
  }
  if (source.url && props.howpublished === source.url) props.howpublished = `\\url{${source.url}}`;
  // The access date as BibLaTeX, Zotero and JabRef read it (BibTeX styles ignore the field).
  if (source.accessed && !props.urldate) props.urldate = source.accessed;
  // citation-js also writes BibTeX's "[Online; accessed …]" note: BibLaTeX prints urldate itself, so it would say it twice.
  if (props.urldate && props.note === `[Online; accessed ${props.urldate}]`) delete props.note;
  const fields = Object.keys(props)
    .filter((f) => props[f] !== undefined && props[f] !== '')
    .sort((a, b) => (RANK.get(a) ?? ORDER.length) - (RANK.get(b) ?? ORDER.length) || a.localeCompare(b));
  const width = Math.max(...fields.map((f) => f.length));
  const body = fields.map((f) => `  ${f.padEnd(width)} = {${props[f]}},`).join('\n');
  return `@${entry.type}{${key},\n${body}\n}\n`;
}
