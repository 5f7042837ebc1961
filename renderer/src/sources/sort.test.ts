import { describe, expect, it } from 'vitest';
import type { SourceWithCount } from '../../../db/repo/sources';
import { sortSources } from './sort';

const src = (id: string, o: Partial<SourceWithCount>): SourceWithCount => ({
  id,
  type: 'report',
  title: id,
  authors: [],
  editors: [],
  extra: {},
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  factCount: 0,
  ...o,
});

const list = [
  src('b', { title: 'Beta report', issued: '2024-05', reliability: 'C', factCount: 3, authors: [{ family: 'Zhou' }] }),
  src('a', { title: 'alpha brief', issued: '2025-01-18', factCount: 10, createdAt: '2025-03-01T00:00:00Z' }),
  src('c', { title: 'Gamma 10', reliability: 'A', factCount: 3, authors: [{ literal: 'Agency' }] }),
  src('d', { title: 'Gamma 9', issued: '2023', reliability: 'A', factCount: 0 }),
];
const ids = (s: SourceWithCount[]) => s.map((x) => x.id).join('');

describe('sorting sources in the manager', () => {
  it('sorts titles ignoring case, numbers by value', () => {
    expect(ids(sortSources(list, { key: 'title', descending: false }))).toBe('abdc');
    expect(ids(sortSources(list, { key: 'title', descending: true }))).toBe('cdba');
  });

  it('keeps missing values last in both directions', () => {
    expect(ids(sortSources(list, { key: 'issued', descending: true }))).toBe('abdc');
    expect(ids(sortSources(list, { key: 'issued', descending: false }))).toBe('dbac');
    expect(ids(sortSources(list, { key: 'reliability', descending: false }))).toBe('dcba');
    expect(ids(sortSources(list, { key: 'reliability', descending: true }))).toBe('bdca');
    expect(ids(sortSources(list, { key: 'author', descending: false }))).toBe('cbad');
  });

  it('breaks ties by title and sorts counts as numbers', () => {
    expect(ids(sortSources(list, { key: 'facts', descending: true }))).toBe('abcd');
    expect(ids(sortSources(list, { key: 'added', descending: true }))).toBe('abdc');
  });

  it('does not reorder the list it was given', () => {
    sortSources(list, { key: 'title', descending: false });
    expect(ids(list)).toBe('bacd');
  });
});
