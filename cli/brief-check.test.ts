import { writeFileSync } from 'node:fs';
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

const ok = async (args: string[]): Promise<any> => {
  const r = await cli([...args, '--json']);
  expect(r.err, r.err).toBe('');
  return JSON.parse(r.out);
};

const TEXT = 'Grain moved again on Monday. Prices fell by a tenth. Insurers raised premiums. Ports reopened at dawn.';

describe('pre-flight that people read', () => {
  it('facts chosen with --keep are verified on capture; facts kept unread are grouped into one line with a count', async () => {
    const file = join(dir, 'article.txt');
    writeFileSync(file, TEXT);
    const read = await ok(['import', file, '--title', 'Herald', '--issued', '2024-01-19', '--keep', '1-2']);
    const unread = await ok(['import', file, '--title', 'Wire copy', '--issued', '2024-01-20']);
    const b = (await ok(['brief', 'new', '--template', 'background-brief', '--title', 'Grain'])).id;
    await ok(['brief', 'add', b, ...read.facts.map((f: { id: string }) => f.id), ...unread.facts.map((f: { id: string }) => f.id)]);

    const json = await ok(['brief', 'check', b]);
    const notVerified = json.warnings.filter((w: { code: string }) => w.code === 'not-verified');
    // One warning per fact in the data, and only the four kept unread.
    expect(notVerified.map((w: { factId: string }) => w.factId).sort()).toEqual(unread.facts.map((f: { id: string }) => f.id).sort());

    const r = await cli(['brief', 'check', b]);
    const lines = r.out.split('\n').filter((l) => /unverified or last verified|never verified/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ {2}! 4 facts are unverified or last verified too long ago: /);
    for (const f of unread.facts) expect(lines[0]).toContain(f.id.slice(0, 8));

    const all = await cli(['brief', 'check', b, '--all']);
    expect(all.out.split('\n').filter((l) => /^ {6}- Fact .* is never verified/.test(l))).toHaveLength(4);
  });

  it('a single warning of a kind stays its own line', async () => {
    const s = (await ok(['source', 'add', '--title', 'Undated note', '--type', 'report'])).id;
    const f = (await ok(['fact', 'add', '--source', s, '--text', 'Ships left Odesa.'])).id;
    const b = (await ok(['brief', 'new', '--template', 'background-brief', '--title', 'Grain'])).id;
    await ok(['brief', 'add', b, f]);
    const r = await cli(['brief', 'check', b]);
    expect(r.out).toMatch(/ {2}! Fact .* its source "Undated note" has no date\./);
    expect(r.out).not.toMatch(/verified/); // typed by hand from a source just read: verified today
  });
});
