import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Block, ResolvedDocument } from '../document';
import { builtInTemplates, getTemplate } from '../template/load';
import { hasTool, openDocx, paragraphs, visibleText } from '../testing/docx-parts';
import { actionMemo } from '../testing/fixtures';
import { renderDocx } from './render';

const hasSoffice = hasTool('soffice', ['--headless', '--version']) && hasTool('pdftotext', ['-v']);
const dir = mkdtempSync(join(tmpdir(), 'dossier-pages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The action memo with `n` more discussion bullets, pushing the decision block down the pages. */
function longActionMemo(n: number): ResolvedDocument {
  const doc = actionMemo();
  const discussion = doc.sections.find((s) => s.key === 'discussion')!;
  for (let i = 0; i < n; i++) {
    const text = `Point ${i + 1}: the corridor carried more grain this quarter than last, and the ports report longer queues at the berths.`;
    discussion.blocks.push({ kind: 'bullet', inlines: [{ type: 'text', run: { text } }] } satisfies Block);
  }
  return doc;
}

const pPr = (p: string) => /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(p)?.[1] ?? '';

describe('pagination', () => {
  it('keeps every heading with what follows it, in every built-in template', async () => {
    for (const t of builtInTemplates()) {
      const styles = openDocx(await renderDocx(actionMemo(), getTemplate(t.id))).part('word/styles.xml');
      for (const role of ['title', 'heading', 'sourcesHeading'] as const) {
        const style = new RegExp(`<w:style [^>]*w:styleId="${t.styles[role].id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? '';
        expect(style, `${t.id} ${role}`).toContain('<w:keepNext/>');
      }
    }
  });

  it('holds the recommendation and the whole decision block together, not onto what follows', async () => {
    const xml = openDocx(await renderDocx(actionMemo(), getTemplate('action-memo'))).part('word/document.xml');
    const paras = paragraphs(xml);
    const from = paras.findIndex((p) => visibleText(p).includes('RECOMMENDATION:'));
    const to = paras.findIndex((p) => visibleText(p).startsWith('Other'));
    expect(from).toBeGreaterThan(0);
    const block = paras.slice(from, to + 1);
    expect(block.map(visibleText).map((t) => t.replace(/^\(\w+\) /, '').split(/[:\s]/)[0])).toEqual([
      'RECOMMENDATION',
      'DECISION',
      'Decision',
      'Approve',
      'Disapprove',
      'Other',
    ]);
    for (const p of block) expect(pPr(p)).toContain('<w:keepLines/>');
    for (const p of block.slice(0, -1)) expect(pPr(p), visibleText(p)).toMatch(/<w:keepNext\/>/);
    // The last line overrides the decision style's keep-with-next.
    expect(pPr(block.at(-1)!)).toContain('<w:keepNext w:val="false"/>');
    // A run-in heading never ends a page: its paragraph keeps its lines together.
    expect(pPr(paras.find((p) => visibleText(p).includes('BLUF:'))!)).toContain('<w:keepLines/>');
  });

  it.runIf(hasSoffice)('LibreOffice never prints the decision lines on a page without the recommendation', { timeout: 180_000 }, async () => {
    // Where the block meets the foot of page 2 (measured: 7–10 extra bullets in LibreOffice 7.4,
    // where the decision lines used to start page 3 alone).
    const counts = [6, 7, 8, 9, 10, 11];
    const files = await Promise.all(
      counts.map(async (n) => {
        const path = join(dir, `long-${n}.docx`);
        writeFileSync(path, await renderDocx(longActionMemo(n), getTemplate('action-memo')));
        return path;
      }),
    );
    const profile = pathToFileURL(join(dir, 'lo-profile')).href;
    spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { timeout: 170_000 });
    const pagesOfBlock = new Set<number>();
    for (const file of files) {
      const pdf = file.replace(/\.docx$/, '.pdf');
      expect(existsSync(pdf), pdf).toBe(true);
      const pages = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.split('\f');
      const onPage = (line: RegExp) => pages.findIndex((p) => line.test(p));
      const page = onPage(/RECOMMENDATION:/);
      const lines = [/^\s*DECISION:/m, /Decision requested by/, /^\s*Approve\s+_{5,}/m, /^\s*Disapprove\s+_{5,}/m, /^\s*Other\s+_{5,}/m];
      expect(lines.map(onPage), file).toEqual(lines.map(() => page));
      pagesOfBlock.add(page);
    }
    // The range really crosses a page break: the block moved from one page to the next.
    expect(pagesOfBlock.size).toBe(2);
  });
});
