import type { ZipEntry } from './directory';
import { inflatedSize, inflateEntry, isZip, readZipDirectory, ZipFormatError, ZipRefused } from './directory';

/**
 * The one zip-bomb policy, for every ZIP Dossier opens from outside: a Word file to import
 * (mammoth inflates every part into memory with no cap), a letterhead .docx (docx's
 * patchDetector and JSZip, the same), and the parts our own code reads. A 400 KiB file that
 * expands to gigabytes would take the app down; here it is refused with a reason instead.
 * Callers turn ZipFormatError (damaged; its subclass ZipRefused: over a limit, the message
 * starting "refused:") into their own error naming the file.
 */
export interface ZipLimits {
  /** Total bytes all entries may expand to. */
  maxTotalBytes: number;
  maxEntries: number;
  /** Expansion ratio beyond which an entry is treated as a bomb (deflate tops out near 1032:1). */
  maxRatio: number;
}

/** Word's own files stay far below these: a 300-page report with images is ~20 MB inflated, ~200 parts, ratios under 100:1. */
export const ZIP_LIMITS: ZipLimits = { maxTotalBytes: 100 * 1024 * 1024, maxEntries: 10_000, maxRatio: 1000 };

/** Ratios are only judged past this size: tiny parts of repeated XML legitimately compress very well. */
const RATIO_FLOOR = 1024 * 1024;

export { isZip, ZipFormatError, ZipRefused, type ZipEntry };

/** An entry is encrypted: nothing can be read without the password. */
export class ZipLocked extends ZipFormatError {}

export interface ZipFile {
  name: string;
  data: Uint8Array;
}

/**
 * The archive's entries once it has passed the policy: every entry inflated under the budget
 * (headers are never trusted), counted against the declared sizes. Data is not kept.
 */
export function checkZip(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipEntry[] {
  const entries = precheck(bytes, limits);
  let total = 0;
  for (const entry of entries) {
    const size = inflatedSize(bytes, entry, limits.maxTotalBytes - total);
    total += accept(entry, size, limits);
  }
  return entries;
}

/** Every entry's bytes, in directory order, under the same policy as checkZip. */
export function readZipFiles(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipFile[] {
  const entries = precheck(bytes, limits);
  const files: ZipFile[] = [];
  let total = 0;
  for (const entry of entries) {
    const data = inflateEntry(bytes, entry, limits.maxTotalBytes - total);
    total += accept(entry, data ? data.length : Infinity, limits);
    files.push({ name: entry.name, data: data! });
  }
  return files;
}

/** One entry's bytes from an archive checkZip accepted (e.g. a document property part). */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Uint8Array | undefined {
  if (entry.declaredSize > maxBytes) return undefined;
  const data = inflateEntry(bytes, entry, maxBytes);
  return data && data.length === entry.declaredSize ? data : undefined;
}

/** The names in the archive, nothing inflated (what kind of file is this?). */
export function listZip(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): string[] {
  return directory(bytes, limits).map((e) => e.name);
}

function directory(bytes: Uint8Array, limits: ZipLimits): ZipEntry[] {
  if (!isZip(bytes)) throw new ZipFormatError('it is not a ZIP archive');
  return readZipDirectory(bytes, limits.maxEntries);
}

/** Checks what the directory declares first (cheap): encryption, total size, ratio. */
function precheck(bytes: Uint8Array, limits: ZipLimits): ZipEntry[] {
  const entries = directory(bytes, limits);
  const locked = entries.find((e) => e.encrypted);
  if (locked) throw new ZipLocked(`it is password-protected ("${locked.name}" is encrypted)`);
  const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0);
  if (declared > limits.maxTotalBytes) throw bomb(`would expand to ${mb(declared)}`, limits);
  for (const e of entries) ratioCheck(e, e.declaredSize, limits);
  return entries;
}

/** The measured size of an entry, once it is within the budget, the ratio and its own declaration. */
function accept(entry: ZipEntry, size: number, limits: ZipLimits): number {
  if (!Number.isFinite(size)) throw bomb(`expands to more than ${mb(limits.maxTotalBytes)}`, limits);
  ratioCheck(entry, size, limits);
  if (size !== entry.declaredSize)
    throw new ZipFormatError(`it is damaged or tampered with: "${entry.name}" declares ${entry.declaredSize} bytes but holds ${size}`);
  return size;
}

function ratioCheck(entry: ZipEntry, size: number, limits: ZipLimits): void {
  const ratio = size / Math.max(1, entry.compressedSize);
  if (size > RATIO_FLOOR && ratio > limits.maxRatio) throw bomb(`has an entry ("${entry.name}") that expands ${Math.round(ratio)}:1`, limits);
}

function bomb(what: string, limits: ZipLimits): ZipRefused {
  return new ZipRefused(`refused: the archive ${what} (limit ${mb(limits.maxTotalBytes)}, ratio ${limits.maxRatio}:1) — a damaged file or a zip bomb`);
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
