import { expect, snap, test } from './fixtures';

/**
 * Sections beyond the template's: add one where it belongs, rename it (a clash is refused
 * next to the field), move it by keyboard and by button, fill it, remove it after a
 * confirmation naming its items, undo and redo all of it; required sections stay; a removed
 * optional template section can be put back. Checked in the UI and in the stored briefing.
 */
test('add, rename, reorder, remove and restore sections with undo', async ({ page, app }) => {
  app.loadSample();
  const facts = app.lib.searchFacts({ text: 'premiums' }).hits.map((h) => h.fact.id);
  const b = app.lib.createBriefing({ title: 'Storage Options for the Spring Harvest', templateId: 'action-memo' }, [
    { key: 'bluf', heading: 'BLUF' },
    { key: 'discussion', heading: 'Discussion' },
    { key: 'recommendation', heading: 'RECOMMENDATION' },
    { key: 'coordination', heading: 'COORDINATION' },
  ]);
  app.lib.addItems(b.id, [{ kind: 'prose', text: 'Approve the storage grants.' }], 'bluf');
  expect(facts).toHaveLength(1);
  const stored = () => app.lib.getBriefing(b.id).sections.map((s) => `${s.heading}:${s.items.length}`);

  await app.open();
  await page.getByRole('button', { name: /Storage Options for the Spring Harvest/ }).click();
  const heads = page.locator('.ed-section-title');
  await expect(heads).toHaveText(['BLUF *', 'Discussion *', 'RECOMMENDATION *', 'COORDINATION']);

  // ---- Required sections cannot be removed; the control says why ----
  await expect(page.getByRole('button', { name: 'Remove section BLUF: required by the template: cannot be removed' })).toBeDisabled();

  // ---- Add a section after Discussion ----
  await page.getByRole('button', { name: 'Add section', exact: true }).click();
  const form = page.getByRole('form', { name: 'Add section' });
  await form.getByLabel('Heading').fill('Risks and Mitigations');
  await form.getByLabel('Place after').selectOption({ label: 'Discussion' });
  await snap(page, 'sections-01-add-form');
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(heads).toHaveText(['BLUF *', 'Discussion *', 'Risks and Mitigations', 'RECOMMENDATION *', 'COORDINATION']);
  await expect(heads.nth(2)).toBeFocused();
  expect(stored()).toEqual(['BLUF:1', 'Discussion:0', 'Risks and Mitigations:0', 'RECOMMENDATION:0', 'COORDINATION:0']);
  const custom = page.locator('.ed-section').nth(2);
  await expect(custom.locator('.own-tag')).toHaveText('Your section');

  // ---- Rename: a clash is refused beside the field, then a good name is stored ----
  await page.keyboard.press('F2');
  const rename = custom.getByRole('textbox', { name: 'Section heading' });
  await expect(rename).toBeFocused();
  await rename.fill('bluf');
  await page.keyboard.press('Enter');
  await expect(custom.getByRole('alert')).toHaveText('the briefing already has a section called "BLUF"');
  await expect(rename).toHaveAttribute('aria-invalid', 'true');
  await snap(page, 'sections-02-rename-error');
  await rename.fill('Risks to Storage');
  await page.keyboard.press('Enter');
  await expect(heads.nth(2)).toHaveText('Risks to Storage');
  await expect(heads.nth(2)).toBeFocused();
  expect(app.lib.getBriefing(b.id).sections[2].heading).toBe('Risks to Storage');
  // Template sections are not renamed.
  await expect(page.getByRole('button', { name: /^Rename section BLUF/ })).toHaveCount(0);

  // ---- Fill it from the palette; the preview shows the section in place ----
  await custom.getByRole('button', { name: 'Insert fact' }).click();
  const palette = page.getByRole('dialog', { name: 'Insert fact' });
  await expect(palette.getByRole('combobox', { name: 'Insert into' })).toHaveValue(app.lib.getBriefing(b.id).sections[2].id);
  await palette.getByRole('combobox', { name: 'Search facts to insert' }).fill('premiums');
  await expect(palette.getByRole('listbox', { name: 'Matching facts' }).getByRole('option')).toHaveCount(facts.length);
  await page.keyboard.press('Enter');
  await expect(custom.locator('[data-item-id]')).toHaveCount(1);
  const first = app.lib.getBriefing(b.id).sections[2].items[0];
  const inserted = first.kind === 'fact' ? first.factId : '';
  expect(facts).toContain(inserted);
  const preview = page.getByTestId('preview');
  await expect(preview.locator('.pv-section-head')).toContainText(['Risks to Storage']);
  await expect(preview.locator('.pv-note-list li')).toHaveCount(1);

  // ---- Reorder by keyboard (Alt+Shift+↑ on the focused heading) and by button ----
  await heads.nth(2).focus();
  await page.keyboard.press('Alt+Shift+ArrowUp');
  await expect(heads).toHaveText(['BLUF *', 'Risks to Storage', 'Discussion *', 'RECOMMENDATION *', 'COORDINATION']);
  await expect(heads.nth(1)).toBeFocused();
  expect(stored()).toEqual(['BLUF:1', 'Risks to Storage:1', 'Discussion:0', 'RECOMMENDATION:0', 'COORDINATION:0']);
  await page.keyboard.press('Alt+Shift+ArrowDown');
  await page.keyboard.press('Alt+Shift+ArrowDown');
  await expect(heads).toHaveText(['BLUF *', 'Discussion *', 'RECOMMENDATION *', 'Risks to Storage', 'COORDINATION']);
  await page.getByRole('button', { name: 'Move section Risks to Storage up (Alt+Shift+Up)' }).click();
  await expect(heads).toHaveText(['BLUF *', 'Discussion *', 'Risks to Storage', 'RECOMMENDATION *', 'COORDINATION']);
  expect(stored()).toEqual(['BLUF:1', 'Discussion:0', 'Risks to Storage:1', 'RECOMMENDATION:0', 'COORDINATION:0']);
  // The preview follows: the custom section now comes before the recommendation.
  const customKey = app.lib.getBriefing(b.id).sections[2].key;
  const previewOrder = () => preview.locator('[data-section]').evaluateAll((els) => els.map((e) => e.getAttribute('data-section')));
  await expect.poll(previewOrder).toEqual(['bluf', 'discussion', customKey, 'recommendation', 'coordination']);
  await snap(page, 'sections-03-custom-in-place');

  // ---- Remove it: the confirmation names how many items go ----
  await page.getByRole('button', { name: 'Remove section Risks to Storage' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Remove section Risks to Storage?' });
  await expect(confirm).toContainText('Remove “Risks to Storage” and the 1 item in it?');
  await snap(page, 'sections-04-remove-confirm');
  await confirm.getByRole('button', { name: 'Remove section and 1 item' }).click();
  await expect(heads).toHaveText(['BLUF *', 'Discussion *', 'RECOMMENDATION *', 'COORDINATION']);
  expect(stored()).toEqual(['BLUF:1', 'Discussion:0', 'RECOMMENDATION:0', 'COORDINATION:0']);

  // ---- Undo puts it back with its fact, in place; redo removes it again ----
  await expect(page.getByRole('button', { name: /^Undo Remove section “Risks to Storage”/ })).toBeEnabled();
  await page.keyboard.press('Control+z');
  await expect(heads).toHaveText(['BLUF *', 'Discussion *', 'Risks to Storage', 'RECOMMENDATION *', 'COORDINATION']);
  expect(stored()).toEqual(['BLUF:1', 'Discussion:0', 'Risks to Storage:1', 'RECOMMENDATION:0', 'COORDINATION:0']);
  expect(app.lib.getBriefing(b.id).sections[2].items[0]).toMatchObject({ kind: 'fact', factId: inserted });
  await page.keyboard.press('Control+Shift+z');
  await expect(heads).toHaveText(['BLUF *', 'Discussion *', 'RECOMMENDATION *', 'COORDINATION']);
  // Back through the removal and the button move: below the recommendation again…
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(heads).toHaveText(['BLUF *', 'Discussion *', 'RECOMMENDATION *', 'Risks to Storage', 'COORDINATION']);
  // …through the three keyboard moves and the insert (the restored fact is found again)…
  for (let i = 0; i < 4; i++) await page.keyboard.press('Control+z');
  await expect(heads).toHaveText(['BLUF *', 'Discussion *', 'Risks to Storage', 'RECOMMENDATION *', 'COORDINATION']);
  await expect(page.locator('.ed-section').nth(2).locator('[data-item-id]')).toHaveCount(0);
  // …the rename and the add: as it was, with nothing left to undo.
  await page.keyboard.press('Control+z');
  await expect(heads.nth(2)).toHaveText('Risks and Mitigations');
  await page.keyboard.press('Control+z');
  await expect(heads).toHaveText(['BLUF *', 'Discussion *', 'RECOMMENDATION *', 'COORDINATION']);
  await expect(page.getByRole('button', { name: 'Undo (Ctrl+Z)' })).toBeDisabled();
  expect(stored()).toEqual(['BLUF:1', 'Discussion:0', 'RECOMMENDATION:0', 'COORDINATION:0']);

  // ---- An optional template section: removed when empty, no confirmation; offered back ----
  await page.getByRole('button', { name: 'Remove section COORDINATION' }).click();
  await expect(heads).toHaveText(['BLUF *', 'Discussion *', 'RECOMMENDATION *']);
  await page.getByRole('button', { name: 'Add section', exact: true }).click();
  await form.getByRole('button', { name: 'COORDINATION' }).click();
  await expect(heads).toHaveText(['BLUF *', 'Discussion *', 'RECOMMENDATION *', 'COORDINATION']);
  expect(app.lib.getBriefing(b.id).sections[3]).toMatchObject({ key: 'coordination', heading: 'COORDINATION' });
  // Its guidance came back with its key.
  await expect(page.locator('[data-section-key="coordination"] .guidance')).toContainText('Offices that coordinated');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('button', { name: 'Add section', exact: true }).click();
  await form.getByLabel('Heading').fill('Annex');
  await page.locator('.ed-section').nth(1).hover();
  await snap(page, 'sections-05-dark');
});
