import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { nowIso } from '../core/dates';
import { Library } from '../db/library';
import { checkFactInput, insertFacts } from '../db/repo/facts';
import { insertSources } from '../db/repo/sources';
import type { TeamServer } from '../team/server/index';
import { withoutPassword } from '../team/server-url';
import { syncOnce, type SyncReport } from '../team/sync';
import { startCluster } from '../team/testing/pg-cluster';
import { teamFixture, type TeamFixture } from '../team/testing/team-fixture';
import { eventDate, sentence, source } from './corpus';
import { percentile, rng } from './random';

/**
 * Issue 16 §6: the team server, measured with real libraries and the real sync engine
 * (`syncOnce`) over real connections, each library logged in as its own member, against a
 * throwaway PostgreSQL cluster on this machine. Numbers, not pass/fail.
 */
const FACTS = Number(process.env.BENCH_TEAM_FACTS ?? 100_000);
const SOURCES = Number(process.env.BENCH_TEAM_SOURCES ?? 1_000);
const ROUNDS = 7;
const FIRST_PULLS = Number(process.env.BENCH_TEAM_PULLS ?? 3);
/** Parts to leave out, comma-separated: rounds (the 100-change round trips), crowd (20 clients). */
const SKIP = new Set((process.env.BENCH_TEAM_SKIP ?? '').split(',').filter(Boolean));
const CLIENTS = 20;
/** The smaller team the 20 clients share: each first pulls it, untimed. */
const CROWD_FACTS = 2_000;
const EDITS_PER_CLIENT = 10;
const TAG = 'desk';

export async function printTeamBench(dir: string): Promise<void> {
  console.log(
    `\nTeam sync (issue 16): a throwaway PostgreSQL cluster on this machine; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const cluster = await startCluster();
  const open: Library[] = [];
  try {
    const fx = await teamFixture(cluster);
    const seeded = await firstPull(fx, dir, open);
    if (!SKIP.has('rounds')) await roundTrips(seeded.a, seeded.b);
    await fx.close();
    if (!SKIP.has('crowd')) await crowd(await teamFixture(cluster), dir, open);
  } finally {
    for (const lib of open) lib.close();
    cluster.stop();
  }
}

interface Member {
  lib: Library;
  server: TeamServer;
}

/** (a) One library shares FACTS facts and pushes them; fresh libraries of other members link and pull them all. */
async function firstPull(fx: TeamFixture, dir: string, open: Library[]): Promise<{ a: Member; b: Member }> {
  const a = await memberLibrary(fx, dir, 'ann', open);
  seedFacts(a.lib, FACTS, SOURCES, 20261204);
  let t = performance.now();
  const shared = a.lib.shareWithTeam(fx.teamId, { tag: TAG });
  const shareMs = performance.now() - t;
  t = performance.now();
  const cpu = process.cpuUsage();
  const serverCpu = await backendCpuMs(a.server);
  const pushed = await syncOnce(a.lib, a.server);
  const pushMs = performance.now() - t;
  const pushCpu = cpuMs(process.cpuUsage(cpu));
  const pushServerCpu = (await backendCpuMs(a.server)) - serverCpu;
  // Each first pull goes into a new library of a new member; the first one stays for (b).
  const pulls: number[] = [];
  const pullCpus: number[] = [];
  let b: Member | undefined;
  for (let i = 0; i < Math.max(1, FIRST_PULLS); i++) {
    const fresh = await memberLibrary(fx, dir, `ben${i}`, open);
    t = performance.now();
    const before = process.cpuUsage();
    const pulled = await syncOnce(fresh.lib, fresh.server);
    pulls.push(performance.now() - t);
    pullCpus.push(cpuMs(process.cpuUsage(before)));
    if (pulled.pulled !== pushed.pushed) throw new Error(`first pull: ${pulled.pulled} rows pulled, ${pushed.pushed} pushed`);
    if (b) await fresh.server.close();
    else b = fresh;
  }
  pulls.sort((x, y) => x - y);
  pullCpus.sort((x, y) => x - y);
  const median = percentile(pulls, 50);
  const rows = `${shared.fact.toLocaleString('en')} facts + ${shared.source.toLocaleString('en')} sources`;
  console.log(`  share ${rows} (local outbox)       ${sec(shareMs)}`);
  console.log(
    `  push them up (library A)                        ${sec(pushMs)}   ${rate(pushed.pushed, pushMs)} rows/s   cpu: client ${sec(pushCpu)}, server backend ${sec(pushServerCpu)}`,
  );
  console.log(
    `  first pull into a fresh library                 best ${sec(pulls[0])}, median ${sec(median)} of ${pulls.length}   ${rate(pushed.pushed, median)} rows/s   client cpu median ${sec(percentile(pullCpus, 50))}   (target < 20 s: ${median < 20_000 ? 'met' : 'NOT met'})`,
  );
  if (!b) throw new Error('no first pull');
  return { a, b };
}

/** (b) A edits 100 shared facts and syncs; B syncs and has them. Wall time of both syncs. */
async function roundTrips(a: Member, b: Member): Promise<void> {
  const ids = a.lib.db.prepare("SELECT id FROM sync_rows WHERE entity = 'fact' ORDER BY id LIMIT 100").pluck().all() as string[];
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const id of ids) a.lib.updateFact(id, { notes: `Checked again, round ${round}` });
    const t = performance.now();
    const up = await syncOnce(a.lib, a.server);
    const down = await syncOnce(b.lib, b.server);
    times.push(performance.now() - t);
    if (up.pushed !== ids.length || down.pulled !== ids.length) throw new Error(`round ${round}: pushed ${up.pushed}, pulled ${down.pulled}`);
    for (const id of ids) {
      if (b.lib.getFact(id).notes !== `Checked again, round ${round}`) throw new Error(`round ${round}: library B lacks the edit of ${id}`);
    }
  }
  times.sort((x, y) => x - y);
  const median = percentile(times, 50);
  console.log(
    `  100-change round trip (A push + B pull)         best ${ms(times[0])}, median ${ms(median)} of ${ROUNDS}   (target < 1 s: ${median < 1000 ? 'met' : 'NOT met'})`,
  );
}

/**
 * (c) CLIENTS libraries of one smaller team, each with edits of its own facts and a new fact
 * of its own, sync at once (Promise.all over one connection each); then all sync again and
 * must hold every client's edits.
 */
async function crowd(fx: TeamFixture, dir: string, open: Library[]): Promise<void> {
  const members: Member[] = [];
  for (let i = 0; i < CLIENTS; i++) members.push(await memberLibrary(fx, dir, `c${i}`, open));
  seedFacts(members[0].lib, CROWD_FACTS, 50, 7);
  members[0].lib.shareWithTeam(fx.teamId, { tag: TAG });
  for (const m of members) await syncOnce(m.lib, m.server);
  const ids = members[0].lib.db.prepare("SELECT id FROM sync_rows WHERE entity = 'fact' ORDER BY id").pluck().all() as string[];
  const expected = new Map<string, string>();
  members.forEach((m, i) => {
    for (let k = 0; k < EDITS_PER_CLIENT; k++) {
      const id = ids[i * EDITS_PER_CLIENT + k];
      const notes = `Client ${i} checked this`;
      m.lib.updateFact(id, { notes });
      expected.set(id, notes);
    }
    const sourceId = m.lib.getFact(ids[0]).sourceId;
    const fresh = m.lib.addFact({ text: `Client ${i} adds a fact of its own.`, sourceId, tags: ['crowd'] }).id;
    m.lib.shareWithTeam(fx.teamId, { ids: [fresh] });
    expected.set(fresh, '');
  });

  const each: number[] = [];
  const t = performance.now();
  const reports = await Promise.all(
    members.map(async (m): Promise<SyncReport> => {
      const s = performance.now();
      const r = await syncOnce(m.lib, m.server);
      each.push(performance.now() - s);
      return r;
    }),
  );
  const wall = performance.now() - t;
  const pushed = reports.reduce((n, r) => n + r.pushed, 0);
  // Those that synced early have not seen the others' edits yet: one more round settles it.
  await Promise.all(members.map((m) => syncOnce(m.lib, m.server)));
  const converged = members.every((m) =>
    [...expected].every(([id, notes]) => {
      try {
        return (m.lib.getFact(id).notes ?? '') === notes;
      } catch {
        return false;
      }
    }),
  );
  each.sort((x, y) => x - y);
  console.log(
    `  ${CLIENTS} clients at once (${EDITS_PER_CLIENT} edits + 1 new fact each, ${pushed} pushed)   wall ${ms(wall)}; per client p50 ${ms(percentile(each, 50))}, max ${ms(each.at(-1) ?? NaN)}; all converged: ${converged ? 'yes' : 'NO'}`,
  );
  await fx.close();
  if (!converged) throw new Error(`${CLIENTS} clients did not converge`);
}

/** A new library file linked to the team as a new editor of it (their own login). */
async function memberLibrary(fx: TeamFixture, dir: string, who: string, open: Library[]): Promise<Member> {
  const { s, name, url } = await fx.member(who, 'editor', 'S');
  const lib = Library.open(join(dir, `team-${name}.sqlite`));
  open.push(lib);
  lib.setTeamLink({ server: withoutPassword(url), teamId: fx.teamId, teamName: fx.teamName, userName: name, scheme: 'us' });
  return { lib, server: s };
}

/** `facts` facts over `sources` sources, all tagged TAG, through the validated repository path. */
function seedFacts(lib: Library, facts: number, sources: number, seed: number): void {
  const r = rng(seed);
  const sourceInputs = Array.from({ length: sources }, (_, i) => source(r, i));
  lib.db.transaction(() => {
    const now = nowIso();
    const ids = insertSources(lib.db, sourceInputs, now);
    for (let i = 0; i < facts; i += 2000) {
      const batch = Array.from({ length: Math.min(2000, facts - i) }, (_, k) => ({
        data: checkFactInput(lib.db, { text: sentence(r), sourceId: ids[(i + k) % ids.length], eventDate: eventDate(r), tags: [TAG] }),
        position: i + k,
      }));
      insertFacts(lib.db, batch, now);
    }
  })();
}

/** CPU time of this process (user + system) from a process.cpuUsage() difference. */
const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

/**
 * CPU time the server process of this connection has used so far (Linux: /proc; the cluster
 * runs on this machine), so the server's share of a push is measured apart from the client's.
 */
async function backendCpuMs(server: TeamServer): Promise<number> {
  const pid = (await server.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  try {
    // Fields 14 and 15 of /proc/PID/stat: utime and stime in clock ticks (100 a second on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

const sec = (x: number): string => `${(x / 1000).toFixed(2)} s`;
const ms = (x: number): string => `${x.toFixed(0)} ms`;
const rate = (n: number, x: number): string => Math.round(n / (x / 1000)).toLocaleString('en');
