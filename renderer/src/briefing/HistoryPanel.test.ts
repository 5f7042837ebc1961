import { describe, expect, it } from 'vitest';
import { togglePick } from './HistoryPanel';

describe('picking versions to compare', () => {
  it('keeps at most two, the latest picks; picking again unpicks', () => {
    expect(togglePick([], 3)).toEqual([3]);
    expect(togglePick([3], 1)).toEqual([3, 1]);
    expect(togglePick([3, 1], 5)).toEqual([1, 5]);
    expect(togglePick([1, 5], 1)).toEqual([5]);
  });
});
