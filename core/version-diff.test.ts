import { describe, expect, it } from 'vitest';
import type { BriefingSection } from './model';
import { diffVersions } from './version-diff';
import { type VersionContent, type VersionNote, proseParagraphs, sectionParagraphs } from './versions';

const F1 = '11111111-1111-4111-8111-111111111111';
const F2 = '22222222-2222-4222-8222-222222222222';

function content(sections: BriefingSection[], extra: Partial<VersionContent> = {}): VersionContent {
  return {
    title: 'Corridor',
    templateId: 'info-memo',
    portionMarks: false,
    derivedFrom: false,
    fields: {},
    sections,
    factTexts: { [F1]: 'Ships left Odesa on Jan. 18.', [F2]: 'Premiums rose 20%.' },
    ...extra,
  };
}
const section = (id: string, key: string, heading: string, items: BriefingSection['items']): BriefingSection => ({ id, key, heading, items });
const prose = (id: string, text: string) => ({ id, kind: 'prose' as const, text });
const fact = (id: string, factId: string, extra: { wording?: string; lead?: string } = {}) => ({ id, kind: 'fact' as const, factId, ...extra });
const note = (clusterId: string, number: number, text: string): VersionNote => ({ clusterId, number, text });

describe('paragraphs of a version', () => {
  it('splits prose as the exporters do and shows marks as their note numbers', () => {
    expect(proseParagraphs('One\nstill one.\n\nTwo.\n- a bullet\n1. a step')).toEqual(['One still one.', 'Two.', '- a bullet', '1. a step']);
    const s = section('s', 'bluf', 'BLUF', [
      prose('p', `Ships sailed [@${F1}, p. 4].\n\nPremiums rose [see @${F2}; @${F1}].`),
      fact('f', F2, { lead: 'Cost' }),
    ]);
    const notes = [note('p#0', 1, 'Okafor, 4.'), note('p#1', 2, 'See Lee; Okafor.'), note('f', 3, 'Lee, 2.')];
    expect(sectionParagraphs(s, content([s]), notes).map((p) => p.text)).toEqual(['Ships sailed [1].', 'Premiums rose [2].', 'Cost: Premiums rose 20%. [3]']);
  });
});

describe('diffing two versions', () => {
  const base = [
    section('s1', 'bluf', 'BLUF', [prose('p1', 'The corridor is open.\n\nInsurers are back.'), fact('f1', F1)]),
    section('s2', 'background', 'Background', [prose('p2', 'Talks resumed in Istanbul.')]),
  ];
  const notes = [note('f1', 1, 'Okafor, “Grain Corridor,” para. 1.')];

  it('finds nothing between a version and itself', () => {
    expect(diffVersions({ content: content(base), notes }, { content: content(base), notes })).toEqual({
      settings: [],
      sections: [],
      notes: [],
      unchanged: true,
    });
  });

  it('reports changed, added and removed paragraphs per section, and a reworded fact as changed', () => {
    const after = [
      section('s1', 'bluf', 'Bottom line', [
        prose('p1', 'The corridor is open again.\n\nInsurers are back.\n\nPrices fell.'),
        fact('f1', F1, { wording: 'Ships sailed on Jan. 18.' }),
      ]),
      section('s2', 'background', 'Background', []),
      section('s3', 'custom-1', 'Outlook', [prose('p3', 'More ships next week.')]),
    ];
    const d = diffVersions({ content: content(base), notes }, { content: content(after), notes });
    expect(d.unchanged).toBe(false);
    expect(d.sections).toEqual([
      {
        key: 'bluf',
        heading: 'Bottom line',
        headingBefore: 'BLUF',
        status: 'changed',
        changes: [
          { kind: 'changed', before: 'The corridor is open.', after: 'The corridor is open again.', at: 0 },
          { kind: 'added', after: 'Prices fell.', at: 2 },
          { kind: 'changed', before: 'Ships left Odesa on Jan. 18. [1]', after: 'Ships sailed on Jan. 18. [1]', at: 3 },
        ],
      },
      { key: 'background', heading: 'Background', status: 'changed', changes: [{ kind: 'removed', before: 'Talks resumed in Istanbul.', at: 0 }] },
      { key: 'custom-1', heading: 'Outlook', status: 'added', changes: [{ kind: 'added', after: 'More ships next week.', at: 0 }] },
    ]);
  });

  it('reports removed sections and settings', () => {
    const d = diffVersions(
      { content: content(base, { fields: { for: 'Minister' } }), notes },
      { content: content([base[0]], { title: 'Corridor (rev.)', styleId: 'apa', fields: { for: 'Deputy' } }), notes },
    );
    expect(d.sections).toEqual([
      { key: 'background', heading: 'Background', status: 'removed', changes: [{ kind: 'removed', before: 'Talks resumed in Istanbul.', at: 0 }] },
    ]);
    expect(d.settings).toEqual([
      { setting: 'title', before: 'Corridor', after: 'Corridor (rev.)' },
      { setting: 'styleId', after: 'apa' },
      { setting: 'fields.for', before: 'Minister', after: 'Deputy' },
    ]);
  });

  it('keeps moved-around paragraphs apart from edits: a paragraph moved within a section is a removal and an addition', () => {
    const a = [section('s', 'bluf', 'BLUF', [prose('p1', 'A.'), prose('p2', 'B.'), prose('p3', 'C.')])];
    const b = [section('s', 'bluf', 'BLUF', [prose('p2', 'B.'), prose('p3', 'C.'), prose('p1', 'A.')])];
    const d = diffVersions({ content: content(a), notes: [] }, { content: content(b), notes: [] });
    expect(d.sections[0].changes).toEqual([
      { kind: 'removed', before: 'A.', at: 0 },
      { kind: 'added', after: 'A.', at: 2 },
    ]);
  });

  it('reports note texts that changed, came or went; renumbering alone is no change', () => {
    const s = [section('s', 'bluf', 'BLUF', [prose('p', `New first [@${F2}].`), fact('f1', F1), fact('f2', F2)])];
    const before = [note('f1', 1, 'Okafor, para. 1.'), note('f2', 2, 'Lee, 3.'), note('gone', 3, 'Old note.')];
    const after = [note('p#0', 1, 'Lee, 3.'), note('f1', 2, 'Okafor, para. 1.'), note('f2', 3, 'Ibid.')];
    const d = diffVersions({ content: content(s), notes: before }, { content: content(s), notes: after });
    expect(d.notes).toEqual([
      { clusterId: 'p#0', kind: 'added', after: after[0] },
      { clusterId: 'f2', kind: 'changed', before: before[1], after: after[2] },
      { clusterId: 'gone', kind: 'removed', before: before[2] },
    ]);
    // The paragraphs show their own version's numbers, but compare as written: no paragraph changed.
    expect(d.sections).toEqual([]);
  });

  it('stays fast on a long section (2,000 paragraphs, every tenth edited)', () => {
    const items = (edit: boolean) =>
      Array.from({ length: 2000 }, (_, i) => prose(`p${i}`, edit && i % 10 === 0 ? `Paragraph ${i}, edited.` : `Paragraph ${i}.`));
    const t = performance.now();
    const d = diffVersions(
      { content: content([section('s', 'bluf', 'BLUF', items(false))]), notes: [] },
      { content: content([section('s', 'bluf', 'BLUF', items(true))]), notes: [] },
    );
    expect(performance.now() - t).toBeLessThan(2000);
    expect(d.sections[0].changes).toHaveLength(200);
    expect(d.sections[0].changes.every((c) => c.kind === 'changed')).toBe(true);
  });
});
