import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/temp-library';
import { type CliRun, runInProcess } from './testing/in-process';

const ARTICLE = readFileSync(join(__dirname, 'fixtures', 'grain-article.txt'), 'utf8');

/** The sentences a careful reader counts in the fixture article, in order. */
const EXPECTED = [
  'Grain corridor reopens as talks resume in Istanbul',
  'ISTANBUL — Ships carrying grain left the port of Odesa on Jan. 18 for the first time in three weeks, officials said.',
  'The U.S. ambassador welcomed the move.',
  '"We will keep the corridor open as long as the guarantees hold," Ines Duarte, the foreign minister, told reporters at 9 a.m. on Tuesday.',
  'She added that inspections would take no more than 36 hours.',
  'According to Gen. Mark A. Lee, the convoy was escorted by two frigates.',
  'Exports fell 30% to 3.2 million tonnes in December, the ministry said, while insurance premiums rose by $1.5 million per voyage.',
  'Dr. Sara Petrov of the Institute for Trade Studies warned that prices could rise again...',
  '"It is a fragile arrangement," she said.',
  'Details are posted at https://ministry.example.gov/corridor.html for shippers, e.g. the new inspection schedule.',
];

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function cli(args: string[], stdin = ''): Promise<CliRun> {
  return runInProcess(join(dir, 'lib.sqlite'), args, stdin);
}

async function json<T = any>(args: string[], stdin?: string): Promise<T> {
  const r = await cli([...args, '--json'], stdin);
  expect(r.err, r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as T;
}

describe('dossier import', () => {
  it('yields exactly one candidate fact per sentence of a real news article, in order', async () => {
    const file = join(dir, 'article.txt');
    writeFileSync(file, ARTICLE);
    const r = await json(['import', file, '--title', 'Grain corridor reopens', '--author', 'Okafor, Adaeze', '--dry-run']);
    expect(r.facts.map((f: { text: string }) => f.text)).toEqual(EXPECTED);
    expect(r.source).toMatchObject({ title: 'Grain corridor reopens', author: [{ family: 'Okafor', given: 'Adaeze' }], type: 'article-newspaper' });
    expect((await cli(['facts'])).err).toMatch(/No library at/); // the dry run wrote nothing, not even a library
  });

  it('imports from standard input, keeps chosen candidates, and never duplicates on re-import', async () => {
    const meta = ['--title', 'Grain corridor reopens', '--issued', '2024-01-19', '--author', 'The Meridian Herald', '--tag', 'grain'];
    const first = await json(['import', '-', ...meta, '--keep', '2-3,5'], ARTICLE);
    expect(first.sourceCreated).toBe(true);
    expect(first.source.author).toEqual([{ literal: 'The Meridian Herald' }]);
    expect(first.facts.map((f: { text: string }) => f.text)).toEqual([EXPECTED[1], EXPECTED[2], EXPECTED[4]]);
    expect(first.facts[0]).toMatchObject({ sourceId: first.source.id, kind: expect.any(String), locator: { label: 'paragraph', value: '2' }, tags: ['grain'] });
    const again = await json(['import', '-', ...meta], ARTICLE);
    expect(again.sourceCreated).toBe(false);
    expect(again.source.id).toBe(first.source.id);
    expect(again.facts).toHaveLength(EXPECTED.length - 3);
    expect(again.duplicates).toBe(3);
    expect((await json(['facts', '--limit', '100'])).total).toBe(EXPECTED.length);
    const third = await json(['import', '-', ...meta], ARTICLE);
    expect(third.facts).toHaveLength(0);
  });

  it('suggests attribution, event date and figures, and saves them when accepted', async () => {
    const meta = ['--title', 'Grain corridor reopens', '--issued', '2025-01-19'];
    const dry = await json(['import', '-', ...meta, '--dry-run'], ARTICLE);
    const quote = dry.facts.find((f: { text: string }) => f.text.startsWith('"We will keep'));
    expect(quote).toMatchObject({ kind: 'quote', attribution: { name: 'Ines Duarte', role: 'foreign minister' } });
    expect(dry.facts[1]).toMatchObject({ eventDate: '2025-01-18' });
    expect(dry.facts.find((f: { text: string }) => f.text.startsWith('Exports fell'))).toMatchObject({
      kind: 'statistic',
      statistic: { figure: expect.stringMatching(/30%|3\.2 million/) },
    });
    const saved = await json(['import', '-', ...meta, '--accept-suggestions', '--keep', '2,4'], ARTICLE);
    expect(saved.facts[0]).toMatchObject({ eventDate: '2025-01-18' });
    expect(saved.facts[1]).toMatchObject({ attribution: { name: 'Ines Duarte', role: 'foreign minister' } });
    // A second outlet restating a sentence: flagged as a near-duplicate, then linked as corroboration.
    const other = await json(
      ['import', '-', '--title', 'Wire copy', '--author', 'Harbour Wire', '--dry-run'],
      'Grain ships left the port of Odesa on Jan. 18 for the first time in three weeks.',
    );
    expect(other.facts[0].duplicates[0]).toMatchObject({ factId: saved.facts[0].id });
    const wire = await json(
      ['import', '-', '--title', 'Wire copy', '--author', 'Harbour Wire'],
      'Grain ships left the port of Odesa on Jan. 18 for the first time in three weeks.',
    );
    const link = await json(['fact', 'corroborate', saved.facts[0].id, wire.facts[0].id]);
    expect(link.independentSources).toBe(2);
    expect((await json(['fact', 'show', wire.facts[0].id])).corroboratedBy).toEqual([saved.facts[0].id]);
  });

  it('imports whole paragraphs when asked', async () => {
    const r = await json(['import', '-', '--title', 'T', '--paragraphs', '--dry-run'], ARTICLE);
    expect(r.facts).toHaveLength(5);
    expect(r.facts[2].text).toMatch(/^"We will keep.*36 hours\.$/);
  });

  it('refuses empty text and bad metadata with exit code 2, writing nothing', async () => {
    const empty = await cli(['import', '-', '--title', 'Empty'], '  \n\n ');
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/^dossier: text: the text is empty/);
    const date = await cli(['import', '-', '--title', 'T', '--issued', '2024-02-30'], ARTICLE);
    expect(date.code).toBe(2);
    expect(date.err).toMatch(/source\.issued: is not a date/);
    const keep = await cli(['import', '-', '--title', 'T', '--keep', '1,99'], ARTICLE);
    expect(keep.code).toBe(2);
    expect(keep.err).toMatch(/keep: there are only 10 candidate facts/);
    expect((await json(['sources'])).length).toBe(0);
  });
});

describe('dossier commands', () => {
  it('manages sources, facts, tags and briefings with --json everywhere', async () => {
    const src = await json([
      'source',
      'add',
      '--title',
      'Fertiliser outlook',
      '--type',
      'report',
      '--author',
      'Institute for Trade Studies',
      '--issued',
      '2023-11',
      '--reliability',
      'c',
    ]);
    expect(src).toMatchObject({
      id: expect.any(String),
      type: 'report',
      title: 'Fertiliser outlook',
      author: [{ literal: 'Institute for Trade Studies' }],
      issued: { 'date-parts': [[2023, 11]] },
      reliability: 'C',
    });
    const fact = await json([
      'fact',
      'add',
      '--source',
      src.id.slice(0, 8),
      '--text',
      'Prices doubled in 2022.',
      '--kind',
      'statistic',
      '--locator',
      'p. 12',
      '--tag',
      'prices',
      '--event-date',
      '2022',
    ]);
    expect(fact).toMatchObject({
      id: expect.any(String),
      text: 'Prices doubled in 2022.',
      sourceId: src.id,
      kind: 'statistic',
      locator: { label: 'page', value: '12' },
      tags: ['prices'],
    });
    await json(['fact', 'tag', fact.id, 'Fertiliser', 'Europe']);
    expect((await json(['fact', 'untag', fact.id, 'europe'])).tags).toEqual(['Fertiliser', 'prices']);
    expect((await json(['fact', 'verify', fact.id])).verifiedAt).toMatch(/^\d{4}-/);
    expect((await json(['fact', 'edit', fact.id, '--locator', '', '--notes', 'see table 3'])).locator).toBeUndefined();
    expect(await json(['tags'])).toEqual([
      { name: 'Fertiliser', count: 1 },
      { name: 'prices', count: 1 },
    ]);
    const search = await json(['facts', '--search', 'doubled', '--tag', 'prices', '--reliability', 'C']);
    expect(search.total).toBe(1);
    expect(search.facts[0].highlights).toContainEqual({ text: 'doubled', match: true });
    const brief = await json(['brief', 'new', '--template', 'info-memo', '--title', 'Fertiliser prices', '--field', 'for=Under Secretary']);
    expect(brief.fields).toEqual({ for: 'Under Secretary' });
    const withFact = await json(['brief', 'add', brief.id, fact.id, '--section', brief.sections[0].key]);
    expect(withFact.sections[0].items).toMatchObject([{ kind: 'fact', factId: fact.id }]);
    await json(['brief', 'add', brief.id, '--prose', 'Context first.', '--section', brief.sections[0].key, '--at', '1']);
    const moved = await json(['brief', 'move', brief.id, '2', '--to', '1']);
    expect(moved.sections[0].items.map((i: { kind: string }) => i.kind)).toEqual(['fact', 'prose']);
    expect((await json(['fact', 'show', fact.id])).briefings).toMatchObject([{ title: 'Fertiliser prices' }]);
    expect((await cli(['fact', 'rm', fact.id])).code).toBe(2);
    expect(await json(['brief', 'list'])).toMatchObject([{ title: 'Fertiliser prices', factCount: 1 }]);
    expect((await cli(['source', 'rm', src.id])).err).toMatch(/still has 1 fact/);
    const check = await json(['check']);
    expect(check).toMatchObject({ ok: true, counts: { sources: 1, facts: 1, briefings: 1 } });
  });

  it('prints readable aligned tables for people', async () => {
    await json(['import', '-', '--title', 'Grain corridor reopens'], ARTICLE);
    const r = await cli(['facts', '--search', 'corridor']);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+kind\s+rel\s+tags\s+fact — source$/);
    expect(lines[1]).toMatch(/^─+/);
    expect(r.out).toMatch(/\n10 of 10 fact\(s\)/); // the source title says "corridor"
  });

  it('search strings full of FTS operators never error', async () => {
    await json(['import', '-', '--title', 'Grain corridor reopens'], ARTICLE);
    for (const q of ['"unbalanced', 'AND OR', '-', '*', '(grain', 'col:val', 'NEAR(', '^']) {
      const r = await cli(['facts', '--search', q, '--json']);
      expect(r.code, `${q}: ${r.err}`).toBe(0);
    }
  });

  it('uses exit code 1 for usage errors and 2 for data errors, one line, no stack trace', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^dossier: unknown command "frobnicate"/);
    const badOpt = await cli(['facts', '--colour', 'red']);
    expect(badOpt.code).toBe(1);
    expect(badOpt.err).toMatch(/--colour/);
    const noLibrary = await cli(['fact', 'show', 'deadbeef-0000']);
    expect(noLibrary.code).toBe(2);
    expect(noLibrary.err.trim()).toMatch(/^dossier: No library at \S+: create one with "dossier init"/);
    expect((await cli(['init'])).code).toBe(0);
    const missing = await cli(['fact', 'show', 'deadbeef-0000']);
    expect(missing.code).toBe(2);
    expect(missing.err.trim()).toBe('dossier: Fact not found: deadbeef-0000');
    const noSource = await cli(['fact', 'add', '--text', 'Unsourced claim.']);
    expect(noSource.code).toBe(2);
    expect(noSource.err).toMatch(/fact\.sourceId: is required/);
    for (const r of [unknown, badOpt, missing, noSource]) expect(r.err).not.toMatch(/\n\s+at /);
    const asJson = await cli(['fact', 'show', 'nope', '--json']);
    expect(JSON.parse(asJson.out)).toEqual({ error: { code: 'not_found', message: 'Fact not found: nope' } });
  });

  it('refuses a corrupt library with a clear message and exit code 2', async () => {
    writeFileSync(join(dir, 'lib.sqlite'), 'not a database');
    const r = await cli(['facts']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not a Dossier library/);
    expect(readFileSync(join(dir, 'lib.sqlite'), 'utf8')).toBe('not a database');
  });

  it('has --help for every command', async () => {
    const { COMMANDS } = await import('./commands/index');
    for (const c of COMMANDS) {
      const r = await cli([...c.name, '--help']);
      expect(r.code, c.name.join(' ')).toBe(0);
      expect(r.out).toContain(`usage: ${c.usage}`);
    }
    expect((await cli(['--help'])).out).toMatch(/Commands:/);
  });
});

describe('option values that start with a dash', () => {
  const texts = (r: { facts: { text: string }[] }) => r.facts.map((f) => f.text);
  beforeEach(async () => {
    await json(['import', '-', '--title', '-30% exports: the December figures', '--keep', '1-10'], ARTICLE);
  });

  it('searches for "-corridor" (every fact without the word), as --search -corridor and --search=-corridor', async () => {
    const without = EXPECTED.filter((t) => !/corridor/i.test(t));
    expect(texts(await json(['facts', '--search', '-corridor']))).toEqual(expect.arrayContaining(without));
    expect((await json(['facts', '--search', '-corridor'])).total).toBe(without.length);
    expect(await json(['facts', '--search', '-corridor'])).toEqual(await json(['facts', '--search=-corridor']));
    expect(texts(await json(['facts', '--search', '-corridor ships']))).toEqual([EXPECTED[1]]);
    const table = await cli(['facts', '--search', '-corridor']);
    expect(table.err).toBe('');
    expect(table.code).toBe(0);
  });

  it('takes a dash-led value for any string option: a source title, a briefing title and field', async () => {
    expect(JSON.stringify(await json(['sources']))).toContain('"-30% exports: the December figures"');
    const brief = await json(['brief', 'new', '--template', 'info-memo', '--title', '-Draft- corridor memo', '--field', 'for=-', '--style', 'apa']);
    expect(JSON.stringify(brief)).toContain('"-Draft- corridor memo"');
  });

  it('says how to write a value that starts with "--", and never swallows an option', async () => {
    const r = await cli(['facts', '--search', '--json']);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe('dossier: option --search needs a value; if "--json" is the value, write it as one word: --search=--json');
    expect((await cli(['facts', '--search', '-h'])).err).toContain('--search=-h');
    // Help still works, and a positional after -- stays a positional.
    expect((await cli(['facts', '--search', 'x', '--help'])).out).toMatch(/^usage: dossier facts/);
  });
});

describe('the built executable', () => {
  const bin = join(__dirname, '..', 'bin', 'dossier.js');
  it('runs as a real process: JSON on stdout, exit codes, DOSSIER_LIBRARY', () => {
    const env = { ...process.env, DOSSIER_LIBRARY: join(dir, 'env.sqlite') };
    const out = execFileSync(process.execPath, [bin, 'import', '-', '--title', 'Grain corridor reopens', '--json'], { input: ARTICLE, env, encoding: 'utf8' });
    expect(JSON.parse(out).facts).toHaveLength(EXPECTED.length);
    const bad = spawnSync(process.execPath, [bin, 'fact', 'show', 'missing'], { env, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('dossier: Fact not found: missing\n');
  });

  it('searches for a dash-led query: dossier facts --search -corridor', () => {
    const env = { ...process.env, DOSSIER_LIBRARY: join(dir, 'env.sqlite') };
    // (Not "corridor" in the title: a search reads the source's title too.)
    execFileSync(process.execPath, [bin, 'import', '-', '--title', 'Shipping resumes', '--keep', '1-10'], { input: ARTICLE, env, encoding: 'utf8' });
    const r = spawnSync(process.execPath, [bin, 'facts', '--search', '-corridor', '--json'], { env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).total).toBe(EXPECTED.filter((t) => !/corridor/i.test(t)).length);
  });
});
