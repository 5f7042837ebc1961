import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import { readDocument } from './index';
import { importPdf } from './pdf';
import { buildReportPdf } from './testing/report-pdf';

/**
 * testing/encrypted-report.pdf: a real encrypted PDF (AES-256, revision 6), user password
 * "grain-2024". pdf-lib cannot encrypt, so it was made once, with qpdf 11.3, from a
 * buildReportPdf({ paragraphs: ['Grain exports through the corridor rose 9 percent in May, the
 * ministry said.', 'Rail freight to the ports doubled over the same period.'], title: 'Corridor
 * Review', author: 'Amara Okafor', created: 2024-03-12 }) file:
 *   qpdf --encrypt grain-2024 owner-secret 256 -- plain.pdf encrypted-report.pdf
 */
const ENCRYPTED = readFileSync(new URL('./testing/encrypted-report.pdf', import.meta.url));
const ENCRYPTED_PASSWORD = 'grain-2024';

async function failure(p: Promise<unknown>): Promise<DossierError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DossierError);
  return e as DossierError;
}

describe('password-protected PDFs', { timeout: 20_000 }, () => {
  it('without a password: a password_required error naming the file', async () => {
    const e = await failure(importPdf(ENCRYPTED, { fileName: 'corridor.pdf' }));
    expect(e).toMatchObject({
      code: 'password_required',
      field: 'password',
      message: 'corridor.pdf: this PDF is password-protected; give its password to import it',
    });
  });

  it('with a wrong password: the same code, saying the password is wrong', async () => {
    const e = await failure(importPdf(ENCRYPTED, { fileName: 'corridor.pdf', password: 'grain-2023' }));
    expect(e).toMatchObject({ code: 'password_required', message: 'corridor.pdf: the password given for this password-protected PDF is wrong' });
  });

  it('with its password: read like any other PDF, text and metadata', async () => {
    const doc = await readDocument(ENCRYPTED, { fileName: 'corridor.pdf', password: ENCRYPTED_PASSWORD });
    expect(doc.format).toBe('pdf');
    expect(doc.source).toMatchObject({ title: 'Corridor Review', authors: [{ given: 'Amara', family: 'Okafor' }], issued: '2024-03-12' });
    expect(doc.blocks.map((b) => b.text)).toContain('Grain exports through the corridor rose 9 percent in May, the ministry said.');
  });

  it('a password given for a PDF that needs none is ignored', async () => {
    const doc = await importPdf(await buildReportPdf({ paragraphs: ['Rail freight doubled.'], title: 'Plain' }), { fileName: 'plain.pdf', password: 'x' });
    expect(doc.blocks.map((b) => b.text)).toContain('Rail freight doubled.');
  });
});
