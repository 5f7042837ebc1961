import { failAt } from './located-error';

/**
 * The front matter of a briefing file: a deliberately small, strict subset of YAML, so any
 * YAML reader (pandoc's included) reads what Dossier writes, and Dossier never guesses at
 * what a YAML feature it does not support might have meant. Grammar:
 *
 *     front-matter := "---" NL { line } "---" NL
 *     line         := blank | comment | KEY ":" SP+ scalar [comment] NL
 *                   | KEY ":" NL { "  " KEY ":" SP+ scalar [comment] NL }   (a map, one level deep)
 *     KEY          := [A-Za-z][A-Za-z0-9_-]*  |  a double-quoted string
 *     scalar       := double-quoted string (JSON escapes: \" \\ \/ \b \f \n \r \t \uXXXX)
 *                   | single-quoted string ('' is one quote)
 *                   | plain: the rest of the line, trimmed; it may not start with
 *                     [ ] { } > | * & ! % @ ` ' " # , ? or "- ", nor contain ": " or " #"
 *     comment      := SP* "#" anything
 *
 * Booleans are the plain words true and false. Tabs in indentation, anchors, flow collections,
 * block scalars, duplicate keys and keys the caller does not know are errors naming the line
 * and column. The writer quotes every string, so nothing it writes depends on plain-scalar rules.
 */
export type FieldType = 'string' | 'boolean' | 'map';

interface FrontMatterValue {
  value: string | boolean | Record<string, string>;
  /** Offset of the value in the file, for messages; map entries are under "key.entry". */
  at: number;
}

export interface FrontMatter {
  values: Map<string, FrontMatterValue>;
  /** Offset just past the closing "---" line: where the body starts. */
  end: number;
  /** Offset of the opening "---", for "missing key" messages. */
  start: number;
}

const BARE_KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Reads the front matter at the start of `src` (already LF-only). */
export function readFrontMatter(src: string, spec: Readonly<Record<string, FieldType>>): FrontMatter {
  if (!src.startsWith('---\n') && src !== '---') {
    failAt(src, 0, 'the file must start with a front-matter block: a "---" line, "template: ID", "title: …", and a closing "---" line');
  }
  const values = new Map<string, FrontMatterValue>();
  let pos = 4;
  let openMap: { key: string; entries: Record<string, string> } | undefined;
  for (;;) {
    if (pos >= src.length) failAt(src, 0, 'the front matter has no closing "---" line');
    const nl = src.indexOf('\n', pos);
    const lineEnd = nl === -1 ? src.length : nl;
    const line = src.slice(pos, lineEnd);
    const next = nl === -1 ? src.length : nl + 1;
    if (/^---[ \t]*$/.test(line)) {
      if (openMap && !Object.keys(openMap.entries).length) failAt(src, pos, `"${openMap.key}" has no entries; leave it out`);
      return { values, end: next, start: 0 };
    }
    if (/^[ \t]*(#.*)?$/.test(line)) {
      pos = next;
      continue;
    }
    if (line.startsWith('\t') || /^ +\t/.test(line)) failAt(src, pos, 'indent with spaces, not tabs');
    const indented = line.startsWith(' ');
    if (indented) {
      if (!openMap) failAt(src, pos, 'an indented line outside a map; only "fields:" takes indented entries');
      if (!line.startsWith('  ') || line[2] === ' ') failAt(src, pos, 'map entries are indented by exactly two spaces');
      const entry = readEntry(src, pos + 2, lineEnd);
      if (entry.value === undefined) failAt(src, entry.valueAt, 'a map entry needs a value (maps are one level deep)');
      if (Object.hasOwn(openMap.entries, entry.key)) failAt(src, pos + 2, `"${openMap.key}" has "${entry.key}" twice`);
      openMap.entries[entry.key] = entry.value.text;
      values.set(`${openMap.key}.${entry.key}`, { value: entry.value.text, at: entry.valueAt });
      pos = next;
      continue;
    }
    if (openMap && !Object.keys(openMap.entries).length) failAt(src, pos, `"${openMap.key}" has no entries; leave it out`);
    openMap = undefined;
    const entry = readEntry(src, pos, lineEnd);
    const type = spec[entry.key];
    if (!type) failAt(src, pos, `unknown front-matter key "${entry.key}"; the keys are ${Object.keys(spec).join(', ')}`);
    if (values.has(entry.key)) failAt(src, pos, `"${entry.key}" is given twice`);
    if (type === 'map') {
      if (entry.value !== undefined) failAt(src, entry.valueAt, `"${entry.key}" is a map: write its entries on the lines below, indented by two spaces`);
      const entries: Record<string, string> = {};
      openMap = { key: entry.key, entries };
      values.set(entry.key, { value: entries, at: pos });
    } else if (entry.value === undefined) {
      failAt(src, entry.valueAt, `"${entry.key}" has no value; give one or leave the key out`);
    } else if (type === 'boolean') {
      if (entry.value.quoted || !/^(true|false)$/.test(entry.value.text)) failAt(src, entry.valueAt, `"${entry.key}" must be true or false`);
      values.set(entry.key, { value: entry.value.text === 'true', at: entry.valueAt });
    } else {
      if (!entry.value.quoted && /^(true|false|null|~)$/.test(entry.value.text)) {
        failAt(src, entry.valueAt, `"${entry.key}" is text: put "${entry.value.text}" in double quotes`);
      }
      values.set(entry.key, { value: entry.value.text, at: entry.valueAt });
    }
    pos = next;
  }
}

interface Entry {
  key: string;
  value?: { text: string; quoted: boolean };
  valueAt: number;
}

function readEntry(src: string, from: number, to: number): Entry {
  let k = from;
  let key: string;
  if (src[k] === '"') {
    const q = readDoubleQuoted(src, k, to);
    key = q.text;
    k = q.end;
  } else {
    const colon = src.indexOf(':', k);
    key = src.slice(k, colon === -1 || colon > to ? to : colon);
    if (!BARE_KEY.test(key)) failAt(src, from, `expected "key: value" (keys are letters, digits, - and _, or a quoted string)`);
    k += key.length;
  }
  if (src[k] !== ':') failAt(src, k, 'expected ":" after the key');
  k++;
  const rest = src.slice(k, to);
  if (/^[ \t]*(#.*)?$/.test(rest)) return { key, valueAt: k };
  if (!/^[ \t]/.test(rest)) failAt(src, k, 'put a space after ":"');
  while (src[k] === ' ' || src[k] === '\t') k++;
  const valueAt = k;
  if (src[k] === '"' || src[k] === "'") {
    const q = src[k] === '"' ? readDoubleQuoted(src, k, to) : readSingleQuoted(src, k, to);
    if (!/^([ \t]*|[ \t]+#.*)$/.test(src.slice(q.end, to))) failAt(src, q.end, 'unexpected text after the closing quote');
    return { key, value: { text: q.text, quoted: true }, valueAt };
  }
  const plain = src.slice(k, to).replace(/[ \t]+$/, '');
  if (/^([[\]{}>|*&!%@`,?#]|- |-$)/.test(plain)) {
    failAt(src, k, `a value starting with "${plain[0]}" means something else in YAML; put the value in double quotes`);
  }
  const bad = /: | #/.exec(plain);
  if (bad) failAt(src, k + bad.index, `"${bad[0].trim()}" inside a value means something else in YAML; put the value in double quotes`);
  return { key, value: { text: plain, quoted: false }, valueAt };
}

function readDoubleQuoted(src: string, from: number, to: number): { text: string; end: number } {
  for (let k = from + 1; k < to; k++) {
    if (src[k] === '\\') k++;
    else if (src[k] === '"') {
      try {
        return { text: JSON.parse(src.slice(from, k + 1)) as string, end: k + 1 };
      } catch {
        failAt(src, from, 'a double-quoted value with an escape JSON does not know; use \\" \\\\ \\n \\t or \\uXXXX');
      }
    }
  }
  return failAt(src, from, 'a double-quoted value is not closed on its line');
}

function readSingleQuoted(src: string, from: number, to: number): { text: string; end: number } {
  let text = '';
  for (let k = from + 1; k < to; k++) {
    if (src[k] === "'") {
      if (src[k + 1] === "'") {
        text += "'";
        k++;
      } else return { text, end: k + 1 };
    } else text += src[k];
  }
  return failAt(src, from, 'a single-quoted value is not closed on its line');
}

// ---------- writing ----------

/** A double-quoted YAML string that is also a JSON string; characters YAML forbids raw are escaped. */
function quote(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function writeFrontMatter(entries: readonly [string, string | boolean | Record<string, string> | undefined][]): string {
  const lines = ['---'];
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    if (typeof value === 'boolean') lines.push(`${key}: ${value}`);
    else if (typeof value === 'string') lines.push(`${key}: ${quote(value)}`);
    else if (Object.keys(value).length) {
      lines.push(`${key}:`);
      for (const [k, v] of Object.entries(value)) lines.push(`  ${BARE_KEY.test(k) ? k : quote(k)}: ${quote(v)}`);
    }
  }
  lines.push('---');
  return lines.join('\n');
}
