import { expect, snap, test } from './fixtures';

test('tags manager: rename by keyboard, a clash offers merge, merge into another tag', async ({ page, app }) => {
  app.loadSample();
  const s = app.lib.listSources()[0];
  app.lib.addFact({ sourceId: s.id, text: 'Freight rates on the corridor fell by a third.', tags: ['Shipping rates', 'grain'] });
  app.lib.addFact({ sourceId: s.id, text: 'Two more bulk carriers were chartered for the route.', tags: ['Shipping rates'] });
  await app.open();

  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('button', { name: /^Tags \d/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Tags', level: 1 })).toBeVisible();
  await expect(page.getByTestId('tags-total')).toHaveText('9 tags');
  const tags = page.getByRole('list', { name: 'Tags' });
  const row = (name: string) => tags.locator(`[data-tag="${name}"]`);
  await expect(row('grain')).toContainText('4');

  // Filter and sort.
  await page.getByRole('searchbox', { name: 'Filter tags' }).fill('ship');
  await expect(tags.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('searchbox', { name: 'Filter tags' }).fill('');
  await page.getByLabel('Sort tags by').selectOption('count');
  await expect(tags.getByRole('listitem').first()).toHaveAttribute('data-tag', 'grain');

  // Rename by keyboard only: Tab to the row's Rename, type, Enter.
  await page.getByRole('button', { name: 'Show facts tagged statistics' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Rename tag statistics' })).toBeFocused();
  await page.keyboard.press('Enter');
  const newName = page.getByRole('textbox', { name: 'New name' });
  await expect(newName).toBeFocused();
  await newName.fill('figures');
  await page.keyboard.press('Enter');
  await expect(row('figures')).toBeVisible();
  await expect(row('statistics')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Rename tag figures' })).toBeFocused();
  expect(app.lib.listTags().map((t) => t.name)).toContain('figures');
  expect(app.lib.listTags().map((t) => t.name)).not.toContain('statistics');

  // Escape cancels a rename without writing.
  await page.keyboard.press('Enter');
  await newName.fill('never saved');
  await page.keyboard.press('Escape');
  await expect(newName).toHaveCount(0);
  expect(app.lib.listTags().map((t) => t.name)).not.toContain('never saved');

  // Renaming onto an existing tag: the core refuses; its message is shown, with the merge offered.
  await page.getByRole('button', { name: 'Rename tag Shipping rates' }).click();
  await newName.fill('shipping');
  await newName.press('Enter');
  const alert = row('Shipping rates').getByRole('alert');
  await expect(alert).toContainText('Tag "shipping" already exists');
  await expect(alert).toContainText('Nothing changed.');
  await expect(alert).not.toContainText('--merge');
  expect(app.lib.listTags().find((t) => t.name === 'Shipping rates')?.count).toBe(2);
  // The clash is answered here; the status bar does not report unsaved work.
  await expect(page.getByRole('contentinfo', { name: 'Status' })).not.toContainText('Not saved');
  await snap(page, 'tags-01-rename-clash');
  await alert.getByRole('button', { name: 'Merge “Shipping rates” into “shipping”' }).click();
  await expect(row('Shipping rates')).toHaveCount(0);
  await expect(row('shipping')).toContainText('3');
  expect(app.lib.listTags().find((t) => t.name === 'shipping')?.count).toBe(3);

  // Merge into…: choose the target, see what happens, confirm.
  await page.getByRole('button', { name: 'Merge tag risk into another tag' }).click();
  const into = page.getByLabel('Merge into', { exact: true });
  await expect(into).toBeFocused();
  await into.selectOption('diplomacy');
  await expect(row('risk').getByRole('status')).toContainText('The 1 fact tagged “risk” will be tagged “diplomacy”; “risk” disappears.');
  await snap(page, 'tags-02-merge');
  await row('risk').getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(row('risk')).toHaveCount(0);
  await expect(page.getByTestId('tags-total')).toHaveText('7 tags');
  const spring = app.lib.searchFacts({ text: 'close again by spring' }).hits[0].fact;
  expect(spring.tags).toEqual(['diplomacy']);

  // Show facts: the library filtered by the tag.
  await page.getByRole('button', { name: 'Show facts tagged diplomacy' }).click();
  await expect(page.getByRole('heading', { name: 'Tag: diplomacy', level: 1 })).toBeVisible();
  await expect(page.getByTestId('library-total')).toHaveText('2 facts');
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('button', { name: /^Tags \d/ })
    .click();
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'tags-03-dark');
});
