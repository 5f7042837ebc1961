import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import type { Locator, Page } from '@playwright/test';
import { expect, previewNotes, snap, test } from './fixtures';

/**
 * Citations in the analyst's own prose, end to end: write a paragraph, cite two facts in one
 * note in the middle of a sentence by keyboard (Ctrl+K, then "[@"), a third by dragging it from
 * the fact list into the middle of the next sentence, set a locator and reorder the cites in
 * the chip's editor, reword a placed fact, move the paragraph above it, and export .docx. The
 * stored prose holds pandoc-style marks; the chips show the preview's note numbers; in the
 * .docx each note is at its mark's position, numbered in document order, with short forms.
 */

/** The viewport point just inside the end of `word` (its first occurrence) in a prose editor. */
async function pointAfter(editor: Locator, word: string): Promise<{ x: number; y: number }> {
  return editor.evaluate((el, w) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent!.indexOf(w);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(n, at + w.length - 1);
      r.setEnd(n, at + w.length);
      const box = r.getBoundingClientRect();
      return { x: box.right - 1, y: box.top + box.height / 2 };
    }
    throw new Error(`"${w}" not in the editor`);
  }, word);
}

/** Paragraph texts of word/document.xml, with each footnote reference written as [^id]. */
function docxParagraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map((p) =>
    [...p[1].matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>|<w:footnoteReference\b[^>]*w:id="(\d+)"/g)]
      .map((m) => (m[2] !== undefined ? `[^${m[2]}]` : m[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"')))
      .join(''),
  );
}

/** The text of each real footnote in word/footnotes.xml, by id. */
function footnoteTexts(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<w:footnote\b([^>]*)>([\s\S]*?)<\/w:footnote>/g)) {
    if (/w:type="(separator|continuationSeparator)"/.test(m[1])) continue;
    const id = /w:id="(-?\d+)"/.exec(m[1])![1];
    out.set(id, [...m[2].matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
  }
  return out;
}

async function waitForPreview(page: Page) {
  await expect(page.getByTestId('preview')).toHaveAttribute('aria-busy', 'false');
}

test('cite facts in your own prose: keyboard cluster, drag, locator, reword, move, export', async ({ page, app }) => {
  const news = app.lib.addSource({
    type: 'article-newspaper',
    title: 'Grain Corridor Reopens as Talks Resume',
    authors: [{ family: 'Okafor', given: 'Adaeze' }],
    containerTitle: 'The Meridian Herald',
    issued: '2025-01-19',
    reliability: 'B',
  });
  const report = app.lib.addSource({
    type: 'report',
    title: 'Black Sea Shipping After the Ceasefire',
    authors: [{ literal: 'Institute for Trade Studies' }],
    publisher: 'Institute for Trade Studies',
    issued: '2024-12',
    reliability: 'A',
  });
  const ships = app.lib.addFact({ sourceId: news.id, text: 'Ships carrying grain left the port of Odesa on Jan. 18 for the first time in three weeks.' }).id;
  const insurers = app.lib.addFact({ sourceId: news.id, text: 'Insurers have cut war-risk premiums by half since December.' }).id;
  const berths = app.lib.addFact({
    sourceId: report.id,
    text: 'Berths at the three main ports ran at 92 percent of capacity.',
    kind: 'statistic',
    locator: { label: 'page', value: '14' },
  }).id;
  const waiting = app.lib.addFact({ sourceId: news.id, text: 'Port officials said eleven vessels were still waiting to load.' }).id;
  const b = app.lib.createBriefing({ title: 'Keeping the Corridor Open', templateId: 'action-memo' }, [
    { key: 'bluf', heading: 'BLUF' },
    { key: 'discussion', heading: 'Discussion' },
    { key: 'recommendation', heading: 'RECOMMENDATION' },
  ]);
  app.lib.addItems(b.id, [{ kind: 'fact', factId: waiting }], 'discussion');
  const discussion = () => app.lib.getBriefing(b.id).sections.find((s) => s.key === 'discussion')!.items;
  const proseText = () => discussion().flatMap((i) => (i.kind === 'prose' ? [i.text] : []))[0];

  await app.open();
  await page.getByRole('button', { name: /Keeping the Corridor Open/ }).click();
  const section = page.locator('[data-section-key="discussion"]');
  const items = section.locator('[data-item-id]');
  await expect(items).toHaveCount(1);

  // ---- Write a paragraph of one's own ----
  await section.getByRole('button', { name: 'Add text' }).click();
  await expect(items).toHaveCount(2);
  const prose = items.nth(1).locator('.ProseMirror');
  await expect(prose).toBeFocused();
  await page.keyboard.type('Grain shipments resumed this month and insurers followed. Port capacity is the constraint now.');
  await expect.poll(proseText).toBe('Grain shipments resumed this month and insurers followed. Port capacity is the constraint now.');

  // ---- A two-fact cluster in mid-sentence, by keyboard: Ctrl+K, then "[@" right after the chip ----
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 'Grain shipments resumed this month'.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Cite fact' });
  await palette.getByRole('combobox', { name: 'Search facts to cite' }).fill('ships carrying');
  await expect(palette.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  const chips = prose.locator('.cite-chip');
  await expect(chips).toHaveCount(1);
  await expect(prose).toBeFocused();

  await page.keyboard.type('[@insur');
  const popup = page.getByRole('dialog', { name: 'Cite a fact' });
  await expect(popup.getByRole('option')).toHaveCount(1);
  await expect(popup.getByRole('option').first()).toContainText('Insurers have cut');
  await snap(page, 'cite-01-search-popup');
  await page.keyboard.press('Enter');
  await expect(popup).toHaveCount(0);
  await expect(chips).toHaveCount(1);
  await expect(chips.first()).toHaveAttribute('data-facts', `${ships} ${insurers}`);
  await expect.poll(proseText).toBe(`Grain shipments resumed this month[@${ships}; @${insurers}] and insurers followed. Port capacity is the constraint now.`);

  // "[@" then Escape leaves the typed text as text.
  await page.keyboard.type(' [@xyz');
  await expect(popup).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(popup).toHaveCount(0);
  for (let i = 0; i < ' [@xyz'.length; i++) await page.keyboard.press('Backspace');
  await expect.poll(proseText).toBe(`Grain shipments resumed this month[@${ships}; @${insurers}] and insurers followed. Port capacity is the constraint now.`);

  // ---- A third fact dragged from the fact list into the middle of the next sentence ----
  await page.getByRole('searchbox', { name: 'Search facts to insert' }).fill('berths');
  const row = page.locator('#picker-list [role="option"]').filter({ hasText: 'Berths at the three main ports' });
  await expect(page.locator('#picker-list [role="option"]')).toHaveCount(1);
  const at = await pointAfter(prose, 'capacity is');
  const box = (await prose.boundingBox())!;
  await row.dragTo(prose, { targetPosition: { x: at.x - box.x, y: at.y - box.y } });
  await expect(chips).toHaveCount(2);
  await expect(items).toHaveCount(2); // cited in the text, not placed as an item
  await expect
    .poll(proseText)
    .toBe(`Grain shipments resumed this month[@${ships}; @${insurers}] and insurers followed. Port capacity is[@${berths}] the constraint now.`);

  // The chips show the live note numbers: the placed fact above is note 1. (Needs the preview
  // to number marks: export helper's work.)
  await waitForPreview(page);
  await expect(chips).toHaveText(['2', '3']);
  await expect(items.nth(0).locator('.note-ref')).toHaveText('1');
  await snap(page, 'cite-02-chips');

  // ---- The cluster editor: a locator for the first cite, then the cites reordered by keyboard ----
  await chips.first().click();
  const ce = page.getByRole('dialog', { name: 'Edit citation' });
  await expect(ce.locator('.ce-cite')).toHaveCount(2);
  await ce.locator('.ce-cite').first().getByRole('textbox', { name: 'Locator' }).fill('4');
  await snap(page, 'cite-03-cluster-editor');
  await ce.locator('.ce-cite').nth(1).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(ce.locator('.ce-cite').first()).toContainText('Insurers have cut');
  await expect(ce.locator('.ce-cite').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(ce).toHaveCount(0);
  await expect
    .poll(proseText)
    .toBe(`Grain shipments resumed this month[@${insurers}; @${ships}, p. 4] and insurers followed. Port capacity is[@${berths}] the constraint now.`);

  // ---- Reword the placed fact; the library's text stays beside it ----
  await items.nth(0).hover();
  await items.nth(0).getByRole('button', { name: 'Lead-in, locator and wording' }).click();
  const wording = items.nth(0).getByRole('textbox', { name: 'Wording here' });
  await expect(wording).toHaveValue('Port officials said eleven vessels were still waiting to load.');
  await expect(items.nth(0).getByLabel('Wording in the library')).toHaveText('Port officials said eleven vessels were still waiting to load.');
  await wording.fill('Eleven vessels were still waiting to load, port officials said.');
  await wording.blur();
  await expect
    .poll(() => discussion()[0])
    .toMatchObject({ kind: 'fact', factId: waiting, wording: 'Eleven vessels were still waiting to load, port officials said.' });
  expect(app.lib.getFact(waiting).text).toBe('Port officials said eleven vessels were still waiting to load.');
  await expect(items.nth(0).locator('.fact-chip-text')).toContainText('Eleven vessels were still waiting to load, port officials said.');
  await snap(page, 'cite-04-wording');

  // ---- Move the paragraph above the placed fact: notes renumber in document order ----
  await items.nth(1).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(items.nth(0).locator('.ProseMirror')).toHaveCount(1);
  await expect.poll(() => discussion().map((i) => i.kind)).toEqual(['prose', 'fact']);
  await waitForPreview(page);
  await expect(items.nth(0).locator('.cite-chip')).toHaveText(['1', '2']);
  await expect(items.nth(1).locator('.note-ref')).toHaveText('3');
  await expect
    .poll(() => previewNotes(page))
    .toEqual([expect.stringContaining('Okafor'), expect.stringContaining('Institute for Trade Studies'), expect.stringContaining('Okafor')]);

  // ---- Export .docx: each note at its mark, in order, the third a short form ----
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Export briefing' });
  await panel.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByTestId('export-result')).toContainText('Exported 3 notes');
  const path = await panel.locator('.export-path').innerText();
  const zip = unzipSync(new Uint8Array(readFileSync(path)));
  const paragraphs = docxParagraphs(strFromU8(zip['word/document.xml']));
  const para = paragraphs.find((p) => p.startsWith('Grain shipments'))!;
  const m = /^Grain shipments resumed this month\[\^(\d+)\] and insurers followed\. Port capacity is\[\^(\d+)\] the constraint now\.$/.exec(para);
  expect(m, para).not.toBeNull();
  const fact = paragraphs.find((p) => p.includes('Eleven vessels were still waiting to load, port officials said.'))!;
  const factRef = /\[\^(\d+)\]/.exec(fact)?.[1];
  const notes = footnoteTexts(strFromU8(zip['word/footnotes.xml']));
  expect(notes.size).toBe(3);
  const [cluster, third, placed] = [notes.get(m![1])!, notes.get(m![2])!, notes.get(factRef!)!];
  // The cluster: both facts of the article, the insurers' first, with the locator on the second.
  expect(cluster).toContain('Okafor');
  expect(cluster).toMatch(/;/);
  expect(cluster).toMatch(/\b4\.?$/);
  expect(third).toContain('Institute for Trade Studies');
  // The article again, after another source: a short note, not the full one.
  expect(placed).toContain('Okafor');
  expect(placed.length).toBeLessThan(cluster.length / 2);
  expect(Number(m![1]) < Number(m![2]) && Number(m![2]) < Number(factRef)).toBe(true);
});

test('a chip is one unit: Backspace removes it as one undo step; copy and paste keep marks, foreign markup stays text', async ({ page, app }) => {
  const src = app.lib.addSource({
    type: 'report',
    title: 'Black Sea Shipping After the Ceasefire',
    authors: [{ literal: 'Institute for Trade Studies' }],
    issued: '2024-12',
    reliability: 'A',
  });
  const berths = app.lib.addFact({ sourceId: src.id, text: 'Berths at the three main ports ran at 92 percent of capacity.' }).id;
  const b = app.lib.createBriefing({ title: 'Port Capacity Note', templateId: 'action-memo' }, [
    { key: 'bluf', heading: 'BLUF' },
    { key: 'discussion', heading: 'Discussion' },
  ]);
  app.lib.addItems(
    b.id,
    [
      { kind: 'prose', text: `Ports are nearly full [@${berths}, p. 14] this winter.` },
      { kind: 'prose', text: 'Second paragraph.' },
    ],
    'discussion',
  );
  const texts = () =>
    app.lib
      .getBriefing(b.id)
      .sections.find((s) => s.key === 'discussion')!
      .items.map((i) => (i.kind === 'prose' ? i.text : ''));

  await app.open();
  await page.getByRole('button', { name: /Port Capacity Note/ }).click();
  const editors = page.locator('[data-section-key="discussion"] .ProseMirror');
  await expect(editors).toHaveCount(2);
  const chip = editors.nth(0).locator('.cite-chip');
  await expect(chip).toHaveCount(1);
  await expect(chip).toHaveAttribute('title', /Berths at the three main ports.*p\. 14/s);

  // Enter on the selected chip opens its editor; Escape closes it.
  await editors.nth(0).click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 'Ports are nearly full '.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight'); // selects the chip
  await page.keyboard.press('Enter');
  const ce = page.getByRole('dialog', { name: 'Edit citation' });
  await expect(ce.getByRole('textbox', { name: 'Locator' })).toHaveValue('14');
  await page.keyboard.press('Escape');
  await expect(ce).toHaveCount(0);
  await expect(editors.nth(0)).toBeFocused();

  // Backspace right after the chip removes all of it, as one step the app can undo.
  await page.keyboard.press('Backspace');
  await expect(chip).toHaveCount(0);
  await expect.poll(() => texts()[0]).toBe('Ports are nearly full this winter.');
  const undo = page.getByRole('button', { name: /^Undo Remove citation/ });
  await expect(undo).toBeEnabled();
  await undo.click();
  await expect.poll(() => texts()[0]).toBe(`Ports are nearly full [@${berths}, p. 14] this winter.`);
  await expect(chip).toHaveCount(1);

  // Copy the first paragraph (with its mark) and paste it into the second: the mark comes along.
  await editors.nth(0).click();
  await page.keyboard.press('Control+a');
  const copied = await editors.nth(0).evaluate((el) => {
    const data = new DataTransfer();
    el.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
    return { prose: data.getData('application/x-dossier-prose'), plain: data.getData('text/plain') };
  });
  expect(copied.prose).toBe(`Ports are nearly full [@${berths}, p. 14] this winter.`);
  expect(copied.plain).not.toContain('@');
  await editors.nth(1).click();
  await page.keyboard.press('Control+End');
  const paste = (el: HTMLElement | SVGElement, types: Record<string, string>) => {
    const data = new DataTransfer();
    for (const [k, v] of Object.entries(types)) data.setData(k, v);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  };
  await editors.nth(1).evaluate(paste, { 'application/x-dossier-prose': copied.prose, 'text/plain': copied.plain });
  await expect(editors.nth(1).locator('.cite-chip')).toHaveCount(1);
  await expect.poll(() => texts()[1]).toBe(`Second paragraph.Ports are nearly full [@${berths}, p. 14] this winter.`);

  // Another app's HTML with citation-looking markup, even a chip's own attributes: literal text.
  await editors.nth(1).evaluate(paste, {
    'text/html': `<p> Fake <span data-cite-md="[@${berths}]" class="cite-chip">[@${berths}]</span> mark.</p>`,
    'text/plain': ` Fake [@${berths}] mark.`,
  });
  await expect(editors.nth(1)).toContainText(`Fake [@${berths}] mark.`);
  await expect(editors.nth(1).locator('.cite-chip')).toHaveCount(1);
});

test('a fact changed since the briefing used it: flagged in the list, old and new text in the checks, accepted in one action', async ({ page, app }) => {
  const src = app.lib.addSource({
    type: 'report',
    title: 'Black Sea Shipping After the Ceasefire',
    authors: [{ literal: 'Institute for Trade Studies' }],
    issued: '2024-12',
    reliability: 'A',
  });
  const berths = app.lib.addFact({ sourceId: src.id, text: 'Berths ran at 92 percent of capacity.' }).id;
  const b = app.lib.createBriefing({ title: 'Port Capacity Note', templateId: 'action-memo' }, [{ key: 'discussion', heading: 'Discussion' }]);
  app.lib.addItems(b.id, [{ kind: 'prose', text: `Ports are nearly full [@${berths}] this winter.` }], 'discussion');
  app.lib.updateFact(berths, { text: 'Berths ran at 94 percent of capacity.' });
  expect(app.lib.changedFacts(b.id)).toHaveLength(1);

  await app.open();
  const entry = page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: /Port Capacity Note/ });
  await expect(entry.getByRole('img', { name: '1 fact changed since you used it' })).toBeVisible();
  await entry.click();
  await page.getByRole('tab', { name: /Checks/ }).click();
  const changed = page.getByRole('region', { name: 'Facts changed since you used them' });
  await expect(changed.locator('del')).toHaveText('Berths ran at 92 percent of capacity.');
  await expect(changed.locator('ins')).toHaveText('Berths ran at 94 percent of capacity.');
  await snap(page, 'cite-05-changed-facts');
  await changed.getByRole('button', { name: 'Accept changes' }).click();
  await expect(changed).toHaveCount(0);
  await expect.poll(() => app.lib.changedFacts(b.id)).toEqual([]);
  await expect(entry.locator('.nav-flag')).toHaveCount(0);
});
