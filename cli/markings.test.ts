import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/temp-library';
import { type CliRun, runInProcess } from './testing/in-process';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const cli = (args: string[]): Promise<CliRun> => runInProcess(join(dir, 'lib.sqlite'), args);
async function ok(args: string[]): Promise<any> {
  const r = await cli([...args, '--json']);
  expect(r.err, r.err).toBe('');
  return JSON.parse(r.out);
}

describe('markings with controls on the command line', () => {
  it('a fact takes "S//REL TO USA, GBR" in any case, stores it in banner form, and a filter on its level finds it', async () => {
    const source = await ok(['source', 'add', '--title', 'Cable 12', '--type', 'report']);
    const fact = await ok(['fact', 'add', '--source', source.id, '--text', 'Ships left.', '--marking', 's//rel to gbr, usa']);
    expect(fact.marking).toBe('S//REL TO USA, GBR');
    await ok(['fact', 'add', '--source', source.id, '--text', 'Talks resume.', '--marking', 'C']);
    expect((await ok(['facts', '--marking', 'S'])).facts.map((f: { id: string }) => f.id)).toEqual([fact.id]);
    expect((await ok(['facts', '--marking', 'S//REL TO USA, GBR'])).facts.map((f: { id: string }) => f.id)).toEqual([fact.id]);
    const bad = await cli(['fact', 'add', '--source', source.id, '--text', 'X.', '--marking', 'S//NOFRN']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/unknown control "NOFRN" after SECRET; valid: .*NOFORN \(NF\)/);
  });

  it('"dossier markings default" keeps the user\'s Classified By, and refuses a field it does not know', async () => {
    await ok(['init']);
    const shown = await ok(['markings', 'default', 'classifiedBy', 'J. Smith,', 'Analyst']);
    expect(shown.defaults).toEqual({ classifiedBy: 'J. Smith, Analyst' });
    const bad = await cli(['markings', 'default', 'declassifyOn', '20501231']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/classifiedBy, cuiControlledBy, cuiPoc/);
    expect((await ok(['markings', 'default', 'classifiedBy', ''])).defaults).toEqual({});
  });
});
