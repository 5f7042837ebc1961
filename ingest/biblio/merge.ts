import type { CslItem } from '../../core/csl';
import { isDossierError } from '../../core/errors';
import type { Source, SourceInput } from '../../core/model';
import { sourceInputSchema, validate } from '../../core/validate';
import type { Library } from '../../db/library';
import { writeOnceImmediate } from '../../db/repo/capture-write';
import { getSource, insertSource, updateSource, withSearchTextDeferred } from '../../db/repo/sources';
import type { ImportOptions } from '../document';
import { cslItemToSourceInput } from './csl-source';
import { SourceMatcher } from './match';
import { cleanCslItem } from './normalise';
import { progressReporter, throwIfAborted } from './progress';

export interface ImportSourcesOptions extends ImportOptions {
  /** Work out the result, write nothing (ids of would-be sources are provisional). */
  dryRun?: boolean;
}

interface MergedSource {
  /** The library's source the item matched, as it is after the import filled it. */
  existing: Source;
  /** Fields the item filled because the source had them empty ("doi", "extra.abstract" …). */
  fieldsFilled: string[];
}

export interface ImportSourcesResult {
  created: Source[];
  merged: MergedSource[];
  /** Items that are not valid sources; `index` is the item's position in the input. */
  skipped: { index: number; problem: string }[];
}

/**
 * Imports CSL items as sources in ONE transaction: all of them or, on cancellation or an
 * unexpected error, none (the library is exactly as before).
 *
 * - An item that is not a valid source (no title, a URL that is not http(s), a malformed DOI
 *   …) is skipped and reported with its name and the field at fault; the rest import. One bad
 *   record in a 3,000-item Zotero export should not block the other 2,999, and refusing the
 *   whole file would leave the user to fix it in another program.
 * - An item that matches a source (see match.ts: Dossier id, DOI, normalised URL, normalised
 *   title + year, with vetoes against false matches), whether already in the library or
 *   created earlier in the same import, is merged into it: fields the source has empty are
 *   filled, nothing the user has is overwritten (not the type, the title, a date, or an extra
 *   key). A merge that fills nothing writes nothing, so re-importing an export changes no
 *   source, not even its updatedAt.
 * - Anything else is created.
 * Sources only: no facts are touched.
 */
export function importSources(lib: Library, items: CslItem[], opts: ImportSourcesOptions = {}): ImportSourcesResult {
  throwIfAborted(opts.signal);
  // IMMEDIATE: the import reads the library's keys, then writes; taking the write lock
  // first means another writer cannot invalidate what was read halfway through.
  // New sources' search text in one statement at the end (nothing reads it meanwhile); an
  // import that only merges, or a dry run that creates nothing, leaves the schema untouched.
  const write = () => withSearchTextDeferred(lib.db, (beforeInsert) => run(lib, items, opts, beforeInsert));
  return writeOnceImmediate(lib.db, write, { dryRun: opts.dryRun ?? false });
}

const FILLABLE = [
  'containerTitle',
  'publisher',
  'publisherPlace',
  'issued',
  'accessed',
  'url',
  'doi',
  'pages',
  'volume',
  'issue',
  'number',
  'language',
  'notes',
  'reliability',
] as const satisfies readonly (keyof SourceInput)[];

function run(lib: Library, items: CslItem[], opts: ImportSourcesOptions, beforeInsert: () => void): ImportSourcesResult {
  const db = lib.db;
  const matcher = SourceMatcher.fromLibrary(db);
  const current = new Map<string, Source>();
  const created: Source[] = [];
  const merged: MergedSource[] = [];
  const skipped: { index: number; problem: string }[] = [];
  const progress = progressReporter(opts, (d, t) => `Importing source ${d} of ${t}`, items.length);

  for (let k = 0; k < items.length; k++) {
    throwIfAborted(opts.signal);
    const what = itemName(items[k], k);
    const item = cleanCslItem(items[k], what, () => {});
    let input: SourceInput;
    try {
      input = validate(sourceInputSchema, cslItemToSourceInput(item), 'source');
    } catch (e) {
      if (!isDossierError(e)) throw e;
      skipped.push({ index: k, problem: `${what}: ${e.message.replace(/^source\./, '')}` });
      progress(k + 1);
      continue;
    }

    const hit = matcher.find({ id: typeof item.id === 'string' ? item.id : undefined, ...input });
    if (hit) {
      let source = current.get(hit.id) ?? getSource(db, hit.id);
      const { patch, filled } = fillEmpty(source, input);
      if (filled.length) {
        source = updateSource(db, source.id, patch);
        matcher.addSource(source);
      }
      current.set(source.id, source);
      merged.push({ existing: source, fieldsFilled: filled });
    } else {
      beforeInsert();
      const source = insertSource(db, input);
      current.set(source.id, source);
      matcher.addSource(source, typeof item.id === 'string' ? item.id : undefined);
      created.push(source);
    }
    progress(k + 1);
  }
  // A source filled again by a later item: report every source as it ended up.
  return {
    created: created.map((s) => current.get(s.id)!),
    merged: merged.map((m) => ({ existing: current.get(m.existing.id)!, fieldsFilled: m.fieldsFilled })),
    skipped,
  };
}

/** The patch that fills what `source` has empty from `input`, and the fields it fills. */
function fillEmpty(source: Source, input: SourceInput): { patch: Partial<SourceInput>; filled: string[] } {
  const patch: Record<string, unknown> = {};
  const filled: string[] = [];
  for (const f of FILLABLE) {
    if (source[f] === undefined && input[f] !== undefined) {
      patch[f] = input[f];
      filled.push(f);
    }
  }
  for (const f of ['authors', 'editors'] as const) {
    if (source[f].length === 0 && input[f]?.length) {
      patch[f] = input[f];
      filled.push(f);
    }
  }
  const add: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input.extra ?? {})) {
    if (key in source.extra || value === undefined) continue;
    // The CSL type behind a stored type means nothing for a source of another type.
    if (key === 'original-type' && source.type !== input.type) continue;
    // A date kept as a literal only stands in for a missing calendar date.
    if ((key === 'issued' || key === 'accessed') && (source[key] !== undefined || patch[key] !== undefined)) continue;
    add[key] = value;
    filled.push(`extra.${key}`);
  }
  if (Object.keys(add).length) patch.extra = { ...source.extra, ...add };
  return { patch: patch, filled };
}

function itemName(item: CslItem, index: number): string {
  const key =
    typeof item['citation-key'] === 'string' ? item['citation-key'] : typeof item.id === 'string' || typeof item.id === 'number' ? String(item.id) : undefined;
  const title = typeof item.title === 'string' && item.title.trim() ? item.title.trim() : undefined;
  const short = title && title.length > 60 ? title.slice(0, 57) + '…' : title;
  return `Item ${index + 1}${key ? ` "${key}"` : ''}${short ? ` ("${short}")` : ''}`;
}
