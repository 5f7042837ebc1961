/**
 * Zotero-compatible citation fields for Word export.
 *
 * Zotero's Word plugin stores each citation as a field whose instruction is
 * `ADDIN ZOTERO_ITEM CSL_CITATION {json}` (the CSL citation schema). Writing the same
 * field means an exported briefing stays live: an analyst with Zotero can refresh or
 * restyle it, and pandoc's docx reader (which reads these fields and uses `itemData`)
 * recovers every source.
 *
 * Decisions:
 * - `id` in citationItems and `itemData.id` is Dossier's source id, a string. Zotero's
 *   own ids are numbers, but the schema allows strings, Zotero keeps items it cannot
 *   resolve as embedded items (from itemData), and pandoc takes the reference from itemData.
 *   Keeping our ids lets a returning document be matched to its sources.
 * - `uris` is empty: these items live in Dossier, not in a Zotero library.
 * - `plainCitation` is the text shown in the document: Zotero compares it with the field's
 *   text to detect hand edits, so it must be exactly what the exporter writes.
 * - `formattedCitation` is the citation as Zotero's Word integration stores it: plain text
 *   when unformatted, else an RTF group "{\rtf Smith, {\i{}Title}}".
 * - A "via" cite travels as two citationItems with the prefix the engine gave the
 *   second, so Zotero re-renders "…, quoted in …" the same way.
 */
import type { CslItem } from '../core/csl';
import type { CiteprocCiteItem } from './citeproc';
import type { Run } from './html-runs';

export const CSL_CITATION_SCHEMA = 'https://github.com/citation-style-language/schema/raw/master/csl-citation.json';

export interface ZoteroCitationItem {
  id: string;
  uris: string[];
  itemData: CslItem;
  locator?: string;
  label?: string;
  prefix?: string;
  suffix?: string;
  'suppress-author'?: boolean;
}

export interface ZoteroCitationPayload {
  citationID: string;
  properties: { formattedCitation: string; plainCitation: string; noteIndex: number };
  citationItems: ZoteroCitationItem[];
  schema: typeof CSL_CITATION_SCHEMA;
}

/** Escapes text for RTF; non-ASCII as \uN (signed 16-bit units) with no fallback char. */
function rtfEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '{' || ch === '}') out += `\\${ch}`;
    else if (ch === '\n') out += '\\line ';
    else if (ch === '\t') out += '\\tab ';
    else if (code < 0x80) out += ch;
    else {
      // characters beyond the BMP are written as their UTF-16 surrogate pair
      for (let i = 0; i < ch.length; i++) {
        const unit = ch.charCodeAt(i);
        out += `\\uc0\\u${unit > 0x7fff ? unit - 0x10000 : unit}{}`;
      }
    }
  }
  return out;
}

/** Formatted runs as the RTF fragment Zotero keeps in formattedCitation. */
export function runsToRtf(runs: readonly Run[]): string {
  return runs
    .map((r) => {
      let s = rtfEscape(r.text);
      if (r.superscript) s = `\\super ${s}\\nosupersub{}`;
      if (r.subscript) s = `\\sub ${s}\\nosupersub{}`;
      if (r.smallCaps) s = `{\\scaps ${s}}`;
      if (r.underline) s = `{\\ul{}${s}}`;
      if (r.bold) s = `{\\b{}${s}}`;
      if (r.italic) s = `{\\i{}${s}}`;
      return s;
    })
    .join('');
}

/** Zotero keeps plain text as is and marks formatted text as an RTF group: "{\rtf ...}". */
function zoteroFormattedCitation(rtf: string): string {
  return rtf.includes('\\') ? `{\\rtf ${rtf}}` : rtf;
}

function withoutUndefined<T extends object>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}

/**
 * Item data as it goes into a payload, made once per item object: a briefing cites the same
 * source many times. Payloads share it, so they are to be read (and serialised), not changed.
 */
const cleanItems = new WeakMap<CslItem, CslItem>();
function itemData(item: CslItem, id: string): CslItem {
  if (item.id !== id) return withoutUndefined({ ...item, id });
  let clean = cleanItems.get(item);
  if (!clean) cleanItems.set(item, (clean = withoutUndefined(item)));
  return clean;
}

export interface ZoteroPayloadOptions {
  items: (id: string) => CslItem | undefined;
  /** The footnote number for note styles, 0 for in-text citations. */
  noteIndex: number;
  /** The cluster's cites as the engine expanded them (via → two cites). */
  cites: CiteprocCiteItem[];
  /** Formatted runs of the rendered citation, for formattedCitation. */
  runs?: readonly Run[];
}

/** The CSL citation JSON Zotero stores in a Word field, built from explicit parts. */
export function buildZoteroPayload(clusterId: string, renderedPlainText: string, options: ZoteroPayloadOptions): ZoteroCitationPayload {
  const citationItems = options.cites.map((cite) => {
    const item = options.items(cite.id);
    if (!item) throw new Error(`cluster "${clusterId}": unknown item "${cite.id}"`);
    const out: ZoteroCitationItem = { id: cite.id, uris: [], itemData: itemData(item, cite.id) };
    if (cite.locator) out.locator = cite.locator;
    if (cite.label) out.label = cite.label;
    if (cite.prefix) out.prefix = cite.prefix;
    if (cite.suffix) out.suffix = cite.suffix;
    if (cite['suppress-author']) out['suppress-author'] = true;
    return out;
  });
  return {
    citationID: clusterId,
    properties: {
      formattedCitation: zoteroFormattedCitation(options.runs ? runsToRtf(options.runs) : rtfEscape(renderedPlainText)),
      plainCitation: renderedPlainText,
      noteIndex: options.noteIndex,
    },
    citationItems,
    schema: CSL_CITATION_SCHEMA,
  };
}

/**
 * The Word field instruction text: `ADDIN ZOTERO_ITEM CSL_CITATION {json}`. JSON.stringify
 * leaves non-ASCII characters as they are, as Zotero does; the docx writer escapes XML.
 */
export function zoteroFieldInstruction(payload: ZoteroCitationPayload): string {
  return `ADDIN ZOTERO_ITEM CSL_CITATION ${JSON.stringify(payload)}`;
}
