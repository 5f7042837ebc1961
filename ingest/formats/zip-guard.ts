import { unreadable } from './abort';
import { checkZip, isZip, ZIP_LIMITS, type ZipEntry, ZipFormatError, type ZipLimits, ZipLocked, ZipRefused } from '../../core/zip/policy';

/**
 * The gate a Word file passes before mammoth sees it: core/zip/policy.ts, the one zip-bomb
 * policy, with its refusals worded for the person importing the file.
 */
export function guardZip(bytes: Uint8Array, fileName: string, limits: ZipLimits = ZIP_LIMITS): ZipEntry[] {
  if (!isZip(bytes)) throw unreadable(fileName, 'this is not a Word .docx file (a .docx is a ZIP package, and this file is not one)');
  try {
    return checkZip(bytes, limits);
  } catch (e) {
    if (e instanceof ZipRefused) throw unreadable(fileName, e.message);
    if (e instanceof ZipLocked) throw unreadable(fileName, 'the file is password-protected; remove the password in Word and import it again');
    if (e instanceof ZipFormatError) throw unreadable(fileName, `the file cannot be opened: ${e.message}`);
    throw e;
  }
}
