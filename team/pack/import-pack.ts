import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DossierError } from '../../core/errors';
import type { Library } from '../../db/library';
import type { PackMergeCounts } from '../../db/repo/pack-merge';
import { readPack } from './pack-file';
import { checkSchemeHolds } from './pack-markings';

export interface PackImportResult extends PackMergeCounts {
  path: string;
  highestMarking: string | null;
  fromLibrary: string;
}

/**
 * Imports a fact pack, all or nothing: a damaged, cut-short or newer-format pack and one whose
 * markings this library's scheme cannot hold are refused before anything is written; then the
 * rows are merged in one transaction by the rules of sync (db/repo/pack-merge.ts), and any
 * row the library refuses rolls the whole import back.
 */
export async function importPack(lib: Library, path: string): Promise<PackImportResult> {
  const name = basename(path);
  const bytes = await readPackFile(path);
  const pack = readPack(bytes, name);
  checkSchemeHolds(lib.markingScheme(), pack.manifest.scheme, pack.manifest.highestMarking, pack.rows);
  const counts = lib.mergePack(pack.rows, pack.originals, name);
  return { path, highestMarking: pack.manifest.highestMarking, fromLibrary: pack.manifest.fromLibrary, ...counts };
}

async function readPackFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String(e);
    throw new DossierError('io', `cannot read the pack ${path}: ${why}`, 'path');
  }
}
