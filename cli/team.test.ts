import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../db/library';
import { startCluster, type PgCluster } from '../team/testing/pg-cluster';
import { runCli } from './main';

/**
 * Two analysts and a team server, through the command line as they would type it: the admin
 * sets the server up, each links a library, shares and syncs; a CUI-cleared colleague never
 * receives the SECRET fact; edits merge, a clash becomes a conflict they settle; a revoked
 * member keeps only their own facts. Against a real PostgreSQL cluster.
 */
let cluster: PgCluster;
let dir: string;
let db: string;
let dbUrl: string;
const pw = { alice: 'alice-pass-1', bob: 'bob-pass-2' };

async function cli(library: string, args: string[], password?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const env: NodeJS.ProcessEnv = password === undefined ? {} : { DOSSIER_TEAM_PASSWORD: password };
  const code = await runCli(['--library', library, ...args], {
    stdout: (t) => (out += t + '\n'),
    stderr: (t) => (err += t + '\n'),
    stdin: async () => Buffer.alloc(0),
    env,
  });
  return { code, out, err };
}

const userUrl = (user: string) => `postgresql://${user}@127.0.0.1:${cluster.port}/${db}`;

beforeAll(async () => {
  cluster = await startCluster();
  dbUrl = await cluster.createDatabase('cli');
  db = new URL(dbUrl).pathname.slice(1);
  dir = mkdtempSync(join(tmpdir(), 'dossier-team-cli-'));
});

afterAll(() => {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function seedLibrary(path: string, facts: { text: string; marking?: string; tag: string }[]): string[] {
  const lib = Library.open(path);
  try {
    const s = lib.addSource({ type: 'report', title: 'Danube corridor review', issued: '2026-10-02' });
    return facts.map((f) => {
      const fact = lib.addFact({ text: f.text, kind: 'paraphrase', sourceId: s.id, marking: f.marking });
      lib.tagFact(fact.id, [f.tag]);
      return fact.id;
    });
  } finally {
    lib.close();
  }
}

describe('a team library through the command line', () => {
  const alice = () => join(dir, 'alice.sqlite');
  const bob = () => join(dir, 'bob.sqlite');
  let ids: string[] = [];

  it('the admin creates the schema and the team, then adds two people', async () => {
    const admin = join(dir, 'unused.sqlite');
    const init = await cli(admin, ['team', 'init', '--server', userUrl(cluster.adminUser), '--team', 'Grain desk', '--scheme', 'us'], cluster.password);
    expect(init.err).toBe('');
    expect(init.out).toMatch(/now has schema 2/);
    expect(init.out).toMatch(/Team "Grain desk"/);
    const again = await cli(admin, ['team', 'init', '--server', userUrl(cluster.adminUser), '--team', 'Grain desk'], cluster.password);
    expect(again.out).toMatch(/up to date \(schema 2\)/);
    expect(again.out).toMatch(/"Grain desk" \(US markings\) was there already/);
    const other = await cli(admin, ['team', 'init', '--server', userUrl(cluster.adminUser), '--team', 'Grain desk', '--scheme', 'uk'], cluster.password);
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/already exists with US markings, not UK/);
    for (const [name, clearance] of [
      ['alice', 'S'],
      ['bob', 'CUI'],
    ] as const) {
      const file = join(dir, `${name}.pw`);
      writeFileSync(file, `${pw[name]}\n`, { mode: 0o600 });
      const r = await cli(
        admin,
        [
          'team',
          'add-user',
          name,
          '--team',
          'Grain desk',
          '--role',
          'editor',
          '--clearance',
          clearance,
          '--new-password-file',
          file,
          '--server',
          userUrl(cluster.adminUser),
        ],
        cluster.password,
      );
      expect(r.err).toBe('');
      expect(r.out).toMatch(new RegExp(`${name} is an editor of "Grain desk"`));
    }
  });

  it('a wrong password and an unreachable server are one clear line each, and nothing is linked', async () => {
    seedLibrary(bob(), [{ text: 'Bob keeps his own note on barge traffic.', tag: 'own' }]);
    const wrong = await cli(bob(), ['team', 'link', userUrl('bob'), '--team', 'Grain desk'], 'not-the-password');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/password/i);
    const down = await cli(bob(), ['team', 'link', `postgresql://bob@127.0.0.1:1/${db}`, '--team', 'Grain desk'], pw.bob);
    expect(down.code).toBe(2);
    expect(down.err).toMatch(/127\.0\.0\.1:1/);
    const status = Library.open(bob());
    expect(status.teamLink()).toBeUndefined();
    status.close();
  });

  it('alice links, shares a tag and syncs: the SECRET and the CUI fact go up', async () => {
    ids = seedLibrary(alice(), [
      { text: 'The corridor moved 4.1 million tonnes in October.', marking: 'CUI', tag: 'grain' },
      { text: 'A convoy schedule was shared with partners.', marking: 'S//NF', tag: 'grain' },
    ]);
    const link = await cli(alice(), ['team', 'link', userUrl('alice'), '--team', 'Grain desk'], pw.alice);
    expect(link.err).toBe('');
    expect(link.out).toMatch(/alice \(editor, cleared to S\)/);
    const share = await cli(alice(), ['share', '--team', 'Grain desk', '--tag', 'grain']);
    expect(share.out).toMatch(/2 facts/);
    const sync = await cli(alice(), ['sync', '--json'], pw.alice);
    expect(sync.err).toBe('');
    const r = JSON.parse(sync.out) as { pushed: number; pending: number; conflicts: number };
    expect(r.pushed).toBeGreaterThanOrEqual(3); // the source and two facts
    expect(r.pending).toBe(0);
    expect(r.conflicts).toBe(0);
  });

  it('bob (cleared to CUI) links and pulls: the CUI fact arrives, the SECRET one never does', async () => {
    expect((await cli(bob(), ['team', 'link', userUrl('bob'), '--team', 'Grain desk'], pw.bob)).err).toBe('');
    const sync = await cli(bob(), ['sync'], pw.bob);
    expect(sync.err).toBe('');
    expect(sync.out).toMatch(/pulled [1-9]/);
    const lib = Library.open(bob());
    try {
      expect(lib.getFact(ids[0]).text).toBe('The corridor moved 4.1 million tonnes in October.');
      expect(() => lib.getFact(ids[1])).toThrow(/not found/);
      expect(lib.db.prepare('SELECT count(*) FROM facts WHERE marking LIKE ?').pluck().get('S%')).toBe(0);
    } finally {
      lib.close();
    }
  });

  it('edits to different fields merge; the same field edited by both becomes a conflict bob settles', async () => {
    const a = Library.open(alice());
    a.updateFact(ids[0], { notes: 'Checked against the port authority log.', text: 'The corridor moved 4.2 million tonnes in October.' });
    a.close();
    const b = Library.open(bob());
    b.updateFact(ids[0], { notes: 'Figure to be confirmed with the ministry.', eventDate: '2026-10-31' });
    b.close();
    expect((await cli(alice(), ['sync'], pw.alice)).err).toBe('');
    const bobSync = await cli(bob(), ['sync'], pw.bob);
    expect(bobSync.out).toMatch(/1 new conflict/);
    const list = await cli(bob(), ['sync', '--conflicts', '--json']);
    const open = JSON.parse(list.out) as { id: string; field: string; mine: string; theirs: string }[];
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ field: 'notes', mine: 'Figure to be confirmed with the ministry.', theirs: 'Checked against the port authority log.' });
    const b2 = Library.open(bob());
    const merged = b2.getFact(ids[0]);
    expect(merged.text).toBe('The corridor moved 4.2 million tonnes in October.');
    expect(merged.eventDate).toBe('2026-10-31');
    expect(merged.notes).toBe('Checked against the port authority log.');
    b2.close();
    const settle = await cli(bob(), ['sync', '--resolve', open[0].id, '--keep', 'mine']);
    expect(settle.err).toBe('');
    expect((await cli(bob(), ['sync'], pw.bob)).err).toBe('');
    expect((await cli(alice(), ['sync'], pw.alice)).err).toBe('');
    const a2 = Library.open(alice());
    expect(a2.getFact(ids[0])).toMatchObject({ notes: 'Figure to be confirmed with the ministry.', eventDate: '2026-10-31' });
    a2.close();
    expect(JSON.parse((await cli(bob(), ['sync', '--conflicts', '--json'])).out)).toEqual([]);
  });

  it("a revoked member's next sync removes the team's facts and keeps their own", async () => {
    const r = await cli(
      join(dir, 'unused.sqlite'),
      ['team', 'revoke', 'bob', '--team', 'Grain desk', '--server', userUrl(cluster.adminUser)],
      cluster.password,
    );
    expect(r.err).toBe('');
    const sync = await cli(bob(), ['sync'], pw.bob);
    expect(sync.out).toMatch(/no longer a member/);
    const lib = Library.open(bob());
    try {
      expect(() => lib.getFact(ids[0])).toThrow(/not found/);
      expect(lib.db.prepare('SELECT text FROM facts').pluck().all()).toEqual(['Bob keeps his own note on barge traffic.']);
      expect(lib.teamLink()).toBeUndefined();
    } finally {
      lib.close();
    }
  });
});
