import type { CslItem, CslName } from '../../core/csl';
import type { ImportOptions } from '../document';
import { bibRawToCsl, parseBibRaw, type RawBibEntry } from './citejs';
import { cleanCslItem } from './normalise';
import { progressReporter, throwIfAborted } from './progress';
import { salvageConversion, salvageRawEntry } from './salvage-bibtex';
import { type BibChunk, type SkippedEntry, splitBibtex } from './split-bibtex';

/**
 * BibTeX/BibLaTeX → CSL items, entry by entry: the file is cut into entries first
 * (split-bibtex.ts), each entry is lexed and parsed by citation-js on its own, so a broken one
 * is reported and skipped, and progress and cancellation work between entries. A second pass
 * maps entries to CSL with their crossref parents, then corrects what citation-js leaves:
 * corporate authors, @misc web pages, newspaper articles, report genres, URL escapes.
 */
export function parseBibtex(text: string, opts: ImportOptions): { items: CslItem[]; warnings: string[]; skipped: SkippedEntry[] } {
  const { chunks, warnings, skipped } = splitBibtex(text);
  const skip = (chunk: BibChunk, problem: string) => skipped.push({ ...(chunk.key ? { key: chunk.key } : {}), line: chunk.line, problem });
  const macros = new Map<string, string>();
  for (const c of chunks) {
    if (c.kind !== 'string') continue;
    const name = /^@\s*string\s*[{(]\s*([A-Za-z_][\w:+-]*)/i.exec(c.text)?.[1];
    if (name) macros.set(name.toLowerCase(), c.text);
  }
  const entries = chunks.filter((c) => c.kind === 'entry');
  if (entries.length === 0) warnings.push('No BibTeX entries were found.');

  // Pass 1: each entry's text → a raw entry (fields still in LaTeX).
  const raws: { raw: RawBibEntry; chunk: BibChunk; keyless: boolean }[] = [];
  const reading = progressReporter(opts, (d, t) => `Reading entry ${d} of ${t}`, entries.length);
  for (let k = 0; k < entries.length; k++) {
    throwIfAborted(opts.signal);
    const chunk = entries[k];
    const keyless = chunk.key === '';
    const body = keyless ? chunk.text.replace(/^(@\s*\w+\s*[{(])/, `$1entry-line-${chunk.line}`) : chunk.text;
    const prefix = macros.size ? macrosFor(body, macros) : '';
    const read = (entry: string) =>
      parseBibRaw((macros.size ? macrosFor(entry, macros) : '') + entry)
        .filter(Boolean)
        .pop();
    try {
      const raw = read(body);
      if (raw) raws.push({ raw, chunk, keyless });
      else skip(chunk, `${entryName(chunk)}: no fields could be read; it was skipped.`);
    } catch (e) {
      // One unreadable field (LaTeX in a note or an abstract) must not cost the whole reference.
      const salvaged = salvageRawEntry(body, read);
      if (salvaged) {
        raws.push({ raw: salvaged.value, chunk, keyless });
        warnings.push(droppedFields(chunk, salvaged.dropped, 'could not be read'));
      } else skip(chunk, `${entryName(chunk)} could not be read (${syntaxProblem(e, chunk.line, prefix)}); it was skipped.`);
    }
    reading(k + 1);
  }

  const byLabel = new Map<string, RawBibEntry>();
  for (const { raw, chunk } of raws) {
    const first = byLabel.get(raw.label);
    if (first) warnings.push(`${entryName(chunk)}: the key "${raw.label}" is used by an earlier entry too; both were read.`);
    else byLabel.set(raw.label, raw);
  }

  // Pass 2: raw entry (+ crossref parents) → CSL, then Dossier's corrections.
  const items: CslItem[] = [];
  const converting = progressReporter(opts, (d, t) => `Converting entry ${d} of ${t}`, raws.length);
  for (let k = 0; k < raws.length; k++) {
    throwIfAborted(opts.signal);
    const { raw, chunk, keyless } = raws[k];
    const what = entryName(chunk);
    try {
      const parents = crossrefParents(raw, byLabel);
      const item = convertEntry(raw, parents, chunk, warnings);
      if (item) {
        if (keyless) {
          delete item['citation-key'];
        }
        fixBibtexItem(raw, item);
        items.push(cleanCslItem(item, what, (m) => warnings.push(m)));
      }
    } catch (e) {
      skip(chunk, `${what} could not be converted (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); it was skipped.`);
    }
    converting(k + 1);
  }
  // Entries in file order, whichever pass skipped them.
  skipped.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { items, warnings, skipped };
}

/** citation-js's conversion of an entry; when it throws, the entry without the fields that make it throw. */
function convertEntry(raw: RawBibEntry, parents: RawBibEntry[], chunk: BibChunk, warnings: string[]): CslItem | undefined {
  const convert = (entries: RawBibEntry[]) => bibRawToCsl(entries)[0];
  try {
    return convert([raw, ...parents]);
  } catch (e) {
    const salvaged = salvageConversion(raw, parents, convert);
    if (!salvaged) throw e;
    warnings.push(droppedFields(chunk, salvaged.dropped, 'could not be converted from LaTeX'));
    return salvaged.value;
  }
}

function droppedFields(chunk: BibChunk, fields: string[], problem: string): string {
  const names = fields.map((f) => `"${f}"`).join(', ');
  return `${entryName(chunk)}: the field${fields.length === 1 ? '' : 's'} ${names} ${problem} and ${fields.length === 1 ? 'was' : 'were'} left out; the rest of the entry was imported.`;
}

function entryName(chunk: BibChunk): string {
  return chunk.key ? `Entry "${chunk.key}" (line ${chunk.line})` : `The @${chunk.type} entry at line ${chunk.line}`;
}

/** "expected "rbrace", got EOF at line 3 col 5" with the line counted in the whole file. */
function syntaxProblem(e: unknown, entryLine: number, prefix: string): string {
  const msg = e instanceof Error ? (e.message.split('\n')[0] ?? '').replace(/:\s*$/, '') : String(e);
  const prefixLines = prefix ? prefix.split('\n').length - 1 : 0;
  return msg.replace(/at line (\d+) col (\d+)/, (_, l: string, c: string) => `at line ${entryLine + Number(l) - 1 - prefixLines}, column ${c}`);
}

/** The @string definitions an entry uses (and those they use), to parse it on its own. */
function macrosFor(body: string, macros: Map<string, string>): string {
  const used: string[] = [];
  const seen = new Set<string>();
  const scan = (text: string) => {
    for (const m of text.matchAll(/[=#]\s*([A-Za-z_][\w:+-]*)/g)) {
      const name = m[1].toLowerCase();
      const def = macros.get(name);
      if (def === undefined || seen.has(name)) continue;
      seen.add(name);
      scan(def.slice(def.indexOf('=') + 1));
      used.push(def);
    }
  };
  scan(body);
  return used.length ? used.join('\n') + '\n' : '';
}

function crossrefParents(raw: RawBibEntry, byLabel: Map<string, RawBibEntry>): RawBibEntry[] {
  const parents: RawBibEntry[] = [];
  let ref = raw.properties.crossref;
  while (typeof ref === 'string' && parents.length < 4) {
    const parent = byLabel.get(ref);
    if (!parent || parent === raw || parents.includes(parent)) break;
    parents.push(parent);
    ref = parent.properties.crossref;
  }
  return parents;
}

const WEB_TYPES = new Set(['misc', 'online', 'electronic', 'www', 'webpage']);
const GENRES: Record<string, string> = {
  techreport: 'Technical report',
  phdthesis: 'PhD thesis',
  mastersthesis: "Master's thesis",
};
/** citation-js's own BibTeX export writes the access date as this note. */
const ACCESSED_NOTE = /^\[Online; accessed (\d{4}-\d{2}-\d{2})\]$/;

function fixBibtexItem(raw: RawBibEntry, item: CslItem): void {
  const type = raw.type.toLowerCase();
  if (WEB_TYPES.has(type) && item.type === 'document' && item.URL) item.type = 'webpage';
  const subtype = String(raw.properties.entrysubtype ?? '').toLowerCase();
  if (type === 'article' && (subtype === 'newspaper' || subtype === 'magazine')) {
    item.type = subtype === 'newspaper' ? 'article-newspaper' : 'article-magazine';
    if (String(item.genre ?? '').toLowerCase() === subtype) delete item.genre;
  }
  if (typeof item.genre === 'string' && GENRES[item.genre.toLowerCase()] && item.genre.toLowerCase() === type) {
    item.genre = GENRES[item.genre.toLowerCase()];
  }
  for (const field of ['URL', 'DOI'] as const) {
    const v = item[field];
    // Old exporters escape "_" and "%" in URLs (citation-js then encodes the backslash as
    // %5C); a real URL has no backslash before those characters.
    if (typeof v === 'string') item[field] = v.replace(/(?:\\|%5C)([_%&#~$])/gi, '$1');
  }
  if (typeof item.note === 'string') {
    const m = ACCESSED_NOTE.exec(item.note.trim());
    if (m) {
      delete item.note;
      if (!item.accessed) item.accessed = { 'date-parts': [m[1].split('-').map(Number)] };
    }
  }
  for (const field of ['author', 'editor'] as const) {
    const names = item[field];
    const source = raw.properties[field];
    if (Array.isArray(names) && typeof source === 'string') item[field] = corporateNames(source, names);
  }
}

/**
 * BibTeX marks an institution as an author by bracing the whole name,
 * `author = {{U.S. Department of State}}`; citation-js then returns it as a family name. A
 * wholly braced name with a space or a period becomes a CSL literal; a braced single word
 * (`{Plato}`, also how BibTeX writers protect mononyms) stays a family name, unless it is
 * braced twice (`{{NATO}}`), which is how exportBibtex writes one-word institutions.
 */
function corporateNames(source: string, names: CslName[]): CslName[] {
  const parts = splitBibNames(source);
  const aligned = parts.length === names.length;
  return names.map((name, i) => {
    if (name.given || name.literal || name['non-dropping-particle'] || name['dropping-particle'] || !name.family) return name;
    const braces = aligned ? braceLevels(parts[i]) : 0;
    const institutional = /[\s.]/.test(name.family.trim());
    // Without the raw name to look at (the lists disagree), a family-only name with a space or
    // a period is an institution: a person's BibTeX name would have been split into parts.
    if (braces >= 2 || ((braces === 1 || !aligned) && institutional)) return { literal: name.family };
    return name;
  });
}

/** Splits a BibTeX name list on " and " outside braces. */
export function splitBibNames(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && /\s/.test(c)) {
      const m = /^\s+and\s+/i.exec(s.slice(i, i + 12));
      if (m) {
        out.push(s.slice(start, i).trim());
        i += m[0].length - 1;
        start = i + 1;
      }
    }
  }
  out.push(s.slice(start).trim());
  return out.filter(Boolean);
}

/** How many braces wrap the whole name: 0 for "Okafor, Adaeze", 1 for "{World Bank}", 2 for "{{NATO}}". */
export function braceLevels(name: string): number {
  let levels = 0;
  let s = name.trim();
  while (levels < 2 && whollyBraced(s)) {
    levels++;
    s = s.slice(1, -1).trim();
  }
  return levels;
}

function whollyBraced(name: string): boolean {
  if (!name.startsWith('{') || !name.endsWith('}')) return false;
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0 && i !== name.length - 1) return false;
    }
  }
  return depth === 0;
}
