import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import type { Candidate } from './candidates';
import { captureDocument, writeCapture } from './capture';
import { importText } from './formats/text';

let lib: Library;
let done: () => void;
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
});
afterEach(() => done());

const counts = () => lib.db.prepare("SELECT (SELECT count(*) FROM sources) || '/' || (SELECT count(*) FROM facts)").pluck().get();
const sourcesTitled = (title: string) => lib.db.prepare('SELECT id FROM sources WHERE title = ?').pluck().all(title);

const TEXT = [
  'Exports fell 30% to 3.2 million tonnes in December, a ministry spokesman told Reuters.',
  'Shipments will resume next week, the minister told AFP.',
  'The port will reopen its grain berths, an official told AFP.',
].join(' ');

describe('capture with suggestions accepted', () => {
  it('stores the figure, and the relaying outlet as via: a source of that name reused, another made once', () => {
    const wire = lib.addSource({ type: 'article-newspaper', title: 'Port traffic slows', containerTitle: '  reuters ', issued: '2024-01-02' });
    const r = captureDocument(lib, importText(TEXT, {}), { source: { title: 'Grain bulletin', issued: '2024-01-19' }, acceptSuggestions: true });
    const [stat, resume, reopen] = r.facts;
    expect(r.facts).toHaveLength(3);
    expect(stat).toMatchObject({
      kind: 'statistic',
      viaSourceId: wire.id,
      figure: { stated: '30%', value: 30, unit: 'percent' },
      attribution: { role: 'ministry spokesman' },
    });
    const afp = sourcesTitled('AFP');
    expect(afp).toHaveLength(1);
    expect(resume.viaSourceId).toBe(afp[0]);
    expect(reopen.viaSourceId).toBe(afp[0]);
    expect(lib.getSource(afp[0] as string).type).toBe('article-newspaper');
    expect(r.outletSourcesCreated?.map((s) => s.title)).toEqual(['AFP']);
    // A later capture reuses the AFP source made by this one.
    const again = captureDocument(lib, importText('Talks will continue, a diplomat told afp.', {}), {
      source: { title: 'Second bulletin' },
      acceptSuggestions: true,
    });
    expect(again.facts[0].viaSourceId).toBe(afp[0]);
    expect(again.outletSourcesCreated).toBeUndefined();
    expect(sourcesTitled('AFP')).toHaveLength(1);
  });

  it('makes no outlet source for facts that were not added (the source already had them)', () => {
    captureDocument(lib, importText(TEXT, {}), { source: { title: 'Grain bulletin', issued: '2024-01-19' } });
    const before = counts();
    const again = captureDocument(lib, importText(TEXT, {}), { source: { title: 'Grain bulletin', issued: '2024-01-19' }, acceptSuggestions: true });
    expect(again.duplicates).toBe(3);
    expect(again.outletSourcesCreated).toBeUndefined();
    expect(counts()).toBe(before);
    expect(sourcesTitled('AFP')).toEqual([]);
    expect(lib.check().ok).toBe(true);
  });

  it('stores none of it unless asked', () => {
    const before = lib.db.prepare('SELECT count(*) FROM sources').pluck().get() as number;
    const r = captureDocument(lib, importText(TEXT, {}), { source: { title: 'Grain bulletin' } });
    expect(r.facts.map((f) => [f.viaSourceId, f.figure, f.attribution])).toEqual([
      [undefined, undefined, undefined],
      [undefined, undefined, undefined],
      [undefined, undefined, undefined],
    ]);
    expect(lib.db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(before + 1);
  });

  it('does not mark a fact as relayed by its own source’s outlet', () => {
    const own = captureDocument(lib, importText('Exports fell 30%, a ministry spokesman told Reuters.', {}), {
      source: { title: 'Exports fall', containerTitle: 'Reuters' },
      acceptSuggestions: true,
    });
    expect(own.facts[0].viaSourceId).toBeUndefined();
    expect(sourcesTitled('Reuters')).toEqual([]);
  });

  it('keeps an event-date range, and leaves out a range that ends before it starts', () => {
    const candidate = (index: number, text: string, more: Partial<Candidate>): Candidate => ({
      index,
      text,
      paragraph: 1,
      kind: 'paraphrase',
      locator: { label: 'paragraph', value: '1' },
      ...more,
    });
    const candidates = [
      candidate(1, 'Fighting went on through late December and early January.', { eventDate: '2023-12', eventDateEnd: '2024-01' }),
      candidate(2, 'Talks ran from January into December.', { eventDate: '2024-01', eventDateEnd: '2023-12' }),
      candidate(3, 'Exports rose by a third.', { kind: 'statistic', statistic: { figure: 'by a third' } }),
    ];
    const plan = { base: { format: 'text' as const, candidates, warnings: [] }, sourceInput: { type: 'report' as const, title: 'Ranges' }, keep: [1, 2, 3] };
    const r = writeCapture(lib, plan, { acceptSuggestions: true });
    expect(r.facts.map((f) => [f.eventDate, f.eventDateEnd])).toEqual([
      ['2023-12', '2024-01'],
      ['2024-01', undefined],
      [undefined, undefined],
    ]);
    expect(r.facts[2].figure).toEqual({ stated: 'by a third' });
    expect(lib.getFact(r.facts[0].id).eventDateEnd).toBe('2024-01');
  });

  it('is one transaction: a failure after the facts are written leaves no fact and no outlet source', () => {
    const before = counts();
    expect(() =>
      captureDocument(lib, importText(TEXT, {}), {
        source: { title: 'Grain bulletin' },
        acceptSuggestions: true,
        // Called once the batch of facts (and the AFP source) is written, inside the transaction.
        onProgress: (p) => {
          if (p.phase.startsWith('Saving') && p.done > 0) throw new Error('disk full');
        },
      }),
    ).toThrow('disk full');
    expect(counts()).toBe(before);
    expect(sourcesTitled('AFP')).toEqual([]);
  });
});
