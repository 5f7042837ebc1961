import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../core/seeded-random';
import type { JsonValue, SyncEntity } from '../core/sync-types';
import { Library } from '../db/library';
import { prepareOriginal } from '../db/originals/codec';
import { storeOriginal } from '../db/originals/store';
import { openServer, pull, type TeamServer } from './server/index';
import { syncOnce } from './sync';
import { startCluster, type PgCluster } from './testing/pg-cluster';
import { startProxy, type Partitionable } from './testing/tcp-proxy';
import { teamFixture, type TeamFixture } from './testing/team-fixture';

/**
 * Three analysts' libraries against one real PostgreSQL: random edits, random network cuts
 * (mid-query too) and SIGKILLed command-line syncs; then the network heals and everyone syncs.
 * Afterwards each library holds exactly what the server shows that user, and every edit that
 * was saved locally is in the server's history or in a conflict: zero lost. The CUI-cleared
 * analyst never holds a SECRET fact.
 */
const CLI = resolve('dist/cli/dossier.js');
const STEPS = 80;

interface Client {
  name: string;
  path: string;
  url: string;
  password: string;
  proxy: Partitionable;
  clearance: 'S' | 'CUI';
}

interface SavedEdit {
  client: string;
  id: string;
  field: string;
  value: JsonValue;
}

let cluster: PgCluster;
let fx: TeamFixture;
let dir: string;
const clients: Client[] = [];

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error('the simulation kills real command-line syncs: run `npm run build` first');
  cluster = await startCluster();
  fx = await teamFixture(cluster);
  dir = mkdtempSync(join(tmpdir(), 'dossier-sim-'));
  for (const [who, clearance] of [
    ['ann', 'S'],
    ['ben', 'S'],
    ['cat', 'CUI'],
  ] as const) {
    const m = await fx.member(who, 'editor', clearance);
    await m.s.close();
    const direct = new URL(m.url);
    const proxy = await startProxy(Number(direct.port));
    const url = new URL(m.url);
    url.port = String(proxy.port);
    const password = decodeURIComponent(url.password);
    url.password = '';
    const path = join(dir, `${who}.sqlite`);
    const lib = Library.open(path);
    lib.setTeamLink({ server: url.toString(), teamId: fx.teamId, teamName: fx.teamName, userName: m.name, scheme: 'us' });
    lib.close();
    clients.push({ name: who, path, url: url.toString(), password, proxy, clearance });
  }
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.proxy.close()));
  await fx?.close();
  cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function syncInProcess(c: Client, cutAfterMs?: number): Promise<'ok' | 'cut'> {
  const lib = Library.open(c.path);
  let server: TeamServer | undefined;
  const timer = cutAfterMs === undefined ? undefined : setTimeout(() => c.proxy.cut(), cutAfterMs);
  try {
    server = await openServer({ url: c.url, password: c.password, connectTimeoutMs: 5000 });
    const r = await syncOnce(lib, server);
    expect(r.refused).toEqual([]);
    return 'ok';
  } catch (e) {
    // Only the network may fail here: anything else is a bug the simulation found.
    if (!c.proxy.isCut) throw e;
    return 'cut';
  } finally {
    clearTimeout(timer);
    await server?.close().catch(() => undefined);
    lib.close();
  }
}

/** `dossier sync` in its own process, killed with SIGKILL after `killAfterMs` (if still running). */
function syncKilled(c: Client, killAfterMs: number): Promise<number | null> {
  const child = spawn(process.execPath, [CLI, '--library', c.path, 'sync'], { env: { ...process.env, DOSSIER_TEAM_PASSWORD: c.password }, stdio: 'ignore' });
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((done) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      done(code);
    }),
  );
}

describe('three analysts, random edits, partitions and kills', () => {
  const saved: SavedEdit[] = [];
  // DOSSIER_SIM_SEED runs another history (the default is fixed so a failure repeats).
  const random = rng(Number(process.env.DOSSIER_SIM_SEED ?? 20261204));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const tally = { edits: 0, adds: 0, deletes: 0, syncs: 0, cutSyncs: 0, kills: 0, partitions: 0, originals: 0 };

  function edit(c: Client): void {
    const lib = Library.open(c.path);
    try {
      const shared = lib.db.prepare("SELECT r.id FROM sync_rows r JOIN facts f ON f.id = r.id WHERE r.entity = 'fact' ORDER BY r.id").pluck().all() as string[];
      const roll = random();
      if (roll < 0.15 || shared.length === 0) {
        const src = lib.addSource({ type: 'report', title: `${c.name}'s report ${tally.adds}` });
        const marking = c.clearance === 'S' && random() < 0.3 ? 'S' : pick([null, 'CUI']);
        const text = `${c.name} noted item ${tally.adds} on the corridor.`;
        // Every third report comes with its stored original (not drawn from `random`, so the
        // history stays the seed's): the file goes up with the share.
        if (tally.adds % 3 === 0) {
          storeOriginal(lib.db, src.id, prepareOriginal(Buffer.from(`<p>${text}</p>`), 'text/html', [{ text }], 'report.html'));
          tally.originals++;
        }
        const f = lib.addFact({ text, kind: 'paraphrase', sourceId: src.id, marking: marking ?? undefined });
        lib.shareWithTeam(fx.teamId, { ids: [f.id] });
        tally.adds++;
        return;
      }
      const id = pick(shared);
      if (roll < 0.25) {
        const cited = lib.db.prepare('SELECT count(*) FROM briefing_items WHERE fact_id = ?').pluck().get(id) as number;
        if (cited === 0) {
          lib.removeFact(id);
          tally.deletes++;
          return;
        }
      }
      const n = tally.edits++;
      const [field, patch, value] =
        roll < 0.6
          ? (['notes', { notes: `${c.name} note ${n}` }, `${c.name} note ${n}`] as const)
          : roll < 0.8
            ? (['event_date', { eventDate: `2026-11-${String((n % 28) + 1).padStart(2, '0')}` }, `2026-11-${String((n % 28) + 1).padStart(2, '0')}`] as const)
            : ([
                'text',
                { text: `Revised by ${c.name} (${n}): the corridor figure stands.` },
                `Revised by ${c.name} (${n}): the corridor figure stands.`,
              ] as const);
      lib.updateFact(id, patch);
      saved.push({ client: c.name, id, field, value });
    } finally {
      lib.close();
    }
  }

  it('every client converges to what the server shows it, and no saved edit is lost', async () => {
    for (const c of clients) edit(c);
    for (let step = 0; step < STEPS; step++) {
      const c = pick(clients);
      const roll = random();
      if (roll < 0.45) edit(c);
      else if (roll < 0.55) {
        if (c.proxy.isCut) c.proxy.heal();
        else c.proxy.cut();
        tally.partitions++;
      } else if (roll < 0.8) {
        const r = await syncInProcess(c, random() < 0.3 ? Math.floor(random() * 40) : undefined);
        tally.syncs++;
        if (r === 'cut') tally.cutSyncs++;
      } else {
        await syncKilled(c, 150 + Math.floor(random() * 900));
        tally.kills++;
      }
    }
    for (const c of clients) c.proxy.heal();
    // Three rounds: a change pushed by the last client in one round reaches the others in the next.
    for (let round = 0; round < 3; round++) for (const c of clients) expect(await syncInProcess(c)).toBe('ok');

    expect(tally.edits).toBeGreaterThan(10);
    expect(tally.kills).toBeGreaterThan(3);
    expect(tally.deletes).toBeGreaterThan(0);
    expect(tally.originals).toBeGreaterThan(0);
    expect(tally.cutSyncs + tally.partitions).toBeGreaterThan(3);
    for (const c of clients) {
      const lib = Library.open(c.path);
      try {
        expect(lib.pendingCount(), `${c.name} has nothing left to send`).toBe(0);
        expect(await localRows(lib)).toEqual(await serverRows(c));
        if (c.clearance === 'CUI') expect(lib.db.prepare("SELECT count(*) FROM facts WHERE marking LIKE 'S%'").pluck().get()).toBe(0);
        // Every file the team showed them arrived whole: both hashes hold and the index counts its passages.
        expect(lib.check().ok, `${c.name}'s library checks out`).toBe(true);
      } finally {
        lib.close();
      }
    }
    const lost = [];
    for (const e of saved) if (!(await inHistory(e)) && !inConflicts(e)) lost.push(e);
    expect(lost).toEqual([]);
  });
});

type RowMap = Record<string, Record<string, JsonValue>>;

async function localRows(lib: Library): Promise<RowMap> {
  const out: RowMap = {};
  for (const r of lib.db.prepare('SELECT entity, id FROM sync_rows').all() as { entity: SyncEntity; id: string }[]) {
    const data = lib.rowData(r.entity, r.id);
    if (data) out[`${r.entity}:${r.id}`] = data;
  }
  return out;
}

async function serverRows(c: Client): Promise<RowMap> {
  const s = await openServer({ url: c.url, password: c.password });
  const out: RowMap = {};
  try {
    let cursor = '';
    for (;;) {
      const got = await pull(s, fx.teamId, cursor, 10_000);
      for (const r of got.rows) {
        // An original's marking is what the sharing library said of its file, kept on the server only.
        const { marking: _, ...link } = r.data;
        if (r.deleted) delete out[`${r.entity}:${r.id}`];
        else out[`${r.entity}:${r.id}`] = r.entity === 'original' ? link : r.data;
      }
      for (const g of got.gone) delete out[`${g.entity}:${g.id}`];
      cursor = got.cursor;
      if (!got.more) return out;
    }
  } finally {
    await s.close();
  }
}

async function inHistory(e: SavedEdit): Promise<boolean> {
  const r = await fx.admin.query("SELECT 1 FROM dossier.history WHERE entity = 'fact' AND id = $1 AND data -> $2 = $3::jsonb LIMIT 1", [
    e.id,
    e.field,
    JSON.stringify(e.value),
  ]);
  return (r.rowCount ?? 0) > 0;
}

function inConflicts(e: SavedEdit): boolean {
  for (const c of clients) {
    const lib = Library.open(c.path, { readonly: true });
    try {
      for (const k of lib.listConflicts()) {
        if (k.entityId !== e.id) continue;
        const mine = k.mine;
        if (k.kind === 'field' && k.field === e.field && isDeepStrictEqual(mine, e.value)) return true;
        if (k.kind !== 'field' && mine && typeof mine === 'object' && !Array.isArray(mine) && isDeepStrictEqual(mine[e.field], e.value)) return true;
      }
    } finally {
      lib.close();
    }
  }
  return false;
}
