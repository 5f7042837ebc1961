import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Block, ResolvedDocument } from '../document';
import { tempLibrary } from '../../db/testing/temp-library';
import { assembleBriefing } from '../assemble';
import { exportBriefing } from '../export-briefing';
import { getTemplate } from '../template/load';
import { openDocx, visibleText } from '../testing/docx-parts';
import { infoMemo } from '../testing/fixtures';
import { PAGE_ESTIMATE_MARGIN } from './page-estimate';
import { layoutEngineLoaded, pageCount } from './render';

/**
 * docx's layout engine costs a quarter of a second to load and run: pre-flight and the cached
 * NUMPAGES load it only when the document's own measure ends near the page end that matters.
 * Each test file runs in a fresh module registry, so the engine starts unloaded here.
 */

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const bullet = (text: string): Block => ({ kind: 'bullet', inlines: [{ type: 'text', run: { text } }] });

/** The sample info memo with `n` more bullets of about two lines each. */
function memo(n: number): ResolvedDocument {
  const doc = infoMemo();
  const discussion = doc.sections.find((s) => s.key === 'discussion')!;
  for (let i = 0; i < n; i++)
    discussion.blocks.push(bullet(`Point ${i + 1}: the corridor carried more grain this quarter than last, and the ports report longer queues at the berths.`));
  return doc;
}

describe('page count', () => {
  it('exports and checks a 12-note one-page info memo without loading the layout engine', async () => {
    const t = tempLibrary();
    cleanup = t.cleanup;
    const source = t.lib.addSource({ type: 'report', title: 'Black Sea Grain Shipments', authors: [{ literal: 'FAO' }], issued: '2024' });
    const template = getTemplate('info-memo');
    const b = t.lib.createBriefing(
      { title: 'Grain Corridor', templateId: template.id, styleId: 'chicago-fullnote-bibliography-with-ibid' },
      template.sections.map((s) => ({ key: s.key, heading: s.heading })),
    );
    const facts = Array.from({ length: 12 }, (_, i) =>
      t.lib.addFact({ text: `Shipments rose for the ${i + 1}th week running.`, sourceId: source.id, locator: { label: 'page', value: String(i + 3) } }),
    );
    t.lib.addItems(
      b.id,
      facts.map((f) => ({ kind: 'fact', factId: f.id })),
      'discussion',
    );

    const result = await exportBriefing(t.lib, b.id, { out: join(t.dir, 'memo.docx') });
    const docx = openDocx(readFileSync(result.path));
    expect(visibleText(docx.part('word/footnotes.xml'))).toContain('Black Sea Grain Shipments');
    expect(docx.part('word/document.xml').match(/<w:footnoteReference /g)).toHaveLength(12);
    expect(result.warnings.map((w) => w.code)).not.toContain('page-limit');

    const count = pageCount(assembleBriefing(t.lib, b.id).doc, template, template.limits.pages);
    expect(count).toMatchObject({ pages: 1, laidOut: false });
    expect(layoutEngineLoaded()).toBe(false);
  });

  it('lays the pages out only when the measure ends within the margin of the limit', () => {
    const template = getTemplate('info-memo');
    const limit = template.limits.pages!;
    const counts = Array.from({ length: 30 }, (_, n) => pageCount(memo(n), template, limit));
    const near = counts.filter((c) => Math.abs(c.measure.length - limit) < PAGE_ESTIMATE_MARGIN);
    // The range crosses the limit: some are clear of it on either side, some near it.
    expect(counts.some((c) => c.measure.length < limit - PAGE_ESTIMATE_MARGIN)).toBe(true);
    expect(counts.some((c) => c.measure.length > limit + PAGE_ESTIMATE_MARGIN)).toBe(true);
    expect(near.length).toBeGreaterThan(0);
    for (const c of counts) expect(c.laidOut, `${c.measure.length}`).toBe(near.includes(c));
    expect(layoutEngineLoaded()).toBe(true);
  });

  it('caches NUMPAGES from the measure, laid out only when the last page is nearly empty or full', () => {
    const template = getTemplate('situation-report');
    for (let n = 0; n < 30; n += 3) {
      const c = pageCount({ ...memo(n), templateId: 'situation-report' }, template);
      const edge = c.measure.lastPageFill < PAGE_ESTIMATE_MARGIN || c.measure.lastPageFill > 1 - PAGE_ESTIMATE_MARGIN;
      expect(c.laidOut).toBe(edge);
      if (!edge) expect(c.pages).toBe(c.measure.pages);
    }
  });
});
