import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Db } from '../open';
import { readLibraryId } from '../library-identity';
import { getSetting, setSetting } from './settings';

/**
 * The id this copy of the library signs its pushes with. The team server tells "the same field
 * changed by another library" from "this library changing it again" by that id, and the
 * library's own id travels with the file: a library copied to a second laptop would push
 * under the same id as the original, and the two copies' edits of one field would silently
 * overwrite each other instead of becoming a conflict. So the sync id is tied to the file
 * itself (device and inode): a copy, or a backup restored over a lost disk, gets a fresh id at
 * its first sync; renaming or moving the file within its disk keeps it. A fresh id is harmless
 * where nothing was copied: acknowledged edits carry the server's version as their base, so a
 * new id alone makes no conflict.
 */
const KEY = 'sync_identity';

interface Stored {
  file: string;
  id: string;
}

export function syncIdentity(db: Db): string {
  const file = fileKey(db);
  const stored = read(db);
  if (stored && (file === undefined || stored.file === file)) return stored.id;
  // The first sync of a library keeps its own id, so rows it pushed before this check existed stay its own.
  const id = stored ? randomUUID() : (readLibraryId(db) ?? randomUUID());
  setSetting(db, KEY, JSON.stringify({ file: file ?? '', id } satisfies Stored));
  return id;
}

/** The file's device and inode; undefined for a database with no file (in memory). */
function fileKey(db: Db): string | undefined {
  if (!db.name || db.memory) return undefined;
  const s = statSync(db.name, { bigint: true });
  return `${s.dev}:${s.ino}`;
}

function read(db: Db): Stored | undefined {
  const raw = getSetting(db, KEY);
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<Stored>;
    return typeof v.id === 'string' && typeof v.file === 'string' ? { file: v.file, id: v.id } : undefined;
  } catch {
    return undefined;
  }
}
