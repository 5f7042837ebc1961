export { rng } from '../core/seeded-random';

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

/** Zipf-like choice: early entries are much more frequent, as words are in real prose. */
export function pickSkewed<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(Math.pow(r(), 2.2) * xs.length)];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
