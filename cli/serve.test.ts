/**
 * `dossier serve`, the command line's long-running mode, run as a user runs it: the built
 * program, its core in a child process, JSON lines in and out.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../db/library';
import { SAMPLE_SOURCE, tempDir } from '../db/testing/temp-library';

const BIN = join(__dirname, '..', 'bin', 'dossier.js');
const BUILT = existsSync(join(__dirname, '..', 'dist', 'api', 'host', 'entry.js'));

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe.skipIf(!BUILT)('dossier serve', () => {
  it('answers API calls line by line from a core that stays up, refuses bad lines in words, and ends with its input', async () => {
    const path = join(dir, 'library.sqlite');
    const lib = Library.open(path);
    const fact = lib.addFact({ sourceId: lib.addSource(SAMPLE_SOURCE).id, text: 'The corridor reopened on Monday.' });
    lib.close();

    const child = spawn(process.execPath, [BIN, '--library', path, 'serve'], {
      env: { ...process.env, DOSSIER_USER_DATA: dir },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout });
    const answers: Record<string, unknown>[] = [];
    const next = () => new Promise<Record<string, unknown>>((resolve) => lines.once('line', (l) => resolve(JSON.parse(l) as Record<string, unknown>)));

    child.stdin.write(`${JSON.stringify({ id: 1, call: 'facts:search', args: [{ text: 'corridor' }] })}\n`);
    answers.push(await next());
    child.stdin.write('not json\n');
    answers.push(await next());
    child.stdin.write(`${JSON.stringify({ id: 'b', call: 'facts:update', args: [fact.id, { eventDate: '2025-13' }] })}\n`);
    answers.push(await next());
    child.stdin.write(`${JSON.stringify({ id: 3, call: 'facts:get', args: [fact.id] })}\n`);
    answers.push(await next());
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));

    expect(answers[0]).toMatchObject({ id: 1, ok: true, value: { total: 1, hits: [{ fact: { id: fact.id } }] } });
    expect(answers[1]).toEqual({ id: null, ok: false, error: { code: 'validation', message: 'line 2: not JSON' } });
    expect(answers[2]).toMatchObject({ id: 'b', ok: false, error: { code: 'validation', field: 'fact.eventDate' } });
    expect(answers[3]).toMatchObject({ id: 3, ok: true, value: { fact: { id: fact.id, text: 'The corridor reopened on Monday.' } } });
    expect(code).toBe(0);
  }, 60_000);
});
