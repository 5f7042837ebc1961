import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { buildReportPdf } from '../ingest/formats/testing/report-pdf';
import { REPORT_TITLE, reportParagraphs, RUNNING_HEADER } from '../ingest/formats/testing/report-text';
import { expect, test } from './fixtures';

/**
 * Issue 13 §4 as an analyst meets it: capture a PDF (its original is kept), open a quote's
 * passage in the stored original at its page, cite the quote in a briefing, then find the
 * quote check firing once the stored copy of the text no longer holds the quote's words.
 */
const PORT_QUOTE = '“We will keep the corridor open for as long as the ships keep coming,” the port director told the committee.';

/** A working paper with the quotation on its second page (as db/originals/testing/captured-pdf.ts builds it, without the core). */
function reportPdf(): Promise<Uint8Array> {
  const paragraphs = reportParagraphs();
  const findings = paragraphs.filter((p) => p.startsWith('Finding')).slice(0, 24);
  return buildReportPdf({
    paragraphs: ['## Summary', ...paragraphs.slice(1, 5), '## Findings', ...findings.slice(0, 16), PORT_QUOTE, ...findings.slice(16), '## Conclusion'],
    title: REPORT_TITLE,
    author: 'Amara Okafor',
    created: new Date('2023-05-04T10:00:00Z'),
    runningHeader: RUNNING_HEADER,
  });
}

test('a captured quote shown in its stored original at its page, and checked against it in the briefing', async ({ page, app }) => {
  const pdf = await reportPdf();
  await app.open();
  await page.getByRole('button', { name: 'Capture' }).click();
  await page.getByLabel('Choose a file to capture').setInputFiles({ name: 'working-paper-12.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
  const candidates = page.getByRole('list', { name: 'Candidate facts' }).getByRole('listitem');
  await expect(candidates.filter({ hasText: 'the port director told the committee' })).toHaveCount(1);
  await page.getByRole('button', { name: /^Save \d+ facts$/ }).click();
  await expect(page.getByTestId('library-total')).not.toHaveText('0 facts');

  // The stored original: one row, its bytes those of the file.
  const quote = app.lib.searchFacts({ text: 'port director' }).hits[0].fact;
  expect(quote.kind).toBe('quote');
  expect(quote.locator).toEqual({ label: 'page', value: '2' });

  // ---- In source: the passage at the fact's page, its words marked ----
  await page.getByRole('searchbox', { name: 'Search facts' }).fill('port director');
  const rows = page.locator('#library-list [role="option"]');
  await expect(rows).toHaveCount(1);
  await rows.first().click();
  const inSource = page.getByTestId('inspector').getByTestId('in-source');
  await inSource.getByRole('heading', { name: 'In source' }).click();
  await expect(inSource).toContainText('From the stored original (working-paper-12.pdf, captured');
  await expect(inSource).toContainText('· p. 2');
  await expect(inSource).not.toContainText('not at the fact’s own locator');
  await expect(inSource.locator('mark')).toContainText('We will keep the corridor open for as long as the ships keep coming');
  // The passage around the quote is the report's own text, not only the fact.
  const passage = (await inSource.locator('blockquote').textContent()) ?? '';
  expect(passage.length).toBeGreaterThan(PORT_QUOTE.length + 40);

  // ---- Cite it in a briefing: nothing to flag while the stored text has the quote ----
  const template = 'info-memo';
  const b = app.lib.createBriefing({ title: 'Corridor update', templateId: template }, [{ key: 'discussion', heading: 'Discussion' }]);
  app.lib.addItems(b.id, [{ kind: 'fact', factId: quote.id }], 'discussion');
  await page.reload();
  const entry = page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: /Corridor update/ });
  await entry.click();
  await page.getByRole('tab', { name: /Checks/ }).click();
  const checks = page.locator('#panel-checks');
  await expect(checks).toBeVisible();
  await expect(checks).toHaveAttribute('aria-busy', 'false');
  await expect(checks).not.toContainText('stored original');

  // ---- The stored copy of the text changes (a re-read original, its hashes consistent): the quote check fires ----
  const row = app.lib.db.prepare('SELECT sha256, passages FROM originals').get() as { sha256: string; passages: Buffer };
  const json = inflateRawSync(row.passages).toString('utf8');
  expect(json).toContain('as long as the ships keep coming');
  const changed = json.replace('as long as the ships keep coming', 'as long as the ships can come');
  app.lib.db
    .prepare('UPDATE originals SET passages = ?, text_sha256 = ? WHERE sha256 = ?')
    .run(deflateRawSync(Buffer.from(changed, 'utf8')), createHash('sha256').update(changed).digest('hex'), row.sha256);

  await page.reload();
  await entry.click();
  await page.getByRole('tab', { name: /Checks/ }).click();
  await expect(checks).toContainText(
    /does not appear in its source's stored original \(working-paper-12\.pdf, captured \d{4}-\d\d-\d\d\): check its words against the source\./,
  );

  // The inspector shows the passage at the fact's page, unmarked, and says the words are not in it.
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.getByRole('searchbox', { name: 'Search facts' }).fill('port director');
  await expect(rows).toHaveCount(1);
  await rows.first().click();
  await inSource.getByRole('heading', { name: 'In source' }).click();
  await expect(inSource).toContainText('the fact’s words were not found in it');
  await expect(inSource.locator('blockquote')).toContainText('as long as the ships can come');
  await expect(inSource.locator('mark')).toHaveCount(0);
});
