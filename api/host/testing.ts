import { closeSync, copyFileSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { Library } from '../../db/library';

/**
 * Test helper: overwrites one page of a closed library file with garbage, choosing a page
 * whose damage the library still opens with but its integrity check reports — the case where
 * a library looks usable and must not be backed up. Returns the page number.
 */
export function corruptButOpenable(path: string): number {
  const pristine = `${path}.pristine`;
  copyFileSync(path, pristine);
  const pages = statSync(path).size / 4096;
  try {
    for (let page = 2; page < pages; page++) {
      copyFileSync(pristine, path);
      overwritePage(path, page);
      let lib: Library | undefined;
      try {
        lib = Library.open(path, { readonly: true });
        if (lib.check().integrity.length > 0) return page;
      } catch {
        // this page breaks opening; try the next
      } finally {
        lib?.close();
      }
    }
  } finally {
    rmSync(pristine, { force: true });
  }
  throw new Error('no page found whose damage leaves the library openable');
}

export function overwritePage(path: string, page: number, byte = 0x41): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(4096, byte), 0, 4096, page * 4096);
  } finally {
    closeSync(fd);
  }
}
