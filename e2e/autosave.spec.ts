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
  await page.keyboard.type('Deputy Secretar');
  // A slow core from here on, and the typing pause's save of "Deputy Secretar" still on its way
  // when the last key is typed and the window goes: the last save must not wait behind it.
  app.coreDelayMs = 2_000;
  const sent = (text: string) => app.log.some((c) => c.name === 'briefings:update' && JSON.stringify(c.args).includes(`"through":"${text}"`));
  await expect.poll(() => sent('Deputy Secretar')).toBe(true);
  await page.keyboard.type('y');
  // No pause for the typing delay: the window goes away at once.
  await page.reload();
  // Both saves travel as the page goes away and land after the reload: wait for them, never
  // read the library once.
  const saved = () => {
    const b = app.lib.getBriefing(id);
    const item = b.sections.find((s) => s.key === 'bluf')!.items[0];
    return { through: b.fields.through, bluf: item.kind === 'prose' ? item.text.slice(-12) : '' };
  };
  await expect.poll(saved).toEqual({ through: 'Deputy Secretary', bluf: ' Last words.' });
});
