import { readFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { expect, previewNotes, test } from './fixtures';

const ARTICLE = [
  'Ships carrying grain left the port of Odesa on Jan. 18 for the first time in three weeks. Port officials said eleven vessels were still waiting to load.',
  '"We will keep the corridor open as long as the guarantees hold," the foreign minister said. Insurers have cut war-risk premiums by half since December.',
].join('\n\n');

test('capture an article, search it, build an action memo, reorder, export .docx', async ({ page, app }) => {
  // A second source already in the library, so the notes alternate between sources.
  const report = app.lib.addSource({
    type: 'report',
    title: 'Black Sea Shipping After the Ceasefire',
    authors: [{ literal: 'Institute for Trade Studies' }],
    publisher: 'Institute for Trade Studies',
    issued: '2024-12',
    reliability: 'A',
  });
  app.lib.addFact({
    sourceId: report.id,
    text: 'Berths at the three main ports ran at 92 percent of capacity.',
    kind: 'statistic',
    locator: { label: 'page', value: '14' },
  });
  await app.open();

  // ---- Capture ----
  await page.getByRole('button', { name: 'Capture' }).click();
  await page.getByLabel('Text', { exact: true }).fill(ARTICLE);
  await page.getByLabel('Title').fill('Grain Corridor Reopens as Talks Resume');
  await page.getByLabel('Authors').fill('Okafor, Adaeze');
  await page.getByLabel('Published in').fill('The Meridian Herald');
  await page.getByLabel('Issued').fill('2025-01-19');
  await page.getByLabel('URL').fill('https://meridian-herald.example/2025/01/19/grain-corridor');
  await page.getByLabel('Reliability', { exact: true }).selectOption('B');
  const candidates = page.getByRole('list', { name: 'Candidate facts' }).getByRole('listitem');
  await expect(candidates).toHaveCount(4);
  await expect(candidates.first()).toContainText('on Jan. 18 for the first time');
  await candidates.nth(1).click(); // drop "Port officials said…"
  await expect(page.getByLabel('Keep candidate 2')).not.toBeChecked();
  await page.getByRole('button', { name: 'Save 3 facts' }).click();

  // The library opens on the new source.
  await expect(page.getByTestId('library-total')).toHaveText('3 facts');
  await expect(page.getByRole('heading', { name: 'Grain Corridor Reopens as Talks Resume' })).toBeVisible();
  expect(app.lib.searchFacts({}).total).toBe(4);

  // ---- Search as you type, with highlights ----
  await page.getByRole('button', { name: /^Library/ }).click();
  await expect(page.getByTestId('library-total')).toHaveText('4 facts');
  await page.getByRole('searchbox', { name: 'Search facts' }).fill('insur');
  await expect(page.getByTestId('library-total')).toHaveText('1 fact');
  await expect(page.locator('#library-list mark')).toHaveText(['Insurers']);

  // ---- New action memo ----
  await page.getByRole('button', { name: 'New briefing (Ctrl+N)' }).click();
  const dialog = page.getByRole('dialog', { name: 'New briefing' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Keeping the Grain Corridor Open');
  await dialog.getByRole('radio', { name: 'Action memo' }).check();
  await dialog.getByRole('button', { name: 'Create briefing' }).click();
  await expect(page.getByRole('textbox', { name: 'Briefing title' })).toHaveValue('Keeping the Grain Corridor Open');
  const discussion = page.locator('[data-section-key="discussion"]');
  const items = discussion.locator('[data-item-id]');

  // ---- Insert with the palette (Ctrl+K) ----
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Insert fact' });
  await palette.getByRole('combobox', { name: 'Search facts to insert' }).fill('ships carrying');
  await expect(palette.getByRole('listbox', { name: 'Matching facts' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(1);

  await page.keyboard.press('Control+k');
  await palette.getByRole('combobox', { name: 'Search facts to insert' }).fill('guarantees');
  await expect(palette.getByRole('listbox', { name: 'Matching facts' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(2);
  await expect.poll(() => previewNotes(page)).toEqual([expect.stringContaining('Okafor'), expect.stringMatching(/^Ibid\./)]);

  // ---- Insert by dragging from the fact list ----
  await page.getByRole('searchbox', { name: 'Search facts to insert' }).fill('berths');
  const row = page.locator('#picker-list [role="option"]').filter({ hasText: 'Berths at the three main ports' });
  await expect(page.locator('#picker-list [role="option"]')).toHaveCount(1);
  // The drop point is measured from the section's height: only once its chips show their facts
  // (a chip still loading is shorter, and a point measured then can land on the last item).
  const loading = discussion.locator('.fact-chip-text').filter({ hasText: 'Loading fact…' });
  await expect(loading).toHaveCount(0);
  const box = (await discussion.boundingBox())!;
  await row.dragTo(discussion, { targetPosition: { x: 40, y: box.height - 12 } });
  await expect(items).toHaveCount(3);
  await expect(items.nth(2)).toContainText('Berths at the three main ports');
  await expect
    .poll(() => previewNotes(page))
    .toEqual([expect.stringContaining('Okafor'), expect.stringMatching(/^Ibid\./), expect.stringContaining('Institute for Trade Studies')]);
  await expect(items.nth(1).locator('.note-ref')).toHaveText('2');

  // ---- Reorder: the report to the top; notes renumber and Ibid. moves ----
  await items.nth(2).locator('.fact-chip-text').click();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(items.nth(1)).toContainText('Berths');
  await page.keyboard.press('Alt+ArrowUp');
  await expect(items.nth(0)).toContainText('Berths');
  await expect
    .poll(() => previewNotes(page))
    .toEqual([expect.stringContaining('Institute for Trade Studies'), expect.stringContaining('Okafor'), expect.stringMatching(/^Ibid\./)]);
  await expect(page.locator('[data-testid="preview"] sup.pv-ref')).toHaveText(['1', '2', '3']);
  await expect(items.nth(0).locator('.note-ref')).toHaveText('1');

  // Drag an item back down with the mouse: the report goes last again.
  const handle = items.nth(0).locator('.drag-handle');
  await expect(loading).toHaveCount(0);
  const after = (await discussion.boundingBox())!;
  await handle.dragTo(discussion, { targetPosition: { x: 40, y: after.height - 12 } });
  await expect(items.nth(2)).toContainText('Berths');
  await expect
    .poll(() => previewNotes(page))
    .toEqual([expect.stringContaining('Okafor'), expect.stringMatching(/^Ibid\./), expect.stringContaining('Institute')]);

  // Undo the drag: the report is first again (and in the library, not only on screen).
  await page.locator('.editor-scroll').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(items.nth(0)).toContainText('Berths');
  await expect.poll(() => app.lib.getBriefing('Keeping the Grain Corridor Open').sections.find((s) => s.key === 'discussion')!.items.length).toBe(3);
  const stored = app.lib.getBriefing('Keeping the Grain Corridor Open').sections.find((s) => s.key === 'discussion')!.items;
  expect(stored[0].kind === 'fact' && app.lib.getFact(stored[0].factId).text).toContain('Berths');

  // ---- Export .docx ----
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Export briefing' });
  await expect(panel.getByRole('radio', { name: /Word document/ })).toBeChecked();
  await panel.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByTestId('export-result')).toContainText('Exported 3 notes');
  const path = await panel.locator('.export-path').innerText();
  expect(dirname(path)).toBe(app.exportDir);
  expect(existsSync(path)).toBe(true);
  const zip = unzipSync(new Uint8Array(readFileSync(path)));
  const footnotes = strFromU8(zip['word/footnotes.xml']);
  const real = [...footnotes.matchAll(/<w:footnote\b([^>]*)>/g)].filter((m) => !/w:type="(separator|continuationSeparator)"/.test(m[1]));
  expect(real).toHaveLength(3);
  expect(footnotes).toContain('Institute for Trade Studies');
  expect(footnotes).toContain('Ibid.');
  const body = strFromU8(zip['word/document.xml']);
  expect(body).toContain('Keeping the Grain Corridor Open');
});
