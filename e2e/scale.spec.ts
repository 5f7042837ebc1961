import { expect, test } from './fixtures';

/** 100,000 facts: the list pages through them with limit/offset and keeps only visible rows in the DOM. */
test('a 100,000-fact library scrolls without loading it all', async ({ page, app }) => {
  // On 2 cores under a load average of 12 the whole test took 133 s (building the library 42 s
  // of it): the limit is there to catch a stall, not to time the app.
  test.setTimeout(360_000);
  const words = ['grain', 'corridor', 'port', 'tonnes', 'insurance', 'rail', 'storage', 'ministry', 'vessel', 'convoy', 'tariff', 'harvest'];
  // The library is built through the repository's bulk insert (as `npm run bench` builds its
  // own), not 100,000 single imports: under the same load those took 121 s, this 42 s.
  const { checkFactInput, insertFacts } = app.core;
  app.lib.db.transaction(() => {
    for (let s = 0; s < 20; s++) {
      const src = app.lib.addSource({
        type: 'report',
        title: `Synthetic report ${s + 1}`,
        issued: `2024-${String((s % 12) + 1).padStart(2, '0')}`,
        reliability: 'ABCDEF'[s % 6],
      });
      const batch = [];
      for (let i = 0; i < 5000; i++) {
        const text = `Item ${s}-${i}: the ${words[i % 12]} figure reached ${(i * 7) % 1000} units in district ${s}.`;
        batch.push({ data: checkFactInput(app.lib.db, { sourceId: src.id, text }), position: i });
      }
      insertFacts(app.lib.db, batch);
    }
  })();
  await app.open();
  await expect(page.getByTestId('library-total')).toHaveText('100,000 facts');
  const list = page.locator('#library-list');
  const rows = list.locator('[role="option"]');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThan(80);

  // Jump to the end: the last page is fetched by offset, nothing in between.
  const searches = () => app.calls.filter((c) => c === 'facts:search').length;
  const before = searches();
  await list.focus();
  await page.keyboard.press('End');
  await expect(list.locator('[aria-selected="true"]')).toContainText('Item 0-0:');
  expect(searches() - before).toBeLessThan(6);
  expect(await rows.count()).toBeLessThan(80);

  // Scroll through the middle quickly: frames stay short and rows fill in.
  const frames = await list.evaluate(async (el) => {
    const times: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 120; i++) {
      el.scrollTop = (i / 120) * el.scrollHeight * 0.9;
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    times.sort((a, b) => a - b);
    return { median: times[60], p95: times[114] };
  });
  // Software-rendered headless Chromium on a 2-core machine, with the core answering in the same
  // process: the bound is loose on purpose. Under heavy load (two CPU burners beside other
  // suites) the median measured 159 ms; rendering all rows would take seconds per frame.
  test.info().annotations.push({ type: 'frames', description: `median ${frames.median.toFixed(1)} ms, p95 ${frames.p95.toFixed(1)} ms` });
  expect(frames.median).toBeLessThan(1_000);
  await expect(list.locator('.fact-row-loading')).toHaveCount(0);
  expect(await rows.count()).toBeLessThan(80);

  // A filtered search is counted up to 1,000: "1,000+".
  await page.getByRole('searchbox', { name: 'Search facts' }).fill('grain');
  await expect(page.getByTestId('library-total')).toHaveText('1,000+ facts');
});
