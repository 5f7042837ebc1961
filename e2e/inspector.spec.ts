import { expect, test } from './fixtures';

test('inspector: edits save on leaving a field; core validation errors appear next to the field', async ({ page, app }) => {
  app.loadSample();
  await app.open();
  await page.getByRole('searchbox', { name: 'Search facts' }).fill('close again by spring');
  await expect(page.getByTestId('library-total')).toHaveText('1 fact');
  // The fact comes from the library; the list is waited for until its one row is that fact.
  const factId = app.lib.searchFacts({ text: 'close again by spring' }).hits[0].fact.id;
  const rows = page.locator('#library-list [role="option"]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-fact-id', factId);
  await rows.first().click();
  const inspector = page.getByTestId('inspector');

  // A bad date: the core's message sits under the field, the typed value stays.
  const eventDate = inspector.getByRole('textbox', { name: 'Event date' });
  await eventDate.fill('2025-13');
  await eventDate.press('Tab');
  await expect(eventDate).toHaveAttribute('aria-invalid', 'true');
  await expect(inspector.locator('#inspector-event-date-error')).toContainText('is not a date');
  await expect(eventDate).toHaveValue('2025-13');
  await eventDate.fill('2025-03');
  await eventDate.press('Enter');
  await expect(inspector.locator('#inspector-event-date-error')).toHaveCount(0);
  await expect.poll(() => app.lib.getFact(factId).eventDate).toBe('2025-03');

  // Kind, credibility, tags, locator.
  await inspector.getByLabel('Kind', { exact: true }).selectOption('quote');
  await inspector.getByLabel('Credibility', { exact: true }).selectOption('3');
  const tags = inspector.getByRole('textbox', { name: 'Tags' });
  await tags.fill('risk, spring outlook');
  await tags.press('Enter');
  await inspector.getByRole('textbox', { name: 'Page, paragraph…' }).fill('4');
  await inspector.getByRole('textbox', { name: 'Page, paragraph…' }).press('Enter');
  await expect
    .poll(() => {
      const f = app.lib.getFact(factId);
      return [f.kind, f.credibility, f.tags.join('|'), f.locator?.value];
    })
    .toEqual(['quote', 3, 'risk|spring outlook', '4']);
  await expect(page.locator('#library-list [role="option"]').first()).toContainText('spring outlook');

  // Mark verified.
  await inspector.getByRole('button', { name: 'Mark verified' }).click();
  await expect(inspector).toContainText('verified');
  await expect.poll(() => Boolean(app.lib.getFact(factId).verifiedAt)).toBe(true);

  // Source: a non-http URL is refused with the core's message; an author is added.
  const url = inspector.getByRole('textbox', { name: 'URL' });
  await url.fill('ftp://port-watch.example/post');
  await url.press('Enter');
  await expect(inspector.locator('#source-url-error')).toContainText('http(s)');
  await url.fill('https://port-watch.example/post');
  await url.press('Enter');
  await expect(inspector.locator('#source-url-error')).toHaveCount(0);
  await inspector.getByRole('button', { name: 'Add author' }).click();
  await inspector.getByLabel('Author 2 kind').selectOption('institution');
  await inspector.getByLabel('Author 2 institution').fill('Port Watch Editorial Board');
  await inspector.getByLabel('Reliability', { exact: true }).focus();
  const source = app.lib.getSource(app.lib.getFact(factId).sourceId);
  await expect.poll(() => app.lib.getSource(source.id).authors).toEqual([{ family: 'Moreau', given: 'Claire' }, { literal: 'Port Watch Editorial Board' }]);
  await expect.poll(() => app.lib.getSource(source.id).url).toBe('https://port-watch.example/post');

  // Used in: opens the briefing.
  await inspector.getByRole('button', { name: /Funding Storage/ }).click();
  await expect(page.getByRole('textbox', { name: 'Briefing title' })).toBeVisible();
});
