import { statSync } from 'node:fs';
import { nowIso } from '../core/dates';
import { withCheckpointLater } from '../db/checkpoint-later';
import type { Library } from '../db/library';
import { checkFactInput, type FactToInsert, insertFacts } from '../db/repo/facts';
import { insertSources } from '../db/repo/sources';
import type { FactQuery } from '../db/repo/search';
import { ENTITIES, eventDate, OBJECTS, PLACES, sentence, source, TAGS, VERBS } from './corpus';
import { percentile, pick, pickSkewed, rng } from './random';

export interface LibraryBenchResult {
  facts: number;
  sources: number;
  importSeconds: number;
  /** CPU time of the import (user + system): steadier than the wall clock on a shared machine. */
  importCpuSeconds: number;
  /** Wall-clock seconds of each part of the import. */
  phases: { sources: number; validate: number; insert: number; commit: number };
  /** Wall-clock seconds of the WAL checkpoint, run after the import has returned (not in `importSeconds`). */
  checkpointSeconds: number;
  fileBytes: number;
  search: { queries: number; p50: number; p95: number; p99: number; max: number };
  byKind: Record<string, { p50: number; p99: number }>;
}

/** Facts validated and inserted per call, as `dossier import` writes a large document. */
const BATCH = 2000;

/**
 * Builds a library of `facts` facts over `sources` sources through the same validated repository
 * path an import uses (schema checks, duplicate check, tags, search index), in one transaction,
 * then times a few hundred realistic searches in-process. The input is generated before the
 * clock starts, as an importer has parsed its file before it writes.
 */
export function benchLibrary(lib: Library, opts: { facts: number; sources: number; dir: string }): LibraryBenchResult {
  const r = rng(20261128);
  const sourceInputs = Array.from({ length: opts.sources }, (_, i) => source(r, i));
  const factInputs = Array.from({ length: opts.facts }, (_, i) => factInput(r, i));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const phases = { sources: 0, validate: 0, insert: 0, commit: 0 };
  let t = t0;
  const lap = (k: keyof typeof phases) => {
    const n = performance.now();
    phases[k] += (n - t) / 1000;
    t = n;
  };
  // As `dossier import` commits (db/cancellable-write.ts): the log is copied into the file after.
  withCheckpointLater(lib.db, () =>
    lib.db.transaction(() => {
      const now = nowIso();
      const ids = insertSources(lib.db, sourceInputs, now);
      lap('sources');
      for (let i = 0; i < factInputs.length; i += BATCH) {
        const batch: FactToInsert[] = factInputs.slice(i, i + BATCH).map(({ sourceIndex, ...input }, k) => ({
          data: checkFactInput(lib.db, { ...input, sourceId: ids[sourceIndex % ids.length] }),
          position: i + k,
        }));
        lap('validate');
        insertFacts(lib.db, batch, now);
        lap('insert');
      }
    })(),
  );
  lap('commit');
  const cpu = process.cpuUsage(cpu0);
  const importCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const importSeconds = (performance.now() - t0) / 1000;
  const c0 = performance.now();
  lib.db.pragma('wal_checkpoint(TRUNCATE)');
  const checkpointSeconds = (performance.now() - c0) / 1000;
  const fileBytes = statSync(lib.path).size;

  const queries = makeQueries(r);
  // Warm the page cache once, as an app that has been open for a minute would be.
  for (const q of queries.slice(0, 20)) lib.searchFacts(q.query);
  const times: number[] = [];
  const byKind: Record<string, number[]> = {};
  for (const q of queries) {
    const s = performance.now();
    lib.searchFacts(q.query);
    const ms = performance.now() - s;
    times.push(ms);
    (byKind[q.kind] ??= []).push(ms);
  }
  times.sort((a, b) => a - b);
  const kinds: LibraryBenchResult['byKind'] = {};
  for (const [k, v] of Object.entries(byKind)) {
    v.sort((a, b) => a - b);
    kinds[k] = { p50: percentile(v, 50), p99: percentile(v, 99) };
  }
  return {
    facts: opts.facts,
    sources: opts.sources,
    importSeconds,
    importCpuSeconds,
    phases,
    checkpointSeconds,
    fileBytes,
    search: { queries: times.length, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: times[times.length - 1] },
    byKind: kinds,
  };
}

/** One fact as an importer hands it over: plain data, its source by position in the file. */
function factInput(r: () => number, sourceIndex: number): Record<string, unknown> & { sourceIndex: number } {
  const n = Math.floor(r() * 4);
  const tags = new Set<string>();
  for (let k = 0; k < n; k++) tags.add(pick(r, TAGS));
  return {
    sourceIndex,
    text: sentence(r),
    kind: r() < 0.2 ? 'quote' : r() < 0.4 ? 'statistic' : 'paraphrase',
    eventDate: eventDate(r),
    tags: [...tags],
    ...(r() < 0.3 ? { credibility: 1 + Math.floor(r() * 6) } : {}),
    ...(r() < 0.2 ? { locator: { label: 'page', value: String(1 + Math.floor(r() * 300)) } } : {}),
  };
}

/** Queries of the kinds people type: words, phrases, prefixes while typing, and filters. */
function makeQueries(r: () => number): { kind: string; query: FactQuery }[] {
  const out: { kind: string; query: FactQuery }[] = [];
  const word = () =>
    pick(
      r,
      [...PLACES, ...VERBS, ...OBJECTS.flatMap((o) => o.split(' '))].filter((w) => w.length > 3),
    );
  for (let i = 0; i < 100; i++) out.push({ kind: 'common word', query: { text: word() } });
  for (let i = 0; i < 100; i++) out.push({ kind: 'name', query: { text: pickSkewed(r, ENTITIES) } });
  for (let i = 0; i < 60; i++) out.push({ kind: 'two words', query: { text: `${pick(r, PLACES)} ${word()}` } });
  for (let i = 0; i < 60; i++) out.push({ kind: 'phrase', query: { text: `"${pick(r, OBJECTS)}"` } });
  for (let i = 0; i < 60; i++) {
    const w = word();
    out.push({ kind: 'prefix (typing)', query: { text: w.slice(0, 3 + Math.floor(r() * 2)), prefixLast: true } });
  }
  for (let i = 0; i < 40; i++) out.push({ kind: 'word + tag', query: { text: word(), tags: [pick(r, TAGS.slice(0, 50))] } });
  for (let i = 0; i < 40; i++) {
    const y = 2016 + Math.floor(r() * 9);
    out.push({ kind: 'word + dates + reliability', query: { text: word(), eventFrom: `${y}-01`, eventTo: `${y}-06`, reliability: ['A', 'B'] } });
  }
  for (let i = 0; i < 20; i++) out.push({ kind: 'filters only', query: { tags: [pick(r, TAGS.slice(0, 50))], sort: 'event' } });
  for (let i = 0; i < 20; i++) out.push({ kind: 'operators typed', query: { text: `${word()} -${pick(r, PLACES)} "${word()}` } });
  return out;
}
