import type { Library } from '../../library';
import { captureDocument, type CaptureResult } from '../../../ingest/capture';
import { readDocument } from '../../../ingest/formats/index';
import { buildReportPdf } from '../../../ingest/formats/testing/report-pdf';
import { REPORT_TITLE, reportParagraphs, RUNNING_HEADER } from '../../../ingest/formats/testing/report-text';

/** A sentence of the generated report that is a quotation (its fact is of kind "quote"). */
export const PORT_QUOTE = '“We will keep the corridor open for as long as the ships keep coming,” the port director told the committee.';

/** The working paper of the PDF importer's tests, with a quotation on its second page. */
export async function reportPdf(filler = 40): Promise<Uint8Array> {
  const paragraphs = reportParagraphs();
  const findings = paragraphs.filter((p) => p.startsWith('Finding')).slice(0, filler);
  return buildReportPdf({
    paragraphs: ['## Summary', ...paragraphs.slice(1, 5), '## Findings', ...findings.slice(0, 16), PORT_QUOTE, ...findings.slice(16), '## Conclusion'],
    title: REPORT_TITLE,
    author: 'Amara Okafor',
    created: new Date('2023-05-04T10:00:00Z'),
    runningHeader: RUNNING_HEADER,
  });
}

/** Reads `bytes` as the app and the command line do, and captures it with its original. */
export async function capturePdf(lib: Library, bytes: Uint8Array, opts: { keep?: string; sourceId?: string; fileName?: string } = {}): Promise<CaptureResult> {
  const fileName = opts.fileName ?? 'working-paper-12.pdf';
  const doc = await readDocument(bytes, { fileName });
  return captureDocument(lib, doc, {
    ...(opts.sourceId ? { sourceId: opts.sourceId } : { source: { type: 'report', issued: '2023-05-04' } }),
    ...(opts.keep ? { keep: opts.keep } : {}),
    original: { bytes, fileName },
  });
}
