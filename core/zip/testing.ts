import { strToU8, zipSync } from 'fflate';

/**
 * Hostile archives for the zip-bomb tests of every importer path. Each is a minimal .docx
 * (it has word/document.xml) so that only the policy can be the reason it is refused.
 */
const DOCUMENT = { 'word/document.xml': strToU8('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>') };

/** One 20 MB entry of zeros: under the 100 MB budget, but it expands ~1,024:1 (the policy allows 1,000:1). */
export function highRatioZip(): Uint8Array {
  return zipSync({ ...DOCUMENT, 'word/media/padding.bin': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
}

/** 10,001 empty entries besides the document: one more than the policy allows. */
export function manyEntriesZip(): Uint8Array {
  const files: Record<string, Uint8Array> = { ...DOCUMENT };
  for (let i = 0; i < 10_001; i++) files[`x/${i}`] = new Uint8Array(0);
  return zipSync(files, { level: 0 });
}
