import { invalid } from '../core/errors';
import type { Fact } from '../core/model';
import { suggestStatistic } from '../ingest/suggest/statistic';

/** --figure "3.2 bn": the number and unit are read from the words unless given as options. */
export function figureFromOptions(stated: string, value: string | undefined, unit: string | undefined): Record<string, unknown> {
  const read = suggestStatistic(stated);
  const figure: Record<string, unknown> = { stated };
  if (value !== undefined && value !== '') {
    const n = Number(value.replace(/,/g, ''));
    if (!Number.isFinite(n) || value.trim() === '') throw invalid('fact.figure.value', `"${value}" is not a number`);
    figure.value = n;
  } else if (value === undefined && read?.value !== undefined) figure.value = read.value;
  if (unit !== undefined) {
    if (unit !== '') figure.unit = unit;
  } else if (read?.unit) figure.unit = read.unit;
  return figure;
}

/** "3.2 bn (value 3200000000, unit USD)". */
export function figureText(f: Fact): string | undefined {
  if (!f.figure) return undefined;
  const more = [f.figure.value !== undefined ? `value ${f.figure.value}` : '', f.figure.unit ? `unit ${f.figure.unit}` : ''].filter(Boolean);
  return f.figure.stated + (more.length ? ` (${more.join(', ')})` : '');
}
