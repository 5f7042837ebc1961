import { inflateVerified, passagesVerified } from '../originals/codec';
import type { Db } from '../open';

/** A stored original whose bytes or text no longer match the hash taken when it was captured. */
export interface DamagedOriginal {
  sha256: string;
  part: 'bytes' | 'text';
  sources: string[];
  fileName?: string;
}

/**
 * Reads every stored original, inflates it and compares its SHA-256 (and its extracted text's)
 * with the one recorded at capture. A damaged original is already refused wherever it would
 * be served (show in source, the quote check, search); this names it so a backup can replace it.
 */
export function damagedOriginals(db: Db): DamagedOriginal[] {
  const out: DamagedOriginal[] = [];
  const rows = db.prepare('SELECT sha256, compressed, passages, text_sha256 FROM originals ORDER BY sha256').iterate() as IterableIterator<{
    sha256: string;
    compressed: Buffer;
    passages: Buffer;
    text_sha256: string;
  }>;
  const refs = db.prepare(
    'SELECT s.title, so.file_name FROM source_originals so JOIN sources s ON s.id = so.source_id WHERE so.sha256 = ? ORDER BY so.captured_at',
  );
  for (const r of rows) {
    const part = !inflateVerified(r.compressed, r.sha256) ? 'bytes' : !passagesVerified(r.passages, r.text_sha256) ? 'text' : undefined;
    if (!part) continue;
    const named = refs.all(r.sha256) as { title: string; file_name: string | null }[];
    const fileName = named.find((n) => n.file_name)?.file_name ?? undefined;
    out.push({ sha256: r.sha256, part, sources: named.map((n) => n.title), ...(fileName ? { fileName } : {}) });
  }
  return out;
}

export function describeDamagedOriginal(d: DamagedOriginal): string {
  const of = d.sources.length ? `of "${d.sources.join('", "')}"` : 'with no source';
  const file = d.fileName ? ` (${d.fileName}, sha256 ${d.sha256.slice(0, 12)}…)` : ` (sha256 ${d.sha256.slice(0, 12)}…)`;
  const what = d.part === 'bytes' ? 'its bytes no longer match their SHA-256' : 'its extracted text no longer matches its SHA-256';
  return `The stored original ${of}${file} is damaged: ${what}. It is not shown or used for quote checks; a backup has it.`;
}
