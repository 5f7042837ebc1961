import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/temp-library';
import { type CliRun, runInProcess } from './testing/in-process';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function cli(args: string[]): Promise<CliRun> {
  return runInProcess(join(dir, 'lib.sqlite'), args);
}

async function ok(args: string[]): Promise<any> {
  const r = await cli([...args, '--json']);
  expect(r.err, r.err).toBe('');
  return JSON.parse(r.out);
}

/** A usage error (exit 1) that names the bad value and the valid ones, never "unexpected". */
function expectUsage(r: { code: number; err: string }, bad: string, valid: string[]): void {
  expect(r.code, r.err).toBe(1);
  expect(r.err).toContain(`"${bad}"`);
  for (const v of valid) expect(r.err).toContain(v);
  expect(r.err).not.toMatch(/unexpected error/);
  expect(r.err).toMatch(/\nusage: dossier /);
}

describe('unknown values on the command line are usage errors naming the valid ones', () => {
  let sourceId: string;
  let briefId: string;
  beforeEach(async () => {
    sourceId = (await ok(['source', 'add', '--title', 'Grain report', '--type', 'report'])).id;
    const factId = (await ok(['fact', 'add', '--source', sourceId, '--text', 'Exports fell 30% in December.'])).id;
    briefId = (await ok(['brief', 'new', '--template', 'info-memo', '--title', 'Grain'])).id;
    await ok(['brief', 'add', briefId, factId]);
  });

  it('--kind, --reliability, --type and --marking on facts, sources and their filters', async () => {
    expectUsage(await cli(['fact', 'add', '--source', sourceId, '--text', 'X.', '--kind', 'rumour']), 'rumour', ['quote', 'paraphrase', 'statistic']);
    expectUsage(await cli(['fact', 'add', '--source', sourceId, '--text', 'X.', '--marking', 'SECRETISH']), 'SECRETISH', ['U', 'CUI', 'TS']);
    expectUsage(await cli(['facts', '--kind', 'rumour']), 'rumour', ['quote', 'statistic']);
    expectUsage(await cli(['facts', '--reliability', 'A,Z']), 'Z', ['A', 'F']);
    expectUsage(await cli(['facts', '--marking', 'nope']), 'nope', ['CUI']);
    expectUsage(await cli(['facts', '--type', 'tweet']), 'tweet', ['report', 'webpage']);
    expectUsage(await cli(['sources', '--type', 'tweet']), 'tweet', ['article-newspaper']);
    expectUsage(await cli(['source', 'add', '--title', 'T', '--reliability', 'G']), 'G', ['A', 'F']);
    expectUsage(await cli(['source', 'edit', sourceId, '--type', 'tweet']), 'tweet', ['report']);
    expectUsage(await cli(['markings', 'set', 'nato']), 'nato', ['us', 'uk', 'custom']);
    // Nothing was written by any of them: one source, one fact, as set up.
    expect((await ok(['sources'])).length).toBe(1);
    expect((await ok(['facts'])).total).toBe(1);
    // Valid spellings still work: a lower-case grade and a marking by banner.
    expect((await ok(['facts', '--reliability', 'a,b', '--marking', 'cui'])).total).toBe(0);
  });

  it('--template, --style, --notes and --marking on brief new, brief set, brief item and export', async () => {
    expectUsage(await cli(['brief', 'new', '--template', 'memo', '--title', 'X']), 'memo', ['info-memo', 'talking-points']);
    expectUsage(await cli(['brief', 'new', '--template', 'info-memo', '--title', 'X', '--style', 'harvard-ish']), 'harvard-ish', [
      'apa',
      'chicago-note-bibliography',
    ]);
    expectUsage(await cli(['brief', 'set', briefId, '--style', 'harvard-ish']), 'harvard-ish', ['apa']);
    expectUsage(await cli(['brief', 'set', briefId, '--notes', 'sidenotes']), 'sidenotes', ['footnotes', 'endnotes']);
    expectUsage(await cli(['brief', 'set', briefId, '--marking', 'SECRETISH']), 'SECRETISH', ['U', 'CUI']);
    expect((await ok(['brief', 'list'])).length).toBe(1); // brief new refused: no second briefing
    const b = await ok(['brief', 'show', briefId]);
    expect(b.styleId).toBeUndefined(); // brief set refused: the bad style was not stored
    const out = join(dir, 'x.docx');
    expectUsage(await cli(['export', briefId, '--out', out, '--style', 'harvard-ish']), 'harvard-ish', ['apa']);
    expectUsage(await cli(['export', briefId, '--out', out, '--template', 'memo']), 'memo', ['info-memo']);
    expectUsage(await cli(['export', briefId, '--out', out, '--notes', 'sidenotes']), 'sidenotes', ['endnotes']);
    expect(existsSync(out)).toBe(false);
    expectUsage(await cli(['brief', 'item', briefId, '1', '--marking', 'SECRETISH']), 'SECRETISH', ['U', 'CUI']);
    // Valid values still work, a marking in any case.
    expect((await ok(['brief', 'set', briefId, '--style', 'apa', '--marking', 'cui'])).styleId).toBe('apa');
  });
});

describe('brief move and brief show say what they mean', () => {
  it('brief move --help says item numbers are global and --to is per section', async () => {
    const r = await cli(['brief', 'move', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/whole briefing \(global/);
    expect(r.out).toMatch(/--to N .*within its section/);
  });

  it('brief show prints style, notes, marking and portion-mark settings with where they come from', async () => {
    const id = (await ok(['brief', 'new', '--template', 'info-memo', '--title', 'Grain'])).id;
    let r = await cli(['brief', 'show', id]);
    expect(r.out).toMatch(/style: \S+ \(template default\)/);
    expect(r.out).toMatch(/notes: footnotes \(template default\)/);
    expect(r.out).toMatch(/marking: the highest marking of the facts cited/);
    await ok(['brief', 'set', id, '--style', 'apa', '--notes', 'endnotes', '--marking', 'CUI', '--portion-marks']);
    r = await cli(['brief', 'show', id]);
    expect(r.out).toMatch(/style: apa\n/);
    expect(r.out).toMatch(/notes: endnotes\n/);
    expect(r.out).toMatch(/marking: CUI \(raised by you/);
    expect(r.out).toMatch(/portion marks: on/);
  });
});
