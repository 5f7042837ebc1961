import { describe, expect, it } from 'vitest';
import { formatHeaderDate, normaliseHeaderDates, parseHeaderDate, readHeaderDate } from './header-dates';

describe('reading typed header dates', () => {
  it.each([
    ['2024-01-18', '2024-01-18'],
    ['2024-1-8', '2024-01-08'],
    ['January 18, 2024', '2024-01-18'],
    ['january 18 2024', '2024-01-18'],
    ['Jan. 18, 2024', '2024-01-18'],
    ['Sept. 3, 2024', '2024-09-03'],
    ['18 January 2024', '2024-01-18'],
    ['18th January 2024', '2024-01-18'],
    ['18 Jan 24', '2024-01-18'],
    ['  18   Jan.  2024 ', '2024-01-18'],
    ['1/18/2024', '2024-01-18'],
    ['18/1/2024', '2024-01-18'],
  ])('reads %j as %s in en-US', (text, iso) => {
    expect(readHeaderDate(text, 'en-US')).toBe(iso);
  });

  it('lets the locale decide which number is the month when either could be', () => {
    expect(readHeaderDate('1/2/2024', 'en-US')).toBe('2024-01-02');
    expect(readHeaderDate('1/2/2024', 'en-GB')).toBe('2024-02-01');
    expect(readHeaderDate('1/2/24', 'en-GB')).toBe('2024-02-01');
    expect(readHeaderDate('1.2.2024', 'de-DE')).toBe('2024-02-01');
    // Unless told not to guess (the migration of old free-text dates).
    expect(readHeaderDate('1/2/2024', 'en-US', { numeric: 'unambiguous' })).toBeUndefined();
    expect(readHeaderDate('1/18/2024', 'en-US', { numeric: 'unambiguous' })).toBe('2024-01-18');
    expect(readHeaderDate('2/2/2024', 'en-GB', { numeric: 'unambiguous' })).toBe('2024-02-02');
  });

  it.each([
    'xyz',
    'next Tuesday',
    'February 30, 2024',
    '2023-02-29',
    '13/13/2024',
    'Janvember 3, 2024',
    '18 January',
    '2024',
    '0800Z 18 Jan 2024',
    '1/18/2024 and 1/19/2024',
  ])('refuses %j', (text) => {
    expect(readHeaderDate(text, 'en-US')).toBeUndefined();
  });

  it('names the field and says what to write when a date cannot be read', () => {
    expect(() => parseHeaderDate('fields.decideBy', 'xyz', 'en-US')).toThrow('cannot read "xyz" as a date; write e.g. 2024-01-18 or January 18, 2024');
    try {
      parseHeaderDate('fields.decideBy', 'xyz', 'en-US');
    } catch (e) {
      expect(e).toMatchObject({ code: 'validation', field: 'fields.decideBy' });
    }
  });

  it('stores date fields as ISO dates, leaves other fields and empty dates alone', () => {
    const rules = { keys: ['date', 'decideBy'], locale: 'en-GB' };
    expect(normaliseHeaderDates({ date: '18 January 2024', decideBy: '', for: '1/2/2024' }, rules)).toEqual({
      date: '2024-01-18',
      decideBy: '',
      for: '1/2/2024',
    });
    expect(() => normaliseHeaderDates({ decideBy: 'soon' }, rules)).toThrow(/fields\.decideBy|cannot read "soon"/);
  });
});

describe('printing header dates', () => {
  it('prints in the template locale and format', () => {
    expect(formatHeaderDate('2024-01-18', 'en-US')).toBe('January 18, 2024');
    expect(formatHeaderDate('2024-01-18', 'en-GB')).toBe('18 January 2024');
    expect(formatHeaderDate('2024-01-08', 'en-GB', 'military')).toBe('8 Jan 24');
    expect(formatHeaderDate('2024-09-30', 'en-US', 'military')).toBe('30 Sep 24');
  });

  it('reads back what it prints', () => {
    for (const locale of ['en-US', 'en-GB']) {
      for (const format of ['long', 'military'] as const) {
        expect(readHeaderDate(formatHeaderDate('2025-03-04', locale, format), locale)).toBe('2025-03-04');
      }
    }
  });
});
