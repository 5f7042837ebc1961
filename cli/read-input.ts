import { readFile } from 'node:fs/promises';
import { DossierError } from '../core/errors';

/** Reads a file named on the command line; a missing file or a folder is one line naming it. */
export async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : (e as Error).message;
    throw new DossierError('io', `${file}: ${why}`);
  }
}
