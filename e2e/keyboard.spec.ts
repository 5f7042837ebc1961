import { expect, previewNotes, test } from './fixtures';

test('keyboard: Ctrl+K inserts a fact; Alt+arrows move; Ctrl+Z / Ctrl+Shift+Z undo and redo the move; typing saves Markdown', async ({ page, app }) => {
  const id = app.loadSample();
  await app.open();
  await page.getByRole('button', { name: /Funding Storage/ }).click();
  const discussion = page.locator('[data-section-key="discussion"]');
  const items = discussion.locator('[data-item-id]');
  // How many items the section has comes from the library; the editor is waited for until it
  // shows them all (a count read once could be taken before the briefing has rendered).
  const discussionItems = () => app.lib.getBriefing(id).sections.find((s) => s.key === 'discussion')!.items;
  const before = discussionItems().length;
  expect(before).toBeGreaterThan(3);
  await expect(items).toHaveCount(before);
  const stored = () => discussionItems().map((i) => (i.kind === 'fact' ? app.lib.getFact(i.factId).text.slice(0, 24) : `prose:${i.text.slice(0, 16)}`));
  const asLoaded = stored();

  // Ctrl+K, type, Enter: into the section that has focus.
  await items.nth(0).focus();
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Insert fact' })).toBeVisible();
  await page.keyboard.type('insurers returned');
  await expect(page.getByRole('listbox', { name: 'Matching facts' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Insert fact' })).toHaveCount(0);
  await expect(items).toHaveCount(before + 1);
  await expect(items.nth(1)).toContainText('War-risk insurance premiums');

  // Alt+Down moves the focused item; Ctrl+Z undoes, Ctrl+Shift+Z redoes — in the library too.
  // The preview follows each edit a moment later: read its notes only once it has caught up
  // with what the editor shows (aria-busy false), never a preview of an earlier state.
  const preview = page.getByTestId('preview');
  await expect(preview).toHaveAttribute('aria-busy', 'false');
  const notesBefore = await previewNotes(page);
  const order0 = stored();
  await items.nth(0).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(items.nth(1)).toContainText('Ships carrying grain');
  await expect(items.nth(1)).toBeFocused();
  await expect.poll(stored).toEqual([order0[1], order0[0], ...order0.slice(2)]);
  await expect(preview).toHaveAttribute('aria-busy', 'false');
  const notesMoved = await previewNotes(page);
  expect(notesMoved).not.toEqual(notesBefore);

  await page.keyboard.press('Control+z');
  await expect(items.nth(0)).toContainText('Ships carrying grain');
  await expect.poll(stored).toEqual(order0);

  await page.keyboard.press('Control+Shift+z');
  await expect(items.nth(1)).toContainText('Ships carrying grain');
  await expect.poll(stored).toEqual([order0[1], order0[0], ...order0.slice(2)]);
  await expect(preview).toHaveAttribute('aria-busy', 'false');
  expect(await previewNotes(page)).toEqual(notesMoved);

  // Undo the insert too (two steps back), then Delete removes the focused item and Ctrl+Z restores it.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(items).toHaveCount(before);
  await expect.poll(stored).toEqual(asLoaded);
  // The third item's words from the library, and the editor shows them before it is deleted.
  const thirdItem = discussionItems()[2];
  const third = (thirdItem.kind === 'fact' ? app.lib.getFact(thirdItem.factId).text : thirdItem.text).slice(0, 60);
  await expect(items.nth(2)).toContainText(third);
  await items.nth(2).focus();
  await page.keyboard.press('Delete');
  await expect(items).toHaveCount(before - 1);
  await page.keyboard.press('Control+z');
  await expect(items).toHaveCount(before);
  await expect(items.nth(2)).toContainText(third);

  // Header fields save while typing (debounced), without leaving the field.
  const through = page.getByRole('textbox', { name: 'THROUGH' });
  await through.click();
  await page.keyboard.type('Assistant Secretary for Economic Affairs');
  await expect.poll(() => app.lib.getBriefing(id).fields.through).toBe('Assistant Secretary for Economic Affairs');
  await expect(page.getByTestId('preview').locator('.pv-fields')).toContainText('THROUGH:');
  await page.locator('.editor-scroll').click({ position: { x: 3, y: 3 } });
  await page.keyboard.press('Control+z');
  await expect(through).toHaveValue('');
  await expect.poll(() => app.lib.getBriefing(id).fields.through ?? '').toBe('');

  // Typing in a prose item: TipTap's *italic* input rule, saved as the model's Markdown.
  const bluf = page.locator('[data-section-key="bluf"] .ProseMirror');
  await bluf.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Decide by *Friday* ');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('without fail');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('.');
  await expect(bluf.locator('em')).toHaveText('Friday');
  await expect(bluf.locator('strong')).toHaveText('without fail');
  const blufText = () => {
    const item = app.lib.getBriefing(id).sections.find((s) => s.key === 'bluf')!.items[0];
    return item.kind === 'prose' ? item.text : '';
  };
  await expect.poll(blufText).toMatch(/ Decide by \*Friday\* \*\*without fail\*\*\.$/);
  await expect(page.getByTestId('preview').locator('.pv-section-bluf em')).toHaveText('Friday');
  // Ctrl+Z inside the editor is the editor's own history, not the briefing's.
  await page.keyboard.press('Control+z');
  await expect(bluf).not.toContainText('without fail.');
  await expect(bluf).toContainText('Approve $12 million');
  await expect(items).toHaveCount(before);
});
