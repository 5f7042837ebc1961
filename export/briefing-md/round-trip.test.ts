import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../../db/library';
import { tempLibrary } from '../../db/testing/temp-library';
import { builtInTemplates } from '../template/index';
import { exportBriefingMarkdown, importBriefingMarkdown } from './index';
import { addFacts, builtIn, content, roundTrip } from './testing';

let lib: Library;
let done: () => void;
let f: string[];
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
  f = addFacts(lib, 12);
});
afterEach(() => done());

describe('a briefing written as Markdown and read back', () => {
  it.each(builtInTemplates().map((t) => t.id))('is the same briefing for the built-in template %s, every section filled', (templateId) => {
    const template = builtInTemplates().find((t) => t.id === templateId)!;
    // Date fields hold dates (stored as YYYY-MM-DD); the others any text.
    const fields = Object.fromEntries(
      template.headerFields.map((h, i) => [h.key, h.type === 'date' ? '2024-01-18' : `Value ${i}: "quoted", with: colons # and a hash`]),
    );
    const b = lib.createBriefing(
      { title: `A ${template.name}`, templateId, styleId: 'apa', notePlacement: 'endnotes', marking: 'CUI', portionMarks: true, derivedFrom: true, fields },
      template.sections.map((s) => ({ key: s.key, heading: s.heading })),
    );
    template.sections.forEach((s, i) => {
      lib.addItems(
        b.id,
        [
          { kind: 'prose', text: `Own words in ${s.heading} [@${f[i % 12]}, p. 4].` },
          { kind: 'fact', factId: f[(i + 1) % 12], lead: `Lead ${i}` },
          { kind: 'prose', text: 'A second paragraph of its own.' },
        ],
        s.key,
      );
    });
    const before = lib.getBriefing(b.id);
    const { md, back } = roundTrip(lib, b.id);
    expect(content(back)).toEqual(content(before));
    expect(back.id).not.toBe(before.id);
    // Written again, the file is the same byte for byte.
    expect(exportBriefingMarkdown(lib, back.id)).toBe(md);
  });

  it('keeps clusters, prefixes, suffixes, suppressed authors, locators of every label, rewordings, leads and markings', () => {
    const template = builtInTemplates().find((t) => t.id === 'background-brief')!;
    const b = lib.createBriefing(
      { title: 'Corridor', templateId: template.id },
      template.sections.map((s) => ({ key: s.key, heading: s.heading })),
    );
    const [s1, s2] = template.sections;
    const prose = [
      `The corridor reopened [see @${f[0]}, p. 4; @${f[1]}, para. 3, emphasis added] and insurers returned [-@${f[2]}, sec. 2].`,
      `Several blocks in one item.\n\n- a bullet [cf. @${f[3]}, ch. 7; @${f[4]}, fig. 2; @${f[5]}, tbl. 1]\n- another [@${f[6]}, l. 12–14]\n\n1. numbered [@${f[7]}, n. 3; @${f[8]}, art. 5; @${f[9]}, cl. 2; @${f[10]}, pt. 1; @${f[11]}, vol. {II}; @${f[0]}, at {01:02:03}]`,
      `A braced locator [@${f[1]}, p. {iv, 12}, trans. mine] and a prefix with escapes [see \\[also\\] @${f[2]}].`,
      '**Bold** and *italic*, no citation.',
      '',
      '  leading spaces and trailing newline\n',
      'Looks like markup but is words:\n# not a heading\n::: not a fence\n\\## backslash kept\n<!-- not a comment -->',
      `Not citations: mail x@deadbeef.org, [@press_office], [see @facade] and \\@cafe12 with a backslash, [unbalanced @${f[3].slice(0, 8)}`,
      `Link syntax around a citation: [the report [@${f[4]}]](https://example.org) and \\[escaped [@${f[5]}]](x)`,
    ];
    lib.addItems(
      b.id,
      prose.map((text, i) => ({ kind: 'prose', text, ...(i === 3 ? { marking: 'CUI' } : {}) })),
      s1.key,
    );
    lib.addItems(
      b.id,
      [
        {
          kind: 'fact',
          factId: f[0],
          locator: { label: 'paragraph', value: '12' },
          lead: 'Insurance "quoted" \\ lead',
          wording: 'Reworded here.\n\nWith a second paragraph\n# and a hash line.',
          marking: 'C',
        },
        { kind: 'fact', factId: f[1], locator: { label: 'timestamp', value: '01:02:03' } },
        { kind: 'prose', text: 'Between facts.' },
        { kind: 'fact', factId: f[2], wording: '<!-- a wording that looks like a comment -->' },
      ],
      s2.key,
    );
    const custom = lib.addSection(b.id, { heading: 'Annex: figures {draft}' });
    lib.addItems(b.id, [{ kind: 'prose', text: 'In a section of my own.' }], custom.sections.at(-1)!.key);
    const before = lib.getBriefing(b.id);
    const { md, back } = roundTrip(lib, b.id);
    expect(content(back)).toEqual(content(before));
    expect(exportBriefingMarkdown(lib, back.id)).toBe(md);
    // The file says what it means: full ids in marks, escapes only where needed.
    expect(md).toContain(`[see @${f[0]}, p. 4; @${f[1]}, para. 3, emphasis added]`);
    expect(md).toContain('\n\\# not a heading\n\\::: not a fence\n\\\\## backslash kept');
    expect(md).toContain('mail x\\@deadbeef.org, [@press_office]');
    expect(md).toContain('[see \\@facade] and \\\\\\@cafe12');
    expect(md).toContain(`\\[the report [@${f[4]}]](https://example.org) and \\\\\\[escaped`);
    expect(md).toContain(
      `::: {.fact fact=${f[0]} locator="paragraph 12" lead="Insurance \\"quoted\\" \\\\ lead" marking="C"}\n<!-- library: Finding number 1. -->\nReworded here.`,
    );
    expect(md).toContain(`::: {.fact fact=${f[2]}}\n<!-- library: Finding number 3. -->\n\\<!-- a wording that looks like a comment -->\n:::`);
  });

  it('keeps the boundaries between consecutive prose items', () => {
    const b = lib.createBriefing({ title: 'Items', templateId: 'info-memo' }, [
      { key: 'bluf', heading: 'BLUF' },
      { key: 'discussion', heading: 'Discussion' },
    ]);
    const texts = ['One.', 'Two,\nsame paragraph.', 'Three.\n\nStill three.', '- four\n- four too', 'Five.'];
    lib.addItems(
      b.id,
      texts.map((text) => ({ kind: 'prose', text })),
    );
    const { md, back } = roundTrip(lib, b.id);
    expect(back.sections.find((s) => s.key === 'bluf')!.items.map((i) => (i.kind === 'prose' ? i.text : ''))).toEqual(texts);
    expect(md).toContain('One.\n\nTwo,\nsame paragraph.\n\n::: prose\nThree.\n\nStill three.\n:::\n\n- four\n- four too\n\nFive.\n');
  });

  it('reads a hand-written file: shortened ids, the in-text form, headings without keys, missing sections, text before the first heading', () => {
    const md = [
      '---',
      'template: info-memo',
      "title: 'It''s a draft'",
      '# a comment',
      'portionMarks: true',
      'fields:',
      '  subject: Grain exports',
      '  "decide by": "2025-03-01"',
      '---',
      '',
      'Before any heading.',
      '',
      '## Discussion',
      '',
      `Says @${f[0].slice(0, 6)} [para. 3], and @${f[1].slice(0, 8)}[p. 7, emphasis added] too; a bare @${f[2].slice(0, 6)} stays words.`,
      `Cluster [see @${f[3].slice(0, 10)}, pp. 4-5; @${f[4]}].`,
      '',
      `::: {.fact fact=${f[5].slice(0, 7)} locator="p. 12"}`,
      ':::',
      '',
      '## Annex {#annex}',
      '',
      'Mine.',
    ].join('\r\n');
    const b = importBriefingMarkdown(lib, `\ufeff${md}`, builtIn);
    expect(b).toMatchObject({
      title: "It's a draft",
      templateId: 'info-memo',
      portionMarks: true,
      derivedFrom: false,
      fields: { subject: 'Grain exports', 'decide by': '2025-03-01' },
    });
    expect(b.sections.map((s) => [s.key, s.heading])).toEqual([
      ['bluf', 'BLUF'],
      ['discussion', 'Discussion'],
      ['annex', 'Annex'],
    ]);
    expect(b.sections[0].items).toEqual([expect.objectContaining({ kind: 'prose', text: 'Before any heading.' })]);
    expect(b.sections[1].items).toEqual([
      expect.objectContaining({
        kind: 'prose',
        text: `Says [@${f[0]}, para. 3], and [@${f[1]}, p. 7, emphasis added] too; a bare @${f[2].slice(0, 6)} stays words.\nCluster [see @${f[3]}, pp. 4-5; @${f[4]}].`,
      }),
      expect.objectContaining({ kind: 'fact', factId: f[5], locator: { label: 'page', value: '12' } }),
    ]);
    // The stored marks are real citations: indexed, so the cited facts cannot be deleted.
    expect(() => lib.removeFact(f[3])).toThrow(/cited in briefing/);
  });

  it('takes a cluster of 50 cites', () => {
    const b = lib.createBriefing({ title: 'Fifty', templateId: 'info-memo' }, [
      { key: 'bluf', heading: 'BLUF' },
      { key: 'discussion', heading: 'Discussion' },
    ]);
    const cluster = `[${Array.from({ length: 50 }, (_, i) => `@${f[i % 12]}, p. ${i + 1}`).join('; ')}]`;
    lib.addItems(b.id, [{ kind: 'prose', text: `Fifty notes' worth ${cluster}.` }]);
    const { back } = roundTrip(lib, b.id);
    expect(content(back)).toEqual(content(lib.getBriefing(b.id)));
    const short = `Short ids [${Array.from({ length: 50 }, (_, i) => `@${f[i % 12].slice(0, 8)}, p. ${i + 1}`).join('; ')}].`;
    const md = `---\ntemplate: info-memo\ntitle: Short\n---\n\n## BLUF {#bluf}\n\n${short}\n`;
    const imported = importBriefingMarkdown(lib, md, builtIn);
    const text = (imported.sections[0].items[0] as { text: string }).text;
    expect(text).toBe(`Fifty notes' worth ${cluster}.`.replace("Fifty notes' worth", 'Short ids'));
  });
});
