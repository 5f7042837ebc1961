import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/temp-library';
import { BIBTEX } from '../ingest/biblio/testing/fixtures';
import { newsPageHtml } from '../ingest/formats/testing/news-page';
import { buildReportPdf } from '../ingest/formats/testing/report-pdf';
import { runCli } from './main';
import { type CliRun, runInProcess } from './testing/in-process';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** Two readable entries, one nested in an entry left open, and one nested on a single line. */
const NESTED_BIBTEX = [
  '@article{outer2024,',
  '  title = {Grain corridor insurance},',
  '  author = {Okafor, Adaeze},',
  '  @inproceedings{inner2023, title = {Black Sea shipping}, year = {2023}}',
  '  year = {2024}',
  '}',
  '@book{oneline2022, title = {Outer}, @book{inner2021, title = {Inner}}, year = 2022}',
  '@article{fine2020, title = {Fine}, author = {Lee, Mark}, journal = {Maritime Review}, year = {2020}}',
].join('\n');

function cli(args: string[]): Promise<CliRun> {
  return runInProcess(join(dir, 'lib.sqlite'), args);
}

async function json(args: string[]): Promise<any> {
  let out = '';
  let err = '';
  const code = await runCli(['--library', join(dir, 'lib.sqlite'), ...args, '--json'], {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    stdin: async () => Buffer.alloc(0),
    env: {},
  });
  if (code !== 0) return { code, err, body: out ? JSON.parse(out) : undefined };
  return JSON.parse(out);
}

describe('dossier import of real material', () => {
  it('imports a two-column report PDF with page locators and the metadata it carries', async () => {
    const paragraphs = Array.from(
      { length: 40 },
      (_, i) =>
        `Paragraph ${i + 1} of the report notes that tariffs on steel rose by ${i + 2} percent in the quarter. Exporters in region ${i + 1} adjusted their routes.`,
    );
    const pdf = await buildReportPdf({
      paragraphs,
      title: 'Tariff Escalation and Regional Supply Chains',
      author: 'Institute for Trade Studies',
      runningHeader: 'Institute for Trade Studies — Working Paper 12',
      created: new Date('2024-03-05T00:00:00Z'),
    });
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const r = await json(['import', file, '--type', 'report', '--tag', 'tariffs']);
    expect(r.format).toBe('pdf');
    expect(r.source).toMatchObject({ title: 'Tariff Escalation and Regional Supply Chains', type: 'report', issued: { 'date-parts': [[2024, 3, 5]] } });
    expect(r.facts.length).toBeGreaterThanOrEqual(80);
    expect(r.facts[0]).toMatchObject({ locator: { label: 'page', value: expect.any(String) }, tags: ['tariffs'] });
    expect(new Set(r.facts.map((f: { locator: { value: string } }) => f.locator.value)).size).toBeGreaterThan(1);
    expect(r.facts.some((f: { text: string }) => f.text.includes('Working Paper 12'))).toBe(false); // running header dropped
    const again = await json(['import', file, '--type', 'report']);
    expect(again).toMatchObject({ sourceCreated: false, duplicates: r.facts.length, facts: [] });
  });

  it('imports a saved news page: article text only, metadata from the page, scripts never run', async () => {
    const file = join(dir, 'page.html');
    writeFileSync(file, newsPageHtml());
    const r = await json(['import', file, '--dry-run']);
    expect(r.format).toBe('html');
    expect(r.source.title).toBeTruthy();
    expect(r.facts.length).toBeGreaterThan(3);
    expect(JSON.stringify(r.facts)).not.toMatch(/<script|onerror|javascript:/i);
  });

  it('imports BibTeX as sources, merging instead of duplicating on a second import', async () => {
    const file = join(dir, 'refs.bib');
    writeFileSync(file, BIBTEX);
    const first = await json(['import', file]);
    expect(first.format).toBe('bibtex');
    expect(first.created.length).toBeGreaterThan(2);
    const second = await json(['import', file]);
    expect(second.created).toHaveLength(0);
    expect(second.merged.length).toBe(first.created.length + first.merged.length);
  });

  it('counts BibTeX entries it cannot read (nested, unclosed) as failed, with key and line', async () => {
    const file = join(dir, 'nested.bib');
    writeFileSync(file, NESTED_BIBTEX);
    const r = await json(['import', file]);
    expect(r.created.map((s: { title: string }) => s.title)).toEqual(['Black Sea shipping', 'Fine']);
    expect(r.failed).toMatchObject([
      { key: 'outer2024', line: 1, problem: expect.stringContaining('"outer2024"') },
      { key: 'oneline2022', line: 7, problem: expect.stringContaining('"oneline2022"') },
    ]);
    expect(r.skipped).toEqual([]);
    expect(r.counts).toEqual({ created: 2, merged: 0, skipped: 0, failed: 2 });
    const text = await cli(['import', file, '--dry-run']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^Would import 0 new source\(s\), merged 2 with existing ones, skipped 0, failed 2\.$/m);
    expect(text.out).toContain('  ✗ Entry "outer2024" (@article, line 1) is not closed');
  });

  it('imports hostile-but-real LaTeX: created, skipped and failed counted, each failure and each dropped field named', async () => {
    const file = join(dir, 'hostile.bib');
    const bib = readFileSync(new URL('../ingest/biblio/testing/hostile-latex.bib', import.meta.url), 'utf8');
    // One more entry that reads but is no valid source: its DOI is not a DOI.
    writeFileSync(file, `${bib}\n@article{baddoi,\n  title = {Bad DOI},\n  doi = {not-a-doi},\n  year = {2020},\n}\n`);
    const r = await json(['import', file]);
    expect(r.counts).toEqual({ created: 4, merged: 0, skipped: 1, failed: 1 });
    expect(r.failed).toMatchObject([{ key: 'broken2019', line: 41 }]);
    expect(r.skipped).toMatchObject([{ index: 4, problem: expect.stringMatching(/doi/i) }]);
    expect(r.warnings).toHaveLength(3);
    const text = await cli(['import', file, '--dry-run']);
    expect(text.out).toMatch(/^Would import 0 new source\(s\), merged 4 with existing ones, skipped 1, failed 1\.$/m);
    expect(text.out).toMatch(/^ {2}✗ Entry "broken2019" \(@book, line 41\) is not closed/m);
    expect(text.out).toContain('  ! Entry "web2022" (line 31): the field "note" could not be converted from LaTeX and was left out');
  });

  it('imports a password-protected PDF with --password-file or DOSSIER_PDF_PASSWORD, and says when it needs one', async () => {
    const file = join(dir, 'corridor.pdf');
    writeFileSync(file, readFileSync(new URL('../ingest/formats/testing/encrypted-report.pdf', import.meta.url)));
    const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
      let out = '';
      let err = '';
      const code = await runCli(['--library', join(dir, 'lib.sqlite'), 'import', file, ...args], {
        stdout: (t) => (out += t),
        stderr: (t) => (err += t),
        stdin: async () => Buffer.alloc(0),
        env,
      });
      return { code, out, err };
    };
    const without = await run(['--dry-run']);
    expect(without).toMatchObject({
      code: 2,
      err: 'dossier: corridor.pdf: this PDF is password-protected; give its password to import it (--password-file FILE, or DOSSIER_PDF_PASSWORD)',
    });
    const json = await run(['--dry-run', '--json']);
    expect(JSON.parse(json.out)).toEqual({ error: { code: 'password_required', field: 'password', message: expect.stringContaining('password-protected') } });
    writeFileSync(join(dir, 'pw'), 'grain-2024\n');
    const withFile = await run(['--dry-run', '--password-file', join(dir, 'pw')]);
    expect(withFile.code).toBe(0);
    expect(withFile.out).toContain('Grain exports through the corridor rose 9 percent in May');
    const withEnv = await run(['--json'], { DOSSIER_PDF_PASSWORD: 'grain-2024' });
    expect(JSON.parse(withEnv.out)).toMatchObject({ format: 'pdf', sourceCreated: true, source: { title: 'Corridor Review' } });
    writeFileSync(join(dir, 'wrong'), 'grain-2023\n');
    expect((await run(['--dry-run', '--password-file', join(dir, 'wrong')])).err).toMatch(/corridor\.pdf: the password given .* is wrong/);
    expect((await cli(['import', '--help'])).out).toMatch(/--password-file F[\s\S]*DOSSIER_PDF_PASSWORD[\s\S]*no --password option/);
  });

  it('says in a PDF dry run that a table was left out, and on which page', async () => {
    const file = join(dir, 'tables.pdf');
    const row = (a: string, b: string, c: string, d: string) => [a, b, c, d];
    const table = {
      table: [
        row('Economy', '2019', '2023', 'Change'),
        row('Kenya', '12.4', '15.1', '+2.7'),
        row('Ghana', '9.8', '8.6', '-1.2'),
        row('Peru', '21.0', '24.3', '+3.3'),
      ],
    };
    writeFileSync(
      file,
      await buildReportPdf({
        paragraphs: ['Inputs sourced in the region rose in every economy surveyed.', table, 'Peru gained the most.'],
        title: 'Regional Inputs',
      }),
    );
    const r = await cli(['import', file, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^! tables\.pdf: 1 table left out \(page 1\)/m);
    expect(r.out).not.toMatch(/Kenya/);
    expect(r.out).toContain('Peru gained the most.');
  });

  it('exits 2 when no entry of a BibTeX file could be read, writing nothing', async () => {
    const file = join(dir, 'broken.bib');
    writeFileSync(file, NESTED_BIBTEX.split('\n').slice(0, 7).join('\n').replace('@inproceedings{inner2023', 'see @inproceedings{inner2023'));
    for (const args of [
      ['import', file],
      ['import', file, '--dry-run'],
    ]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.err).toBe(
        'dossier: broken.bib: nothing was imported (2 failed, 0 skipped): Entry "outer2024" (line 1) could not be read (invalid syntax at line 4, column 7); it was skipped. (and 1 more)\n',
      );
    }
    const j = await json(['import', file]);
    expect(j).toMatchObject({
      code: 2,
      body: { error: { code: 'validation', field: 'file', message: expect.stringMatching(/^broken\.bib: nothing was imported \(2 failed, 0 skipped\)/) } },
    });
    expect(await json(['sources'])).toEqual([]);
  });

  it('exports sources as CSL-JSON that re-imports to the same sources, and as BibTeX', async () => {
    writeFileSync(join(dir, 'refs.bib'), BIBTEX);
    await json(['import', join(dir, 'refs.bib')]);
    const before = await json(['sources']);
    await json(['sources', 'export', '--format', 'csl-json', '--out', join(dir, 'out.json')]);
    await json(['sources', 'export', '--format', 'bibtex', '--out', join(dir, 'out.bib')]);
    const again = await json(['import', join(dir, 'out.json')]);
    expect(again.created).toHaveLength(0);
    expect(await json(['sources'])).toEqual(before);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(dir, 'out.bib'), 'utf8')).toMatch(/^@\w+\{/m);
    // RIS too: every source comes back as itself (merged, none created).
    expect(await json(['sources', 'export', '--format', 'ris', '--out', join(dir, 'out.ris')])).toMatchObject({ format: 'ris', sources: before.length });
    expect(readFileSync(join(dir, 'out.ris'), 'utf8').match(/^TY {2}- /gm)).toHaveLength(before.length);
    expect((await json(['import', join(dir, 'out.ris')])).created).toHaveLength(0);
    expect((await cli(['sources', 'export', '--format', 'endnote', '--out', join(dir, 'x')])).err).toMatch(/--format must be csl-json, bibtex or ris/);
  });

  it('refuses binary garbage and an empty file with a clear message, changing nothing', async () => {
    const bin = join(dir, 'noise.docx');
    writeFileSync(bin, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x42, 0x99, 0x00]));
    const r = await json(['import', bin, '--title', 'X']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/noise\.docx/);
    expect((await json(['sources'])).length).toBe(0);
  });
});
