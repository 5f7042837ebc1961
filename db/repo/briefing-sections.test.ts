import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Briefing } from '../../core/model';
import type { Library } from '../library';
import { SAMPLE_SOURCE, tempLibrary } from '../testing/temp-library';

let lib: Library;
let done: () => void;
let facts: string[];
let b: Briefing;
const RULES = { templateKeys: ['bluf', 'discussion', 'coordination'], requiredKeys: ['bluf', 'discussion'] };

beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
  const s = lib.addSource(SAMPLE_SOURCE);
  facts = ['First.', 'Second.', 'Third.'].map((text) => lib.addFact({ text, sourceId: s.id }).id);
  b = lib.createBriefing({ title: 'Sections', templateId: 'action-memo' }, [
    { key: 'bluf', heading: 'BLUF' },
    { key: 'discussion', heading: 'Discussion' },
    { key: 'coordination', heading: 'Coordination' },
  ]);
});
afterEach(() => done());

const headings = (x: Briefing) => x.sections.map((s) => s.heading);
const stamp = () => lib.db.prepare('SELECT updated_at FROM briefings WHERE id = ?').pluck().get(b.id) as string;
const bumpClock = () => lib.db.prepare("UPDATE briefings SET updated_at = '2000-01-01T00:00:00.000Z' WHERE id = ?").run(b.id);

describe('briefing sections', () => {
  it('adds a section of the analyst’s own at a position, with a custom key, and stamps the briefing', () => {
    bumpClock();
    const r = lib.addSection(b.id, { heading: '  Risks  ' }, 1);
    expect(headings(r)).toEqual(['BLUF', 'Risks', 'Discussion', 'Coordination']);
    expect(r.sections[1].key).toMatch(/^custom-[0-9a-f]{8}$/);
    expect(stamp()).not.toBe('2000-01-01T00:00:00.000Z');
    // Items go into it like into any section, by id or by heading.
    const withItems = lib.addItems(b.id, [{ kind: 'fact', factId: facts[0] }], 'risks');
    expect(withItems.sections[1].items).toHaveLength(1);
    // Without an index: at the end.
    expect(headings(lib.addSection(b.id, { heading: 'Annex' }))).toEqual(['BLUF', 'Risks', 'Discussion', 'Coordination', 'Annex']);
  });

  it('puts a removed section back with its key and its items in one step', () => {
    const r = lib.addSection(
      b.id,
      {
        heading: 'Coordination 2',
        key: 'coord-2',
        items: [
          { kind: 'prose', text: 'Cleared with legal.' },
          { kind: 'fact', factId: facts[1], lead: 'Budget' },
        ],
      },
      0,
    );
    expect(r.sections[0]).toMatchObject({
      key: 'coord-2',
      heading: 'Coordination 2',
      items: [
        { kind: 'prose', text: 'Cleared with legal.' },
        { kind: 'fact', factId: facts[1], lead: 'Budget' },
      ],
    });
  });

  it('refuses bad input naming the field, and writes nothing', () => {
    const before = lib.getBriefing(b.id);
    expect(() => lib.addSection(b.id, { heading: '   ' })).toThrow(/^section\.heading: must not be empty$/);
    expect(() => lib.addSection(b.id, { heading: 'x'.repeat(201) })).toThrow(/section\.heading: must be at most 200 characters/);
    expect(() => lib.addSection(b.id, { heading: 'discussion' })).toThrow(/section\.heading: the briefing already has a section called "Discussion"/);
    expect(() => lib.addSection(b.id, { heading: 'Other', key: 'bluf' })).toThrow(/section\.key: the briefing already has a section with the key "bluf"/);
    expect(() => lib.addSection(b.id, { heading: 'Other', key: '1 bad' })).toThrow(/section\.key: must start with a letter/);
    expect(() => lib.addSection(b.id, { heading: 'Other', colour: 'red' })).toThrow(/section: unknown field "colour"/);
    // A bad item rolls back the section too.
    expect(() => lib.addSection(b.id, { heading: 'Other', items: [{ kind: 'fact', factId: 'nope' }] })).toThrow(
      /section\.items\[0\]\.factId: no fact with id "nope"/,
    );
    expect(lib.getBriefing(b.id)).toEqual(before);
  });

  it('renames the analyst’s own sections only, keeping headings unique', () => {
    const custom = lib.addSection(b.id, { heading: 'Risks' }).sections[3];
    expect(headings(lib.renameSection(b.id, custom.id, { heading: 'Risks and mitigations' }, RULES))).toContain('Risks and mitigations');
    expect(() => lib.renameSection(b.id, custom.id, { heading: 'bluf' }, RULES)).toThrow(/section\.heading: the briefing already has a section called "BLUF"/);
    expect(() => lib.renameSection(b.id, custom.id, { heading: '' }, RULES)).toThrow(/section\.heading: must not be empty/);
    expect(() => lib.renameSection(b.id, 'discussion', { heading: 'Talk' }, RULES)).toThrow(/section\.heading: "Discussion" is a template section/);
    // Renaming to its own heading in another case is not a clash with itself.
    expect(headings(lib.renameSection(b.id, custom.id, { heading: 'RISKS AND MITIGATIONS' }, RULES))[3]).toBe('RISKS AND MITIGATIONS');
  });

  it('reorders sections, carrying their items, and clamps the index', () => {
    lib.addItems(b.id, [{ kind: 'fact', factId: facts[0] }], 'bluf');
    lib.addItems(b.id, [{ kind: 'fact', factId: facts[1] }], 'coordination');
    let r = lib.moveSection(b.id, 'coordination', 0);
    expect(headings(r)).toEqual(['Coordination', 'BLUF', 'Discussion']);
    expect(r.sections[0].items[0]).toMatchObject({ factId: facts[1] });
    r = lib.moveSection(b.id, 'coordination', 99);
    expect(headings(r)).toEqual(['BLUF', 'Discussion', 'Coordination']);
    // Document order (and so note order) follows the sections.
    const positions = lib.db.prepare('SELECT position FROM briefing_sections WHERE briefing_id = ? ORDER BY position').pluck().all(b.id);
    expect(positions).toEqual([0, 1, 2]);
  });

  it('removes a section: never a required one, and one with items only when told to discard them', () => {
    const custom = lib.addSection(b.id, {
      heading: 'Risks',
      items: [
        { kind: 'fact', factId: facts[2] },
        { kind: 'prose', text: 'Note.' },
      ],
    }).sections[3];
    expect(() => lib.removeSection(b.id, 'bluf', {}, RULES)).toThrow(/^section: "BLUF" is required by the template and cannot be removed$/);
    expect(() => lib.removeSection(b.id, custom.id, {}, RULES)).toThrow(/section "Risks" still holds 2 items/);
    expect(lib.getBriefing(b.id).sections).toHaveLength(4);
    const r = lib.removeSection(b.id, custom.id, { discardItems: true }, RULES);
    expect(headings(r)).toEqual(['BLUF', 'Discussion', 'Coordination']);
    expect(lib.db.prepare('SELECT count(*) FROM briefing_items').pluck().get()).toBe(0);
    // The fact is free again (the items' RESTRICT reference went with them).
    lib.removeFact(facts[2]);
    // An optional template section can go when empty.
    expect(headings(lib.removeSection(b.id, 'coordination', {}, RULES))).toEqual(['BLUF', 'Discussion']);
  });

  it('keeps at least one section', () => {
    const solo = lib.createBriefing({ title: 'Solo', templateId: 'none' }, [{ key: 'body', heading: 'Body' }]);
    expect(() => lib.removeSection(solo.id, 'body')).toThrow(/section: a briefing keeps at least one section/);
  });

  it('lists briefings newest-modified first with fact and item counts', () => {
    const other = lib.createBriefing({ title: 'Other', templateId: 'info-memo' }, [{ key: 'body', heading: 'Body' }]);
    lib.db.prepare("UPDATE briefings SET updated_at = '2001-01-01T00:00:00.000Z' WHERE id = ?").run(other.id);
    bumpClock();
    lib.addItems(b.id, [
      { kind: 'fact', factId: facts[0] },
      { kind: 'prose', text: 'x' },
    ]);
    expect(lib.listBriefings().map((x) => [x.title, x.factCount, x.itemCount])).toEqual([
      ['Sections', 1, 2],
      ['Other', 0, 0],
    ]);
  });
});
