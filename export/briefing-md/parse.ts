import { DossierError } from '../../core/errors';
import { parseLocator } from '../../core/locator';
import { LOCATOR_LABELS, type Locator, type LocatorLabel } from '../../core/model';
import { MAX_LOCATOR_LENGTH } from '../../core/citation-marks';
import { SECTION_KEY_PATTERN } from '../../core/validate';
import { unescapeLineStarts } from './escapes';
import { type FieldType, type FrontMatter, readFrontMatter } from './front-matter';
import { failAt } from './located-error';
import { type KeyRef, type ProsePieces, readProse } from './read-prose';

/**
 * Reads a briefing file into its parts without touching a library: fact ids stay as typed
 * (KeyRef, with their place in the file) for the importer to resolve. The file's grammar is
 * documented in ./write.ts, which writes it.
 */
const FRONT_MATTER_KEYS = {
  template: 'string',
  title: 'string',
  style: 'string',
  notes: 'string',
  marking: 'string',
  portionMarks: 'boolean',
  derivedFrom: 'boolean',
  fields: 'map',
} as const satisfies Record<string, FieldType>;

export type ParsedItem =
  | { kind: 'prose'; pieces: ProsePieces; marking?: string; at: number }
  | { kind: 'fact'; fact: KeyRef; locator?: Locator; lead?: string; wording?: string; marking?: string; at: number };

export interface ParsedSection {
  /** The {#key} given, if any. */
  key?: string;
  heading: string;
  at: number;
  items: ParsedItem[];
}

export interface ParsedBriefing {
  /** The file as read: BOM dropped, CRLF made LF. Offsets point into it. */
  src: string;
  front: FrontMatter;
  /** Items before the first heading: they go into the first section. */
  leading: ParsedItem[];
  sections: ParsedSection[];
}

const FENCE = /^:{3,}/;
const CLOSING_FENCE = /^:{3,}[ \t]*$/;
const ANY_HEADING = /^#{1,6}(?:[ \t]|$)/;
const BLANK = /^[ \t]*$/;

export function parseBriefingMarkdown(input: string): ParsedBriefing {
  const nul = input.indexOf('\0');
  if (nul !== -1) failAt(input, nul, 'a NUL character (U+0000): this is not a text file, or it is damaged');
  const src = input.replace(/^\ufeff/, '').replace(/\r\n/g, '\n');
  const front = readFrontMatter(src, FRONT_MATTER_KEYS);
  const leading: ParsedItem[] = [];
  const sections: ParsedSection[] = [];
  let items = leading;
  let pos = front.end;
  while (pos < src.length) {
    const line = lineAt(src, pos);
    if (BLANK.test(line.text)) {
      pos = line.next;
    } else if (ANY_HEADING.test(line.text)) {
      const section = readHeading(src, pos, line.text);
      sections.push(section);
      items = section.items;
      pos = line.next;
    } else if (FENCE.test(line.text)) {
      const r = readFenced(src, pos, line);
      items.push(r.item);
      pos = r.next;
    } else {
      // A paragraph block: one prose item, up to a blank line, a heading or a fence.
      let end = line.end;
      let next = line.next;
      while (next < src.length) {
        const l = lineAt(src, next);
        if (BLANK.test(l.text) || ANY_HEADING.test(l.text) || FENCE.test(l.text)) break;
        end = l.end;
        next = l.next;
      }
      items.push({ kind: 'prose', pieces: readProse(src, src.slice(pos, end), pos), at: pos });
      pos = next;
    }
  }
  return { src, front, leading, sections };
}

interface Line {
  text: string;
  end: number;
  next: number;
}

function lineAt(src: string, pos: number): Line {
  const nl = src.indexOf('\n', pos);
  const end = nl === -1 ? src.length : nl;
  return { text: src.slice(pos, end), end, next: nl === -1 ? src.length : nl + 1 };
}

function readHeading(src: string, pos: number, text: string): ParsedSection {
  const level = /^#+/.exec(text)![0].length;
  if (level !== 2) {
    failAt(
      src,
      pos,
      `a level-${level} heading: sections are "## Heading {#key}" (the title goes in the front matter); write "\\#" for a "#" at the start of a line`,
    );
  }
  const m = /^##[ \t]*(.*?)(?:[ \t]*\{#([^{}]*)\})?[ \t]*$/.exec(text)!;
  const heading = m[1].trim();
  const key = m[2];
  if (key !== undefined && !SECTION_KEY_PATTERN.test(key)) {
    failAt(src, pos + text.indexOf('{#') + 2, `section key "${key}" must start with a letter and use only letters, digits, - and _ (at most 64)`);
  }
  if (key === undefined && /\{[^{}]*\}$/.test(heading)) failAt(src, pos + text.lastIndexOf('{'), 'a section takes one attribute, its key: "{#key}"');
  if (!heading && key === undefined) failAt(src, pos, 'a section heading without text');
  return { ...(key !== undefined ? { key } : {}), heading, at: pos, items: [] };
}

function readFenced(src: string, pos: number, open: Line): { item: ParsedItem; next: number } {
  const attrs = readFenceAttributes(src, pos, open.text);
  // The body runs to the first closing fence; a fence or heading inside it is a mistake (the
  // writer escapes those), most likely a block left unclosed, so it is refused, not guessed.
  let k = open.next;
  let close: Line | undefined;
  let closeAt = -1;
  while (k < src.length) {
    const l = lineAt(src, k);
    if (CLOSING_FENCE.test(l.text)) {
      close = l;
      closeAt = k;
      break;
    }
    if (FENCE.test(l.text))
      failAt(src, k, `a fenced block inside another (opened on line ${lineNo(src, pos)}): close that one with ":::" first, or write "\\:::" for words`);
    if (ANY_HEADING.test(l.text))
      failAt(src, k, `a heading inside the fenced block opened on line ${lineNo(src, pos)}: close it with ":::" first, or write "\\#" for words`);
    k = l.next;
  }
  if (!close) failAt(src, pos, 'this fenced block is never closed: add a ":::" line after its text');
  const bodyStart = open.next;
  const raw = closeAt > bodyStart ? src.slice(bodyStart, closeAt - 1) : '';
  const next = close.next;
  if (attrs.kind === 'prose') {
    return {
      item: { kind: 'prose', pieces: readProse(src, raw, bodyStart), ...(attrs.marking !== undefined ? { marking: attrs.marking } : {}), at: pos },
      next,
    };
  }
  // A comment line opening the body quotes the library's text for the reader: not wording.
  const { text: wording } = unescapeLineStarts(raw.replace(/^<!--.*-->[ \t]*(?:\n|$)/, ''));
  const item: ParsedItem = { kind: 'fact', fact: attrs.fact, at: pos };
  if (attrs.locator) item.locator = attrs.locator;
  if (attrs.lead !== undefined) item.lead = attrs.lead;
  if (attrs.marking !== undefined) item.marking = attrs.marking;
  if (wording.trim()) item.wording = wording;
  return { item, next };
}

function lineNo(src: string, pos: number): number {
  let n = 1;
  for (let k = src.indexOf('\n'); k !== -1 && k < pos; k = src.indexOf('\n', k + 1)) n++;
  return n;
}

type FenceAttrs = { kind: 'prose'; marking?: string } | { kind: 'fact'; fact: KeyRef; locator?: Locator; lead?: string; marking?: string };

const ALLOWED: Record<'prose' | 'fact', readonly string[]> = { prose: ['marking'], fact: ['fact', 'locator', 'lead', 'marking'] };

/** "::: prose", "::: {.prose marking=CUI}", "::: {.fact fact=ID locator="page 4" lead="…" marking="…"}". */
function readFenceAttributes(src: string, pos: number, text: string): FenceAttrs {
  let k = /^:{3,}[ \t]*/.exec(text)![0].length;
  const classes: string[] = [];
  const values = new Map<string, { value: string; at: number }>();
  const word = /^[A-Za-z][A-Za-z0-9_-]*/.exec(text.slice(k));
  if (word) {
    classes.push(word[0]);
    k += word[0].length;
  } else if (text[k] === '{') {
    k++;
    for (;;) {
      while (text[k] === ' ' || text[k] === '\t') k++;
      if (k >= text.length) failAt(src, pos + k, 'the attributes are not closed with "}"');
      if (text[k] === '}') {
        k++;
        break;
      }
      const tokenAt = k;
      if (text[k] === '.') {
        const cls = /^\.([A-Za-z][A-Za-z0-9_-]*)/.exec(text.slice(k));
        if (!cls) failAt(src, pos + k, 'expected a class name after "."');
        classes.push(cls[1]);
        k += cls[0].length;
        continue;
      }
      const name = /^([A-Za-z][A-Za-z0-9_-]*)=/.exec(text.slice(k));
      if (!name) failAt(src, pos + k, 'expected .prose, .fact or name=value in the braces');
      k += name[0].length;
      let value: string;
      if (text[k] === '"') {
        const q = readQuoted(src, pos, text, k);
        value = q.value;
        k = q.end;
      } else {
        value = /^[^\s"{}]*/.exec(text.slice(k))![0];
        k += value.length;
      }
      if (values.has(name[1])) failAt(src, pos + tokenAt, `"${name[1]}" is given twice`);
      values.set(name[1], { value, at: pos + tokenAt });
    }
  } else failAt(src, pos + k, 'a fenced block needs a kind: "::: prose" or "::: {.fact fact=ID}"');
  if (!/^[ \t]*:*[ \t]*$/.test(text.slice(k))) failAt(src, pos + k, 'unexpected text after the fence attributes');
  const kind = classes[0];
  if (classes.length !== 1 || (kind !== 'prose' && kind !== 'fact')) {
    failAt(src, pos, `a fenced block is either "prose" or "fact" (got ${classes.length ? classes.map((c) => `"${c}"`).join(', ') : 'no kind'})`);
  }
  for (const [name, v] of values) {
    if (!ALLOWED[kind].includes(name)) failAt(src, v.at, `a ${kind} block takes ${ALLOWED[kind].join(', ')}; not "${name}"`);
  }
  const marking = values.get('marking')?.value;
  if (kind === 'prose') return marking !== undefined ? { kind, marking } : { kind };
  const fact = values.get('fact');
  if (!fact) failAt(src, pos, 'a fact block needs the fact: "::: {.fact fact=ID}"');
  const out: FenceAttrs = { kind, fact: { key: fact.value, at: fact.at + 'fact='.length + (src[fact.at + 5] === '"' ? 1 : 0) } };
  const loc = values.get('locator');
  if (loc) out.locator = readLocatorAttribute(src, loc.value, loc.at);
  const lead = values.get('lead')?.value;
  if (lead !== undefined) out.lead = lead;
  if (marking !== undefined) out.marking = marking;
  return out;
}

function readQuoted(src: string, pos: number, text: string, from: number): { value: string; end: number } {
  let value = '';
  for (let k = from + 1; k < text.length; k++) {
    const ch = text[k];
    if (ch === '"') return { value, end: k + 1 };
    if (ch === '\\') {
      const e = text[k + 1];
      if (e === '\\' || e === '"') value += e;
      else if (e === 'n') value += '\n';
      else failAt(src, pos + k, 'in a quoted attribute, a backslash goes before \\, " or n only');
      k++;
    } else value += ch;
  }
  return failAt(src, pos + from, 'a quoted attribute value is not closed on its line');
}

/** "page 4" as the writer puts it (label, space, value), or any form people type ("p. 4", "para 3"). */
function readLocatorAttribute(src: string, value: string, at: number): Locator {
  const exact = /^([a-z]+) ([\s\S]+)$/.exec(value);
  let locator: Locator;
  if (exact && (LOCATOR_LABELS as readonly string[]).includes(exact[1])) locator = { label: exact[1] as LocatorLabel, value: exact[2].trim() };
  else {
    try {
      locator = parseLocator(value);
    } catch (e) {
      if (e instanceof DossierError) failAt(src, at, e.message);
      throw e;
    }
  }
  if (locator.value.length > MAX_LOCATOR_LENGTH) failAt(src, at, `the locator is ${locator.value.length} characters; at most ${MAX_LOCATOR_LENGTH}`);
  if (!locator.value) failAt(src, at, 'the locator has no value');
  return locator;
}
