import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../db/library';
import { tempDir } from '../../db/testing/temp-library';
import { loadSample } from '../../samples/load';
import { addUser, revokeUser, type TeamRole } from '../../team/server/index';
import { startCluster, type PgCluster } from '../../team/testing/pg-cluster';
import { teamFixture, type TeamFixture } from '../../team/testing/team-fixture';
import type { Envelope, FactDetail, LibrarySearchResult, TeamConflict, TeamStatus } from '../contract';
import { CoreService } from './core-service';

let cluster: PgCluster;
let fx: TeamFixture;
let dir: string;
let cleanup: () => void;
const cores: CoreService[] = [];

beforeAll(async () => {
  cluster = await startCluster();
  fx = await teamFixture(cluster);
  ({ dir, cleanup } = tempDir());
});
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});
afterAll(async () => {
  await fx?.close();
  cluster?.stop();
  cleanup?.();
});

/** A member's login: the URL without its password, and the password apart (as the app keeps them). */
async function member(who: string, role: TeamRole = 'editor'): Promise<{ url: string; password: string; name: string }> {
  const m = await fx.member(who, role, 'S');
  await m.s.close();
  const u = new URL(m.url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), password, name: m.name };
}

let libs = 0;
/** A core with its own sample library open, and the team states it announced. */
function core(opts: ConstructorParameters<typeof CoreService>[0]['teamSync'] = {}): { c: CoreService; events: TeamStatus[]; path: string } {
  const path = join(dir, `lib-${++libs}.sqlite`);
  const lib = Library.open(path);
  loadSample(lib);
  lib.close();
  const c = new CoreService({ backupRoot: join(dir, 'backups'), teamSync: opts });
  const events: TeamStatus[] = [];
  c.onEvent((e) => events.push(e.value));
  c.open(path);
  cores.push(c);
  return { c, events, path };
}

async function ok<T>(p: Promise<Envelope<unknown>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

async function fail(p: Promise<Envelope<unknown>>): Promise<{ code: string; message: string; field?: string }> {
  const r = await p;
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

/** Resolves with the first state announced from `from` on that passes `test` (already announced, or to come). */
function announced(events: TeamStatus[], from: number, test: (s: TeamStatus, earlier: TeamStatus[]) => boolean): Promise<TeamStatus> {
  return new Promise((resolve) => {
    const check = () => {
      const hit = events.slice(from).find((s, i, all) => test(s, all.slice(0, i)));
      if (hit) resolve(hit);
      else setImmediate(check);
    };
    check();
  });
}

async function firstFactId(c: CoreService): Promise<string> {
  const r = await ok<LibrarySearchResult>(c.call('facts:search', [{ limit: 1, sort: 'oldest' }]));
  return r.hits[0].fact.id;
}

describe('the team library through the API', () => {
  it('checks the arguments of the team calls and needs a link before sharing', async () => {
    const { c } = core();
    expect((await fail(c.call('team:link', [{ url: 'postgresql://a@h/d', team: 'T' }]))).code).toBe('validation');
    expect((await fail(c.call('team:resolve', ['x', 'both']))).field).toBe('1');
    expect((await fail(c.call('team:share', [{ ids: [] }]))).code).toBe('validation');
    expect((await fail(c.call('team:share', [{ tag: 'x', ids: ['y'] }]))).code).toBe('validation');
    expect(await fail(c.call('team:share', [{ tag: 'energy' }]))).toMatchObject({ code: 'validation', field: 'team' });
    expect(await ok<TeamStatus>(c.call('team:status', []))).toMatchObject({ linked: false, state: 'unlinked' });
    const bad = await fail(c.call('team:link', [{ url: 'https://example.org', team: 'T', password: 'p' }]));
    expect(bad.field).toBe('server');
  });

  it('links, goes pending after a share and an edit, synced after a sync; a wrong password is refused and nothing is linked', async () => {
    const ann = await member('ann');
    const { c, events } = core();
    const refused = await fail(c.call('team:link', [{ url: ann.url, team: fx.teamName, password: 'wrong' }]));
    expect(refused.code).toBe('server_auth');
    expect(await ok<TeamStatus>(c.call('team:status', []))).toMatchObject({ linked: false });

    const linked = await ok<TeamStatus>(c.call('team:link', [{ url: ann.url, team: fx.teamName, password: ann.password }]));
    expect(linked).toMatchObject({ linked: true, team: fx.teamName, user: ann.name, state: 'synced', pending: 0, syncing: false });
    expect(linked.server).toBe(`${ann.name}@127.0.0.1:${cluster.port}${new URL(ann.url).pathname}`);
    expect(JSON.stringify(linked)).not.toContain(ann.password);

    const id = await firstFactId(c);
    const shared = await ok<{ shared: Record<string, number> }>(c.call('team:share', [{ ids: [id] }]));
    expect(shared.shared).toMatchObject({ fact: 1, source: 1 });
    const pending = await ok<TeamStatus>(c.call('team:status', []));
    expect(pending).toMatchObject({ state: 'pending', pending: 2 });
    expect(events.at(-1)).toMatchObject({ state: 'pending', pending: 2 });

    const after = await ok<TeamStatus>(c.call('team:sync', []));
    expect(after).toMatchObject({ state: 'synced', pending: 0, lastError: null });
    expect(after.lastSyncAt).not.toBeNull();

    await ok(c.call('facts:update', [id, { notes: 'checked with the ministry' }]));
    expect(await ok<TeamStatus>(c.call('team:status', []))).toMatchObject({ state: 'pending', pending: 1 });
    expect(await ok<TeamStatus>(c.call('team:sync', []))).toMatchObject({ state: 'synced', pending: 0 });
  });

  it('syncs by itself soon after a local edit', async () => {
    const bea = await member('bea');
    const { c, events } = core({ debounceMs: 10 });
    await ok(c.call('team:link', [{ url: bea.url, team: fx.teamName, password: bea.password }]));
    const id = await firstFactId(c);
    await ok(c.call('team:share', [{ ids: [id] }]));
    const from = events.length;
    await ok(c.call('facts:update', [id, { notes: 'an edit to send' }]));
    const done = await announced(events, from, (s, earlier) => s.state === 'synced' && !s.syncing && earlier.some((x) => x.syncing));
    expect(done).toMatchObject({ pending: 0, lastError: null });
  });

  it('lists a conflict with the fact text and the field in words, and settles it', async () => {
    const cat = await member('cat');
    const dan = await member('dan');
    const a = core();
    const b = core();
    await ok(a.c.call('team:link', [{ url: cat.url, team: fx.teamName, password: cat.password }]));
    await ok(b.c.call('team:link', [{ url: dan.url, team: fx.teamName, password: dan.password }]));
    const id = await firstFactId(a.c);
    await ok(a.c.call('team:share', [{ ids: [id] }]));
    await ok(a.c.call('team:sync', []));
    await ok(b.c.call('team:sync', []));
    await ok(b.c.call('facts:update', [id, { notes: 'Dan’s reading' }]));
    await ok(b.c.call('team:sync', []));
    await ok(a.c.call('facts:update', [id, { notes: 'Cat’s reading' }]));
    const status = await ok<TeamStatus>(a.c.call('team:sync', []));
    expect(status).toMatchObject({ state: 'conflicts', conflicts: 1 });

    const text = (await ok<{ fact: { text: string } }>(a.c.call('facts:get', [id]))).fact.text;
    const [conflict] = await ok<TeamConflict[]>(a.c.call('team:conflicts', [id]));
    expect(conflict).toMatchObject({
      entity: 'fact',
      entityId: id,
      fieldLabel: 'Notes',
      what: text,
      mine: 'Cat’s reading',
      theirs: 'Dan’s reading',
      byUser: dan.name,
    });
    expect(await ok<TeamConflict[]>(a.c.call('team:conflicts', ['another-fact']))).toEqual([]);

    const settled = await ok<TeamStatus>(a.c.call('team:resolve', [conflict.id, 'mine']));
    expect(settled).toMatchObject({ conflicts: 0, state: 'pending' });
    expect(await ok<TeamStatus>(a.c.call('team:sync', []))).toMatchObject({ state: 'synced', conflicts: 0 });
    await ok(b.c.call('team:sync', []));
    expect((await ok<{ fact: { notes: string } }>(b.c.call('facts:get', [id]))).fact.notes).toBe('Cat’s reading');
  });

  it('says in words when the membership was revoked, keeps the own facts, and stops syncing', async () => {
    // Its own team rows: a colleague shares a fact, so linking pulls something to remove later.
    const gus = await member('gus');
    const fay = await member('fay');
    const g = core();
    await ok(g.c.call('team:link', [{ url: gus.url, team: fx.teamName, password: gus.password }]));
    await ok(g.c.call('team:share', [{ ids: [await firstFactId(g.c)] }]));
    await ok(g.c.call('team:sync', []));
    const { c } = core();
    const own = (await ok<LibrarySearchResult>(c.call('facts:search', [{}]))).total;
    await ok(c.call('team:link', [{ url: fay.url, team: fx.teamName, password: fay.password }]));
    expect((await ok<LibrarySearchResult>(c.call('facts:search', [{}]))).total).toBeGreaterThan(own);
    await revokeUser(fx.admin, { name: fay.name, team: fx.teamName });
    const s = await ok<TeamStatus>(c.call('team:sync', []));
    expect(s).toMatchObject({ state: 'revoked', syncing: false });
    expect(s.message).toMatch(
      new RegExp(`^You are no longer a member of "${fx.teamName}": [1-9]\\d* of the team's rows were removed from this library; your own facts are kept\\.$`),
    );
    expect((await ok<LibrarySearchResult>(c.call('facts:search', [{}]))).total).toBe(own);
    expect(await ok<TeamStatus>(c.call('team:sync', []))).toMatchObject({ state: 'revoked' });
  });

  it("refuses a reader's edit of a team fact up front, names the team and the role, and shows the fact read-only", async () => {
    const hal = await member('hal');
    const ivy = await member('ivy', 'reader');
    const h = core();
    await ok(h.c.call('team:link', [{ url: hal.url, team: fx.teamName, password: hal.password }]));
    const id = await firstFactId(h.c);
    await ok(h.c.call('team:share', [{ ids: [id] }]));
    await ok(h.c.call('team:sync', []));

    const { c } = core();
    await ok(c.call('team:link', [{ url: ivy.url, team: fx.teamName, password: ivy.password }]));
    const before = await ok<FactDetail>(c.call('facts:get', [id]));
    expect(before.readOnly).toBe(`Read-only: this fact belongs to team “${fx.teamName}”, where you are a reader.`);
    const refused = await fail(c.call('facts:update', [id, { notes: 'my own reading' }]));
    expect(refused).toMatchObject({ code: 'validation', field: 'fact' });
    expect(refused.message).toMatch(new RegExp(`^fact: this fact belongs to team "${fx.teamName}", where your role is reader: `));
    expect((await ok<FactDetail>(c.call('facts:get', [id]))).fact).toEqual(before.fact);
    expect(await ok<TeamStatus>(c.call('team:status', []))).toMatchObject({ state: 'synced', pending: 0 });
    // Her own facts stay hers to edit.
    const mine = (await ok<LibrarySearchResult>(c.call('facts:search', [{ limit: 50 }]))).hits.find((x) => x.fact.id !== id)!.fact.id;
    expect((await ok<FactDetail>(c.call('facts:get', [mine]))).readOnly).toBeUndefined();
    await ok(c.call('facts:update', [mine, { notes: 'mine to change' }]));
  });

  it('keeps an edit queued before the role was lowered to reader as a conflict: the team value stands, the edit is "mine"', async () => {
    const jon = await member('jon');
    // No background sync in between: the role changes while the edit waits.
    const { c } = core({ debounceMs: 600_000, intervalMs: 600_000 });
    await ok(c.call('team:link', [{ url: jon.url, team: fx.teamName, password: jon.password }]));
    const id = await firstFactId(c);
    await ok(c.call('facts:update', [id, { notes: 'as shared' }]));
    await ok(c.call('team:share', [{ ids: [id] }]));
    await ok(c.call('team:sync', []));
    await ok(c.call('facts:update', [id, { notes: 'Jon’s later reading' }]));
    expect(await ok<TeamStatus>(c.call('team:status', []))).toMatchObject({ state: 'pending', pending: 1 });

    await addUser(fx.admin, { name: jon.name, team: fx.teamName, role: 'reader', clearance: 'S', password: jon.password });
    const s = await ok<TeamStatus>(c.call('team:sync', []));
    expect(s, s.message).toMatchObject({ state: 'conflicts', conflicts: 1, pending: 0 });
    const [conflict] = await ok<TeamConflict[]>(c.call('team:conflicts', [id]));
    expect(conflict).toMatchObject({ entityId: id, fieldLabel: 'Notes', mine: 'Jon’s later reading', theirs: 'as shared', byUser: jon.name });
    const detail = await ok<FactDetail>(c.call('facts:get', [id]));
    expect(detail.fact.notes).toBe('as shared');
    expect(detail.readOnly).toMatch(/where you are a reader/);
    expect((await fail(c.call('team:resolve', [conflict.id, 'mine']))).field).toBe('fact');
    expect(await ok<TeamStatus>(c.call('team:resolve', [conflict.id, 'theirs']))).toMatchObject({ conflicts: 0 });
  });

  it('keeps an edit to a row raised above the clearance meanwhile as a conflict with the whole row, not lost', async () => {
    const leo = await member('leo');
    const kim = await fx.member('kim', 'editor', 'CUI');
    await kim.s.close();
    const kimUrl = new URL(kim.url);
    const kimPassword = decodeURIComponent(kimUrl.password);
    kimUrl.password = '';
    const l = core();
    const k = core({ debounceMs: 600_000, intervalMs: 600_000 });
    await ok(l.c.call('team:link', [{ url: leo.url, team: fx.teamName, password: leo.password }]));
    await ok(k.c.call('team:link', [{ url: kimUrl.toString(), team: fx.teamName, password: kimPassword }]));
    const id = await firstFactId(l.c);
    await ok(l.c.call('facts:update', [id, { marking: 'CUI' }]));
    await ok(l.c.call('team:share', [{ ids: [id] }]));
    await ok(l.c.call('team:sync', []));
    await ok(k.c.call('team:sync', []));
    // Leo raises it to SECRET while Kim (cleared to CUI) edits it offline.
    await ok(l.c.call('facts:update', [id, { marking: 'S' }]));
    await ok(l.c.call('team:sync', []));
    await ok(k.c.call('facts:update', [id, { notes: 'Kim’s note' }]));

    const s = await ok<TeamStatus>(k.c.call('team:sync', []));
    expect(s, s.message).toMatchObject({ state: 'conflicts', conflicts: 1, pending: 0 });
    const [conflict] = await ok<TeamConflict[]>(k.c.call('team:conflicts', []));
    expect(conflict).toMatchObject({ entity: 'fact', entityId: id, kind: 'edited_deleted', mine: 'Your edited version' });
    // The row left Kim's laptop (above her clearance); her edit is in the conflict, whole.
    expect((await fail(k.c.call('facts:get', [id]))).code).toBe('not_found');
    const file = Library.open(k.path);
    try {
      expect(file.listConflicts({ open: true })[0].mine).toMatchObject({ notes: 'Kim’s note', marking: 'CUI' });
    } finally {
      file.close();
    }
  });

  it('is offline on an unreachable server and retries; a refused password stops the retries', async () => {
    const eve = await member('eve');
    const port = await closedPort();
    const path = join(dir, 'offline.sqlite');
    const lib = Library.open(path);
    const u = new URL(eve.url);
    u.port = String(port);
    lib.setTeamLink({ server: u.toString(), teamId: fx.teamId, teamName: fx.teamName, userName: eve.name, scheme: 'us' });
    lib.close();
    const c = new CoreService({ backupRoot: join(dir, 'backups'), teamSync: { retryMs: 10, maxRetryMs: 20 } });
    cores.push(c);
    const events: TeamStatus[] = [];
    c.onEvent((e) => events.push(e.value));
    c.open(path);
    expect(await ok<TeamStatus>(c.call('team:status', []))).toMatchObject({ state: 'password_needed' });
    const offline = await c.setTeamPassword(eve.password);
    expect(offline).toMatchObject({ state: 'offline', syncing: false });
    expect(offline.message).toMatch(/^Offline — will retry: .*(reach|connect)/i);
    // The retry: another sync starts by itself and ends offline again.
    const retried = await announced(events, events.length, (s, earlier) => s.state === 'offline' && !s.syncing && earlier.some((x) => x.syncing));
    expect(retried.lastError).toBe(offline.lastError);

    // The right server, a wrong password: refused, said in words, and no more retries.
    const good = join(dir, 'refused.sqlite');
    const l2 = Library.open(good);
    l2.setTeamLink({ server: eve.url, teamId: fx.teamId, teamName: fx.teamName, userName: eve.name, scheme: 'us' });
    l2.close();
    c.open(good);
    const refused = await c.setTeamPassword('not-it');
    expect(refused, JSON.stringify(refused)).toMatchObject({ state: 'password_refused' });
    expect(refused.message).toMatch(/^Password refused by /);
    expect(await ok<TeamStatus>(c.call('team:sync', []))).toMatchObject({ state: 'password_refused', syncing: false });
    expect(await c.setTeamPassword(eve.password)).toMatchObject({ state: 'synced' });
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
