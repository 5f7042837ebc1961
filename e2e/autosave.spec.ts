import { expect, test } from './fixtures';

test('closing the window right after typing loses nothing', async ({ page, app }) => {
  const id = app.loadSample();
  await app.open();
  await page.getByRole('button', { name: /Funding Storage/ }).click();
  const bluf = page.locator('[data-section-key="bluf"] .ProseMirror');
  await bluf.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Last words.');
  await page.getByRole('textbox', { name: 'THROUGH' }).click();
  await page.keyboard.type('Deputy Secretary');
  // No pause for the typing delay: the window goes away at once.
  await page.reload();
  const b = app.lib.getBriefing(id);
  const text = b.sections.find((s) => s.key === 'bluf')!.items[0]!;
  await expect.poll(() => app.lib.getBriefing(id).fields.through).toBe('Deputy Secretary');
  expect(text.kind === 'prose' && text.text.endsWith(' Last words.')).toBe(true);
});
