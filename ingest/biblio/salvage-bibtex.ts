import type { CslItem } from '../../core/csl';
import type { RawBibEntry } from './citejs';

/**
 * Entries that citation-js cannot read as a whole, read one field at a time.
 *
 * Real bibliographies carry LaTeX that no BibTeX grammar accepts in notes, annotations and
 * abstracts: `\verb|a}b|`, a `"` inside a quoted abstract, `$` math left open, commands the
 * converter does not know. BibTeX itself would choke on some of these, but the entry's title,
 * authors and date are fine, and losing the whole reference over its annotation loses data the
 * user needs. So a field that cannot be read is left out with a warning naming it, and the
 * entry imports — unless the field is one a source needs (title, names, date), in which case
 * the entry fails as before.
 *
 * Fields are cut at lines that start `name =`, which is how every exporter (JabRef, Zotero,
 * BibDesk, citation-js) writes them; an entry on one line is not cut, and fails whole.
 */

/** Fields without which the reference is not the same reference: losing one fails the entry. */
const NEEDED_FIELDS = new Set(['title', 'author', 'editor', 'year', 'date']);

export interface Salvaged<T> {
  value: T;
  /** Lower-case names of the fields left out. */
  dropped: string[];
}

const HEAD = /^@\s*([A-Za-z][\w:.+-]*)\s*[{(]\s*([^,\s{}()]*)\s*,/;
const FIELD_START = /^[ \t]*([A-Za-z][\w:.+-]*)[ \t]*=/gm;

/**
 * Reads `text` (one entry, `@type{key, … }`) field by field with `parse`, which reads a whole
 * entry (and may throw). Undefined when the entry cannot be cut into fields, or a needed field
 * is unreadable.
 */
export function salvageRawEntry(text: string, parse: (entry: string) => RawBibEntry | undefined): Salvaged<RawBibEntry> | undefined {
  const head = HEAD.exec(text);
  if (!head) return undefined;
  const [whole, type, key] = head as unknown as [string, string, string];
  const body = text.slice(whole.length).replace(/[})]\s*$/, '');
  const starts = [...body.matchAll(FIELD_START)].map((m) => ({ at: m.index, name: m[1].toLowerCase() }));
  if (starts.length < 2) return undefined;

  const properties: RawBibEntry['properties'] = {};
  const dropped: string[] = [];
  for (const [i, field] of starts.entries()) {
    const segment = body
      .slice(field.at, starts[i + 1]?.at ?? body.length)
      .trim()
      .replace(/,$/, '');
    let read: RawBibEntry | undefined;
    try {
      read = parse(`@${type}{${key},\n${segment}\n}`);
    } catch {
      read = undefined;
    }
    if (read) Object.assign(properties, read.properties);
    else dropped.push(field.name);
  }
  if (dropped.some((f) => NEEDED_FIELDS.has(f))) return undefined;
  return { value: { type, label: key, properties }, dropped };
}

/**
 * Converts a raw entry whose conversion threw, leaving out each field that cannot be converted
 * on its own. Undefined when a needed field is among them, or the rest still fails.
 */
export function salvageConversion(
  raw: RawBibEntry,
  parents: RawBibEntry[],
  convert: (entries: RawBibEntry[]) => CslItem | undefined,
): Salvaged<CslItem> | undefined {
  const dropped = Object.keys(raw.properties).filter((name) => {
    try {
      convert([{ ...raw, properties: { [name]: raw.properties[name] } }]);
      return false;
    } catch {
      return true;
    }
  });
  if (dropped.length === 0 || dropped.some((f) => NEEDED_FIELDS.has(f.toLowerCase()))) return undefined;
  const properties = Object.fromEntries(Object.entries(raw.properties).filter(([name]) => !dropped.includes(name)));
  try {
    const item = convert([{ ...raw, properties }, ...parents]);
    return item ? { value: item, dropped: dropped.map((f) => f.toLowerCase()) } : undefined;
  } catch {
    return undefined;
  }
}
