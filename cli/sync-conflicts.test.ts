import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../db/library';
import { ackAll, TEAM } from '../db/testing/team-library';
import { SAMPLE_SOURCE, tempDir } from '../db/testing/temp-library';
import { type CliRun, runInProcess } from './testing/in-process';

let dir: string;
let cleanup: () => void;
let factId: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  // A linked library whose shared fact's note lost to the team's: one open conflict.
  const lib = Library.open(join(dir, 'lib.sqlite'));
  lib.setTeamLink(TEAM);
  factId = lib.addFact({ text: 'Ships left Odesa.', sourceId: lib.addSource(SAMPLE_SOURCE).id, tags: ['grain'] }).id;
  lib.shareWithTeam(TEAM.teamId, { tag: 'grain' });
  ackAll(lib);
  lib.recordConflicts([
    { entity: 'fact', entityId: factId, kind: 'field', field: 'notes', mine: 'My note', theirs: 'Their note', serverVersion: 2, byUser: 'ben' },
  ]);
  lib.close();
});
afterEach(() => cleanup());

const cli = (args: string[]): Promise<CliRun> => runInProcess(join(dir, 'lib.sqlite'), args);

describe('dossier sync --conflicts and --resolve', () => {
  it('settles a conflict by the short id the listing shows', async () => {
    const listed = await cli(['sync', '--conflicts']);
    const shortId = /^([0-9a-f]{8})\s/m.exec(listed.out)?.[1];
    expect(shortId, listed.out).toBeDefined();
    const r = await cli(['sync', '--resolve', shortId!, '--keep', 'mine']);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/Kept your value/);
    expect((await cli(['sync', '--conflicts'])).out).toMatch(/No open conflicts/);
    const lib = Library.open(join(dir, 'lib.sqlite'));
    try {
      expect(lib.getFact(factId).notes).toBe('My note');
    } finally {
      lib.close();
    }
  });
});
