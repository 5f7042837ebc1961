import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { loadSample } from '../samples/load';
import { assembleBriefing } from './assemble';
import { exportBriefing } from './export-briefing';
import { preflight } from './preflight';
import { loadClaimDetectors } from './unsourced-claims';
import { openDocx, visibleText } from './testing/docx-parts';

// Pre-flight is called directly here: its capture detectors load first, as the exporters load them.
beforeAll(() => loadClaimDetectors());

/**
 * No text stalls an export or a pre-flight check: worst cases for the page-count layout, the
 * Markdown and Word writers and the right-to-left splitter, at the longest a briefing item can
 * be (100,000 characters of prose, 20,000 of a fact), exported to .docx, .md and .txt and
 * checked. Each case has a budget of 5–10 times what it took after the fix on a busy 2-core
 * machine (noted beside it), and far below what it took before: a 20,000-character word took
 * about 30 s, 100,000 characters minutes.
 */
const TODAY = new Date('2025-02-01T12:00:00Z');

let lib: Library;
let dir: string;
let done: () => void;
let briefingId: string;

// The first export in a process loads citeproc, its styles and docx: not what the budgets time.
beforeAll(async () => {
  const t = tempLibrary();
  try {
    const id = loadSample(t.lib, TODAY);
    for (const ext of ['docx', 'md', 'txt']) await exportBriefing(t.lib, id, { out: join(t.dir, `warm.${ext}`), today: TODAY, now: TODAY });
  } finally {
    t.cleanup();
  }
});

beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  dir = t.dir;
  done = t.cleanup;
  briefingId = loadSample(lib, TODAY);
});
afterEach(() => done());

function addProse(text: string): void {
  lib.addItems(briefingId, [{ kind: 'prose', text }], 'discussion');
}

function addFact(text: string): void {
  const source = lib.listSources()[0];
  const fact = lib.addFact({ text, sourceId: source.id });
  lib.addItems(briefingId, [{ kind: 'fact', factId: fact.id }], 'discussion');
}

/** Exports to all three formats and runs the check; returns the files' texts and how long it all took. */
async function exportAll(): Promise<{ ms: number; docx: string; md: string; txt: string; warnings: string[] }> {
  const t0 = performance.now();
  for (const ext of ['docx', 'md', 'txt']) await exportBriefing(lib, briefingId, { out: join(dir, `memo.${ext}`), today: TODAY, now: TODAY });
  const warnings = preflight(assembleBriefing(lib, briefingId, { today: TODAY }), { now: TODAY }).map((w) => w.code);
  const ms = performance.now() - t0;
  return {
    ms,
    docx: visibleText(openDocx(readFileSync(join(dir, 'memo.docx'))).part('word/document.xml')),
    md: readFileSync(join(dir, 'memo.md'), 'utf8'),
    txt: readFileSync(join(dir, 'memo.txt'), 'utf8'),
    warnings,
  };
}

describe('text that once stalled an export or a check', () => {
  it('a 100,000-character prose paragraph with no spaces', async () => {
    const word = 'Ab1'.repeat(33_333) + 'Z';
    addProse(word);
    const r = await exportAll();
    expect(r.ms).toBeLessThan(8_000); // after: 1.3 s; before: minutes
    expect(r.docx).toContain(word);
    expect(r.md).toContain(word);
    expect(r.txt).toContain(word);
    expect(r.warnings).toContain('page-limit');
  });

  it('a 20,000-character fact with no spaces, the longest a fact may be', async () => {
    const word = 'x'.repeat(20_000);
    addFact(word);
    const r = await exportAll();
    expect(r.ms).toBeLessThan(5_000); // after: 0.5 s; before: over a minute
    expect(r.docx).toContain(word);
    expect(r.txt).toContain(word);
    expect(r.warnings).toContain('page-limit');
  });

  it('a fact short enough to be laid out, made of one 9,000-character word, counts its pages as words would', async () => {
    // Under the layout's character limit: the layout runs, on pieces of the word.
    addFact('y'.repeat(9_000));
    const t0 = performance.now();
    const a = assembleBriefing(lib, briefingId, { today: TODAY });
    const pages = preflight(a, { now: TODAY }).find((w) => w.code === 'page-limit')?.message;
    expect(performance.now() - t0).toBeLessThan(5_000); // after: 0.3 s; before: about 15 s
    // The same length as words of ordinary prose comes to as many pages, give or take one.
    const words = tempLibrary();
    try {
      const id = loadSample(words.lib, TODAY);
      words.lib.addItems(
        id,
        [{ kind: 'fact', factId: words.lib.addFact({ text: 'yyyyyyy '.repeat(1_125).trim(), sourceId: words.lib.listSources()[0].id }).id }],
        'discussion',
      );
      const other = preflight(assembleBriefing(words.lib, id, { today: TODAY }), { now: TODAY }).find((w) => w.code === 'page-limit')?.message;
      const count = (m: string | undefined) => Number(/about (\d+) pages/.exec(m ?? '')?.[1]);
      expect(count(pages)).toBeGreaterThanOrEqual(3);
      expect(Math.abs(count(pages) - count(other))).toBeLessThanOrEqual(1);
    } finally {
      words.cleanup();
    }
  });

  it('long tokens: 49 words of 2,000 characters', async () => {
    const text = Array.from({ length: 49 }, (_, i) => String.fromCharCode(97 + (i % 26)).repeat(1_999) + '.').join(' ');
    addProse(text);
    const r = await exportAll();
    expect(r.ms).toBeLessThan(5_000); // after: 0.4 s; before: minutes
    expect(r.docx).toContain(text);
    expect(r.md).toContain(text.slice(0, 2_000));
  });

  it('runs of 99,998 spaces inside paragraphs, in three items', async () => {
    for (let i = 0; i < 3; i++) addProse(`a${' '.repeat(99_998)}b`);
    const r = await exportAll();
    expect(r.ms).toBeLessThan(6_000); // after: 1 s; before: about 15 s (the Markdown writer)
    expect(r.docx).toContain(`a${' '.repeat(99_998)}b`);
    expect(r.md).toContain(`a${' '.repeat(99_998)}b`);
  });

  it('Hebrew letters around 99,998 digits (neutral characters between two right-to-left letters)', async () => {
    const text = `\u05D0${'1'.repeat(99_998)}\u05D0`;
    addProse(text);
    const r = await exportAll();
    expect(r.ms).toBeLessThan(5_000); // after: 0.4 s; before: 21 s
    expect(r.docx).toContain(text);
    // The digits sit between two right-to-left letters: one right-to-left run.
    const xml = openDocx(readFileSync(join(dir, 'memo.docx'))).part('word/document.xml');
    expect(xml).toContain(`<w:rtl/></w:rPr><w:t xml:space="preserve">${text}</w:t>`);
  });

  it('many tiny paragraphs: 25,000 in one prose item', async () => {
    addProse('a.\n\n'.repeat(25_000));
    const r = await exportAll();
    expect(r.ms).toBeLessThan(20_000); // after: 3.7 s, linear in the paragraphs
    // The discussion section is a bulleted list: one bullet for each paragraph, with its portion mark.
    expect(r.txt.match(/^• \(U\) a\.$/gm)).toHaveLength(25_000);
    expect(r.md.match(/^- \\\(U\) a\.$/gm)).toHaveLength(25_000);
  });

  it('deep nesting of emphasis markers, brackets and quotes', async () => {
    const n = 8_000;
    const text = `${'**_`["“(\''.repeat(n)}x${'\')”"]`_**'.repeat(n)}`;
    addProse(text.slice(0, 100_000));
    addProse(`${'*'.repeat(33_000)}a${'_'.repeat(33_000)}b${'*_'.repeat(16_000)}`);
    const r = await exportAll();
    expect(r.ms).toBeLessThan(8_000); // after: 1.1 s
    expect(r.docx).toContain('x');
  });
});
