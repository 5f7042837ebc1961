import { unreadable } from './abort';
import type { ZipEntry } from './zip';
import { inflatedSize, isZip, readZipDirectory, ZipFormatError } from './zip';

/**
 * The gate every ZIP-based document passes before a parser sees it. Parsers such as mammoth
 * inflate whole entries into memory with no cap, so a 400 KiB .docx that expands to gigabytes
 * would take the app down; here it is refused with a message instead.
 */
export interface ZipLimits {
  /** Total bytes all entries may expand to. */
  maxTotalBytes: number;
  maxEntries: number;
  /** Expansion ratio beyond which the archive is treated as a bomb (deflate tops out near 1032:1). */
  maxRatio: number;
}

export const DOCX_LIMITS: ZipLimits = { maxTotalBytes: 100 * 1024 * 1024, maxEntries: 10_000, maxRatio: 1000 };

/** Checks declared sizes first (cheap), then inflates under a budget to catch lying headers. */
export function guardZip(bytes: Uint8Array, fileName: string, limits: ZipLimits = DOCX_LIMITS): ZipEntry[] {
  if (!isZip(bytes)) throw unreadable(fileName, 'this is not a Word .docx file (a .docx is a ZIP package, and this file is not one)');
  const entries = directory(bytes, fileName, limits);
  if (entries.some((e) => e.encrypted)) throw unreadable(fileName, 'the file is password-protected; remove the password in Word and import it again');

  const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0);
  if (declared > limits.maxTotalBytes) throw bomb(fileName, `would expand to ${mb(declared)}`, limits);
  const compressed = entries.reduce((sum, e) => sum + e.compressedSize, 0);
  if (declared > 1024 * 1024 && declared / Math.max(1, compressed) > limits.maxRatio) {
    throw bomb(fileName, `expands ${Math.round(declared / Math.max(1, compressed))}:1`, limits);
  }

  let total = 0;
  for (const entry of entries) {
    const size = measure(bytes, entry, limits.maxTotalBytes - total, fileName);
    if (!Number.isFinite(size)) throw bomb(fileName, `expands to more than ${mb(limits.maxTotalBytes)}`, limits);
    if (size !== entry.declaredSize) {
      throw unreadable(fileName, `the file is damaged or tampered with: "${entry.name}" declares ${entry.declaredSize} bytes but holds ${size}`);
    }
    total += size;
  }
  return entries;
}

function directory(bytes: Uint8Array, fileName: string, limits: ZipLimits): ZipEntry[] {
  try {
    return readZipDirectory(bytes, limits.maxEntries);
  } catch (e) {
    if (e instanceof ZipFormatError) throw unreadable(fileName, `the file cannot be opened: ${e.message}`);
    throw e;
  }
}

function measure(bytes: Uint8Array, entry: ZipEntry, budget: number, fileName: string): number {
  try {
    return inflatedSize(bytes, entry, budget);
  } catch (e) {
    if (e instanceof ZipFormatError) throw unreadable(fileName, `the file cannot be opened: ${e.message}`);
    throw e;
  }
}

function bomb(fileName: string, what: string, limits: ZipLimits) {
  return unreadable(fileName, `refused: the archive ${what} (limit ${mb(limits.maxTotalBytes)}, ratio ${limits.maxRatio}:1) — a damaged file or a zip bomb`);
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
