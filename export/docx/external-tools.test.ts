import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../markdown';
import { getTemplate } from '../template/load';
import { hasTool } from '../testing/docx-parts';
import { actionMemo, hostileDoc, infoMemo, noteCount, talkingPoints } from '../testing/fixtures';
import { buildLetterhead } from '../testing/letterhead';
import { renderIntoLetterhead } from './letterhead';
import { renderDocx } from './render';

/**
 * Checks with readers we did not write. They run where LibreOffice and pandoc are installed
 * (Debian: libreoffice-writer-nogui, pandoc) and are skipped, saying so, where they are not.
 */
const hasSoffice = hasTool('soffice', ['--headless', '--version']);
const hasPandoc = hasTool('pandoc');
const needs = (tool: boolean, name: string, title: string) => (tool ? title : `${title} — skipped: ${name} is not installed`);
const dir = mkdtempSync(join(tmpdir(), 'dossier-tools-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sample(name: string): Promise<{ path: string; notes: number }> {
  const doc = name === 'action' ? actionMemo() : name === 'talking-points' ? talkingPoints() : name === 'hostile' ? hostileDoc() : infoMemo();
  const buf =
    name === 'letterhead'
      ? await renderIntoLetterhead(doc, getTemplate(doc.templateId), await buildLetterhead())
      : await renderDocx(doc, getTemplate(doc.templateId));
  const path = join(dir, `${name}.docx`);
  writeFileSync(path, buf);
  return { path, notes: noteCount(doc) };
}

describe('LibreOffice', () => {
  it.runIf(hasSoffice)(needs(hasSoffice, 'LibreOffice (soffice)', 'converts each export to a non-empty PDF'), { timeout: 240_000 }, async () => {
    for (const name of ['info', 'action', 'talking-points', 'hostile', 'letterhead']) {
      const { path } = await sample(name);
      const profile = pathToFileURL(join(dir, 'lo-profile')).href;
      const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path], {
        timeout: 120_000,
        encoding: 'utf8',
      });
      // soffice exits 0 even when it fails: the PDF is what counts.
      const pdf = path.replace(/\.docx$/, '.pdf');
      expect(existsSync(pdf), `${name}: ${r.stderr}`).toBe(true);
      expect(statSync(pdf).size).toBeGreaterThan(1000);
    }
  });
});

describe('pandoc', () => {
  it.runIf(hasPandoc)(needs(hasPandoc, 'pandoc', 'reads the footnotes back as [^n] notes, with their text and italics'), async () => {
    for (const name of ['info', 'action', 'talking-points', 'letterhead']) {
      const { path, notes } = await sample(name);
      const r = spawnSync('pandoc', ['-f', 'docx', '-t', 'markdown', '--wrap=none', path], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      const defs = r.stdout.match(/^\[\^\d+\]:/gm) ?? [];
      expect(defs, name).toHaveLength(notes);
      if (name !== 'talking-points') expect(r.stdout).toContain('*Black Sea Grain Shipments: Quarterly Review*');
    }
  });

  it.runIf(hasPandoc)(needs(hasPandoc, 'pandoc', 'reads the footnotes when the field wraps the reference mark'), async () => {
    const doc = infoMemo();
    const path = join(dir, 'around.docx');
    writeFileSync(path, await renderDocx(doc, getTemplate('info-memo'), { zoteroField: 'around-reference' }));
    const r = spawnSync('pandoc', ['-f', 'docx', '-t', 'markdown', '--wrap=none', path], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout.match(/^\[\^\d+\]:/gm) ?? []).toHaveLength(noteCount(doc));
  });

  it.runIf(hasPandoc)(needs(hasPandoc, 'pandoc', 'shows a Zotero field by its result: the in-text citation and the note text stay readable'), async () => {
    const { path } = await sample('hostile');
    const r = spawnSync('pandoc', ['-f', 'docx', '-t', 'markdown', '--wrap=none', path], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toContain('(Lee 2024, 88)');
    expect(r.stdout).not.toContain('ZOTERO_ITEM');
  });

  it.runIf(hasPandoc)(needs(hasPandoc, 'pandoc', 'reads our Markdown with the same notes'), () => {
    const doc = infoMemo();
    const path = join(dir, 'info.md');
    writeFileSync(path, renderMarkdown(doc, getTemplate('info-memo')));
    const r = spawnSync('pandoc', ['-f', 'markdown', '-t', 'native', path], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.match(/\bNote\b/g)).toHaveLength(noteCount(doc));
    expect(r.stdout).not.toMatch(/\bOrderedList\b/);
    expect(r.stdout.match(/\bBulletList\b/g)).toHaveLength(1);
  });
});

describe('CI', () => {
  // .ci/run installs them; a CI machine without them would silently skip the checks above, and
  // the page-count and note-placement tests that read LibreOffice's pages with pdftotext.
  it.runIf(process.env.CI === 'true')('has LibreOffice, pandoc and pdftotext installed, so the real-client checks ran', () => {
    expect({ soffice: hasSoffice, pandoc: hasPandoc, pdftotext: hasTool('pdftotext', ['-v']) }).toEqual({ soffice: true, pandoc: true, pdftotext: true });
  });
});
