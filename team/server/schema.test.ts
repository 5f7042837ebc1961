import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type PgCluster } from '../testing/pg-cluster';
import { addUser, createTeam, initSchema, openServer, push, whoAmI } from '.';
import { SERVER_MIGRATIONS, serverVersion } from './schema';

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(() => cluster?.stop());

async function tables(url: string): Promise<string[]> {
  const s = await openServer({ url });
  try {
    const r = await s.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'dossier' ORDER BY 1");
    return r.rows.map((x) => x.t);
  } finally {
    await s.close();
  }
}

describe('initSchema', () => {
  it('creates the schema once, then finds it current', async () => {
    const url = await cluster.createDatabase('init');
    const s = await openServer({ url });
    try {
      expect(await initSchema(s)).toEqual({ from: 0, to: 2 });
      expect(await initSchema(s)).toEqual({ from: 2, to: 2 });
      expect(await tables(url)).toEqual(
        expect.arrayContaining([
          'teams',
          'members',
          'rows',
          'history',
          'change_log',
          'applied_mutations',
          'conflicts',
          'marking_levels',
          'originals',
          'original_holders',
        ]),
      );
      const ranks = await s.query<{ token: string; rank: number }>(
        "SELECT token, rank FROM dossier.marking_levels WHERE scheme = 'uk' AND token IN ('OFFICIAL', 'OFFICIAL-SENSITIVE PERSONAL', 'TOP SECRET') ORDER BY rank",
      );
      expect(ranks.rows).toEqual([
        { token: 'OFFICIAL', rank: 0 },
        { token: 'OFFICIAL-SENSITIVE PERSONAL', rank: 1 },
        { token: 'TOP SECRET', rank: 3 },
      ]);
    } finally {
      await s.close();
    }
  });

  it('upgrades a server from an older version in one step', async () => {
    const url = await cluster.createDatabase('upgrade');
    const s = await openServer({ url });
    try {
      expect(await initSchema(s, SERVER_MIGRATIONS)).toEqual({ from: 0, to: 2 });
      const next = [...SERVER_MIGRATIONS, { version: 3, sql: 'ALTER TABLE dossier.teams ADD COLUMN motto text' }];
      expect(await initSchema(s, next)).toEqual({ from: 2, to: 3 });
      expect(await serverVersion(s)).toBe(3);
      await s.query("UPDATE dossier.teams SET motto = 'x' WHERE false");
    } finally {
      await s.close();
    }
  });

  it('upgrades a version 1 server to version 2 (stored originals) keeping its teams, members, rows and history', async () => {
    const url = await cluster.createDatabase('v1');
    const s = await openServer({ url });
    const v1 = SERVER_MIGRATIONS.filter((m) => m.version === 1);
    try {
      expect(await initSchema(s, v1)).toEqual({ from: 0, to: 1 });
      const { id: teamId } = await createTeam(s, 'Desk', 'us');
      await addUser(s, { name: 'v1_editor', team: 'Desk', role: 'editor', clearance: 'S', password: 'editor-password' });
      const editor = await openServer({ url: cluster.urlFor(new URL(url).pathname.slice(1), 'v1_editor', 'editor-password') });
      try {
        await push(editor, teamId, 'lib', [
          { mutationId: 'v1-m1', entity: 'source', id: 's1', op: 'upsert', fields: { title: 'Port log', marking: 'S' }, baseVersion: 0 },
        ]);
        const snapshot = () =>
          s.query(
            'SELECT entity, id, data, version, marking_rank FROM dossier.rows UNION ALL SELECT entity, id, data, version, marking_rank FROM dossier.history',
          );
        const before = (await snapshot()).rows;
        expect(await initSchema(s)).toEqual({ from: 1, to: 2 });
        expect((await snapshot()).rows).toEqual(before);
        expect(await whoAmI(editor, 'Desk')).toMatchObject({ role: 'editor', clearance: 'S' });
        // The upgraded server takes an original of the source kept since version 1, ranked as that source.
        const bytes = Buffer.from('<p>Port log</p>');
        const sha = createHash('sha256').update(bytes).digest('hex');
        const text = JSON.stringify([[null, null, 'Port log']]);
        await editor.query('SELECT dossier.store_original($1, $2, $3, $4, $5, $6)', [
          teamId,
          sha,
          'text/html',
          bytes,
          text,
          createHash('sha256').update(text).digest('hex'),
        ]);
        const [r] = await push(editor, teamId, 'lib', [
          {
            mutationId: 'v2-m1',
            entity: 'original',
            id: `s1~${sha}`,
            op: 'upsert',
            fields: { source_id: 's1', sha256: sha, file_name: 'log.html', captured_at: 'now' },
            baseVersion: 0,
          },
        ]);
        expect(r.status).toBe('applied');
        const link = await s.query<{ marking_rank: number }>("SELECT marking_rank FROM dossier.rows WHERE entity = 'original'");
        expect(link.rows).toEqual([{ marking_rank: (before[0] as { marking_rank: number }).marking_rank }]);
      } finally {
        await editor.close();
      }
    } finally {
      await s.close();
    }
  });

  it('refuses a server whose schema is newer, and leaves it untouched', async () => {
    const url = await cluster.createDatabase('future');
    const s = await openServer({ url });
    try {
      await initSchema(s);
      await s.query('UPDATE dossier.schema_version SET version = 99');
      await s.query('DELETE FROM dossier.marking_levels');
      const before = await tables(url);
      await expect(initSchema(s)).rejects.toMatchObject({ code: 'server_future', message: expect.stringContaining('version 99') });
      expect(await serverVersion(s)).toBe(99);
      expect(await tables(url)).toEqual(before);
      // A re-seed would have filled the level table again.
      expect((await s.query('SELECT 1 FROM dossier.marking_levels')).rowCount).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('refuses to install as a role without the owner rights the schema needs', async () => {
    const url = await cluster.createDatabase('weak');
    const s = await openServer({ url });
    try {
      await s.query("CREATE ROLE weak_owner LOGIN PASSWORD 'weak-password' CREATEROLE");
      await s.query(`GRANT CREATE ON DATABASE ${new URL(url).pathname.slice(1)} TO weak_owner`);
      const weak = await openServer({ url: cluster.urlFor(new URL(url).pathname.slice(1), 'weak_owner', 'weak-password') });
      await expect(initSchema(weak)).rejects.toMatchObject({ code: 'forbidden' });
      await weak.close();
      expect(await serverVersion(s)).toBe(0);
    } finally {
      await s.close();
    }
  });
});

describe('a server owner who is not a superuser', () => {
  it('installs with CREATEROLE and BYPASSRLS, and manages teams and members', async () => {
    const root = await openServer({ url: cluster.url });
    await root.query("CREATE ROLE team_owner LOGIN PASSWORD 'owner-password' CREATEROLE BYPASSRLS");
    await root.query('CREATE DATABASE owned OWNER team_owner');
    await root.close();
    const owner = await openServer({ url: cluster.urlFor('owned', 'team_owner', 'owner-password') });
    try {
      expect(await initSchema(owner)).toEqual({ from: 0, to: 2 });
      await createTeam(owner, 'Owned', 'uk');
      await addUser(owner, { name: 'owned_editor', team: 'Owned', role: 'editor', clearance: 'SECRET', password: 'editor-password' });
      const editor = await openServer({ url: cluster.urlFor('owned', 'owned_editor', 'editor-password') });
      const me = await whoAmI(editor, 'Owned');
      expect(me).toMatchObject({ role: 'editor', clearance: 'SECRET', scheme: 'uk' });
      const [r] = await push(editor, me.teamId, 'lib', [
        { mutationId: 'm1', entity: 'fact', id: 'f1', op: 'upsert', fields: { marking: 'OFFICIAL-SENSITIVE COMMERCIAL' }, baseVersion: 0 },
      ]);
      expect(r.status).toBe('applied');
      const rank = await owner.query<{ marking_rank: number }>("SELECT marking_rank FROM dossier.rows WHERE id = 'f1'");
      expect(rank.rows[0].marking_rank).toBe(1);
      await editor.close();
    } finally {
      await owner.close();
    }
  });
});

describe('openServer', () => {
  it('reports a wrong password as server_auth', async () => {
    const url = cluster.urlFor('postgres', cluster.adminUser, 'not-the-password');
    await expect(openServer({ url })).rejects.toMatchObject({ code: 'server_auth' });
    await expect(openServer({ url: cluster.url, password: 'also-wrong' })).rejects.toMatchObject({ code: 'server_auth' });
  });

  it('reports a closed port as server_unreachable, quickly, naming host and port', async () => {
    const probe = createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)));
    await new Promise((resolve) => probe.close(resolve));
    const started = Date.now();
    await expect(openServer({ url: `postgres://dossier:x@127.0.0.1:${port}/postgres` })).rejects.toMatchObject({
      code: 'server_unreachable',
      message: expect.stringContaining(`127.0.0.1:${port}`),
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a host name that does not resolve as server_unreachable', async () => {
    await expect(openServer({ url: 'postgres://u:p@no-such-host.invalid:5433/db', connectTimeoutMs: 3000 })).rejects.toMatchObject({
      code: 'server_unreachable',
      message: expect.stringContaining('no-such-host.invalid:5433'),
    });
  });

  it('gives up on a server that never answers after the connect timeout', async () => {
    // Accepts the TCP connection and says nothing, like a wedged server or a black-holing firewall.
    const silent: Server = createServer(() => undefined);
    const port = await new Promise<number>((resolve) => silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port)));
    try {
      const started = Date.now();
      await expect(openServer({ url: `postgres://dossier:x@127.0.0.1:${port}/postgres`, connectTimeoutMs: 300 })).rejects.toMatchObject({
        code: 'server_unreachable',
      });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      silent.close();
    }
  });

  it('reports a login to a team it is not a member of as forbidden', async () => {
    const url = await cluster.createDatabase('who');
    const s = await openServer({ url });
    try {
      await initSchema(s);
      await expect(whoAmI(s, 'Nobody')).rejects.toMatchObject({ code: 'forbidden' });
    } finally {
      await s.close();
    }
  });
});
