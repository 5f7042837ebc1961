import { statSync } from 'node:fs';
import { join } from 'node:path';
import { version as dossierVersion } from '../../package.json';
import type { SyncEntity } from '../../core/sync-types';
import { writeFileAtomic } from '../../core/write-file';
import type { Library } from '../../db/library';
import { packBytes } from './pack-file';
import { highestMarking, suggestedPackName } from './pack-markings';

export type PackSelector = { tag: string } | { brief: string } | { ids: string[] };

export interface PackExportResult {
  path: string;
  highestMarking: string | null;
  counts: Record<SyncEntity, number>;
  originals: number;
  /** Originals left out: their stored bytes or text no longer match their hashes (see: dossier check). */
  damagedOriginals: number;
}

/**
 * Writes a fact pack of the selection to `out` — a file, or a folder where the file is named
 * by its highest marking first (pack-markings.ts) — atomically, so a pack on the media is
 * whole or absent. The rows then become this library's pack base: what comes back in a pack
 * later is merged against them.
 */
export async function exportPack(lib: Library, selector: PackSelector, out: string, now = new Date()): Promise<PackExportResult> {
  const content = lib.packContent(selector);
  const scheme = lib.markingScheme();
  const highest = highestMarking(scheme, content.rows);
  const path = isFolder(out) ? join(out, suggestedPackName(highest, packLabel(lib, selector), now)) : out;
  const bytes = packBytes({
    manifest: { createdAt: now.toISOString(), fromLibrary: lib.libraryId(), dossierVersion, scheme: scheme.id, highestMarking: highest },
    rows: content.rows,
    originals: content.originals,
  });
  await writeFileAtomic(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  lib.recordPackExport(content.rows);
  const counts: Record<SyncEntity, number> = { source: 0, fact: 0, link: 0, briefing: 0, original: 0 };
  for (const r of content.rows) counts[r.entity]++;
  return { path, highestMarking: highest, counts, originals: content.originals.length, damagedOriginals: content.damagedOriginals };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** What the file name says the pack is about: the tag, the briefing's title, or "facts". */
function packLabel(lib: Library, selector: PackSelector): string {
  if ('tag' in selector) return selector.tag;
  if ('brief' in selector) return lib.getBriefing(selector.brief).title;
  return 'facts';
}
