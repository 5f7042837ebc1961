import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { expect, snap, test } from './fixtures';
import { bindShell, gate } from './shell-bridge';

/**
 * Export progress and cancel. With the desktop shell's bridge (its real operation runner,
 * save-dialog grants and written-file list; only the native dialog and "open" are stand-ins):
 * the phases as the shell reports them, Cancel that stops the export before anything is
 * written, and Open / Show in folder on the file written. Without the shell (the plain
 * harness): an indeterminate bar, no cancel, and file actions that say why they are off.
 */
test('export through the shell: phases, cancel, then open or reveal the file', async ({ page, app }) => {
  const id = app.loadSample();
  const title = app.lib.getBriefing(id).title;
  const dialogs: ReturnType<typeof gate<string | undefined>>[] = [];
  const shell = await bindShell(page, app, {
    // The native save dialog stays open until the test answers it: a step the user sees under way.
    saveDialog: () => {
      const g = gate<string | undefined>();
      dialogs.push(g);
      return g.promise;
    },
  });
  await app.open();
  await page.getByRole('button', { name: /Funding Storage/ }).click();
  await expect(page.locator('[data-testid="preview"] .pv-note-list li').first()).toBeVisible();

  // ---- Export: the shell's phase shows, with Cancel ----
  await page.keyboard.press('Control+e');
  const panel = page.getByRole('dialog', { name: 'Export briefing' });
  await panel.getByRole('button', { name: 'Export…' }).click();
  const progress = panel.getByTestId('export-progress');
  await expect(progress.getByRole('status')).toHaveText('Choosing where to save…');
  await expect(progress.getByRole('progressbar', { name: 'Export progress' })).not.toHaveAttribute('aria-valuenow');
  await expect(panel.getByRole('button', { name: 'Cancel export' })).toBeEnabled();
  await expect(panel.getByRole('button', { name: 'Close' })).toBeDisabled();
  await snap(page, 'export-01-progress-shell');

  const out = join(app.exportDir, 'Storage memo.docx');
  // The panel may show a phase before the shell has opened its dialog: wait for the dialog itself.
  await expect.poll(() => dialogs.length).toBe(1);
  dialogs[0].release(out);
  const result = panel.getByTestId('export-result');
  await expect(result).toContainText('Exported 9 notes');
  await expect(result).toContainText(out);
  await expect(progress).toHaveCount(0);
  // The version the export recorded and the file's SHA-256, as the library holds them and as the
  // bytes on disk hash (the panel shows the result after the core has written and recorded both).
  const recorded = app.lib.listExports(id)[0];
  expect(recorded).toMatchObject({ path: out, format: 'docx', version: expect.any(Number) });
  expect(recorded.sha256).toBe(createHash('sha256').update(readFileSync(out)).digest('hex'));
  await expect(result.getByTestId('export-record')).toHaveText(`Version ${recorded.version} in this briefing’s history`);
  await expect(result.getByTestId('export-sha256')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(result.getByTestId('export-sha256')).toHaveText(recorded.sha256);
  await snap(page, 'export-02-done-shell');

  // The phases the renderer followed, in order, for its own operation: the core's own among them.
  const progressed = shell.events.filter((e) => e.type === 'operation:progress').map((e) => (e.payload as { phase: string }).phase);
  expect(progressed).toEqual([
    'Choosing where to save',
    'Rendering citations',
    'Laying out the document',
    'Writing the file',
    'Running the pre-flight check',
    'Done',
  ]);
  expect(shell.events.find((e) => e.type === 'operation:finished')?.payload).toMatchObject({ kind: 'export', outcome: 'ok' });
  const xml = strFromU8(unzipSync(readFileSync(out))['word/document.xml']);
  expect(xml).toContain(title.split(' ')[0]);

  // ---- Open and Show in folder go to the shell, for the file it wrote ----
  await result.getByRole('button', { name: 'Open' }).click();
  await result.getByRole('button', { name: 'Show in folder' }).click();
  await expect.poll(() => [shell.opened, shell.shown]).toEqual([[out], [out]]);

  // ---- Export again and cancel: nothing is written ----
  await panel.getByRole('button', { name: 'Export…' }).click();
  await expect(progress.getByRole('status')).toHaveText('Choosing where to save…');
  await expect(result).toHaveCount(0);
  await panel.getByRole('button', { name: 'Cancel export' }).click();
  await expect(progress.getByRole('status')).toHaveText('Cancelling…');
  await snap(page, 'export-03-cancelling');
  const cancelled = join(app.exportDir, 'Cancelled.docx');
  await expect.poll(() => dialogs.length).toBe(2);
  dialogs[1].release(cancelled);
  await expect(panel.getByRole('status')).toHaveText('Export cancelled. No file was written.');
  await expect(progress).toHaveCount(0);
  expect(existsSync(cancelled)).toBe(false);
  expect(shell.events.filter((e) => e.type === 'operation:finished').map((e) => (e.payload as { outcome: string }).outcome)).toEqual(['ok', 'cancelled']);
  await snap(page, 'export-04-cancelled');

  // ---- Cancelling the save dialog itself is no error ----
  await panel.getByRole('button', { name: 'Export…' }).click();
  await expect(progress).toBeVisible();
  // The progress shows ("Starting") before the shell call has reached the dialog.
  await expect.poll(() => dialogs.length).toBe(3);
  dialogs[2].release(undefined);
  await expect(progress).toHaveCount(0);
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Close' })).toBeEnabled();
});

test('export without the shell: indeterminate progress, no cancel, file actions explain themselves', async ({ page, app }) => {
  app.loadSample();
  // Hold the core's export until the test lets it go, so the running state can be seen.
  await page.addInitScript(() => {
    const w = window as unknown as { dossier: { call(name: string, ...args: unknown[]): Promise<unknown> }; __releaseExport(): void };
    const inner = w.dossier;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    w.__releaseExport = release;
    w.dossier = Object.freeze({
      call: async (name: string, ...args: unknown[]) => {
        if (name === 'briefings:export') await held;
        return inner.call(name, ...args);
      },
    });
  });
  await app.open();
  await page.getByRole('button', { name: /Funding Storage/ }).click();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Export briefing' });
  await panel.getByRole('radio', { name: 'Markdown (.md)' }).check();
  await panel.getByRole('button', { name: 'Export', exact: true }).click();
  const progress = panel.getByTestId('export-progress');
  await expect(progress.getByRole('status')).toHaveText('Exporting…');
  await expect(progress.locator('.progress-bar')).toHaveClass(/indeterminate/);
  const cancel = panel.getByRole('button', { name: 'Cancel export' });
  await expect(cancel).toBeDisabled();
  await expect(cancel).toHaveAccessibleDescription('Only the desktop app can stop an export under way.');
  // Escape does not drop the panel while the export runs.
  await page.keyboard.press('Escape');
  await expect(panel).toBeVisible();
  await snap(page, 'export-05-progress-no-shell');

  await page.evaluate(() => (window as unknown as { __releaseExport(): void }).__releaseExport());
  const result = panel.getByTestId('export-result');
  await expect(result).toContainText('Exported 9 notes');
  for (const name of ['Open', 'Show in folder']) {
    const b = result.getByRole('button', { name });
    await expect(b).toBeDisabled();
    await expect(b).toHaveAccessibleDescription('Opening the file or its folder needs the Dossier desktop app.');
  }
  // The path is written in the same render as "Exported 9 notes", waited for above.
  const written = (await result.locator('.export-path').innerText()).trim();
  expect(written.startsWith(app.exportDir)).toBe(true);
  expect(readFileSync(written, 'utf8')).toMatch(/^\[\^1\]: /m);
  const sha256 = createHash('sha256').update(readFileSync(written)).digest('hex');
  await expect(result.getByTestId('export-sha256')).toHaveText(sha256);
  await expect(result.getByTestId('export-record')).toHaveText(/^Version \d+ in this briefing’s history$/);
  await snap(page, 'export-06-done-no-shell');
});
