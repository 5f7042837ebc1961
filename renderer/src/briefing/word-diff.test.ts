import { describe, expect, it } from 'vitest';
import { wordDiff } from './word-diff';

const marked = (parts: { text: string; changed: boolean }[]) => parts.map((p) => (p.changed ? `[${p.text}]` : p.text)).join('');

describe('word marks in a changed paragraph', () => {
  it('marks only the words added at the end', () => {
    const d = wordDiff('Port capacity limits exports.', 'Port capacity limits exports. Rail links come second.');
    expect(marked(d.before)).toBe('Port capacity limits exports.');
    expect(marked(d.after)).toBe('Port capacity limits exports. [Rail links come second.]');
  });

  it('marks a word replaced in the middle on both sides, and each side joins back to its text', () => {
    const before = 'Okafor, “Grain Corridor,” January 19, 2025, para. 1, https://x.example.';
    const after = 'Okafor, “Grain Corridor,” January 19, 2025, para. 4, https://x.example.';
    const d = wordDiff(before, after);
    expect(marked(d.before)).toBe('Okafor, “Grain Corridor,” January 19, 2025, para. [1,] https://x.example.');
    expect(marked(d.after)).toBe('Okafor, “Grain Corridor,” January 19, 2025, para. [4,] https://x.example.');
    expect(d.before.map((p) => p.text).join('')).toBe(before);
    expect(d.after.map((p) => p.text).join('')).toBe(after);
  });

  it('marks a removed word and keeps runs merged', () => {
    const d = wordDiff('Approve $12 million now for storage', 'Approve $12 million for storage');
    expect(marked(d.before)).toBe('Approve $12 million [now] for storage');
    expect(d.after).toEqual([{ text: 'Approve $12 million for storage', changed: false }]);
  });

  it('marks each side whole when the paragraphs are too long to compare word by word', () => {
    const long = Array.from({ length: 600 }, (_, i) => `w${i}`).join(' ');
    const d = wordDiff(long, `${long} more`);
    expect(d.before).toEqual([{ text: long, changed: true }]);
    expect(d.after).toEqual([{ text: `${long} more`, changed: true }]);
  });
});
