import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { assembleBriefing } from './assemble';
import { preflight, withCorroboration } from './preflight';
import { loadClaimDetectors } from './unsourced-claims';
import { type MarksFixture, marksBriefing } from './testing/marks-fixture';

// Pre-flight is called directly here: its capture detectors load first, as the exporters load them.
beforeAll(() => loadClaimDetectors());

let lib: Library;
let done: () => void;
let f: MarksFixture;
const NOW = new Date('2025-02-01T12:00:00Z');
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
  f = marksBriefing(lib, { portionMarks: true });
});
afterEach(() => done());

const check = () => {
  const a = assembleBriefing(lib, f.briefingId);
  return preflight(a, withCorroboration(lib, a, { now: NOW }));
};
const codes = (code: string) => check().filter((w) => w.code === code);

describe('pre-flight on written briefings', () => {
  it('gives every finding a severity; the existing checks stay warnings', () => {
    const all = check();
    expect(all.length).toBeGreaterThan(0);
    for (const w of all) expect(['error', 'warning']).toContain(w.severity);
    expect(all.filter((w) => w.code === 'not-verified').every((w) => w.severity === 'warning')).toBe(true);
  });

  it('is an error when an item is marked below a fact it cites, naming the fact', () => {
    expect(codes('item-marking-below-facts')).toEqual([]);
    lib.updateItem(f.briefingId, f.items.prose, { marking: 'U' });
    const [e, ...rest] = codes('item-marking-below-facts');
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ severity: 'error', factId: f.facts.b, section: 'discussion' });
    expect(e.message).toBe(
      'A paragraph in "Discussion" is marked U but cites fact "Berths ran at 92 percent of capacity.", marked CUI; its portion mark shows (CUI).',
    );
    // Raising is fine.
    lib.updateItem(f.briefingId, f.items.prose, { marking: 'C' });
    expect(codes('item-marking-below-facts')).toEqual([]);
  });

  it('says when a quote is reworded so that it no longer matches its source', () => {
    const q = lib.addFact({ sourceId: f.sources.a, kind: 'quote', text: '“We will keep the corridor open,” the minister said.' });
    lib.addItems(f.briefingId, [{ kind: 'fact', factId: q.id }], 'discussion');
    const item = lib.getBriefing(f.briefingId).sections.find((s) => s.key === 'discussion')!.items[3];
    lib.updateItem(f.briefingId, item.id, { wording: '"We will keep the corridor  OPEN," the minister said.' });
    expect(codes('reworded-quote')).toEqual([]);
    lib.updateItem(f.briefingId, item.id, { wording: 'The minister promised to keep the corridor open.' });
    expect(codes('reworded-quote')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        factId: q.id,
        message: expect.stringContaining('is reworded here and no longer matches its source: quotation marks stay only around words the source says'),
      }),
    ]);
  });

  it('flags a fact changed since the briefing used it, placed or cited, with the old and new text', () => {
    expect(codes('fact-changed')).toEqual([]);
    lib.updateFact(f.facts.b, { text: 'Berths ran at 94 percent of capacity.' });
    expect(codes('fact-changed')).toEqual([
      expect.objectContaining({
        factId: f.facts.b,
        message:
          'Fact "Berths ran at 94 percent of capacity." changed since this briefing used it: was "Berths ran at 92 percent of capacity.", now "Berths ran at 94 percent of capacity.".',
      }),
    ]);
    lib.acceptFactChanges(f.briefingId);
    expect(codes('fact-changed')).toEqual([]);
  });

  it('flags prose sentences that state a figure, a date, a quote or an attribution with no citation', () => {
    lib.updateItem(f.briefingId, f.items.prose, {
      text: [
        `Exports fell 30 percent [@${f.facts.a2}].`,
        'Exports fell 40 percent in the quarter.',
        'The corridor reopened on January 18, 2025.',
        'The minister called it “a test of whether guarantees can hold” in public.',
        'Ines Duarte, the foreign minister, said the talks would go on.',
        'We recommend funding the storage programme.',
        '',
        `- **Insurance premiums halved** [@${f.facts.c}].`,
        '- Insurance premiums fell to 1.25 percent.',
      ].join('\n'),
    });
    const found = codes('unsourced-claim').map((w) => w.message);
    expect(found).toEqual([
      'Unsourced claim in "Discussion": "Exports fell 40 percent in the quarter." states a figure but cites nothing.',
      'Unsourced claim in "Discussion": "The corridor reopened on January 18, 2025." states a date but cites nothing.',
      'Unsourced claim in "Discussion": "The minister called it “a test of whether guarantees can hold” in public." states a quotation and an attribution but cites nothing.',
      'Unsourced claim in "Discussion": "Ines Duarte, the foreign minister, said the talks would go on." states an attribution but cites nothing.',
      'Unsourced claim in "Discussion": "Insurance premiums fell to 1.25 percent." states a figure but cites nothing.',
    ]);
    expect(codes('unsourced-claim').every((w) => w.section === 'discussion' && w.severity === 'warning')).toBe(true);
  });

  it("leaves the analyst's own sign-off alone where the template says so (coordination)", () => {
    const before = codes('unsourced-claim').length;
    lib.addItems(f.briefingId, [{ kind: 'prose', text: 'Treasury concurs on the $12 million, the bureau said.' }], 'coordination');
    expect(codes('unsourced-claim')).toHaveLength(before);
    lib.addItems(f.briefingId, [{ kind: 'prose', text: 'Treasury concurs on the $12 million, the bureau said.' }], 'discussion');
    expect(codes('unsourced-claim')).toHaveLength(before + 1);
  });

  it('counts a note after the full stop for the sentence before it', () => {
    lib.updateItem(f.briefingId, f.items.prose, { text: `Exports fell 30 percent. [@${f.facts.a2}] Our view is unchanged.` });
    expect(codes('unsourced-claim')).toEqual([]);
  });
});
