import type { Library } from '../library';
import { findNearDuplicates } from './near-duplicates';

export interface NearDuplicateBenchResult {
  /** Sentences timed (half restatements of library facts, half new sentences). */
  queries: number;
  facts: number;
  /** Milliseconds per sentence. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** CPU milliseconds per sentence (p50, p99): steadier than wall time on a busy machine. */
  cpuP50: number;
  cpuP99: number;
  /** Share of restated facts whose original came back (1 = all). */
  restatementRecall: number;
}

/**
 * Times `findNearDuplicates` on `n` sentences built from the library itself, so it measures
 * whatever library the caller built (the project bench uses its 100,000-fact corpus):
 *  - restatements: a fact with its clauses rotated, case and punctuation changed, looked up
 *    as a new sentence (its original must be found);
 *  - new sentences: the first half of one fact joined to the second half of a distant one,
 *    the usual case of a sentence that shares vocabulary but restates nothing.
 * The first few are run once unmeasured, as in an app that has been open for a minute.
 */
export function benchNearDuplicates(lib: Library, n: number): NearDuplicateBenchResult {
  const facts = lib.db.prepare('SELECT count(*) FROM facts').pluck().get() as number;
  const maxSeq = (lib.db.prepare('SELECT coalesce(max(seq), 0) FROM facts').pluck().get() as number) || 1;
  const factAt = lib.db.prepare('SELECT id, text FROM facts WHERE seq >= ? ORDER BY seq LIMIT 1');
  const pick = (i: number) => factAt.get(1 + Math.floor(((i * 7919) % n) * (maxSeq / Math.max(1, n)))) as { id: string; text: string } | undefined;

  const queries: { text: string; original?: string }[] = [];
  for (let i = 0; i < n; i++) {
    const a = pick(i);
    if (!a) break;
    if (i % 2 === 0) {
      queries.push({ text: restate(a.text), original: a.id });
    } else {
      const b = pick((i + Math.floor(n / 2)) % n) ?? a;
      const wa = a.text.split(' ');
      const wb = b.text.split(' ');
      queries.push({ text: [...wa.slice(0, Math.ceil(wa.length / 2)), ...wb.slice(Math.ceil(wb.length / 2))].join(' ') });
    }
  }

  for (const q of queries.slice(0, 20)) findNearDuplicates(lib.db, q.text);
  const times: number[] = [];
  const cpu: number[] = [];
  let restated = 0;
  let found = 0;
  for (const q of queries) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const hits = findNearDuplicates(lib.db, q.text);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (q.original) {
      restated++;
      if (hits.some((h) => h.factId === q.original)) found++;
    }
  }
  times.sort((x, y) => x - y);
  cpu.sort((x, y) => x - y);
  const at = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))] : NaN);
  const pct = (p: number) => at(times, p);
  return {
    queries: times.length,
    facts,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: times[times.length - 1] ?? NaN,
    mean: times.reduce((s, x) => s + x, 0) / Math.max(1, times.length),
    cpuP50: at(cpu, 50),
    cpuP99: at(cpu, 99),
    restatementRecall: restated ? found / restated : NaN,
  };
}

/** The same fact said differently: clauses rotated, lower case, other punctuation. */
function restate(text: string): string {
  const clauses = text.replace(/[.!?]+$/, '').split(/,\s+/);
  if (clauses.length > 1) clauses.push(clauses.shift()!);
  else {
    const words = clauses[0].split(' ');
    clauses[0] = [...words.slice(-3), ...words.slice(0, -3)].join(' ');
  }
  return `${clauses.join('; ').toLowerCase()}!`;
}
