import { describe, expect, it } from 'vitest';
import { matchesWords, modifiedLabel } from './modified';

describe('modifiedLabel', () => {
  const now = new Date(2026, 10, 28, 15, 30);
  const at = (...a: [number, number, number, number, number]) => new Date(...a).toISOString();
  it('says how recent a change is in local time', () => {
    expect(modifiedLabel(at(2026, 10, 28, 15, 29), now)).toBe('1 min ago');
    expect(modifiedLabel(new Date(now.getTime() - 20_000).toISOString(), now)).toBe('Just now');
    expect(modifiedLabel(at(2026, 10, 28, 9, 5), now)).toBe('Today 09:05');
    expect(modifiedLabel(at(2026, 10, 27, 23, 59), now)).toBe('Yesterday 23:59');
    expect(modifiedLabel(at(2026, 0, 3, 8, 0), now)).toBe('3 Jan. 2026 08:00');
    expect(modifiedLabel('not a date', now)).toBe('not a date');
  });
});

describe('matchesWords', () => {
  it('needs every word, in any order, ignoring case and accents', () => {
    expect(matchesWords('grain memo', 'Danube Grain Ports', 'Action memo')).toBe(true);
    expect(matchesWords('memo grain', 'Danube Grain Ports', 'Action memo')).toBe(true);
    expect(matchesWords('grain brief', 'Danube Grain Ports', 'Action memo')).toBe(false);
    expect(matchesWords('cote', 'Côte d’Ivoire cocoa')).toBe(true);
    expect(matchesWords('   ', 'anything')).toBe(true);
  });
});
