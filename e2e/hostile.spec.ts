import { META_CONTENT_SECURITY_POLICY } from '../api/csp';
import { expect, test } from './fixtures';

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=2</script>';

/**
 * Text from sources is data, never markup: HTML in a fact, a title, a tag or a pasted page is
 * shown literally and nothing in it runs; a javascript: URL is never a link.
 */
test('hostile fact text, titles, URLs and pasted HTML stay inert', async ({ page, app }) => {
  const source = app.lib.addSource({
    type: 'webpage',
    title: `${IMG} Corridor Watch`,
    authors: [{ literal: `${SCRIPT} Press Office` }],
    issued: '2025-01-20',
    reliability: 'D',
  });
  // The core refuses javascript: URLs; a library written by something else might still hold one.
  app.lib.db.prepare('UPDATE sources SET url = ? WHERE id = ?').run('javascript:alert(1)', source.id);
  const fact = app.lib.addFact({
    sourceId: source.id,
    text: `Convoys resumed ${IMG} on Monday ${SCRIPT} under escort.`,
    tags: ['<b>bold</b>'],
    notes: '<iframe src="javascript:alert(2)"></iframe>',
  });
  await app.open();

  // Library row: literal text, highlighted search pieces still literal.
  const row = page.locator('#library-list [role="option"]').first();
  await expect(row).toContainText(`Convoys resumed ${IMG} on Monday ${SCRIPT} under escort.`);
  await expect(row).toContainText('<b>bold</b>');
  await page.getByRole('searchbox', { name: 'Search facts' }).fill('convoys');
  await expect(page.locator('#library-list mark')).toHaveText(['Convoys']);
  await expect(row).toContainText(IMG);

  // Sidebar: tag and source names as text.
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toContainText('<b>bold</b>');
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toContainText(`${IMG} Corridor Watch`);

  // Inspector: the URL is a value in a text field, not a link; no "open" action for it.
  await row.click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector.getByLabel('URL')).toHaveValue('javascript:alert(1)');
  await expect(inspector.getByRole('button', { name: 'Open URL in browser' })).toHaveCount(0);
  await expect(inspector.getByLabel('Notes', { exact: true })).toHaveValue('<iframe src="javascript:alert(2)"></iframe>');

  // A briefing citing it: preview, notes and sources list show the text literally.
  await page.getByRole('button', { name: 'New briefing (Ctrl+N)' }).click();
  await page.getByRole('dialog', { name: 'New briefing' }).getByRole('textbox', { name: 'Title' }).fill(`Memo ${IMG}`);
  await page.getByRole('button', { name: 'Create briefing' }).click();
  await expect(page.getByRole('textbox', { name: 'Briefing title' })).toHaveValue(`Memo ${IMG}`);
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Search facts to insert' }).fill('convoys');
  await expect(page.getByRole('listbox', { name: 'Matching facts' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  const preview = page.getByTestId('preview');
  await expect(preview).toContainText(`Convoys resumed ${IMG} on Monday`);
  await expect(preview.locator('.pv-note-list')).toContainText('Corridor Watch');
  await expect(preview.locator('.pv-note-list')).toContainText('<img');
  await expect(preview).toContainText(`Memo ${IMG}`);

  // Pasting HTML into a prose item: only its text arrives.
  await page.locator('[data-section-key="bluf"]').getByRole('button', { name: 'Add text' }).click();
  const prose = page.locator('[data-section-key="bluf"] .ProseMirror');
  await expect(prose).toBeFocused();
  await prose.evaluate((el) => {
    const dt = new DataTransfer();
    dt.setData('text/html', '<p>Safe <b>words</b></p><img src=x onerror="window.__pwned=3"><script>window.__pwned=4</script>');
    dt.setData('text/plain', 'Safe words');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await expect(prose).toHaveText('Safe words');
  await expect.poll(() => app.lib.getBriefing(`Memo ${IMG}`).sections[0].items.map((i) => (i.kind === 'prose' ? i.text : ''))).toEqual(['Safe words']);

  // Pasting HTML into Capture: text only, in the text area.
  await page.getByRole('button', { name: 'Capture' }).click();
  const area = page.getByLabel('Text', { exact: true });
  await area.focus();
  await area.evaluate((el) => {
    const dt = new DataTransfer();
    dt.setData(
      'text/html',
      '<h1>Title</h1><p>First <i>line</i>.</p><img src=x onerror="window.__pwned=5"><p>&lt;img src=x onerror=alert(1)&gt; stays text.</p>',
    );
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await expect(area).toHaveValue('Title\n\nFirst line.\n\n<img src=x onerror=alert(1)> stays text.');

  // Nothing ran, nothing became markup, nothing is a javascript: link.
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img, iframe, script:not([src]), object, embed')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:" i], [href^="javascript:" i], [src^="javascript:" i]')).toHaveCount(0);
  expect(fact.id).toBeTruthy();
});

test("the built page's <meta> policy is the header's (api/csp.ts), written at build time", async ({ page, app }) => {
  await app.open();
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', META_CONTENT_SECURITY_POLICY);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(1);
});
