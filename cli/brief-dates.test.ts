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

describe('dossier brief set: header dates', () => {
  it('stores a typed date as YYYY-MM-DD and refuses one it cannot read, naming the field and changing nothing', async () => {
    const b = await ok(['brief', 'new', '--template', 'action-memo', '--title', 'Storage']);
    const set = await ok(['brief', 'set', b.id, '--field', 'date=January 18, 2024', '--field', 'decideBy=1/25/2024']);
    expect(set.fields).toMatchObject({ date: '2024-01-18', decideBy: '2024-01-25' });

    const r = await cli(['brief', 'set', b.id, '--title', 'Renamed', '--field', 'decideBy=xyz']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('fields.decideBy: cannot read "xyz" as a date; write e.g. 2024-01-18 or January 18, 2024');
    const after = await ok(['brief', 'show', b.id]);
    expect(after.title).toBe('Storage');
    expect(after.fields).toMatchObject({ date: '2024-01-18', decideBy: '2024-01-25' });
  });
});
