/**
 * Text hygiene shared by every importer. Imported words become facts that are rendered in the
 * app and written into Word briefings, so characters that are invisible, that reorder what a
 * reader sees, or that break .docx files (a form feed makes Word refuse the file) go here.
 */

// C0 controls except tab and line breaks, DEL and C1 controls: never prose.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Explicit bidi embeddings, overrides and isolates: the "Trojan Source" characters that make
// text display in an order different from the one it is stored (and quoted) in.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// Zero-width space and no-break marks that hide inside words and defeat search and matching.
// (Zero-width joiners U+200C/U+200D stay: scripts and emoji need them.)
const INVISIBLE = /[\u00AD\u200B\u2060\uFEFF]/g;

/** One paragraph's text: no controls or invisible characters, whitespace collapsed, NFC. */
export function cleanText(s: string): string {
  return s.replace(CONTROLS, ' ').replace(BIDI_CONTROLS, '').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim().normalize('NFC');
}

/** A metadata value (title, name, publisher): the same rules, and empty means absent. */
export function cleanMeta(s: string | null | undefined): string | undefined {
  if (typeof s !== 'string') return undefined;
  const t = cleanText(s);
  return t === '' ? undefined : t;
}

/** The first argument that is a non-empty string after cleaning. */
export function firstText(...values: (string | null | undefined)[]): string | undefined {
  for (const v of values) {
    const t = cleanMeta(v);
    if (t !== undefined) return t;
  }
  return undefined;
}

/** A file name without folders and extension, as the title of last resort. */
export function titleFromFileName(fileName: string | undefined): string | undefined {
  if (!fileName) return undefined;
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return cleanMeta(base.replace(/\.[A-Za-z0-9]{1,8}$/, '').replace(/[_]+/g, ' '));
}

/** Only http(s) addresses are kept as a source's URL; anything else (javascript:, file:) is dropped. */
export function httpUrl(value: string | null | undefined, base?: string): string | undefined {
  const v = cleanMeta(value);
  if (!v) return undefined;
  try {
    const u = base ? new URL(v, base) : new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** A DOI from "10.1234/x", "doi:10.1234/x" or a doi.org link; undefined when there is none. */
export function doiFrom(value: string | null | undefined): string | undefined {
  const v = cleanMeta(value);
  if (!v) return undefined;
  const m = /\b(10\.\d{4,9}\/[^\s"<>]+)/.exec(v);
  return m ? m[1].replace(/[.,;)\]]+$/, '') : undefined;
}
