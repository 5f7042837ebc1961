import { expect, snap, test } from './fixtures';

test('corroboration in the inspector: link by search, origins, transitive group, unlink; the list count follows', async ({ page, app }) => {
  app.loadSample();
  const its = app.lib.listSources().find((s) => s.title.startsWith('Black Sea Shipping'))!;
  const tonnes = app.lib.factsOfSource(its.id).find((f) => f.text.includes('3.2 million tonnes'))!;
  const berths = app.lib.factsOfSource(its.id).find((f) => f.text.startsWith('Berths'))!;
  const agency = app.lib.addSource({
    type: 'article-newspaper',
    title: 'Corridor Volumes Hold Steady',
    containerTitle: 'Agri Monitor',
    reliability: 'B',
    issued: '2025-02-02',
  });
  const agencyFact = app.lib.addFact({
    sourceId: agency.id,
    text: 'Grain shipments via the corridor averaged about 3.2 million tonnes a month, the agency said.',
  });

  await app.open();
  await page.getByRole('searchbox', { name: 'Search facts' }).fill('averaged');
  await expect(page.getByTestId('library-total')).toHaveText('2 facts');
  const rowOf = (id: string) => page.locator(`#library-list [data-fact-id="${id}"]`);
  await expect(rowOf(tonnes.id).getByTestId('corroboration-count')).toHaveCount(0);
  await rowOf(tonnes.id).click();
  const inspector = page.getByTestId('inspector');
  const section = inspector.getByTestId('corroboration');
  await expect(section.getByTestId('corroboration-summary')).toHaveText('Single origin');
  await expect(section).toContainText('No other fact is linked.');

  // Link by keyboard: the picker searches the library; the fact itself is not offered.
  await section.getByRole('button', { name: 'Link corroborating fact…' }).click();
  const picker = section.getByRole('combobox', { name: 'Find a corroborating fact' });
  await expect(picker).toBeFocused();
  await picker.fill('averaged 3.2');
  const options = page.getByRole('listbox', { name: 'Find a corroborating fact suggestions' }).getByRole('option');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('the agency said');
  await picker.press('ArrowDown');
  await picker.press('Enter');
  const members = section.getByRole('list', { name: 'Corroborating facts' }).getByRole('listitem');
  await expect(members).toHaveCount(1);
  await expect(members.first()).toContainText('Agri Monitor');
  await expect(members.first()).toContainText('Independent origin');
  await expect(section.getByTestId('corroboration-summary')).toHaveText('2 independent origins');
  expect(app.lib.corroborationLinks(tonnes.id).map((l) => [l.factA, l.factB].sort())).toEqual([[tonnes.id, agencyFact.id].sort()]);
  // The library list's count follows at once, on both facts.
  await expect(rowOf(tonnes.id).getByTestId('corroboration-count')).toHaveText('corroborated by 1');
  await expect(rowOf(agencyFact.id).getByTestId('corroboration-count')).toHaveText('corroborated by 1');

  // A second fact of the same report: linked, but it adds no independent origin.
  await section.getByRole('button', { name: 'Link corroborating fact…' }).click();
  await picker.fill('Berths');
  await expect(options).toHaveCount(1);
  await picker.press('ArrowDown');
  await picker.press('Enter');
  await expect(members).toHaveCount(2);
  // Listed in the order the facts entered the library.
  await expect(members.first()).toContainText('Berths at the three main ports');
  await expect(members.first()).toContainText('Same origin as this fact');
  await expect(members.nth(1)).toContainText('Independent origin');
  await expect(section.getByTestId('corroboration-summary')).toHaveText('2 independent origins');
  expect(app.lib.independentSourceCount(tonnes.id)).toBe(2);
  await expect(rowOf(tonnes.id).getByTestId('corroboration-count')).toHaveText('corroborated by 2');
  await snap(page, 'corroboration-01-inspector');

  // Links are transitive: from the agency fact, the berths fact is in the group through the report's fact.
  await members
    .nth(1)
    .getByRole('button', { name: /the agency said/ })
    .click();
  await expect(inspector.getByRole('textbox', { name: 'Text' })).toHaveValue(agencyFact.text);
  await expect(members).toHaveCount(2);
  const viaOther = members.filter({ hasText: 'Berths at the three main ports' });
  await expect(viaOther).toContainText('linked through another fact');
  await expect(viaOther.getByRole('button', { name: /^Unlink/ })).toHaveCount(0);
  await expect(members.filter({ hasText: '3.2 million tonnes a month' }).first()).toContainText('Independent origin');

  // Unlink the direct link: the agency fact is alone again, the report's two facts stay linked.
  await members
    .filter({ hasText: 'Shipments through the corridor' })
    .getByRole('button', { name: /^Unlink/ })
    .click();
  await expect(members).toHaveCount(0);
  await expect(section.getByTestId('corroboration-summary')).toHaveText('Single origin');
  expect(app.lib.corroborationLinks(agencyFact.id)).toEqual([]);
  expect(app.lib.corroboratingFacts(tonnes.id).map((f) => f.id)).toEqual([berths.id]);
  await expect(rowOf(agencyFact.id).getByTestId('corroboration-count')).toHaveCount(0);
  await expect(rowOf(tonnes.id).getByTestId('corroboration-count')).toHaveText('corroborated by 1');
  await expect(section.getByRole('button', { name: 'Link corroborating fact…' })).toBeFocused();

  await rowOf(tonnes.id).click();
  await expect(members).toHaveCount(1);
  await page.emulateMedia({ colorScheme: 'dark' });
  await section.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await snap(page, 'corroboration-02-dark');
});
