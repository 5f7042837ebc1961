import type { CslItem } from '../../core/csl';
import { DossierError } from '../../core/errors';
import type { ImportOptions } from '../document';
import { parseBibtex } from './bibtex';
import { cleanCslItem } from './normalise';
import { progressReporter, throwIfAborted } from './progress';
import { parseRis } from './ris';
import type { SkippedEntry } from './split-bibtex';

export type BibliographyFormat = 'csl-json' | 'bibtex' | 'ris';

export interface ParsedBibliography {
  items: CslItem[];
  /** One line per entry that was read but changed (and per file-level note), naming the entry and its line. */
  warnings: string[];
  /** Entries that could not be read (unclosed, nested in another, broken syntax), with their key or line. */
  skipped: SkippedEntry[];
}

/**
 * Bigger than any real bibliography (Zotero's export of a 50,000-item library is ~60 MB of
 * CSL-JSON); beyond it the file is almost certainly not one, and parsing would only stall.
 */
const MAX_BIBLIOGRAPHY_CHARS = 128 * 1024 * 1024;

/**
 * Reads a bibliography file into CSL items: BibTeX/BibLaTeX and RIS through citation-js, one
 * entry at a time; CSL-JSON (Zotero's export: an array, or a single item) with JSON.parse.
 * A broken entry is skipped and listed in `skipped` with its key and line; a file that cannot be a
 * bibliography at all (not JSON, too large) is a DossierError. Cancelling through
 * `opts.signal` throws an AbortError between entries.
 */
export function parseBibliography(text: string, format: BibliographyFormat, opts: ImportOptions = {}): ParsedBibliography {
  throwIfAborted(opts.signal);
  const file = opts.fileName ?? 'The file';
  if (text.length > MAX_BIBLIOGRAPHY_CHARS) {
    throw new DossierError(
      'validation',
      `${file}: is too large to be a bibliography (${Math.round(text.length / 1048576)} MB; the limit is ${MAX_BIBLIOGRAPHY_CHARS / 1048576} MB)`,
      'file',
    );
  }
  const body = text.replace(/^\uFEFF/, '');
  switch (format) {
    case 'bibtex':
      return parseBibtex(body, opts);
    case 'ris':
      return parseRis(body, opts);
    case 'csl-json':
      return parseCslJson(body, file, opts);
    default:
      throw new DossierError('validation', `unknown bibliography format "${String(format)}"; use csl-json, bibtex or ris`, 'format');
  }
}

function parseCslJson(text: string, file: string, opts: ImportOptions): ParsedBibliography {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DossierError('validation', `${file}: is not CSL-JSON: ${e instanceof Error ? e.message : String(e)}`, 'file');
  }
  const list: unknown[] | undefined = Array.isArray(data)
    ? (data as unknown[])
    : isObject(data) && Array.isArray(data.items)
      ? (data.items as unknown[])
      : isObject(data)
        ? [data]
        : undefined;
  if (!list) throw new DossierError('validation', `${file}: is not CSL-JSON: expected an array of items or one item`, 'file');

  const items: CslItem[] = [];
  const warnings: string[] = [];
  const skipped: SkippedEntry[] = [];
  if (list.length === 0) warnings.push('The file has no items.');
  const progress = progressReporter(opts, (d, t) => `Reading item ${d} of ${t}`, list.length);
  for (let k = 0; k < list.length; k++) {
    throwIfAborted(opts.signal);
    const raw = list[k];
    const id = isObject(raw) && (typeof raw.id === 'string' || typeof raw.id === 'number') ? String(raw.id) : undefined;
    const what = `Item ${k + 1}${id ? ` ("${id}")` : ''}`;
    if (!isObject(raw)) {
      skipped.push({ ...(id ? { key: id } : {}), problem: `${what} is not an object; it was skipped.` });
    } else {
      if (raw.type === undefined) warnings.push(`${what} has no type; it was imported as "document".`);
      const item = cleanCslItem(raw as CslItem, what, (m) => warnings.push(m));
      if (!id) item.id = `item-${k + 1}`;
      items.push(item);
    }
    progress(k + 1);
  }
  return { items, warnings, skipped };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
