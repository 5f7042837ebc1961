import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EDIT_PAUSE_MS } from '../core/versions';
import type { Locator, Page } from '@playwright/test';
import { ARTIFACTS, expect, snap, test } from './fixtures';

/**
 * A briefing's history, end to end: export it, edit a paragraph and a note, come back after a
 * pause (the harness's test clock moved on past EDIT_PAUSE_MS, not a ten-minute wait), and the
 * History tab lists the export with its file and SHA-256 and the editing session; two versions
 * picked show what changed; the older one restored (after a confirm) is what the editor shows,
 * is listed as "Restored", and Ctrl+Z cannot go back past it.
 */
/** The window, and the History pane alone at full size (its small type is what a reviewer checks). */
async function snapHistory(page: Page, pane: Locator, name: string): Promise<void> {
  await snap(page, name);
  await pane.screenshot({ path: join(ARTIFACTS, `${name}-pane.png`) });
}

test('history: the export with its hash, an editing session after a pause, diff, restore with a fresh undo history', async ({ page, app }) => {
  const id = app.loadSample();
  const start = app.lib.getBriefing(id);
  const section = (key: string) => app.lib.getBriefing(id).sections.find((s) => s.key === key)!.items;
  const proseOf = (key: string) => {
    const item = section(key)[0];
    return item.kind === 'prose' ? item.text : '';
  };
  const originalBluf = proseOf('bluf');
  const originalRec = proseOf('recommendation');
  const ships = start.sections.find((s) => s.key === 'discussion')!.items[0];
  if (ships.kind !== 'fact') throw new Error('the sample opens the discussion with a fact');

  await app.open();
  await page.getByRole('button', { name: /Funding Storage/ }).click();
  const preview = page.getByTestId('preview');
  await expect(preview.locator('.pv-note-list li')).toHaveCount(9);

  // ---- Export .docx: version 1 ----
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Export briefing' });
  await expect(panel.getByRole('radio', { name: /Word document/ })).toBeChecked();
  await panel.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(panel.getByTestId('export-result')).toContainText('Exported 9 notes');
  // The path is written in the same render as "Exported 9 notes", waited for above.
  const written = (await panel.locator('.export-path').innerText()).trim();
  expect(dirname(written)).toBe(app.exportDir);
  const sha256 = createHash('sha256').update(readFileSync(written)).digest('hex');
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toHaveCount(0);

  // ---- One editing session: a sentence added to the BLUF, a locator for the first fact ----
  const bluf = page.locator('[data-section-key="bluf"] .ProseMirror');
  await bluf.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Rail links come second.');
  const editedBluf = `${originalBluf} Rail links come second.`;
  await expect.poll(() => proseOf('bluf')).toBe(editedBluf);
  const shipsRow = page.locator(`[data-item-id="${ships.id}"]`);
  // A row's actions take the pointer only while it is hovered or focused, as for a user.
  await shipsRow.hover();
  await shipsRow.getByRole('button', { name: 'Lead-in, locator and wording' }).click();
  await expect(shipsRow.getByRole('button', { name: 'Lead-in, locator and wording' })).toHaveAttribute('aria-expanded', 'true');
  await shipsRow.getByRole('textbox', { name: 'Locator for this use' }).fill('paragraph 4');
  await shipsRow.getByRole('textbox', { name: 'Locator for this use' }).blur();
  await expect.poll(() => section('discussion')[0]).toMatchObject({ locator: { label: 'paragraph', value: '4' } });
  await expect(preview.locator('.pv-note-list li').first()).toContainText('para. 4');
  // Nothing stored for the session yet: it has not ended.
  expect(app.lib.listVersions(id).map((v) => v.reason)).toEqual(['export']);

  // ---- Back after a pause: the next write stores the session as it was left (version 2) ----
  app.testClockAheadMs = EDIT_PAUSE_MS + 60_000;
  const rec = page.locator('[data-section-key="recommendation"] .ProseMirror');
  await rec.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Decide this week.');
  await expect.poll(() => proseOf('recommendation')).toBe(`${originalRec} Decide this week.`);
  await expect.poll(() => app.lib.listVersions(id).map((v) => v.reason)).toEqual(['export', 'edit']);

  // ---- History: newest first, the export with its file and hash ----
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByTestId('history');
  const versions = history.getByRole('list', { name: 'Versions' }).locator(':scope > li');
  await expect(versions).toHaveCount(2);
  await expect(versions.locator('.version-number')).toHaveText(['v2', 'v1']);
  await expect(versions.locator('.version-reason')).toHaveText(['Editing session', 'Exported']);
  const exported = versions.nth(1);
  await expect(exported.locator('.version-export')).toHaveCount(1);
  await expect(exported.locator('.version-export-head')).toContainText('Exported as Word document (.docx)');
  await expect(exported.locator('.version-file-name')).toHaveText(basename(written));
  await expect(exported.locator('.version-file')).toHaveAttribute('title', written);
  await expect(exported.locator('.version-sha')).toHaveText(`SHA-256 ${sha256}`);
  await expect(versions.nth(0).locator('.version-export')).toHaveCount(0);
  await snapHistory(page, history, 'history-01-list');

  // ---- Two versions picked: the changed paragraph and the changed note ----
  await history.getByRole('checkbox', { name: 'Compare version 1' }).check();
  await history.getByRole('checkbox', { name: 'Compare version 2' }).check();
  const diff = history.getByTestId('version-diff');
  await expect(diff.locator('.version-diff-title')).toHaveText('Version 1 → version 2');
  const changed = diff
    .locator('.diff-section')
    .filter({ has: page.getByRole('heading', { name: 'BLUF' }) })
    .locator('li.diff-changed');
  await expect(changed).toHaveCount(1);
  await expect(changed.locator('del')).toHaveText(originalBluf);
  await expect(changed.locator('ins')).toHaveText(editedBluf);
  // Only the words that differ are marked: the sentence added, nothing on the older side.
  await expect(changed.locator('ins .diff-word')).toHaveText(['Rail links come second.']);
  await expect(changed.locator('del .diff-word')).toHaveCount(0);
  const notes = diff
    .locator('.diff-section')
    .filter({ has: page.getByRole('heading', { name: 'Notes' }) })
    .locator('li');
  await expect(notes).toHaveCount(1);
  await expect(notes.locator('.diff-label')).toHaveText('Note 1');
  await expect(notes.locator('del')).toContainText('para. 1');
  await expect(notes.locator('ins')).toContainText('para. 4');
  await expect(notes.locator('del .diff-word')).toHaveText(['1,']);
  await expect(notes.locator('ins .diff-word')).toHaveText(['4,']);
  // The recommendation was written after the session ended: not in version 2.
  await expect(diff).not.toContainText('Decide this week');
  await diff.scrollIntoViewIfNeeded();
  await snapHistory(page, history, 'history-02-diff');

  // ---- Restore version 1, after a confirm ----
  await exported.getByRole('button', { name: 'Restore…' }).click();
  const confirm = history.getByRole('alertdialog', { name: 'Restore version 1' });
  await expect(confirm).toContainText('The briefing as it is now is kept as a version first; undo starts afresh from the restored text.');
  await expect(confirm.getByRole('button', { name: 'Restore', exact: true })).toBeFocused();
  await snapHistory(page, history, 'history-03-confirm');
  await confirm.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByRole('log', { name: 'Notifications' })).toContainText('Restored version 1 as version 4; what it replaced is version 3.');
  await expect(confirm).toHaveCount(0);
  await expect(bluf).toHaveText(originalBluf);
  await expect(rec).toHaveText(originalRec);
  await expect(shipsRow.getByRole('textbox', { name: 'Locator for this use' })).toHaveValue('');
  await expect(versions.locator('.version-reason')).toHaveText(['Restored', 'Editing session', 'Editing session', 'Exported']);
  await expect(history.getByRole('checkbox', { checked: true })).toHaveCount(0);
  expect(proseOf('bluf')).toBe(originalBluf);
  await snapHistory(page, history, 'history-04-restored');

  // ---- Undo history cleared: the app's Ctrl+Z has nothing to undo… ----
  const restoredAt = app.log.findIndex((c) => c.name === 'briefings:restoreVersion');
  expect(restoredAt).toBeGreaterThanOrEqual(0);
  await expect(page.getByRole('button', { name: 'Undo (Ctrl+Z)' })).toBeDisabled();
  await page.getByRole('tab', { name: 'History' }).focus();
  await page.keyboard.press('Control+z');
  // …and the text box's own Ctrl+Z does not take the paragraph back to before the restore.
  await bluf.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Control+z');
  await page.keyboard.type(' Checked.');
  await expect(bluf).toHaveText(`${originalBluf} Checked.`);
  await expect.poll(() => proseOf('bluf')).toBe(`${originalBluf} Checked.`);
  // Every write since the restore is that typing: Ctrl+Z sent nothing (its calls would precede the typing's save).
  const writes = app.log
    .slice(restoredAt + 1)
    .filter((c) => /^briefings:(update|updateItem|addItems|removeItem|moveItem|\w+Section|restoreVersion|acceptFactChanges)$/.test(c.name));
  expect(writes.map((c) => c.name)).toEqual(['briefings:updateItem']);
  expect(proseOf('recommendation')).toBe(originalRec);
  expect(section('discussion')[0]).not.toHaveProperty('locator');
});
