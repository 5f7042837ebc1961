import { buildReportPdf } from '../ingest/formats/testing/report-pdf';
import { expect, test } from './fixtures';

test('capture a PDF report: metadata from the file, page locators, suggestions, saved facts', async ({ page, app }) => {
  const pdf = await buildReportPdf({
    title: 'Tariff Escalation and Regional Supply Chains',
    author: 'Institute for Trade Studies',
    paragraphs: [
      'Steel tariffs rose by 25 percent in March, the ministry said in a statement.',
      'Exporters in the region shifted about 40 percent of shipments to rail, according to Erik Lindqvist, a senior analyst.',
      'Port congestion eased after the new berths opened.',
    ],
  });
  await app.open();
  await page.getByRole('button', { name: 'Capture' }).click();
  await page.getByLabel('Choose a file to capture').setInputFiles({ name: 'tariffs.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });

  const candidates = page.getByRole('list', { name: 'Candidate facts' }).getByRole('listitem');
  await expect(candidates.first()).toContainText('Steel tariffs rose by 25 percent');
  await expect(page.getByLabel('Title')).toHaveValue('Tariff Escalation and Regional Supply Chains');
  await expect(candidates.first()).toContainText('p. 1');
  await expect(candidates.first()).toContainText('figure 25 percent');
  await expect(candidates.nth(1)).toContainText('Said by Erik Lindqvist, senior analyst');
  // One candidate per sentence of the report (waited for, never a count read once).
  await expect(candidates).toHaveCount(3);
  await page.getByRole('button', { name: 'Save 3 facts' }).click();

  await expect(page.getByTestId('library-total')).toHaveText('3 facts');
  const saved = app.lib.searchFacts({ text: 'Lindqvist' }).hits[0].fact;
  expect(saved.locator).toEqual({ label: 'page', value: '1' });
  expect(saved.attribution).toMatchObject({ name: 'Erik Lindqvist' });
});
