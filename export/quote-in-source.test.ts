/**
 * Issue 13 §4 end to end: capture a PDF with its original, keep facts, open one fact's
 * original at its page, place a quote in a briefing, then change the stored copy of the
 * source's text and see pre-flight's quote check fire (and `check` name the damage).
 */
import Database from 'better-sqlite3';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { groupWarnings } from '../core/warning-groups';
import { Library } from '../db/library';
import { capturePdf, reportPdf } from '../db/originals/testing/captured-pdf';
import { tempLibrary } from '../db/testing/temp-library';
import { assembleBriefing } from './assemble';
import { preflight, withCorroboration } from './preflight';
import { loadClaimDetectors } from './unsourced-claims';
import { getTemplate } from './template/index';

// Pre-flight is called directly here: its capture detectors load first, as the exporters load them.
beforeAll(() => loadClaimDetectors());

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

let pdf: Uint8Array;
beforeAll(async () => {
  pdf = await reportPdf();
});

function briefingWith(lib: Library, factIds: string[]): string {
  const template = getTemplate('info-memo');
  const b = lib.createBriefing(
    { title: 'Corridor update', templateId: template.id },
    template.sections.map((s) => ({ key: s.key, heading: s.heading })),
  );
  lib.addItems(
    b.id,
    factIds.map((factId) => ({ kind: 'fact', factId })),
    'discussion',
  );
  return b.id;
}

const quoteWarnings = (lib: Library, briefingId: string) => {
  const a = assembleBriefing(lib, briefingId);
  return preflight(a, withCorroboration(lib, a)).filter((w) => w.code === 'quote-not-in-source');
};

/** Rewrites the stored text of the library's one original, as a damaged or doctored copy would. */
function doctorStoredText(path: string, from: string, to: string): void {
  const raw = new Database(path);
  const row = raw.prepare('SELECT sha256, passages FROM originals').get() as { sha256: string; passages: Buffer };
  const json = inflateRawSync(row.passages).toString('utf8');
  expect(json).toContain(from);
  raw.prepare('UPDATE originals SET passages = ? WHERE sha256 = ?').run(deflateRawSync(Buffer.from(json.replace(from, to), 'utf8')), row.sha256);
  raw.close();
}

describe('a quote checked against its stored original', () => {
  it('captured from a PDF, shown at its page, and flagged once the stored text no longer has it', async () => {
    const t = tempLibrary();
    cleanup = t.cleanup;
    const r = await capturePdf(t.lib, pdf);
    const quote = r.facts.find((f) => f.kind === 'quote' && f.text.includes('port director'))!;
    const statistic = r.facts.find((f) => f.text.startsWith('Finding 3:'))!;

    const context = t.lib.factContext(quote.id);
    expect(context).toMatchObject({ status: 'ok', found: 'at-locator', locator: quote.locator });
    expect(quote.locator).toMatchObject({ label: 'page', value: '2' });

    const briefing = briefingWith(t.lib, [quote.id, statistic.id]);
    expect(quoteWarnings(t.lib, briefing)).toEqual([]);

    t.lib.close();
    doctorStoredText(t.path, 'as long as the ships keep coming', 'as long as the ships can come');
    const lib = Library.open(t.path);
    try {
      expect(quoteWarnings(lib, briefing)).toEqual([
        expect.objectContaining({
          code: 'quote-not-in-source',
          severity: 'warning',
          factId: quote.id,
          message: expect.stringMatching(
            /^The quote “We will keep the corridor open for as long as the ships … cannot be checked: its source's stored original \(working-paper-12\.pdf, captured \d{4}-\d\d-\d\d\) is damaged/,
          ),
        }),
      ]);
      expect(lib.check().problems).toEqual([
        expect.objectContaining({ kind: 'original', message: expect.stringContaining('its extracted text no longer matches its SHA-256') }),
      ]);
      expect(lib.factContext(quote.id)).toMatchObject({ status: 'damaged' });
    } finally {
      lib.close();
    }
  });

  it('flags a quote whose words are not in the original, folding spaces and typographic marks', async () => {
    const t = tempLibrary();
    cleanup = t.cleanup;
    const r = await capturePdf(t.lib, pdf);
    const source = (r.source as { id: string }).id;
    const same = t.lib.addFact({ sourceId: source, kind: 'quote', text: '"We will keep the corridor open  for as long as the ships keep coming."' });
    const made = t.lib.addFact({ sourceId: source, kind: 'quote', text: '“We will keep the corridor open whatever happens,” the port director said.' });
    // Words left out, marked: the pieces are in the source, in this order.
    const elided = t.lib.addFact({ sourceId: source, kind: 'quote', text: '“We will keep the corridor open … as long as the ships keep coming.”' });
    const reordered = t.lib.addFact({ sourceId: source, kind: 'quote', text: '“as long as the ships keep coming … We will keep the corridor open.”' });
    // Not a quote: a paraphrase is not held to the source's words.
    const paraphrase = t.lib.addFact({ sourceId: source, kind: 'paraphrase', text: 'The port will stay open.' });
    // A source with no stored original: nothing to check against, nothing flagged.
    const typed = t.lib.addSource({ type: 'report', title: 'Notes from the hearing' });
    const unchecked = t.lib.addFact({ sourceId: typed.id, kind: 'quote', text: '“Nothing was kept of this one,” she said.' });
    const briefing = briefingWith(t.lib, [same.id, made.id, elided.id, reordered.id, paraphrase.id, unchecked.id]);
    const found = quoteWarnings(t.lib, briefing);
    expect(found.map((w) => w.factId)).toEqual([made.id, reordered.id]);
    expect(groupWarnings(found).map((g) => g.title)).toEqual(["2 quotations cannot be found in their sources' stored originals"]);
    expect(found[0].message).toMatch(
      /does not appear in its source's stored original \(working-paper-12\.pdf, captured \d{4}-\d\d-\d\d\): check its words against the source\.$/,
    );
  });
});
