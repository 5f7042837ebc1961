import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempLibrary } from '../db/testing/temp-library';
import { initSchema, SERVER_SCHEMA_VERSION, type TeamServer } from './server/index';
import { withoutPassword } from './server-url';
import { syncOnce } from './sync';
import { startCluster, type PgCluster } from './testing/pg-cluster';
import { teamFixture, type TeamFixture } from './testing/team-fixture';

let cluster: PgCluster;
let fx: TeamFixture;
let ann: TeamServer;
let t: ReturnType<typeof tempLibrary>;

beforeAll(async () => {
  cluster = await startCluster();
  fx = await teamFixture(cluster);
  const member = await fx.member('ann', 'editor', 'S');
  ann = member.s;
  t = tempLibrary();
  t.lib.setTeamLink({ server: withoutPassword(member.url), teamId: fx.teamId, teamName: fx.teamName, userName: member.name, scheme: 'us' });
  const source = t.lib.addSource({ type: 'report', title: 'Port bulletin', authors: [] });
  t.lib.addFact({ text: 'Tonnage through the port doubled.', sourceId: source.id, tags: ['ports'] });
  t.lib.shareWithTeam(fx.teamId, { tag: 'ports' });
});
afterAll(async () => {
  t?.cleanup();
  await fx?.close();
  cluster?.stop();
});

/** What a refused sync must leave alone: the outbox and the shared rows' versions. */
const localState = () =>
  t.lib.db.prepare('SELECT (SELECT count(*) FROM sync_outbox) AS outbox, (SELECT group_concat(version) FROM sync_rows) AS versions').get();
const setVersion = (v: number) => fx.admin.query('UPDATE dossier.schema_version SET version = $1', [v]);

describe('sync and the server schema version', () => {
  it('refuses a server whose schema is newer, in one line, with nothing local changed', async () => {
    const before = localState();
    await setVersion(SERVER_SCHEMA_VERSION + 1);
    try {
      const e = await syncOnce(t.lib, ann).catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'server_future', message: expect.stringContaining(`version ${SERVER_SCHEMA_VERSION + 1}, newer than this Dossier`) });
      expect((e as Error).message).not.toContain('\n');
      expect(localState()).toEqual(before);
      expect(t.lib.pendingCount()).toBe(2);
    } finally {
      await setVersion(SERVER_SCHEMA_VERSION);
    }
  });

  it('tells a server whose schema is older to be upgraded with dossier team init', async () => {
    const before = localState();
    await setVersion(SERVER_SCHEMA_VERSION - 1);
    try {
      await expect(syncOnce(t.lib, ann)).rejects.toMatchObject({
        code: 'validation',
        message: expect.stringContaining("runs 'dossier team init --server URL' to upgrade it"),
      });
      expect(localState()).toEqual(before);
    } finally {
      await setVersion(SERVER_SCHEMA_VERSION);
    }
  });

  it('a server whose members cannot read the version is not taken for a revoked membership; init grants it', async () => {
    await fx.admin.query('REVOKE SELECT ON dossier.schema_version FROM dossier_user');
    await expect(syncOnce(t.lib, ann)).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('dossier team init') });
    expect(t.lib.teamLink()?.teamId).toBe(fx.teamId);
    expect(await initSchema(fx.admin)).toEqual({ from: SERVER_SCHEMA_VERSION, to: SERVER_SCHEMA_VERSION });
    const report = await syncOnce(t.lib, ann);
    expect(report).toMatchObject({ pushed: 2, pending: 0 });
  });

  it("stops, with nothing moved, when the server's transaction counter is behind its change log (a dump restored without the step)", async () => {
    const before = localState();
    // What pg_restore into a fresh cluster leaves: log entries above the counter.
    await fx.admin.query(
      "INSERT INTO dossier.change_log (team_id, entity, id, xid) VALUES ($1, 'fact', 'restored', (pg_current_xact_id()::text::numeric + 1000000)::text::xid8)",
      [fx.teamId],
    );
    try {
      await expect(syncOnce(t.lib, ann)).rejects.toMatchObject({
        code: 'validation',
        message: expect.stringMatching(/transaction counter is behind .*docs\/team-server\.md.*nothing was synced$/),
      });
      expect(localState()).toEqual(before);
    } finally {
      await fx.admin.query("DELETE FROM dossier.change_log WHERE id = 'restored'");
    }
  });

  it('stops when this library has pulled further than the server has counted (a restore seen from the laptop)', async () => {
    await syncOnce(t.lib, ann);
    const cursor = t.lib.teamLink()!.cursor;
    const ahead = `${2n ** 40n}:1`;
    t.lib.setSyncCursor(ahead);
    try {
      await expect(syncOnce(t.lib, ann)).rejects.toMatchObject({ message: expect.stringContaining('transaction counter is behind') });
      expect(t.lib.teamLink()!.cursor).toBe(ahead);
    } finally {
      t.lib.setSyncCursor(cursor);
    }
    await expect(syncOnce(t.lib, ann)).resolves.toMatchObject({ pending: 0 });
  });
});
