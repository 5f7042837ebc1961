import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../db/library';
import { tempDir } from '../db/testing/temp-library';
import { type CliRun, runInProcess } from './testing/in-process';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const BRIEF = 'Funding Storage and Rail Links for Danube Grain Ports';

function cli(...args: string[]): Promise<CliRun> {
  return runInProcess(join(dir, 'sample', 'sample-library.sqlite'), args);
}

async function json<T = any>(...args: string[]): Promise<T> {
  const r = await cli(...args, '--json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as T;
}

describe('dossier brief history, show --version, diff, restore', () => {
  it('answers "what did we send on Tuesday": each export with its date, file and SHA-256, and the version as text with its notes', async () => {
    expect((await cli('sample', '--out', join(dir, 'sample'))).code).toBe(0);
    const second = await cli('export', BRIEF, '--out', join(dir, 'again.md'));
    expect(second.out).toMatch(/Version 1, SHA-256 [0-9a-f]{64}/);

    const history = await cli('brief', 'history', BRIEF);
    expect(history.code, history.err).toBe(0);
    const docx = join(dir, 'sample', `${BRIEF}.docx`);
    const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    expect(history.out).toMatch(/^1\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+export\s+12 items, 9 notes\s+2 file\(s\)$/m);
    expect(history.out).toContain(`version 1  docx  ${docx}\n      sha256 ${sha(docx)}`);
    expect(history.out).toContain(`version 1  markdown  ${join(dir, 'again.md')}\n      sha256 ${sha(join(dir, 'again.md'))}`);

    const shown = await cli('brief', 'show', BRIEF, '--version', '1');
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toMatch(/— version 1, export, /);
    expect(shown.out).toMatch(/\n\s+1\. Approve \$12 million/);
    expect(shown.out).toMatch(/\[1\]\n/);
    expect(shown.out).toMatch(/\nNotes\n {2}1\. .+\n {2}2\. Ibid\./);
    expect((await json('brief', 'show', BRIEF, '--version', '1')).notes).toHaveLength(9);
    expect((await cli('brief', 'show', BRIEF, '--version', '7')).err).toMatch(/Version not found: 7/);
    expect((await cli('brief', 'show', BRIEF, '--version', 'x')).code).toBe(1);
  });

  it('diffs a version against the briefing as it is now, and restores it as a new version', async () => {
    expect((await cli('sample', '--out', join(dir, 'sample'))).code).toBe(0);
    expect((await cli('brief', 'add', BRIEF, '--prose', 'A paragraph of our own.', '--section', 'bluf')).code).toBe(0);
    expect((await cli('brief', 'rm', BRIEF, '3')).code).toBe(0); // the second placed fact
    const diff = await cli('brief', 'diff', BRIEF, '1');
    expect(diff.code, diff.err).toBe(0);
    expect(diff.out).toMatch(/^Version 1 → now$/m);
    expect(diff.out).toMatch(/\n {2}\+ 2\. A paragraph of our own\./);
    expect(diff.out).toMatch(/\nDiscussion \[discussion\]\n {2}- 1\. Ships carrying grain .+ \[1\]\n/);
    // The removed fact's note went; the next one is no longer "Ibid." but the full note.
    expect(diff.out).toMatch(/\nNotes\n {2}~ note 2 \(now 1\): Ibid\., para\. 3\.\n {4}→ Adaeze Okafor, .+, para\. 3, /);
    expect(diff.out).toMatch(/\n {2}- note 1: Adaeze Okafor, .+, para\. 1, /);
    expect((await json('brief', 'diff', BRIEF, '1', '1')).unchanged).toBe(true);

    const restored = await cli('brief', 'restore', BRIEF, '--version', '1');
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toMatch(/Restored version 1 of ".+" as version 3\. What it replaced is version 2/);
    expect((await json('brief', 'diff', BRIEF, '1')).unchanged).toBe(true);
    expect((await json('brief', 'history', BRIEF)).versions.map((v: { reason: string }) => v.reason)).toEqual(['export', 'edit', 'restore']);
    expect((await cli('brief', 'restore', BRIEF)).code).toBe(1);
  });

  it('refuses a restore when a fact the version used is gone, naming it, and changes nothing', async () => {
    expect((await cli('sample', '--out', join(dir, 'sample'))).code).toBe(0);
    const b = await json('brief', 'show', BRIEF);
    const item = b.sections[1].items[0];
    expect((await cli('brief', 'rm', BRIEF, item.id)).code).toBe(0);
    expect((await cli('fact', 'rm', item.factId)).code).toBe(0);
    const before = await json('brief', 'show', BRIEF);
    const r = await cli('brief', 'restore', BRIEF, '--version', '1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`version 1 uses a fact no longer in the library: ${item.factId} \\(".+"\\); nothing was restored`));
    expect(await json('brief', 'show', BRIEF)).toEqual(before);
    expect((await json('brief', 'history', BRIEF)).versions).toHaveLength(1);
  });

  it('a write after an editing pause first keeps the briefing as the last session left it', async () => {
    expect((await cli('sample', '--out', join(dir, 'sample'))).code).toBe(0);
    expect((await cli('brief', 'add', BRIEF, '--prose', 'Same session.')).code).toBe(0);
    expect((await json('brief', 'history', BRIEF)).versions).toHaveLength(1);
    const endOfSession = await json('brief', 'show', BRIEF);
    // The last write was eleven minutes ago: the stored time is the clock the command line reads.
    const lib = Library.open(join(dir, 'sample', 'sample-library.sqlite'));
    lib.db.prepare('UPDATE briefings SET updated_at = ?').run(new Date(Date.now() - 11 * 60_000).toISOString());
    lib.close();
    expect((await cli('brief', 'add', BRIEF, '--prose', 'After the pause.')).code).toBe(0);
    expect((await cli('brief', 'move', BRIEF, '1', '--to', '2')).code).toBe(0);
    const history = (await json('brief', 'history', BRIEF)).versions;
    expect(history.map((v: { number: number; reason: string }) => [v.number, v.reason])).toEqual([
      [1, 'export'],
      [2, 'edit'],
    ]);
    const v2 = await json('brief', 'show', BRIEF, '--version', '2');
    expect(v2.content.sections).toEqual(endOfSession.sections);
    expect(v2.notes).toHaveLength(9);
  });
});
