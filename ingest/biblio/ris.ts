import type { CslItem } from '../../core/csl';
import type { ImportOptions } from '../document';
import { risRecordToCsl, type RisRecord } from './citejs';
import { cleanCslItem, parseOneName, partsFromText, validParts } from './normalise';
import { progressReporter, throwIfAborted } from './progress';
import type { SkippedEntry } from './split-bibtex';
import { splitRis } from './split-ris';

/**
 * RIS → CSL items, record by record. citation-js maps each record by its per-type RIS
 * specification; Dossier then applies the conventions Zotero, EndNote and the databases
 * actually export with, where the specification and practice differ:
 * - the date is DA (a full or partial date) or else PY/Y1 ("2024///", "2024/03/");
 * - the access date is Y2, and only Y2;
 * - AU is the author for every type (the specification makes a newspaper's AU a "reporter");
 * - a type citation-js has no field mapping for (WEB, or an unknown one) is read as GEN, so
 *   its title, authors and links are not lost.
 */
export function parseRis(text: string, opts: ImportOptions): { items: CslItem[]; warnings: string[]; skipped: SkippedEntry[] } {
  const { records, warnings } = splitRis(text);
  if (records.length === 0) warnings.push('No RIS records were found (a record starts with a "TY  - " line).');
  const items: CslItem[] = [];
  const skipped: SkippedEntry[] = [];
  const progress = progressReporter(opts, (d, t) => `Reading record ${d} of ${t}`, records.length);
  for (let k = 0; k < records.length; k++) {
    throwIfAborted(opts.signal);
    const { record, line } = records[k];
    const title = first(record.TI) ?? first(record.T1);
    const what = `RIS record at line ${line}${title ? ` ("${title.length > 60 ? title.slice(0, 57) + '…' : title}")` : ''}`;
    try {
      const item = risToCsl(record, (m) => warnings.push(`${what}: ${m}`));
      item.id = first(record.ID) ?? `ris-line-${line}`;
      items.push(cleanCslItem(item, what, (m) => warnings.push(m)));
    } catch (e) {
      const id = first(record.ID);
      skipped.push({ ...(id ? { key: id } : {}), line, problem: `${what} could not be read (${e instanceof Error ? e.message : String(e)}); it was skipped.` });
    }
    progress(k + 1);
  }
  return { items, warnings, skipped };
}

/** Types citation-js knows by name but maps no fields for. */
const FALLBACK_TYPES: Record<string, string> = { WEB: 'webpage' };

function risToCsl(record: RisRecord, warn: (m: string) => void): CslItem {
  const ty = first(record.TY) ?? 'GEN';
  let item = risRecordToCsl(record);
  const hasTitle = Boolean(first(record.TI) ?? first(record.T1) ?? first(record.CT) ?? first(record.BT));
  if (!item.type || (hasTitle && !item.title)) {
    const type = item.type ?? FALLBACK_TYPES[ty];
    if (!type) warn(`the RIS type "${ty}" is unknown; it was read as a generic document.`);
    item = { ...risRecordToCsl({ ...record, TY: 'GEN' }), type: type ?? 'document' };
  }

  const authors = [...all(record.AU), ...all(record.A1)];
  if (!item.author && authors.length && item.type !== 'legal_case') {
    item.author = authors.map(parseOneName);
    if (typeof item.reporter === 'string' || (Array.isArray(item.reporter) && item.reporter.every((r) => typeof r === 'string'))) delete item.reporter;
  }

  const issued = risIssued(record);
  if (issued) item.issued = { 'date-parts': [issued] };
  else if (item.issued && !validParts(item.issued['date-parts']?.[0] ?? [])) delete item.issued;
  const accessed = risDate(first(record.Y2));
  if (accessed) item.accessed = { 'date-parts': [accessed] };
  else delete item.accessed;

  if (!item.DOI) {
    const doi = first(record.DO)?.match(/10\.\d{4,9}\/\S+/)?.[0];
    if (doi) item.DOI = doi;
  }
  if (!item.URL) {
    const url = first(record.UR);
    if (url) item.URL = url;
  }
  return item;
}

/** DA (or old-style Y1) when it agrees with PY's year, else PY. */
function risIssued(record: RisRecord): number[] | undefined {
  const full = risDate(first(record.DA)) ?? risDate(first(record.Y1));
  const year = risDate(first(record.PY));
  if (full && (!year || full[0] === year[0])) return full;
  return year ?? full;
}

function risDate(s: string | undefined): number[] | undefined {
  if (!s) return undefined;
  const parts = partsFromText(s);
  return parts ? validParts(parts) : undefined;
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function all(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
