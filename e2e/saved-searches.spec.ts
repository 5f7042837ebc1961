import { expect, test } from './fixtures';

test('saved searches live in the sidebar and survive a restart; sidebar filters by tag and source', async ({ page, app }) => {
  app.loadSample();
  await app.open();
  await page.getByRole('searchbox', { name: 'Search facts' }).fill('corridor');
  await page.getByRole('button', { name: 'Filters' }).click();
  await page.getByRole('button', { name: 'Reliability B' }).click();
  await expect(page.getByTestId('library-total')).toHaveText('2 facts');
  await page.getByRole('button', { name: 'Save search' }).click();
  await page.getByRole('textbox', { name: 'Name of the saved search' }).fill('Corridor, grade B');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  await page.reload();
  await expect(page.getByTestId('library-total')).toHaveText('9 facts');
  await page.getByRole('button', { name: 'Corridor, grade B', exact: true }).click();
  await expect(page.getByRole('searchbox', { name: 'Search facts' })).toHaveValue('corridor');
  await expect(page.getByTestId('library-total')).toHaveText('2 facts');

  await page.getByRole('button', { name: /^statistics/ }).click();
  await expect(page.getByTestId('library-total')).toHaveText('1 fact');
  await expect(page.getByRole('heading', { name: 'Tag: statistics' })).toBeVisible();
  await page.getByRole('button', { name: /^Insurers Return to Odesa Routes/ }).click();
  await expect(page.getByTestId('library-total')).toHaveText('1 fact');
  await page.getByRole('button', { name: /^Needs verification/ }).click();
  await expect(page.getByTestId('library-total')).toHaveText('1 fact');

  // Capture keeps its draft while you look something up.
  await page.getByRole('button', { name: 'Capture' }).click();
  await page.getByLabel('Text', { exact: true }).fill('A draft sentence about ports. Another one.');
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.getByRole('button', { name: 'Capture' }).click();
  await expect(page.getByLabel('Text', { exact: true })).toHaveValue('A draft sentence about ports. Another one.');

  await page.getByRole('button', { name: 'Delete saved search Corridor, grade B' }).click();
  await expect(page.getByRole('button', { name: 'Corridor, grade B', exact: true })).toHaveCount(0);
});
