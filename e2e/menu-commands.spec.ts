import { expect, snap, test } from './fixtures';
import { emitShellEvent, enableShellEvents } from './harness/shell-events';

/**
 * The native menu's commands reach the workspace: the main process sends `menu:command` (File ▸
 * New Briefing, Open Briefing…, Recent Briefings, Export…; Edit ▸ Find…), exactly as played here,
 * and `library:changed` after it opened, switched or restored the library.
 */
test('menu commands: new briefing, recent briefing, open briefing, export and find', async ({ page, app }) => {
  const id = app.loadSample();
  const title = app.lib.getBriefing(id).title;
  await enableShellEvents(page, ['menu:command', 'library:changed']);
  await app.open();
  const menu = (payload: Parameters<typeof emitShellEvent<'menu:command'>>[2]) => emitShellEvent(page, 'menu:command', payload);
  const titleBox = page.getByRole('textbox', { name: 'Briefing title' });
  const search = page.getByRole('searchbox', { name: 'Search facts' });

  // File ▸ New Briefing: the new-briefing dialog, title field ready.
  expect(await menu({ command: 'briefing:new' })).toBe(1);
  const dialog = page.getByRole('dialog', { name: 'New briefing' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Title')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Export… and Open Briefing… with no briefing open: a word, and the switcher of all briefings.
  await menu({ command: 'export' });
  await expect(page.getByText('No briefing is open to export. Open one first (Ctrl+O).')).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Export briefing' })).toHaveCount(0);
  await menu({ command: 'briefing:switch' });
  const switcher = page.getByRole('dialog', { name: 'Open briefing' });
  await expect(switcher).toBeVisible();
  await expect(switcher.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(switcher).toHaveCount(0);

  // File ▸ Recent Briefings ▸ (one): opened; one that is gone from this library: said so, nothing moves.
  await menu({ command: 'briefing:open', briefingId: id });
  await expect(titleBox).toHaveValue(title);
  await menu({ command: 'briefing:open', briefingId: 'b-not-here' });
  await expect(page.getByText('That briefing is not in this library any more.')).toBeVisible();
  await expect(titleBox).toHaveValue(title);

  // File ▸ Export…: the open briefing's export panel.
  await menu({ command: 'export' });
  const exportPanel = page.getByRole('dialog', { name: 'Export briefing' });
  await expect(exportPanel).toBeVisible();
  await snap(page, 'menu-commands-01-export');
  await page.getByRole('button', { name: 'Export', description: 'Export (Ctrl+E)' }).click();
  await expect(exportPanel).toHaveCount(0);

  // File ▸ Open Briefing… (Ctrl+O in the desktop app) in the editor: its switcher.
  await menu({ command: 'briefing:switch' });
  await expect(switcher).toBeVisible();
  await expect(switcher.getByLabel('Find a briefing')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(switcher).toHaveCount(0);
  await expect(exportPanel).toHaveCount(0);

  // Edit ▸ Find…: to the library, the search box focused with its text selected.
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('button', { name: /^Library/ })
    .click();
  await search.fill('insurers');
  await expect(page.getByTestId('library-total')).toHaveText('1 fact');
  await menu({ command: 'briefing:open', briefingId: id });
  await expect(titleBox).toHaveValue(title);
  await menu({ command: 'find' });
  await expect(search).toBeFocused();
  await expect
    .poll(() => search.evaluate((el: HTMLInputElement) => [el.value, el.selectionStart, el.selectionEnd]))
    .toEqual(['insurers', 0, 'insurers'.length]);
  await page.keyboard.type('premiums');
  await expect(search).toHaveValue('premiums');
  // Already in the library: focus moves back to the search box from the list.
  await page.locator('#library-list').focus();
  await menu({ command: 'find' });
  await expect(search).toBeFocused();

  // A command this version does not know changes nothing.
  expect(await menu({ command: 'print' } as never)).toBe(1);
  await expect(page.getByText('The desktop shell sent a menu command this version does not know.')).toBeVisible();
  await expect(search).toHaveValue('premiums');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('library:changed reloads what the window shows: lists, counts, the open briefing and the selected fact', async ({ page, app }) => {
  const id = app.loadSample();
  await enableShellEvents(page, ['menu:command', 'library:changed']);
  await app.open();
  const total = page.getByTestId('library-total');
  const n = app.lib.searchFacts({}).total;
  await expect(total).toHaveText(`${n} facts`);
  const status = page.getByRole('contentinfo', { name: 'Status' });
  const opened = { state: 'open' as const, path: `${app.dir}/library.sqlite`, healthy: true, problems: [] };

  // Facts added behind the page's back (as a restore or another library would bring) appear.
  const source = app.lib.addSource({ type: 'report', title: 'Rail Wagon Census', reliability: 'B', issued: '2025-03-01' });
  app.lib.addFact({ sourceId: source.id, text: 'Rail operators counted 2,140 idle grain wagons at the border crossings.' });
  app.lib.addFact({ sourceId: source.id, text: 'Wagon turnaround at Chop fell to nine days.' });
  // Nothing to wait for here: the page has no timer that reads the library again (it hears of
  // changes from the shell alone), so it still shows the old count until the event below.
  await expect(total).toHaveText(`${n} facts`);
  expect(await emitShellEvent(page, 'library:changed', opened)).toBe(1);
  await expect(total).toHaveText(`${n + 2} facts`);
  await expect(page.locator('#library-list')).toContainText('2,140 idle grain wagons');
  await expect(status).toContainText(`${n + 2} facts`);
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toContainText('Rail Wagon Census');

  // The selected fact is read again; one gone from the library is no longer selected.
  await page.locator('#library-list').getByText('2,140 idle grain wagons').click();
  const inspectorText = page.locator('#inspector-text');
  await expect(inspectorText).toHaveValue(/2,140 idle grain wagons/);
  const wagons = app.lib.searchFacts({ text: 'idle wagons' }).hits[0].fact.id;
  app.lib.updateFact(wagons, { text: 'Rail operators counted 2,300 idle grain wagons at the border crossings.' });
  await emitShellEvent(page, 'library:changed', opened);
  await expect(inspectorText).toHaveValue(/2,300 idle grain wagons/);
  app.lib.removeFact(wagons);
  await emitShellEvent(page, 'library:changed', opened);
  await expect(inspectorText).toHaveCount(0);
  await expect(total).toHaveText(`${n + 1} facts`);

  // The open briefing is read again: a changed title shows; a briefing gone from the library closes.
  await emitShellEvent(page, 'menu:command', { command: 'briefing:open', briefingId: id });
  const titleBox = page.getByRole('textbox', { name: 'Briefing title' });
  await expect(titleBox).toHaveValue(app.lib.getBriefing(id).title);
  // An edit first, so there is an undo history that no longer applies after the reload.
  const undo = page.getByRole('button', { name: /^Undo/ });
  await page.locator('[data-section-key="discussion"] [data-item-id]').first().focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(undo).toBeEnabled();
  app.lib.updateBriefing(id, { title: 'Restored Storage Memo' });
  await emitShellEvent(page, 'library:changed', opened);
  await expect(titleBox).toHaveValue('Restored Storage Memo');
  // The cited facts are read again too: a fact edited behind the page shows its new text.
  await expect(page.locator('.fact-chip-text').filter({ hasText: 'Loading fact…' })).toHaveCount(0);
  const cited = app.lib
    .getBriefing(id)
    .sections.flatMap((s) => s.items)
    .find((i) => i.kind === 'fact')!;
  if (cited.kind !== 'fact') throw new Error('the sample cites facts');
  app.lib.updateFact(cited.factId, { text: `${app.lib.getFact(cited.factId).text.replace(/\.$/, '')}, as restored.` });
  await emitShellEvent(page, 'library:changed', opened);
  await expect(page.locator(`[data-fact-item="${cited.factId}"]`)).toContainText('as restored');
  await expect(page.getByTestId('preview')).toHaveAttribute('aria-busy', 'false');
  await snap(page, 'menu-commands-02-reloaded-briefing');
  await expect(undo).toBeDisabled();
  app.lib.removeBriefing(id);
  await emitShellEvent(page, 'library:changed', opened);
  await expect(page.getByText('“Restored Storage Memo” is not in this library.')).toBeVisible();
  await expect(titleBox).toHaveCount(0);
  await expect(total).toHaveText(`${n + 1} facts`);
  await expect(status).toContainText('0 briefings');

  // A library that could not be opened: said so, nothing reloaded.
  await emitShellEvent(page, 'library:changed', { state: 'damaged', path: opened.path, message: 'the file is not a Dossier library' });
  await expect(page.getByText('The library could not be opened: the file is not a Dossier library')).toBeVisible();
});
