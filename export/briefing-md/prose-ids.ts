import type { Library } from '../../db/library';
import { resolveRefs } from './import';
import { type KeyRef, readProse } from './read-prose';

/**
 * One paragraph typed at the command line (`brief add --prose`, `brief item --text`) read as
 * the Markdown importer reads prose: citation keys may be shortened fact ids, and come back
 * as the full ids the store recognises. An unknown or ambiguous key is an error naming its
 * line and column; nothing is written.
 */
export function proseWithFullIds(lib: Library, text: string): string {
  const pieces = readProse(text, text, 0);
  const ids = resolveRefs(
    lib,
    text,
    pieces.filter((p): p is KeyRef => typeof p !== 'string'),
  );
  return pieces.map((p) => (typeof p === 'string' ? p : ids.get(p.key)!)).join('');
}
