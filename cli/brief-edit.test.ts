import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/temp-library';
import { type CliRun, runInProcess } from './testing/in-process';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function cli(...args: string[]): Promise<CliRun> {
  return runInProcess(join(dir, 'lib.sqlite'), args);
}

async function json<T = any>(...args: string[]): Promise<T> {
  const r = await cli(...args, '--json');
  expect(r.err, r.err).toBe('');
  return JSON.parse(r.out) as T;
}

describe('dossier brief item and brief changes', () => {
  it('reword a placed fact here only, then flag and accept a correction in the library', async () => {
    await cli('init');
    const source = await json('source', 'add', '--type', 'report', '--title', 'Corridor report');
    const fact = await json('fact', 'add', '--source', source.id, '--text', 'Ships left Odesa on Jan. 18.');
    const b = await json('brief', 'new', '--template', 'info-memo', '--title', 'Corridor');
    await cli('brief', 'add', b.id, fact.id);
    await cli('brief', 'add', b.id, '--prose', `The corridor is open again [see @${fact.id.slice(0, 8)}, p. 2].`);
    expect((await json('brief', 'show', b.id)).sections[0].items[1].text).toBe(`The corridor is open again [see @${fact.id}, p. 2].`);
    const unknown = await cli('brief', 'add', b.id, '--prose', 'Line one.\nAnd [@ffffffff] here.');
    expect(unknown.err).toMatch(/line 2, column 7: no fact has the id "ffffffff"/);

    expect((await cli('brief', 'item', b.id, '1', '--wording', 'Grain ships sailed from Odesa on 18 January.')).code).toBe(0);
    expect((await cli('brief', 'show', b.id)).out).toMatch(/Grain ships sailed from Odesa on 18 January\.\s+\[fact \w+, reworded here\]/);
    expect((await json('fact', 'show', fact.id)).text).toBe('Ships left Odesa on Jan. 18.');

    expect((await cli('brief', 'changes', b.id)).out).toMatch(/No fact has changed/);
    await cli('fact', 'edit', fact.id, '--text', 'Ships left Odesa on Jan. 19.');
    const list = await cli('brief', 'list');
    expect(list.out).toMatch(/changed/);
    const changes = await cli('brief', 'changes', b.id);
    expect(changes.out).toContain('was: Ships left Odesa on Jan. 18.');
    expect(changes.out).toContain('now: Ships left Odesa on Jan. 19.');
    expect(changes.out).toContain('reworded in this briefing');
    expect(await json('brief', 'changes', b.id, '--accept')).toEqual({ accepted: 1 });
    expect(await json('brief', 'changes', b.id)).toEqual([]);

    const r = await cli('brief', 'item', b.id, '1', '--marking', 'NOT-A-LEVEL');
    expect(r.code).toBe(1); // a usage error naming the scheme's levels (see choices.test.ts)
    expect(r.err).toMatch(/--marking: "NOT-A-LEVEL" is not a marking of scheme .*\(U, CUI, C, S, TS\)/);
    expect((await cli('brief', 'item', b.id, '1', '--library-wording')).code).toBe(0);
    expect((await cli('brief', 'show', b.id)).out).toContain('Ships left Odesa on Jan. 19.');
  });
});
