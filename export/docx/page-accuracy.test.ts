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
import { MATRIX_DOCS } from '../testing/layout-matrix';
import { laidOutPageCount } from './render';
import { renderDocx } from './render';
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

/** The template's sample briefing with `n` more cited bullets in its longest section. */
function lengthened(templateId: keyof typeof MATRIX_DOCS, n: number, notes: 'footnotes' | 'endnotes'): ResolvedDocument {
  const doc = MATRIX_DOCS[templateId]();
  const longest = [...doc.sections].sort((a, b) => b.blocks.length - a.blocks.length)[0];
  for (let i = 0; i < n; i++) longest.blocks.push(bullet(i));
  return { ...doc, notes };
}

interface Row {
  name: string;
  estimate: number;
  length: number;
  layout: number | undefined;
  file: string;
}

const LENGTHS = [0, 4, 8, 12, 18, 26, 40];

function rows(): Row[] {
  const out: Row[] = [];
  for (const id of Object.keys(MATRIX_DOCS) as (keyof typeof MATRIX_DOCS)[]) {
    for (const notes of ['footnotes', 'endnotes'] as const) {
      for (const n of LENGTHS) {
        const doc = lengthened(id, n, notes);
        const template = getTemplate(id);
        const m = measurePages(doc, template);
        out.push({ name: `${id} ${notes} +${n}`, estimate: m.pages, length: m.length, layout: laidOutPageCount(doc, template), file: join(dir, `${id}-${notes}-${n}.docx`) });
      }
    }
  }
  return out;
}

describe('page estimate accuracy', () => {
  it.runIf(hasSoffice)('is within a page of LibreOffice on every built-in template', { timeout: 300_000 }, async () => {
    const all = rows();
    for (const r of all) {
      const [id, notes, plus] = r.name.split(' ');
      writeFileSync(r.file, await renderDocx(lengthened(id as keyof typeof MATRIX_DOCS, Number(plus.slice(1)), notes as 'footnotes'), getTemplate(id)));
    }
    const profile = pathToFileURL(join(dir, 'lo-profile')).href;
    spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...all.map((r) => r.file)], { timeout: 280_000 });
    const table = all.map((r) => {
      const pdf = r.file.replace(/\.docx$/, '.pdf');
      const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
      const lo = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      return { ...r, lo };
    });
    console.log(table.map((r) => `${r.name.padEnd(36)} est ${r.estimate} (${r.length.toFixed(2)})  layout ${r.layout}  LO ${r.lo}`).join('\n'));
    for (const r of table) expect(Math.abs(r.estimate - r.lo), r.name).toBeLessThanOrEqual(1);
  });
});
