import { expect, test } from './fixtures';

/**
 * The search box searches on every keystroke, and the shared filters flow back into it (saved
 * searches, the sidebar). Fast typing must never lose a key to the echo of an earlier one, and
 * a saved search must still fill the box, even with text the box itself searched before.
 */
test('fast typing keeps every key; a saved search still fills the box', async ({ page, app }) => {
  app.loadSample();
  await app.open();
  const box = page.getByRole('searchbox', { name: 'Search facts' });
  // The text of the page's latest search: once it is the whole phrase, the shared filters have
  // caught up with the box, so every echo of an earlier keystroke has already come back.
  const lastSearched = () => {
    const searches = app.log.filter((c) => c.name === 'facts:search');
    return (searches.at(-1)?.args[0] as { text?: string } | undefined)?.text ?? '';
  };
  for (const phrase of ['insurance premiums', 'grain corridor odesa', 'ports -danube "three main"']) {
    await box.fill('');
    await box.pressSequentially(phrase, { delay: 0 });
    await expect(box).toHaveValue(phrase);
    await expect.poll(lastSearched).toBe(phrase);
    await expect(box).toHaveValue(phrase);
  }

  // Save "corridor", type something else, clear the box, then pick the saved search.
  await box.fill('corridor');
  await expect(page.getByTestId('library-total')).toHaveText('4 facts');
  await page.getByRole('button', { name: 'Save search' }).click();
  await page.getByRole('textbox', { name: 'Name of the saved search' }).fill('Corridor');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await box.fill('ports');
  await box.fill('');
  await expect(page.getByTestId('library-total')).toHaveText('9 facts');
  await page.getByRole('button', { name: 'Corridor', exact: true }).click();
  await expect(box).toHaveValue('corridor');
  await expect(page.getByTestId('library-total')).toHaveText('4 facts');
});
