import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../library';
import { SAMPLE_SOURCE, tempLibrary } from '../testing/temp-library';

let lib: Library;
let done: () => void;
let facts: string[];
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
  const s = lib.addSource(SAMPLE_SOURCE);
  facts = ['First.', 'Second.', 'Third.', 'Fourth.'].map((text) => lib.addFact({ text, sourceId: s.id }).id);
});
afterEach(() => done());

const SECTIONS = [
  { key: 'bluf', heading: 'Bottom line up front' },
  { key: 'discussion', heading: 'Discussion' },
];

const order = (b: ReturnType<Library['getBriefing']>) =>
  b.sections.map((s) => s.items.map((i) => (i.kind === 'fact' ? facts.indexOf(i.factId) + 1 : `p:${i.text}`)));

describe('briefings', () => {
  it('create sections from the template and keep memo fields and settings', () => {
    const b = lib.createBriefing(
      {
        title: 'Grain corridor',
        templateId: 'info-memo',
        styleId: 'apa',
        notePlacement: 'endnotes',
        marking: 'cui',
        portionMarks: true,
        fields: { for: 'Under Secretary', subject: 'Grain Corridor' },
      },
      SECTIONS,
    );
    expect(b).toMatchObject({
      title: 'Grain corridor',
      templateId: 'info-memo',
      styleId: 'apa',
      notePlacement: 'endnotes',
      marking: 'CUI',
      portionMarks: true,
      derivedFrom: false,
    });
    expect(b.fields).toEqual({ for: 'Under Secretary', subject: 'Grain Corridor' });
    expect(b.sections.map((s) => s.key)).toEqual(['bluf', 'discussion']);
    const u = lib.updateBriefing(b.id, { fields: { from: 'Analyst' }, marking: '' });
    expect(u.fields).toEqual({ for: 'Under Secretary', subject: 'Grain Corridor', from: 'Analyst' });
    expect(u.marking).toBeUndefined();
    expect(lib.getBriefing('grain CORRIDOR').id).toBe(b.id);
  });

  it('stores header dates as ISO dates by the template rules, and refuses an unreadable one changing nothing', () => {
    const rules = (templateId: string) => ({ keys: ['date', 'decideBy'], locale: templateId === 'uk-memo' ? 'en-GB' : 'en-US' });
    const b = lib.createBriefing({ title: 'Dated', templateId: 'action-memo', fields: { date: 'January 18, 2024', for: '1/2/2024' } }, SECTIONS, rules);
    expect(b.fields).toEqual({ date: '2024-01-18', for: '1/2/2024' });
    expect(lib.updateBriefing(b.id, { fields: { decideBy: '1/2/2024' } }, rules).fields).toEqual({
      date: '2024-01-18',
      decideBy: '2024-01-02',
      for: '1/2/2024',
    });
    // A template change in the same patch reads the dates by the new template's locale.
    expect(lib.updateBriefing(b.id, { templateId: 'uk-memo', fields: { decideBy: '1/2/2024' } }, rules).fields.decideBy).toBe('2024-02-01');
    const before = lib.getBriefing(b.id);
    let error: unknown;
    try {
      lib.updateBriefing(b.id, { title: 'Renamed', fields: { for: 'Someone', decideBy: 'xyz' } }, rules);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'validation',
      field: 'fields.decideBy',
      message: expect.stringContaining('cannot read "xyz" as a date; write e.g. 2024-01-18 or January 18, 2024'),
    });
    expect(lib.getBriefing(b.id)).toEqual(before);
    expect(() => lib.createBriefing({ title: 'Bad', templateId: 'action-memo', fields: { date: '31/31/2024' } }, SECTIONS, rules)).toThrow(
      /fields\.date|cannot read "31\/31\/2024"/,
    );
    expect(lib.listBriefings().map((x) => x.title)).toEqual(['Dated']);
  });

  it('adds facts and prose in order, inserts at a position, moves and removes items', () => {
    const b = lib.createBriefing({ title: 'T', templateId: 'info-memo' }, SECTIONS);
    lib.addItems(
      b.id,
      [
        { kind: 'fact', factId: facts[0] },
        { kind: 'fact', factId: facts[1] },
      ],
      'bluf',
    );
    lib.addItems(
      b.id,
      [
        { kind: 'prose', text: 'Context.' },
        { kind: 'fact', factId: facts[2] },
      ],
      'Discussion',
    );
    lib.addItems(b.id, [{ kind: 'fact', factId: facts[3].slice(0, 8) }], 'bluf', 1);
    expect(order(lib.getBriefing(b.id))).toEqual([
      [1, 4, 2],
      ['p:Context.', 3],
    ]);
    lib.moveItem(b.id, '1', 2); // first item to the end of its section
    expect(order(lib.getBriefing(b.id))).toEqual([
      [4, 2, 1],
      ['p:Context.', 3],
    ]);
    lib.moveItem(b.id, '5', 0, 'bluf'); // fact 3 to the top of the BLUF
    expect(order(lib.getBriefing(b.id))).toEqual([[3, 4, 2, 1], ['p:Context.']]);
    lib.removeItem(b.id, '2');
    expect(order(lib.getBriefing(b.id))).toEqual([[3, 2, 1], ['p:Context.']]);
    expect(lib.listBriefings()[0]).toMatchObject({ title: 'T', factCount: 3 });
  });

  it('keeps a locator override and a lead for one use of a fact', () => {
    const b = lib.createBriefing({ title: 'TP', templateId: 'talking-points' }, SECTIONS);
    const r = lib.addItems(b.id, [{ kind: 'fact', factId: facts[0], locator: { label: 'page', value: '14' }, lead: 'Exports' }]);
    expect(r.sections[0].items[0]).toMatchObject({ kind: 'fact', locator: { label: 'page', value: '14' }, lead: 'Exports' });
  });

  it('names the problem for a bad section, item or fact', () => {
    const b = lib.createBriefing({ title: 'T', templateId: 'info-memo' }, SECTIONS);
    expect(() => lib.addItems(b.id, [{ kind: 'fact', factId: facts[0] }], 'annex')).toThrow(/section: no section "annex"; sections are bluf, discussion/);
    expect(() => lib.moveItem(b.id, '9', 0)).toThrow(/there is no item 9/);
    expect(() => lib.addItems(b.id, [{ kind: 'chart' }])).toThrow(/items\[0\]/);
    expect(() => lib.createBriefing({ title: '', templateId: 'x' }, SECTIONS)).toThrow(/briefing\.title: must not be empty/);
  });

  it('deletes a briefing with its sections and items, releasing its facts', () => {
    const b = lib.createBriefing({ title: 'Gone', templateId: 'info-memo' }, SECTIONS);
    lib.addItems(b.id, [{ kind: 'fact', factId: facts[0] }]);
    lib.removeBriefing(b.id);
    expect(lib.listBriefings()).toEqual([]);
    expect(lib.db.prepare('SELECT count(*) FROM briefing_items').pluck().get()).toBe(0);
    lib.removeFact(facts[0]);
  });
});

describe('maintenance', () => {
  it('backs up online to a checked copy that opens as a library', async () => {
    const { dir } = { dir: lib.path.replace(/library\.sqlite$/, '') };
    const r = await lib.backup(`${dir}/backups/copy.sqlite`);
    expect(r.bytes).toBeGreaterThan(0);
    const { Library: L } = await import('../library');
    const copy = L.open(r.path);
    expect(copy.searchFacts({}).total).toBe(4);
    expect(copy.check().ok).toBe(true);
    copy.close();
  });

  it('reports integrity, foreign keys and index agreement; repairs the index', () => {
    expect(lib.check()).toMatchObject({ ok: true, integrity: [], foreignKeys: [], counts: { sources: 1, facts: 4 } });
    lib.db.prepare('DELETE FROM fact_search WHERE rowid = (SELECT min(seq) FROM facts)').run();
    expect(lib.check()).toMatchObject({ ok: false, searchIndexMismatch: 1 });
    lib.repairSearchIndex();
    expect(lib.check().ok).toBe(true);
  });
});

describe('backup files', () => {
  it('leaves one self-contained file: no -wal or -shm beside it', async () => {
    const { readdirSync } = await import('node:fs');
    const { dirname, join } = await import('node:path');
    const dest = join(dirname(lib.path), 'b', 'one.sqlite');
    await lib.backup(dest);
    expect(readdirSync(dirname(dest))).toEqual(['one.sqlite']);
  });
});
