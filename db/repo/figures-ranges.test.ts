import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import { Library } from '../library';
import { SAMPLE_SOURCE, tempLibrary } from '../testing/temp-library';

let lib: Library;
let path: string;
let done: () => void;
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  path = t.path;
  done = t.cleanup;
});
afterEach(() => done());

function errorOf(fn: () => unknown): DossierError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DossierError) return e;
    throw e;
  }
  throw new Error('expected a DossierError');
}

const factCount = () => lib.db.prepare('SELECT count(*) FROM facts').pluck().get();

describe('a fact’s figure and event-date range', () => {
  it('are stored and read back from the file', () => {
    const s = lib.addSource(SAMPLE_SOURCE);
    const f = lib.addFact({
      text: 'Exports fell to 3.2 million tonnes over late December and early January.',
      kind: 'statistic',
      sourceId: s.id,
      eventDate: '2023-12',
      eventDateEnd: '2024-01',
      figure: { stated: ' 3.2 million tonnes ', value: 3_200_000, unit: 'tonnes' },
    });
    expect(f).toMatchObject({ eventDate: '2023-12', eventDateEnd: '2024-01', figure: { stated: '3.2 million tonnes', value: 3_200_000, unit: 'tonnes' } });
    const bare = lib.addFact({ text: 'About a third of berths were idle.', sourceId: s.id, figure: { stated: 'about a third' } });
    expect(bare.figure).toEqual({ stated: 'about a third' });
    lib.close();
    lib = Library.open(path);
    expect(lib.getFact(f.id)).toEqual(f);
    expect(lib.getFact(bare.id).figure).toEqual({ stated: 'about a third' });
  });

  it('refuses a range end before its start, or without one, and a figure without words, naming the field', () => {
    const s = lib.addSource(SAMPLE_SOURCE);
    const before = factCount();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ eventDate: '2024-01-18', eventDateEnd: '2024-01-17' }, /^fact\.eventDateEnd: must not be before the event date \(2024-01-18\)/],
      [{ eventDate: '2024-02', eventDateEnd: '2024-01' }, /^fact\.eventDateEnd: must not be before/],
      [{ eventDateEnd: '2024-01' }, /^fact\.eventDateEnd: needs an event date/],
      [{ eventDate: '2024-01', eventDateEnd: 'early January' }, /^fact\.eventDateEnd: is not a date/],
      [{ figure: { stated: '  ' } }, /^fact\.figure\.stated: must not be empty/],
      [{ figure: { stated: '12%', value: '12' } }, /^fact\.figure\.value: must be a number/],
      [{ figure: { stated: '12%', value: Number.POSITIVE_INFINITY } }, /^fact\.figure\.value: must be a number/],
      [{ figure: { stated: '12%', per: 'year' } }, /^fact\.figure: unknown field "per"/],
    ];
    for (const [fields, message] of cases) {
      const e = errorOf(() => lib.addFact({ text: 'Exports rose.', sourceId: s.id, ...fields }));
      expect(e.code).toBe('validation');
      expect(e.message).toMatch(message);
      expect(e.field).toBe(e.message.split(':')[0]);
    }
    expect(factCount()).toBe(before);
    // A range within one month, given at two precisions, is fine: "2024-01" ends after the 18th.
    expect(lib.addFact({ text: 'Talks ran on.', sourceId: s.id, eventDate: '2024-01-18', eventDateEnd: '2024-01' }).eventDateEnd).toBe('2024-01');
  });

  it('are changed, checked against the stored start, and cleared; clearing the start clears the end', () => {
    const s = lib.addSource(SAMPLE_SOURCE);
    const f = lib.addFact({ text: 'Exports rose 12%.', sourceId: s.id, eventDate: '2024-01-10' });
    expect(lib.updateFact(f.id, { eventDateEnd: '2024-01-20', figure: { stated: '12%', value: 12, unit: 'percent' } })).toMatchObject({
      eventDateEnd: '2024-01-20',
      figure: { stated: '12%', value: 12, unit: 'percent' },
    });
    const e = errorOf(() => lib.updateFact(f.id, { eventDate: '2024-02-01' }));
    expect(e.message).toMatch(/^fact\.eventDateEnd: must not be before the event date \(2024-02-01\)/);
    expect(lib.getFact(f.id).eventDate).toBe('2024-01-10');
    expect(lib.updateFact(f.id, { figure: { stated: 'twelve percent' } }).figure).toEqual({ stated: 'twelve percent' });
    const cleared = lib.updateFact(f.id, { eventDate: null, figure: null });
    expect([cleared.eventDate, cleared.eventDateEnd, cleared.figure]).toEqual([undefined, undefined, undefined]);
    expect(errorOf(() => lib.updateFact(f.id, { eventDateEnd: '2024-03' })).message).toMatch(/^fact\.eventDateEnd: needs an event date/);
  });
});

describe('searching by figure and by date range', () => {
  it('--has-figure finds facts with a figure; a range matches a window it overlaps', () => {
    const s = lib.addSource(SAMPLE_SOURCE);
    const range = lib.addFact({ text: 'Fighting went on through the holidays.', sourceId: s.id, eventDate: '2023-12-20', eventDateEnd: '2024-01-05' });
    const day = lib.addFact({ text: 'Talks began.', sourceId: s.id, eventDate: '2023-12-20' });
    const fig = lib.addFact({ text: 'Exports rose 12%.', sourceId: s.id, figure: { stated: '12%' } });
    const ids = (q: Parameters<Library['searchFacts']>[0]) =>
      lib
        .searchFacts(q)
        .hits.map((h) => h.fact.id)
        .sort();
    expect(ids({ hasFigure: true })).toEqual([fig.id]);
    expect(ids({ hasFigure: true, text: 'exports' })).toEqual([fig.id]);
    expect(ids({ hasFigure: true, text: 'began' })).toEqual([]);
    // The range started in 2023 but reaches into January 2024.
    expect(ids({ eventFrom: '2024-01-02' })).toEqual([range.id]);
    expect(ids({ eventFrom: '2024-01-06' })).toEqual([]);
    expect(ids({ eventFrom: '2023-12-01', eventTo: '2023-12-31' })).toEqual([range.id, day.id].sort());
    expect(ids({ eventTo: '2023-12-19' })).toEqual([]);
  });
});
