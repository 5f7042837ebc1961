import { expect, snap, test } from './fixtures';

/**
 * Screenshots of each main screen, written to e2e/artifacts/ (not committed) to be looked at:
 * library, inspector, capture, briefing editor with preview, palette, checks, dark theme.
 */
test('screens', async ({ page, app }) => {
  app.loadSample();
  await app.open();
  await expect(page.getByTestId('library-total')).toHaveText('9 facts');
  await snap(page, '01-library');

  await page.getByRole('button', { name: 'Filters' }).click();
  await page.getByRole('button', { name: 'Reliability A' }).click();
  await page.getByRole('searchbox', { name: 'Search facts' }).fill('ports');
  await expect(page.locator('#library-list mark').first()).toBeVisible();
  await page.locator('#library-list [role="option"]').first().click();
  await expect(page.getByTestId('inspector')).toBeVisible();
  await snap(page, '02-inspector');

  await page.getByRole('button', { name: 'Capture' }).click();
  await page
    .getByLabel('Text', { exact: true })
    .fill(
      'Grain exports through the Danube ports rose to 2.1 million tonnes in December, the highest monthly figure on record. Officials said the new silos at Izmail would open by March.\n\nRail operators warned that wagon shortages could delay shipments through February. "We need five hundred more wagons before the harvest," a spokesman for the state railway said.\n\nThe ministry did not say how the new storage would be financed.',
    );
  await page.getByLabel('Title').fill('Danube Ports Post Record December');
  await page.getByLabel('Authors').fill('Lindqvist, Erik');
  await page.getByLabel('Published in').fill('Harbour Wire');
  await page.getByLabel('Issued').fill('2025-01-05');
  await page.getByLabel('Reliability', { exact: true }).selectOption('C');
  const candidates = page.getByRole('list', { name: 'Candidate facts' }).getByRole('listitem');
  await expect(candidates).toHaveCount(5);
  await candidates.nth(4).click();
  await snap(page, '03-capture');

  await page.getByRole('button', { name: /Funding Storage/ }).click();
  await expect(page.locator('[data-testid="preview"] .pv-note-list li').first()).toBeVisible();
  await page.locator('[data-section-key="discussion"] [data-item-id]').nth(1).focus();
  await snap(page, '04-briefing');
  await page.getByTestId('preview').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.locator('.editor-scroll').evaluate((el) => (el.scrollTop = 700));
  await snap(page, '05-briefing-notes');

  await page.getByRole('tab', { name: /Checks/ }).click();
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Search facts to insert' }).fill('insur');
  await expect(page.getByRole('listbox', { name: 'Matching facts' }).getByRole('option')).toHaveCount(4);
  await snap(page, '06-palette-checks');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('dialog', { name: 'Export briefing' }).getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByTestId('export-result')).toBeVisible();
  await snap(page, '07-export');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Export briefing' })).toHaveCount(0);

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('tab', { name: 'Preview' }).click();
  await snap(page, '08-briefing-dark');
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.locator('#library-list [role="option"]').nth(1).click();
  await snap(page, '09-library-dark');
  await page.getByRole('button', { name: 'Capture' }).click();
  await snap(page, '10-capture-dark');
});
