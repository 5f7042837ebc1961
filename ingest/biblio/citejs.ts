import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import type { CslItem } from '../../core/csl';

/**
 * The few citation-js entry points Dossier uses, typed. We call the plugins' parsers for one
 * known format directly (never `new Cite(text)`), which skips format sniffing and lets the
 * importers feed citation-js one entry at a time.
 */

/** A BibTeX entry as the bibtex plugin's grammar returns it: field values still hold LaTeX. */
export interface RawBibEntry {
  type: string;
  label: string;
  properties: Record<string, string | number>;
}

/** A RIS record: tag → value, or values when the tag repeats (AU, KW …). */
export type RisRecord = Record<string, string | string[]>;

export interface BibOutputEntry {
  type: string;
  label: string;
  properties: Record<string, string>;
}

interface InputApi {
  data(input: unknown, type: string): unknown;
}
interface OutputApi {
  format(name: string, data: unknown, options?: Record<string, unknown>): unknown;
}
interface ConfigApi {
  get(ref: string): { format: { asciiOnly: boolean } } | undefined;
}

const input = (plugins as { input: unknown }).input as InputApi;
const output = (plugins as { output: unknown }).output as OutputApi;
const config = (plugins as { config: unknown }).config as ConfigApi;

/** Lexes and parses BibTeX text into raw entries; throws a SyntaxError for broken text. */
export function parseBibRaw(text: string): RawBibEntry[] {
  return input.data(text, '@biblatex/text') as RawBibEntry[];
}

/**
 * Raw entries → CSL items with the BibLaTeX mapping (a superset that also reads BibTeX's
 * `journal`, `year`/`month`, `institution`, `howpublished` …). Crossref parents passed after
 * the entry fill its inherited fields.
 */
export function bibRawToCsl(entries: RawBibEntry[]): CslItem[] {
  return input.data(entries, '@biblatex/entries+list') as CslItem[];
}

/** One RIS record → a CSL item, by the plugin's per-type RIS specification. */
export function risRecordToCsl(record: RisRecord): CslItem {
  return input.data(record, '@ris/record') as CslItem;
}

/**
 * CSL items → BibLaTeX entries (type, label, formatted field values), without citation-js's
 * ASCII-only escaping: that escaping silently drops every character it has no LaTeX command
 * for (Cyrillic, Arabic, CJK …). The caller escapes LaTeX's special characters itself.
 * BibLaTeX's data model rather than BibTeX's: it has entry types for theses, web pages and
 * reports and fields for the short title, abstract, keywords and language, which BibTeX's
 * mapping drops or turns into @misc; biber, Zotero and JabRef read it, as does our importer.
 */
export function cslToBibEntries(items: CslItem[]): BibOutputEntry[] {
  const cfg = config.get('@bibtex');
  const before = cfg?.format.asciiOnly;
  if (cfg) cfg.format.asciiOnly = false;
  try {
    return output.format('biblatex', items, { format: 'object' }) as BibOutputEntry[];
  } finally {
    if (cfg && before !== undefined) cfg.format.asciiOnly = before;
  }
}

/** CSL items → RIS text by the plugin's per-type RIS specification (TY … ER records). */
export function cslToRis(items: CslItem[]): string {
  return output.format('ris', items) as string;
}
