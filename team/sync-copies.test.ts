import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import type { TeamServer } from './server/index';
import { withoutPassword } from './server-url';
import { syncOnce } from './sync';
import { startCluster, type PgCluster } from './testing/pg-cluster';
import { teamFixture, type TeamFixture } from './testing/team-fixture';

let cluster: PgCluster;
let fx: TeamFixture;
let ann: TeamServer;
let annUrl: string;
let annName: string;

beforeAll(async () => {
  cluster = await startCluster();
  fx = await teamFixture(cluster);
  ({ s: ann, url: annUrl, name: annName } = await fx.member('ann', 'editor', 'S'));
});
afterAll(async () => {
  await fx?.close();
  cluster?.stop();
});

describe('a library copied to a second laptop', () => {
  it('edits of one field on the original and on the copy become a conflict, not a silent overwrite', async () => {
    const t = tempLibrary();
    try {
      t.lib.setTeamLink({ server: withoutPassword(annUrl), teamId: fx.teamId, teamName: fx.teamName, userName: annName, scheme: 'us' });
      const source = t.lib.addSource({ type: 'report', title: 'Port bulletin', authors: [] });
      const fact = t.lib.addFact({ text: 'Tonnage through the port doubled.', sourceId: source.id, tags: ['ports'] });
      t.lib.shareWithTeam(fx.teamId, { tag: 'ports' });
      await syncOnce(t.lib, ann);
      t.lib.close();
      const copyPath = join(t.dir, 'laptop-2.sqlite');
      copyFileSync(t.path, copyPath);
      const original = Library.open(t.path);
      const copy = Library.open(copyPath);
      try {
        original.updateFact(fact.id, { notes: 'Original laptop: confirmed by the port authority.' });
        copy.updateFact(fact.id, { notes: 'Second laptop: the figure is disputed.' });
        await syncOnce(original, ann);
        const second = await syncOnce(copy, ann);
        expect(second.conflicts).toBe(1);
        const [c] = copy.listConflicts({ open: true });
        expect(c).toMatchObject({
          entity: 'fact',
          entityId: fact.id,
          kind: 'field',
          field: 'notes',
          mine: 'Second laptop: the figure is disputed.',
          theirs: 'Original laptop: confirmed by the port authority.',
        });
      } finally {
        original.close();
        copy.close();
      }
    } finally {
      t.cleanup();
    }
  });
});
