import { describe, expect, it } from 'vitest';
import { splitPath, togglePick } from './HistoryPanel';

describe('picking versions to compare', () => {
  it('keeps at most two, the latest picks; picking again unpicks', () => {
    expect(togglePick([], 3)).toEqual([3]);
    expect(togglePick([3], 1)).toEqual([3, 1]);
    expect(togglePick([3, 1], 5)).toEqual([1, 5]);
    expect(togglePick([1, 5], 1)).toEqual([5]);
  });
});

describe('an exported file as listed', () => {
  it('leads with the file name, the folder after, either separator', () => {
    expect(splitPath('/home/ana/Briefings/Storage memo.docx')).toEqual({ name: 'Storage memo.docx', folder: '/home/ana/Briefings' });
    expect(splitPath('C:\\Users\\ana\\memo.docx')).toEqual({ name: 'memo.docx', folder: 'C:\\Users\\ana' });
    expect(splitPath('memo.md')).toEqual({ name: 'memo.md', folder: '' });
  });
});
