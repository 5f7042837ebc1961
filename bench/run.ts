import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Library } from '../db/library';
import { benchLibrary } from './library-bench';

/**
 * `npm run bench`: builds a realistic 100,000-fact library and prints the figures the issues
 * set targets for. Numbers, not pass/fail: timed assertions flake on shared machines.
 */
const FACTS = Number(process.env.BENCH_FACTS ?? 100_000);
const SOURCES = Number(process.env.BENCH_SOURCES ?? 20_000);

const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-'));
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
try {
  const lib = Library.open(join(dir, 'library.sqlite'));
  console.log(`Dossier benchmark — ${new Date().toISOString()} — node ${process.version}, ${process.platform}/${process.arch}`);
  console.log(`\nLibrary: ${FACTS.toLocaleString('en')} facts over ${SOURCES.toLocaleString('en')} sources`);
  const r = benchLibrary(lib, { facts: FACTS, sources: SOURCES, dir });
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  console.log(`  bulk import            ${r.importSeconds.toFixed(2)} s   (target < 10 s)   ${Math.round(r.facts / r.importSeconds).toLocaleString('en')} facts/s`);
  console.log(`  library file           ${(r.fileBytes / 1024 / 1024).toFixed(1)} MiB`);
  console.log(`  search (${r.search.queries} queries)  p50 ${ms(r.search.p50)}  p95 ${ms(r.search.p95)}  p99 ${ms(r.search.p99)}  max ${ms(r.search.max)}   (targets p50 < 5 ms, p99 < 50 ms)`);
  for (const [k, v] of Object.entries(r.byKind)) console.log(`    ${k.padEnd(28)} p50 ${ms(v.p50)}  p99 ${ms(v.p99)}`);
  lib.close();
  console.log(`\nPeak memory (RSS)        ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
