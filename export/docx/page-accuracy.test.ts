import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Block, ResolvedDocument } from '../document';
import { getTemplate } from '../template/load';
import { hasTool } from '../testing/docx-parts';
import { note } from '../testing/fixtures';
import { MARKING_MODES, MATRIX_DOCS, type MarkingMode, variant } from '../testing/layout-matrix';
import { PAGE_ESTIMATE_MARGIN } from './page-estimate';
import { laidOutPageCount, renderDocx } from './render';
import { measurePages } from './page-measure';

/**
 * How close the page estimate (page-measure.ts) comes to LibreOffice's real page count, on
 * every built-in template at several lengths, with footnotes and with endnotes. Its measured
 * error is where pre-flight's margin comes from (PAGE_ESTIMATE_MARGIN in page-estimate.ts).
 */

const hasSoffice = hasTool('soffice', ['--headless', '--version']) && hasTool('pdftotext', ['-v']);
const dir = mkdtempSync(join(tmpdir(), 'dossier-page-accuracy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WORDS = 'the corridor carried more grain this quarter than last and ports report longer queues at berths while insurers returned to routes'.split(' ');

/** A bullet of 15–55 words (varied, but the same every run) citing a note of 8–30 words. */
function bullet(i: number): Block {
  const words = 15 + ((i * 17) % 41);
  const text = Array.from({ length: words }, (_, k) => WORDS[(i * 7 + k) % WORDS.length]).join(' ');
  const noteText = Array.from({ length: 8 + ((i * 11) % 23) }, (_, k) => WORDS[(i + k * 3) % WORDS.length]).join(' ');
  const item = { id: `i${i}`, type: 'report', title: `Report ${i}` };
  return { kind: 'bullet', inlines: [{ type: 'text', run: { text: `Point ${i + 1}: ${text}.` } }, note(item, [{ text: `Agency, ${noteText}, ${i + 3}.` }])] };
}

/** The template's sample briefing, in a marking mode, with `n` more cited bullets in its longest section. */
function lengthened(c: Case): ResolvedDocument {
  const doc = variant(MATRIX_DOCS[c.template](), c.marking, c.notes);
  const longest = [...doc.sections].sort((a, b) => b.blocks.length - a.blocks.length)[0];
  for (let i = 0; i < c.n; i++) longest.blocks.push(bullet(i));
  return doc;
}

interface Case {
  template: keyof typeof MATRIX_DOCS;
  notes: 'footnotes' | 'endnotes';
  marking: MarkingMode;
  n: number;
}

/**
 * Lengths from the sample alone to about six pages, in turn in each marking mode (none, banner,
 * portion marks). PAGE_ACCURACY_SWEEP=1 takes every length from 0 to 40 instead (410
 * documents, about five minutes): the sweep the margin was set from.
 */
const SWEEP = process.env.PAGE_ACCURACY_SWEEP === '1';
const LENGTHS = SWEEP ? Array.from({ length: 41 }, (_, n) => n) : [0, 4, 8, 12, 18, 26, 40];

function cases(): Case[] {
  const out: Case[] = [];
  for (const template of Object.keys(MATRIX_DOCS) as Case['template'][])
    for (const notes of ['footnotes', 'endnotes'] as const)
      LENGTHS.forEach((n, i) => out.push({ template, notes, marking: MARKING_MODES[i % MARKING_MODES.length], n }));
  return out;
}

const nameOf = (c: Case) => `${c.template} ${c.notes} ${c.marking} +${c.n}`;

/** LibreOffice's page count of each file, converted in runs of 40 with a profile of its own. */
function libreOfficePages(files: string[]): number[] {
  const profile = pathToFileURL(join(dir, 'lo-profile')).href;
  for (let i = 0; i < files.length; i += 40) {
    spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files.slice(i, i + 40)], {
      timeout: 300_000,
    });
  }
  // pdftotext ends every page with a form feed.
  return files.map((f) => spawnSync('pdftotext', [f.replace(/\.docx$/, '.pdf'), '-'], { encoding: 'utf8' }).stdout.split('\f').length - 1);
}

/**
 * How far the measure's length is from the lengths LibreOffice's count allows: a document
 * LibreOffice prints on P pages is between P − 1 and P pages long, so a measure of L pages is
 * at least this far off. Near a page end it is the measure's whole error.
 */
const errorOf = (length: number, pages: number) => Math.max(0, pages - 1 - length, length - pages);

describe('page estimate accuracy', () => {
  it.runIf(hasSoffice)('counts pages as LibreOffice does on every built-in template, within the margin of its length', { timeout: 1_500_000 }, async () => {
    const all = cases();
    const files = await Promise.all(
      all.map(async (c, i) => {
        const file = join(dir, `${i}.docx`);
        writeFileSync(file, await renderDocx(lengthened(c), getTemplate(c.template)));
        return file;
      }),
    );
    const lo = libreOfficePages(files);
    const rows = all.map((c, i) => {
      const doc = lengthened(c);
      const template = getTemplate(c.template);
      const m = measurePages(doc, template);
      return { c, m, layout: SWEEP ? undefined : laidOutPageCount(doc, template), lo: lo[i], error: errorOf(m.length, lo[i]) };
    });
    console.info(
      rows
        .map(
          (r) =>
            `${nameOf(r.c).padEnd(40)} measure ${r.m.pages} (${r.m.length.toFixed(2)})  layout ${r.layout ?? '-'}  LibreOffice ${r.lo}  error ${r.error.toFixed(2)}`,
        )
        .join('\n'),
      `\nexact ${rows.filter((r) => r.m.pages === r.lo).length}/${rows.length}, largest error ${Math.max(...rows.map((r) => r.error)).toFixed(3)} pages`,
    );
    for (const r of rows) {
      expect(Math.abs(r.m.pages - r.lo), nameOf(r.c)).toBeLessThanOrEqual(1);
      expect(r.error, nameOf(r.c)).toBeLessThan(PAGE_ESTIMATE_MARGIN);
      // Pre-flight trusts the measure outside the margin of the limit: there it must say what LibreOffice says.
      const limit = getTemplate(r.c.template).limits.pages!;
      if (Math.abs(r.m.length - limit) >= PAGE_ESTIMATE_MARGIN) expect(r.m.pages > limit, nameOf(r.c)).toBe(r.lo > limit);
    }
  });
});
