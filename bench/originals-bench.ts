import { join } from 'node:path';
import { Library } from '../db/library';
import { captureDocument } from '../ingest/capture';
import { benchParagraphs } from '../ingest/formats/bench';
import { readDocument } from '../ingest/formats/index';
import { newsPageHtml } from '../ingest/formats/testing/news-page';
import { buildReportPdf } from '../ingest/formats/testing/report-pdf';

/**
 * What keeping originals costs (issue 13 §4): the library's growth for one 300-page PDF
 * against its compressed size, a second capture of it, and a library of 1,000 originals
 * (web pages, short PDFs, text) against the sum of their compressed sizes.
 */
export interface OriginalsBench {
  pdf: { bytes: number; compressed: number; text: number; growth: number; again: number };
  library: { originals: number; raw: number; compressed: number; text: number; fileGrowth: number; tables: Record<string, number> };
}

export async function benchOriginals(dir: string, count = 1000): Promise<OriginalsBench> {
  const lib = Library.open(join(dir, 'originals.sqlite'));
  try {
    const pdfBytes = await buildReportPdf({
      paragraphs: benchParagraphs(),
      maxPages: 300,
      title: 'Regional Trade Outlook',
      runningHeader: 'Institute for Trade Studies — Annual Review',
    });
    const base = fileSize(lib);
    await capture(lib, pdfBytes, 'outlook.pdf');
    const afterFirst = fileSize(lib);
    await capture(lib, pdfBytes, 'outlook-copy.pdf');
    const stored = stats(lib);
    const pdf = { bytes: pdfBytes.length, compressed: stored.compressed, text: stored.text, growth: afterFirst - base, again: fileSize(lib) - afterFirst };

    lib.db.exec('DELETE FROM sources');
    lib.db.exec('VACUUM');
    const empty = fileSize(lib);
    let raw = 0;
    for (let i = 0; i < count; i++) {
      const { bytes, name } = await document(i);
      raw += bytes.length;
      await capture(lib, bytes, name);
    }
    lib.db.exec('VACUUM');
    const all = stats(lib);
    return {
      pdf,
      library: { originals: all.count, raw, compressed: all.compressed, text: all.text, fileGrowth: fileSize(lib) - empty, tables: tableSizes(lib) },
    };
  } finally {
    lib.close();
  }
}

/** Capture as `dossier import` does, keeping no facts: the source and its original only. */
async function capture(lib: Library, bytes: Uint8Array, fileName: string): Promise<void> {
  const doc = await readDocument(bytes, { fileName });
  captureDocument(lib, doc, { source: { type: 'report', title: fileName }, keep: 'none', original: { bytes, fileName } });
}

/** One of a varied set: 3 web pages, 1 five-page PDF and 1 text file in every 5, each distinct. */
async function document(i: number): Promise<{ bytes: Uint8Array; name: string }> {
  const tag = `Dispatch ${i}`;
  if (i % 5 === 4) {
    const paragraphs = [...take(benchParagraphs(), 30 + (i % 7))].map((p) => `${p} (${tag}.)`);
    return { bytes: await buildReportPdf({ paragraphs, maxPages: 5, title: tag }), name: `report-${i}.pdf` };
  }
  if (i % 5 === 3) {
    const text = [...take(benchParagraphs(), 25)].map((p) => `${p} ${tag}.`).join('\n\n');
    return { bytes: Buffer.from(text, 'utf8'), name: `notes-${i}.txt` };
  }
  return {
    bytes: Buffer.from(newsPageHtml().replace('</article>', `<p>${tag}: ${[...take(benchParagraphs(), 3)].join(' ')}</p></article>`), 'utf8'),
    name: `page-${i}.html`,
  };
}

function* take<T>(g: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  for (const x of g) {
    yield x;
    if (--n <= 0) return;
  }
}

function fileSize(lib: Library): number {
  lib.db.pragma('wal_checkpoint(TRUNCATE)');
  return (lib.db.pragma('page_count', { simple: true }) as number) * (lib.db.pragma('page_size', { simple: true }) as number);
}

function stats(lib: Library): { count: number; compressed: number; text: number } {
  return lib.db
    .prepare('SELECT count(*) AS count, coalesce(sum(length(compressed)), 0) AS compressed, coalesce(sum(length(passages)), 0) AS text FROM originals')
    .get() as {
    count: number;
    compressed: number;
    text: number;
  };
}

/** Bytes of pages per table of the originals (SQLite's dbstat), to see where the size goes. */
function tableSizes(lib: Library): Record<string, number> {
  const rows = lib.db
    .prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'original%' OR name LIKE 'sqlite_autoindex_original%' GROUP BY name")
    .all() as { name: string; bytes: number }[];
  return Object.fromEntries(rows.map((r) => [r.name, r.bytes]));
}
