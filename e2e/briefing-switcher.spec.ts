import { expect, snap, test } from './fixtures';
import { bindShell } from './shell-bridge';

/**
 * Open briefing (Ctrl+O or the toolbar): every briefing, newest change first, with template,
 * modified time and counts; typing filters; Enter opens (and the shell's recent list hears of
 * it); Delete asks, naming what goes, then deletes — including the briefing that is open.
 */
test('find, open and delete briefings from the switcher', async ({ page, app }) => {
  const sampleId = app.loadSample();
  const setModified = (id: string, iso: string) => app.lib.db.prepare('UPDATE briefings SET updated_at = ? WHERE id = ?').run(iso, id);
  const sections = [
    { key: 'purpose', heading: 'Purpose' },
    { key: 'keyPoints', heading: 'Key points' },
    { key: 'background', heading: 'Background' },
  ];
  const insurance = app.lib.createBriefing({ title: 'Corridor Insurance Read-Ahead', templateId: 'background-brief' }, sections);
  const fact = app.lib.searchFacts({ text: 'premiums' }).hits[0].fact.id;
  app.lib.addItems(
    insurance.id,
    [
      { kind: 'fact', factId: fact },
      { kind: 'prose', text: 'Premiums matter.' },
    ],
    'keyPoints',
  );
  const shipping = app.lib.createBriefing({ title: 'Black Sea Shipping Outlook', templateId: 'background-brief' }, sections);
  const now = Date.now();
  setModified(sampleId, new Date(now - 26 * 3600_000).toISOString()); // yesterday or the day before
  setModified(shipping.id, new Date(now - 5 * 86400_000).toISOString());
  setModified(insurance.id, new Date(now - 3 * 60_000).toISOString());
  const sampleTitle = app.lib.getBriefing(sampleId).title;

  const shell = await bindShell(page, app, { saveDialog: async () => undefined });
  await app.open();

  // ---- Open from the sidebar, then Ctrl+O ----
  await page.getByRole('button', { name: /Black Sea Shipping Outlook/ }).click();
  await expect(page.getByRole('textbox', { name: 'Briefing title' })).toHaveValue('Black Sea Shipping Outlook');
  await expect.poll(() => shell.desktop.recentBriefings().map((r) => r.title)).toEqual(['Black Sea Shipping Outlook']);
  await page.locator('.ed-section-title').first().focus();
  await page.keyboard.press('Control+o');
  const dialog = page.getByRole('dialog', { name: 'Open briefing' });
  const find = dialog.getByRole('combobox', { name: 'Find a briefing' });
  await expect(find).toBeFocused();
  const rows = dialog.getByRole('listbox', { name: 'Briefings' }).getByRole('option');
  // Newest change first; the open one marked; template name, counts and time on each row.
  await expect(rows).toHaveCount(3);
  await expect(rows.locator('.switcher-title')).toHaveText(['Corridor Insurance Read-Ahead', sampleTitle, 'Black Sea Shipping Outlook · open']);
  await expect(rows.nth(0).locator('.switcher-meta')).toHaveText('Background brief · 2 items, 1 fact');
  await expect(rows.nth(0).locator('.switcher-time')).toHaveText('3 min ago');
  await expect(rows.nth(2).locator('.switcher-meta')).toHaveText('Background brief · 0 items, 0 facts');
  await expect(rows.nth(2)).toHaveAttribute('aria-current', 'true');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  await snap(page, 'switcher-01-list');

  // ---- Typing filters (title or template, any word order); Enter opens ----
  await find.fill('read-ahead corridor');
  await expect(rows).toHaveCount(1);
  await snap(page, 'switcher-02-filtered');
  await find.fill('memo');
  await expect(rows.locator('.switcher-title')).toHaveText([sampleTitle]);
  await find.fill('nothing like this');
  await expect(dialog.getByText('No briefing matches.')).toBeVisible();
  await find.fill('insurance');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Briefing title' })).toHaveValue('Corridor Insurance Read-Ahead');
  // The shell's recent list (the native File ▸ Recent Briefings menu) heard about it.
  await expect.poll(() => shell.desktop.recentBriefings().map((r) => r.title)).toEqual(['Corridor Insurance Read-Ahead', 'Black Sea Shipping Outlook']);

  // ---- Toolbar button; Escape closes and gives focus back ----
  const openButton = page.getByRole('button', { name: 'Open… Ctrl+O' });
  await openButton.click();
  await expect(rows).toHaveCount(3);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(openButton).toBeFocused();

  // ---- Delete another briefing: asks first, naming what goes; Escape backs out ----
  await openButton.click();
  await expect(rows.locator('.switcher-title').nth(2)).toHaveText('Black Sea Shipping Outlook');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Delete');
  const confirm = dialog.getByRole('alertdialog', { name: 'Delete briefing?' });
  await expect(confirm).toContainText('Delete “Black Sea Shipping Outlook”? It is empty. This cannot be undone.');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(dialog).toBeVisible();
  expect(app.lib.listBriefings()).toHaveLength(3);
  await rows.nth(2).hover();
  await rows.nth(2).getByRole('button', { name: 'Delete Black Sea Shipping Outlook' }).click();
  await snap(page, 'switcher-03-delete-confirm');
  await confirm.getByRole('button', { name: 'Delete briefing' }).click();
  await expect(rows).toHaveCount(2);
  expect(app.lib.listBriefings().map((b) => b.title)).toEqual(['Corridor Insurance Read-Ahead', sampleTitle]);
  await expect(page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: /Black Sea Shipping Outlook/ })).toHaveCount(0);

  // The selection moved to the row that is now last; the search field still has focus.
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(find).toBeFocused();

  // ---- Delete the briefing that is open: back to the library; its facts stay ----
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Delete');
  await expect(confirm).toContainText('Delete “Corridor Insurance Read-Ahead” and its 2 items? The facts stay in the library.');
  await confirm.getByRole('button', { name: 'Delete briefing' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('library-total')).toBeVisible();
  expect(app.lib.listBriefings().map((b) => b.title)).toEqual([sampleTitle]);
  expect(app.lib.getFact(fact).id).toBe(fact);
});
