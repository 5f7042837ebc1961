/**
 * Rendered notes kept with the briefing in the library (issue 15), so a later export in any
 * process re-renders only what changed.
 *
 * Two levels, both keyed so that a key which misses an input cannot give a wrong citation:
 *
 * - The document: `globalKey` digests everything every note depends on (style tree, locales,
 *   citeproc's version, Dossier's output version, fast paths on or off: citations/note-inputs.ts;
 *   and the CSL data of every cited item, as disambiguation reads them all); `docKey` adds the
 *   clusters in document order (items, locators, labels, prefixes, suffixes, via). Positions
 *   (Ibid., subsequent, note numbers) are a function of that order, so an equal `docKey` means
 *   every note and the bibliography are what citeproc would render now: nothing is run at all.
 * - The clusters: when only the clusters differ (a fact moved, a locator changed), citeproc
 *   must run to place the document (positions, disambiguation), but a cluster whose render-cache
 *   key is among the kept ones is not rendered again. That key is citeproc's own description of
 *   everything the cluster's rendering reads (its cites with their position data, the items'
 *   disambiguation, citation numbers; citations/citeproc-fast.ts) and is valid across processes
 *   because the global key, which holds what it leaves out, is equal. The bibliography is
 *   likewise reused when citeproc registered the same items in the same order with the same
 *   disambiguation.
 *
 * Why not reuse the notes before the first changed cluster without running citeproc: a change
 * can reach back (a new item can make an earlier note's author ambiguous, a year suffix), so a
 * prefix is not safe; citeproc's key is, and running citeproc's registration and position pass
 * costs a fraction of rendering every note.
 *
 * `DOSSIER_NO_NOTE_CACHE=1` turns reading off (the benchmark's cold rows, a suspected cache
 * bug); the notes are still written, as a first export writes them.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Bibliography, ClusterInput } from '../citations/index';
import type { Library } from '../db/library';

/** The layout of a row's data below; a row of another format is ignored and rewritten. */
export const NOTE_CACHE_FORMAT = 1;

/** The bibliography as kept: entries as html (runs are made again), with what it was made from. */
export interface StoredBibliography {
  /** CitationEngine.bibliographyInputs() of the document it was made for. */
  inputs: string;
  html: string[];
  hangingIndent: boolean;
  entrySpacing?: number;
  lineSpacing?: number;
  secondFieldAlign?: 'flush' | 'margin';
}

export interface StoredNotes {
  /** The locale citeproc rendered with (the document's language). */
  locale: string;
  /** Each cluster's html, in document order. */
  notes: string[];
  bibliography?: StoredBibliography;
  /** Render-cache keys and renderings of the document's clusters (citations/citeproc-fast.ts). */
  renders: Array<[keyDigest: string, html: string]>;
}

export interface NoteCacheKeys {
  global: string;
  doc: string;
}

/** Whether kept notes may be read (DOSSIER_NO_NOTE_CACHE unset, empty or 0). */
function noteCacheReadable(): boolean {
  const env = process.env.DOSSIER_NO_NOTE_CACHE;
  return env === undefined || env === '' || env === '0';
}

export function noteCacheKeys(inputsDigest: string, itemsDigest: string, clusters: readonly ClusterInput[]): NoteCacheKeys {
  const global = createHash('sha256').update(`${inputsDigest}\n${itemsDigest}`).digest('hex');
  const hash = createHash('sha256').update(global);
  // Every field of every cite, in order; JSON keeps each cluster's boundary and each field's name.
  for (const c of clusters) hash.update(JSON.stringify(c)).update('\n');
  return { global, doc: hash.digest('hex') };
}

/** What the library holds for the briefing under these keys. */
export interface KeptNotes {
  /** The row holds exactly this document, readable: nothing to write. */
  current: boolean;
  /** Its notes when they may be used (same format and global key, reading not switched off). */
  notes?: StoredNotes;
  /** The notes are this document's: they are the ones to print. */
  document: boolean;
}

/**
 * The briefing's kept notes; a row of another format or global key is ignored (and rewritten
 * after the render). `wanted`: whether the notes will be used at all (a warm session needs
 * only to know whether the row is current), so their data is read only then.
 */
export function readNoteCache(lib: Library, briefingId: string, keys: NoteCacheKeys, wanted = true): KeptNotes {
  const head = readKeys(lib, briefingId);
  if (!head || head.format !== NOTE_CACHE_FORMAT || head.globalKey !== keys.global) return { current: false, document: false };
  const sameDocument = head.docKey === keys.doc;
  if (!wanted || !noteCacheReadable()) return { current: sameDocument, document: false };
  const notes = readData(lib, briefingId, head.docKey);
  if (!notes) return { current: false, document: false };
  return { current: sameDocument, notes, document: sameDocument };
}

/**
 * Keeps the notes just rendered (not on a read-only library). Never fails the render that
 * asked: the cache is derived data, a write refused (a busy or full disk) is only a slower
 * next export.
 */
export function writeNoteCache(lib: Library, briefingId: string, keys: NoteCacheKeys, notes: StoredNotes): boolean {
  if (lib.readOnly) return false;
  try {
    return lib.saveNoteCache(briefingId, { format: NOTE_CACHE_FORMAT, globalKey: keys.global, docKey: keys.doc, data: encode(notes) });
  } catch {
    return false;
  }
}

/** How long the app's session waits after its last render before keeping the notes. */
const SESSION_WRITE_DELAY_MS = 1000;

const pending = new WeakMap<Library, Map<string, { write: () => void; timer: NodeJS.Timeout }>>();

/**
 * The same, for the app's warm session, once it has been idle for a second: encoding and a
 * synchronous commit take tens of milliseconds for 2,000 notes, which a preview after every
 * edit (or an export) should not wait for, and of renders in quick succession only the last
 * is worth keeping. Closing the library (api/host/library-host.ts) keeps them at once; a process that
 * ends without closing it keeps nothing, and the next export re-renders.
 */
export function writeNoteCacheSoon(lib: Library, briefingId: string, keys: NoteCacheKeys, notes: StoredNotes): void {
  let queue = pending.get(lib);
  if (!queue) pending.set(lib, (queue = new Map<string, { write: () => void; timer: NodeJS.Timeout }>()));
  clearTimeout(queue.get(briefingId)?.timer);
  const write = () => {
    queue.delete(briefingId);
    // A library closed meanwhile (the app quitting) has nowhere to keep them.
    if (lib.db.open) writeNoteCache(lib, briefingId, keys, notes);
  };
  const timer = setTimeout(write, SESSION_WRITE_DELAY_MS);
  timer.unref();
  queue.set(briefingId, { write, timer });
}

/** Writes what the sessions have waiting now (tests; a caller about to close the library). */
export function flushNoteCacheWrites(lib: Library): void {
  for (const { write, timer } of [...(pending.get(lib)?.values() ?? [])]) {
    clearTimeout(timer);
    write();
  }
}
/** The row's keys, or undefined when they cannot be read (a damaged page): the export renders its notes itself. */
function readKeys(lib: Library, briefingId: string): ReturnType<Library['noteCacheKeys']> {
  try {
    return lib.noteCacheKeys(briefingId);
  } catch {
    return undefined;
  }
}

/**
 * The row's notes, or undefined when they cannot be read: a damaged page under the cache (its
 * blob spans many) must not fail an export that can render the notes itself.
 */
function readData(lib: Library, briefingId: string, docKey: string): StoredNotes | undefined {
  try {
    const row = lib.noteCache(briefingId, docKey);
    return row && decode(row.data);
  } catch {
    return undefined;
  }
}

export function storedBibliography(inputs: string, b: Bibliography): StoredBibliography {
  return {
    inputs,
    html: b.entries.map((e) => e.html),
    hangingIndent: b.hangingIndent,
    ...(b.entrySpacing === undefined ? {} : { entrySpacing: b.entrySpacing }),
    ...(b.lineSpacing === undefined ? {} : { lineSpacing: b.lineSpacing }),
    ...(b.secondFieldAlign === undefined ? {} : { secondFieldAlign: b.secondFieldAlign }),
  };
}

// Deflated JSON: render keys repeat item ids and cite fields, and shrink about tenfold.
function encode(notes: StoredNotes): Buffer {
  return deflateRawSync(JSON.stringify(notes), { level: 1 });
}

/** undefined for data that cannot be read back (the row is then ignored and rewritten). */
function decode(data: Buffer): StoredNotes | undefined {
  try {
    const parsed = JSON.parse(inflateRawSync(data).toString('utf8')) as StoredNotes;
    return Array.isArray(parsed.notes) && Array.isArray(parsed.renders) && typeof parsed.locale === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
