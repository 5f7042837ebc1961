import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Microsoft's Open XML SDK validator, installed by `npm run setup:checkers` into .tools/ooxml
 * (see scripts/install-checkers.mjs). Undefined when it is not installed.
 */
export interface OoxmlValidator {
  validateFile(path: string): Promise<{ ok: boolean; errors: unknown[] }>;
}

const entry = join(__dirname, '..', '..', '.tools', 'ooxml', 'node_modules', '@xarsh', 'ooxml-validator', 'dist', 'src', 'index.js');

export const hasOoxmlValidator = existsSync(entry);

export async function ooxmlValidator(): Promise<OoxmlValidator> {
  return (await import(pathToFileURL(entry).href)) as OoxmlValidator;
}
