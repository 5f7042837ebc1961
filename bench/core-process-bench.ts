import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CoreClient } from '../api/host/client';
import { CoreService, InProcessCore, type CoreLink } from '../api/host/core-service';
import { nodeCoreChannel } from '../api/host/node-channel';
import { Library } from '../db/library';
import { loadSample } from '../samples/load';

/** dist/api/host/entry.js, built beside this bundle by scripts/build.mjs. */
const ENTRY = fileURLToPath(new URL('../api/host/entry.js', import.meta.url));

/**
 * Issue 14 §1: what running the core in its own process costs the window. A search call
 * in-process against the same call over the port (structured clone both ways), the time from
 * spawning a core to its first answer, and from killing one to the library answering again.
 */
export async function printCoreProcessBench(dir: string): Promise<void> {
  const path = join(dir, 'core-process.sqlite');
  const lib = Library.open(path);
  loadSample(lib);
  lib.close();
  console.log('\nCore process (the sample library; a search for "corridor", 300 calls each)');

  const local = new InProcessCore(new CoreService({ backupRoot: join(dir, 'backups-local') }));
  await local.request('open', [path]);
  const inProcess = await searchTimes(local);

  const t0 = performance.now();
  let restartedAt = 0;
  let onRestart: () => void = () => undefined;
  const restarted = new Promise<void>((resolve) => (onRestart = resolve));
  const remote = new CoreClient({
    spawn: () => nodeCoreChannel(ENTRY),
    options: { backupRoot: join(dir, 'backups') },
    onRestart: () => ((restartedAt = performance.now()), onRestart()),
  });
  await remote.request('open', [path]);
  const startMs = performance.now() - t0;
  const overPort = await searchTimes(remote);

  const killedAt = performance.now();
  process.kill(remote.pid!, 'SIGKILL');
  await restarted;
  await remote.request('call', ['facts:search', [{ text: 'corridor' }]]);
  const backMs = performance.now() - killedAt;
  await remote.stop();
  await local.request('close', []);

  const f = (x: number) => `${x.toFixed(2)} ms`;
  console.log(`  search in process      p50 ${f(inProcess.p50)}  p99 ${f(inProcess.p99)}`);
  console.log(`  search over the port   p50 ${f(overPort.p50)}  p99 ${f(overPort.p99)}`);
  console.log(`  start a core           ${startMs.toFixed(0)} ms (spawn, load, open and check the library)`);
  console.log(`  killed → answering     ${backMs.toFixed(0)} ms (restart noticed after ${(restartedAt - killedAt).toFixed(0)} ms)`);
}

async function searchTimes(core: CoreLink): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 30; i++) await core.request('call', ['facts:search', [{ text: 'corridor' }]]);
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    await core.request('call', ['facts:search', [{ text: 'corridor' }]]);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[150], p99: times[297] };
}
