import { onTestFailed } from 'vitest';

/**
 * Seeded randomness for the drills, so a failure reproduces: every drill prints its seed when a
 * test fails, and `DOSSIER_DRILL_SEED=<seed>` replays that run.
 */
export interface Rng {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: small, fast, and good enough to spread kill moments and pick characters. */
function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    seed,
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    pick: (items) => items[int(items.length)],
    chance: (p) => next() < p,
  };
}

/** The seed from DOSSIER_DRILL_SEED, or a fresh one; each drill derives its own from it. */
const DRILL_SEED = process.env.DOSSIER_DRILL_SEED ? Number(process.env.DOSSIER_DRILL_SEED) >>> 0 : (Date.now() ^ (process.pid << 8)) >>> 0;

/**
 * A generator for one drill, its seed printed when the running test fails. Concurrent tests pass
 * their own context's `onTestFailed` (the global hook cannot tell which test is running).
 */
export function drillRng(drill: string, hook: (fn: () => void) => void = onTestFailed): Rng {
  let h = DRILL_SEED;
  for (const c of drill) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  hook(() => {
    console.error(`[drill ${drill}] failed with DOSSIER_DRILL_SEED=${DRILL_SEED}; rerun with that variable to reproduce.`);
  });
  return seededRng(h);
}

/** `npm run drill` sets DOSSIER_DRILL=long: the same drills, more iterations. */
export const LONG = process.env.DOSSIER_DRILL === 'long';

/** The iteration count for CI, or the long one under `npm run drill`. */
export function iterations(ci: number, long: number): number {
  return LONG ? long : ci;
}
