import type { ImportedDocument } from '../../../api/contract';
import type { CaptureFile } from '../api';

/** Largest file the window accepts by drag and drop (the capture view's own limit). */
export const MAX_DROP_BYTES = 20 * 1024 * 1024;

/**
 * The payload of the shell's `import:ready` event as a file for Capture, or undefined when it is
 * not one. The preload passes what main sent; checking the shape keeps a malformed event from
 * breaking the workspace (the core validates the document again when it is previewed).
 */
export function fileFromImportEvent(payload: unknown): CaptureFile | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const p = payload as { fileName?: unknown; document?: unknown; originalId?: unknown };
  const doc = p.document as Partial<ImportedDocument> | undefined;
  if (typeof p.fileName !== 'string' || !doc || typeof doc !== 'object' || !Array.isArray(doc.blocks) || typeof doc.format !== 'string') return undefined;
  return {
    name: p.fileName,
    document: {
      format: doc.format,
      source: doc.source && typeof doc.source === 'object' ? doc.source : {},
      blocks: doc.blocks,
      warnings: Array.isArray(doc.warnings) ? doc.warnings : [],
    },
    // The file the shell keeps for the capture to store as the source's original.
    ...(typeof p.originalId === 'string' && /^[0-9a-f]{64}$/.test(p.originalId) ? { originalId: p.originalId } : {}),
  };
}

/** A dropped file's bytes as base64, for the core's importers. */
export async function fileFromDrop(file: File): Promise<CaptureFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: file.name, base64: btoa(s) };
}
