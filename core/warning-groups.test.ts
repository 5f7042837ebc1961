import { describe, expect, it } from 'vitest';
import { groupWarnings } from './warning-groups';

describe('groupWarnings', () => {
  it('groups per-fact warnings of one code, keeps each one, and leaves others alone and in order', () => {
    const w = [
      { code: 'not-verified', factId: 'a', message: 'Fact a is never verified.' },
      { code: 'page-limit', message: 'Too long.' },
      { code: 'not-verified', factId: 'b', message: 'Fact b is never verified.' },
      { code: 'source-undated', factId: 'c', message: 'Fact c: undated.' },
      { code: 'empty-required-section', section: 'bluf', message: 'Empty.' },
      { code: 'empty-required-section', section: 'discussion', message: 'Empty too.' },
    ];
    const g = groupWarnings(w);
    expect(g.map((x) => [x.title, x.warnings.length])).toEqual([
      ['2 facts are unverified or last verified too long ago', 2],
      ['Too long.', 1],
      ['Fact c: undated.', 1],
      ['Empty.', 1],
      ['Empty too.', 1],
    ]);
    expect(g[0].warnings).toEqual([w[0], w[2]]);
  });
});
