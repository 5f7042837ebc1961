import { expect, snap, test } from './fixtures';

test('sources manager: find, sort, edit with field errors, merge a duplicate, delete with its facts, show its facts', async ({ page, app }) => {
  app.loadSample();
  const herald = app.lib.listSources().find((s) => s.title === 'Grain Corridor Reopens as Talks Resume')!;
  const heraldShips = app.lib.factsOfSource(herald.id).find((f) => f.text.startsWith('Ships carrying grain'))!;
  // A duplicate of the Herald story, captured again from its web page: one sentence already in the library, one new.
  const dup = app.lib.addSource({ type: 'webpage', title: 'Grain corridor reopens as talks resume (web copy)', url: 'https://herald.example/corridor' });
  app.lib.addFact({ sourceId: dup.id, text: heraldShips.text });
  const moved = app.lib.addFact({ sourceId: dup.id, text: 'Port officials expect forty ships a week by March.' });
  const scratch = app.lib.addSource({ type: 'document', title: 'Scratch notes from the briefing call' });
  const scratchFacts = [
    app.lib.addFact({ sourceId: scratch.id, text: 'Storage at Izmail is nearly full.' }),
    app.lib.addFact({ sourceId: scratch.id, text: 'Rail wagons are short again.' }),
  ];

  await app.open();
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('button', { name: /^Sources \d/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Sources', level: 1 })).toBeVisible();
  await expect(page.getByTestId('sources-total')).toHaveText('7 sources');
  const list = page.getByRole('listbox', { name: 'Sources' });
  const rows = list.getByRole('option');

  // Search (title, author, outlet) and type filter go through the core's source listing.
  await page.getByRole('searchbox', { name: 'Search sources' }).fill('corridor');
  await expect(page.getByTestId('sources-total')).toHaveText('3 sources');
  await page.getByLabel('Source type').selectOption('webpage');
  await expect(page.getByTestId('sources-total')).toHaveText('1 source');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('(web copy)');
  await page.getByLabel('Source type').selectOption('');
  await page.getByRole('searchbox', { name: 'Search sources' }).fill('');
  await expect(page.getByTestId('sources-total')).toHaveText('7 sources');

  // Sort by fact count (most first), then reverse it.
  await page.getByRole('button', { name: 'Sort by facts' }).click();
  await expect(rows.first()).toContainText('Black Sea Shipping After the Ceasefire');
  await expect(rows.first()).toContainText('3');
  await page.getByRole('button', { name: 'Sort by facts, descending' }).click();
  await expect(page.getByRole('button', { name: 'Sort by facts, ascending' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Sort by title' }).click();
  await expect(rows.first()).toContainText('Black Sea Shipping');

  // Keyboard: the list moves its selection with the arrows; Enter goes into the editor.
  await rows.first().click();
  const editor = page.getByTestId('source-editor');
  await expect(editor.getByRole('heading', { level: 2 })).toHaveText('Black Sea Shipping After the Ceasefire: Capacity, Insurance and Risk');
  await list.press('ArrowDown');
  await expect(editor.getByRole('heading', { level: 2 })).toHaveText('Grain Corridor Reopens as Talks Resume');
  await list.press('ArrowDown');
  await expect(editor.getByRole('heading', { level: 2 })).toHaveText('Grain corridor reopens as talks resume (web copy)');
  await list.press('Enter');
  await expect(editor.getByRole('textbox', { name: 'Title' })).toBeFocused();

  // Every field is editable; the core's refusal sits under the field, and nothing is saved.
  const issued = editor.getByRole('textbox', { name: 'Issued' });
  await issued.fill('2025-02-30');
  await issued.press('Enter');
  await expect(issued).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.locator('#source-edit-issued-error')).toContainText('is not a date');
  expect(app.lib.getSource(dup.id).issued).toBeUndefined();
  await issued.fill('2025-01-19');
  await issued.press('Enter');
  await expect(editor.locator('#source-edit-issued-error')).toHaveCount(0);
  await editor.getByRole('textbox', { name: 'Publisher' }).fill('Meridian Media');
  await editor.getByRole('textbox', { name: 'Publisher' }).press('Enter');
  await editor.getByLabel('Reliability', { exact: true }).selectOption('C');
  const extra = editor.getByRole('textbox', { name: 'Other CSL fields (JSON)' });
  await extra.fill('{ "section": ');
  await extra.press('Tab');
  await expect(editor.locator('#source-edit-extra-error')).toContainText('not valid JSON');
  await extra.fill('{ "section": "World" }');
  await extra.press('Tab');
  await expect(editor.locator('#source-edit-extra-error')).toHaveCount(0);
  await expect
    .poll(() => {
      const s = app.lib.getSource(dup.id);
      return [s.issued, s.publisher, s.reliability, s.extra.section];
    })
    .toEqual(['2025-01-19', 'Meridian Media', 'C', 'World']);
  await snap(page, 'sources-01-editor');

  // Merge the web copy into the Herald story: the dialog says how many facts move.
  await editor.getByRole('button', { name: 'Merge into…' }).click();
  const merge = page.getByRole('dialog', { name: 'Merge into another source' });
  await expect(merge.getByRole('combobox', { name: 'Source to keep' })).toBeFocused();
  await page.keyboard.type('Reopens as Talks');
  await expect(merge.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(merge.getByTestId('merge-summary')).toContainText(
    '2 facts will move from “Grain corridor reopens as talks resume (web copy)” to “Grain Corridor Reopens as Talks Resume” (which has 2 facts)',
  );
  await snap(page, 'sources-02-merge-dialog');
  await merge.getByRole('button', { name: 'Merge and move 2 facts' }).click();
  await expect(merge).toHaveCount(0);
  await expect(editor.getByRole('heading', { level: 2 })).toHaveText('Grain Corridor Reopens as Talks Resume');
  await expect(page.getByTestId('source-notice')).toHaveText(/1 fact moved; 1 fact with the same words merged into its twin/);
  await expect(page.getByTestId('sources-total')).toHaveText('6 sources');
  await expect(list).toBeFocused();
  // The core agrees: the duplicate is gone, its new fact now belongs to the kept source, the twin is one fact.
  expect(() => app.lib.getSource(dup.id)).toThrow(/not found/);
  expect(app.lib.getFact(moved.id).sourceId).toBe(herald.id);
  expect(app.lib.factsOfSource(herald.id).filter((f) => f.text === heraldShips.text)).toHaveLength(1);
  expect(app.lib.listSources().find((s) => s.id === herald.id)!.factCount).toBe(3);
  // Empty fields of the kept source were filled from the duplicate.
  expect(app.lib.getSource(herald.id).url).toBe(herald.url ?? 'https://herald.example/corridor');
  await expect(rows.filter({ hasText: 'Grain Corridor Reopens' })).toContainText('3');
  await snap(page, 'sources-03-merged');

  // Delete: a source with facts needs the explicit "also delete its facts".
  await rows.filter({ hasText: 'Scratch notes' }).click();
  await editor.getByRole('button', { name: 'Delete…' }).click();
  const remove = page.getByRole('dialog', { name: 'Delete source' });
  await expect(remove).toContainText('has 2 facts');
  await expect(remove.getByRole('button', { name: 'Cancel' })).toBeFocused();
  const confirm = remove.getByRole('button', { name: 'Delete source and 2 facts' });
  await expect(confirm).toBeDisabled();
  await snap(page, 'sources-04-delete-dialog');
  await remove.getByRole('checkbox', { name: 'Also delete its 2 facts' }).check();
  await confirm.click();
  await expect(remove).toHaveCount(0);
  await expect(page.getByTestId('sources-total')).toHaveText('5 sources');
  expect(() => app.lib.getSource(scratch.id)).toThrow(/not found/);
  for (const f of scratchFacts) expect(() => app.lib.getFact(f.id)).toThrow(/not found/);

  // Facts cited in a briefing: the core refuses, the dialog says why, nothing is deleted.
  await rows.filter({ hasText: 'Why the Corridor Will Close' }).click();
  await editor.getByRole('button', { name: 'Delete…' }).click();
  await remove.getByRole('checkbox', { name: 'Also delete its 1 fact' }).check();
  await remove.getByRole('button', { name: 'Delete source and 1 fact' }).click();
  await expect(remove.getByRole('alert')).toContainText('cited in briefing(s): "Funding Storage');
  await remove.press('Escape');
  await expect(remove).toHaveCount(0);
  expect(app.lib.listSources().find((s) => s.title === 'Why the Corridor Will Close Again by Spring')?.factCount).toBe(1);

  // Show the facts of a source: the library, filtered to it.
  await rows.filter({ hasText: 'Grain Corridor Reopens' }).click();
  await editor.getByRole('button', { name: 'Show facts from this source' }).click();
  await expect(page.getByRole('heading', { name: 'Grain Corridor Reopens as Talks Resume', level: 1 })).toBeVisible();
  await expect(page.getByTestId('library-total')).toHaveText('3 facts');
  await expect(page.locator('#library-list [role="option"]').filter({ hasText: 'forty ships a week' })).toHaveCount(1);

  // The inspector's source section leads back to the manager.
  await page.locator('#library-list [role="option"]').first().click();
  await page.getByTestId('inspector').getByRole('button', { name: 'Manage source…' }).click();
  await expect(editor.getByRole('heading', { level: 2 })).toHaveText('Grain Corridor Reopens as Talks Resume');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'sources-05-dark');
});
