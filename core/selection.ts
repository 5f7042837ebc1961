import { invalid } from './errors';

/**
 * Parses a selection such as "1,3-5" (1-based, as shown to the user) into a sorted set of
 * indexes; "all" selects everything. Out-of-range numbers are an error, not silently ignored.
 */
export function parseSelection(spec: string, count: number, field = 'keep'): number[] {
  const s = spec.trim().toLowerCase();
  if (s === 'all') return Array.from({ length: count }, (_, i) => i + 1);
  if (s === 'none' || s === '') return [];
  const out = new Set<number>();
  for (const part of s.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw invalid(field, `"${part.trim()}" is not a number or range (use e.g. all, 1,3-5)`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a < 1 || b < a) throw invalid(field, `"${part.trim()}" is not a valid range`);
    if (b > count) throw invalid(field, `there are only ${count} candidate facts; ${b} is out of range`);
    for (let i = a; i <= b; i++) out.add(i);
  }
  return [...out].sort((x, y) => x - y);
}
