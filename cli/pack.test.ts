import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../db/library';
import { SAMPLE_SOURCE, tempDir } from '../db/testing/temp-library';
import { runInProcess } from './testing/in-process';

let dir: string;
let done: () => void;
let fact: string;
const here = () => join(dir, 'here.sqlite');
const there = () => join(dir, 'there.sqlite');

beforeEach(() => {
  ({ dir, cleanup: done } = tempDir());
  const lib = Library.open(here());
  try {
    const source = lib.addSource(SAMPLE_SOURCE).id;
    fact = lib.addFact({ text: 'Ships left Odesa under naval escort.', sourceId: source, tags: ['grain'], marking: 'S//NOFORN' }).id;
  } finally {
    lib.close();
  }
});
afterEach(() => done());

describe('dossier pack', () => {
  it('exports a tag into a folder, named by its marking, and imports it elsewhere; conflicts go through dossier sync', async () => {
    const out = await runInProcess(here(), ['pack', 'export', '--tag', 'grain', dir]);
    expect(out.err).toBe('');
    const name = readdirSync(dir).find((f) => f.endsWith('.dossierpack'))!;
    expect(name).toMatch(/^SECRET-NOFORN grain \d{4}-\d{2}-\d{2}\.dossierpack$/);
    expect(out.out).toContain(`Pack marked SECRET//NOFORN: ${join(dir, name)}`);

    const imported = await runInProcess(there(), ['pack', 'import', join(dir, name), '--json']);
    expect(JSON.parse(imported.out)).toMatchObject({ added: 2, updated: 0, unchanged: 0, conflicts: 0, highestMarking: 'SECRET//NOFORN' });
    expect((await runInProcess(there(), ['facts', '--json'])).out).toContain(fact);

    await runInProcess(there(), ['fact', 'edit', fact, '--notes', 'From the other desk.']);
    await runInProcess(there(), ['pack', 'export', '--ids', fact, join(dir, 'back.dossierpack')]);
    await runInProcess(here(), ['fact', 'edit', fact, '--notes', 'Ours.']);
    const back = await runInProcess(here(), ['pack', 'import', join(dir, 'back.dossierpack')]);
    expect(back.out).toMatch(/1 conflict,/);
    const conflicts = JSON.parse((await runInProcess(here(), ['sync', '--conflicts', '--json'])).out) as { id: string; mine: string; byUser: string }[];
    expect(conflicts).toMatchObject([{ mine: 'From the other desk.', byUser: 'pack back.dossierpack' }]);
    expect((await runInProcess(here(), ['sync', '--resolve', conflicts[0].id, '--keep', 'mine'])).code).toBe(0);
    expect(JSON.parse((await runInProcess(here(), ['fact', 'show', fact, '--json'])).out)).toMatchObject({ notes: 'From the other desk.' });
  });

  it('says what is wrong with a pack that cannot be read', async () => {
    const r = await runInProcess(there(), ['pack', 'import', join(dir, 'missing.dossierpack')]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/cannot read the pack .*missing\.dossierpack: no such file/);
    const usage = await runInProcess(here(), ['pack', 'export', dir]);
    expect(usage.err).toMatch(/one of --tag, --brief or --ids/);
  });
});
