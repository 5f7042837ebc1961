import { buildReportPdf } from '../ingest/formats/testing/report-pdf';
import { expect, snap, test } from './fixtures';
import { emitShellEvent, enableShellEvents } from './harness/shell-events';

test('a file the desktop shell imported (import:ready) opens in Capture with its preview, and saves', async ({ page, app }) => {
  const pdf = await buildReportPdf({
    title: 'Danube Port Capacity Review',
    author: 'Institute for Trade Studies',
    paragraphs: ['Izmail handled 1.4 million tonnes of grain in January, the port authority said.', 'Storage at Reni is expected to double by June.'],
  });
  // Exactly what the main process does with a file from File ▸ Import…, a second launch or "open
  // with": the core process reads it (and keeps it, so the source saved from it keeps its original).
  const imported = await app.coreProcess.request('readBytes', ['danube-review.pdf', pdf]);
  await enableShellEvents(page, ['import:ready', 'operation:progress']);
  await app.open();
  await expect(page.getByTestId('library-total')).toHaveText('0 facts');

  // The app listens only where the shell bridge can deliver events: one listener here.
  expect(await emitShellEvent(page, 'import:ready', { ...imported, opId: 'op-1' })).toBe(1);
  await expect(page.getByRole('heading', { name: 'Capture', level: 1 })).toBeVisible();
  await expect(page.locator('.file-pill')).toHaveText('danube-review.pdf');
  await expect(page.getByLabel('Title')).toHaveValue('Danube Port Capacity Review');
  const candidates = page.getByRole('list', { name: 'Candidate facts' }).getByRole('listitem');
  await expect(candidates.first()).toContainText('Izmail handled 1.4 million tonnes');
  await expect(candidates.first()).toContainText('p. 1');
  await snap(page, 'import-event-01-capture');
  // One candidate per sentence of the file (waited for, never a count read once).
  await expect(candidates).toHaveCount(2);
  await page.getByLabel('Type').selectOption('report');
  await page.getByRole('button', { name: 'Save 2 facts' }).click();
  await expect(page.getByTestId('library-total')).toHaveText('2 facts');

  const source = app.lib.listSources().find((s) => s.title === 'Danube Port Capacity Review')!;
  expect(source.type).toBe('report');
  const izmail = app.lib.factsOfSource(source.id).find((f) => f.text.startsWith('Izmail'))!;
  expect(izmail.locator).toEqual({ label: 'page', value: '1' });

  // A malformed event is refused with a message; the workspace stays where it is.
  expect(await emitShellEvent(page, 'import:ready', { fileName: 'x.pdf', opId: 'op-2' } as never)).toBe(1);
  await expect(page.getByText('The desktop shell sent an import this version cannot read.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Capture', level: 1 })).toHaveCount(0);
});

test('a file dropped anywhere on the window opens in Capture; without the shell nothing listens for events', async ({ page, app }) => {
  app.loadSample();
  await app.open();
  expect(await page.evaluate(() => typeof (window as unknown as { dossier: { on?: unknown } }).dossier.on)).toBe('undefined');

  // Drop a Markdown note on the library list (not on Capture's drop zone).
  const list = page.locator('#library-list');
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    const text = '# Rail Wagon Shortage\n\nRail operators said 500 more wagons are needed before the harvest.\n\nThe ministry did not comment.';
    dt.items.add(new File([text], 'wagons.md', { type: 'text/markdown' }));
    return dt;
  });
  await list.dispatchEvent('dragover', { dataTransfer });
  await list.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByRole('heading', { name: 'Capture', level: 1 })).toBeVisible();
  await expect(page.locator('.file-pill')).toHaveText('wagons.md');
  const candidates = page.getByRole('list', { name: 'Candidate facts' }).getByRole('listitem');
  await expect(candidates.first()).toContainText('500 more wagons');
  await expect(page.getByLabel('Title')).toHaveValue('Rail Wagon Shortage');
  await page.getByRole('button', { name: /^Save \d+ facts?$/ }).click();
  await expect.poll(() => app.lib.searchFacts({ text: 'wagons harvest' }).total).toBe(1);
});
