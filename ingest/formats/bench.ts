import { importPdf } from './pdf';
import { buildReportPdf } from './testing/report-pdf';

/**
 * PDF import throughput on a realistic report: `pages` pages of two-column body text with a
 * running header, printed page numbers and headings every few paragraphs. Generation is not
 * timed; only importPdf (parse, layout, paragraphs, metadata) is.
 */
export async function benchPdf(pages: number): Promise<{ pages: number; ms: number; pagesPerSecond: number }> {
  const bytes = await buildReportPdf({
    paragraphs: benchParagraphs(),
    maxPages: pages,
    title: 'Regional Trade Outlook',
    author: 'Institute for Trade Studies',
    runningHeader: 'Institute for Trade Studies — Annual Review',
    created: new Date('2024-02-01T00:00:00Z'),
  });
  const start = performance.now();
  const doc = await importPdf(bytes, { fileName: 'bench.pdf' });
  const ms = performance.now() - start;
  const read = new Set(doc.blocks.map((b) => b.locator?.value)).size;
  if (read < pages * 0.9) throw new Error(`benchPdf: only ${read} of ${pages} pages produced text`);
  return { pages, ms, pagesPerSecond: pages / (ms / 1000) };
}

/** Endless varied prose (deterministic), with a heading every twelve paragraphs. */
export function* benchParagraphs(): Generator<string> {
  const subjects = ['Customs revenue', 'Port throughput', 'The services surplus', 'Agricultural exports', 'Investment screening', 'Transit traffic'];
  const verbs = ['rose', 'fell', 'stabilised', 'recovered', 'slowed', 'accelerated'];
  const causes = [
    'after the revision of the common external tariff',
    'as shipping rates normalised over the second half of the year',
    'because several large contracts were deferred to the following budget cycle',
    'while regulators introduced a simplified declaration for small consignments',
  ];
  for (let i = 0; ; i++) {
    if (i % 12 === 0) yield `## Section ${i / 12 + 1}: ${subjects[i % subjects.length]}`;
    const sentences: string[] = [];
    for (let j = 0; j < 4 + (i % 3); j++) {
      const k = i * 7 + j;
      sentences.push(
        `${subjects[k % subjects.length]} ${verbs[k % verbs.length]} by ${(k % 17) + 1}.${k % 10} per cent in quarter ${(k % 4) + 1} ${causes[k % causes.length]}.`,
      );
    }
    yield sentences.join(' ');
  }
}
