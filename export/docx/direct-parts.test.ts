import { afterEach, describe, expect, it } from 'vitest';
import { setFastPaths } from '../../core/fast-paths';
import { openDocx } from '../testing/docx-parts';
import type { ResolvedDocument, Run } from '../document';
import { getTemplate } from '../template/load';
import { actionMemo, backgroundBrief, HOSTILE, hostileDoc, infoMemo, ITEMS, situationReport, talkingPoints, zoteroInstruction } from '../testing/fixtures';
import { compileParts } from './package';
import { buildDocument, renderDocx, writeDirectParts } from './render';
import type { ZoteroFieldPlacement } from './body';

/**
 * The direct writers (body-xml.ts for section blocks, note-part.ts for notes) must write
 * exactly what `docx` writes for the same briefing: the whole package is produced both ways
 * from one document and every part compared as text.
 */
function bothWays(
  doc: ResolvedDocument,
  zoteroField: ZoteroFieldPlacement = 'in-note',
): { viaDocx: Map<string, string>; direct: Map<string, string>; noteKind: string } {
  const template = getTemplate(doc.templateId);
  const reference = buildDocument(doc, template, '1', { zoteroField });
  const fast = buildDocument(doc, template, '1', { zoteroField }, true);
  const parts = compileParts(fast.document);
  writeDirectParts(parts, fast.document, fast.direct!, fast.noteKind);
  return { viaDocx: texts(compileParts(reference.document)), direct: texts(parts), noteKind: reference.noteKind };
}

function texts(parts: Map<string, string | Uint8Array>): Map<string, string> {
  return new Map([...parts].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, v as string]));
}

function expectSame(ways: { viaDocx: Map<string, string>; direct: Map<string, string> }): void {
  expect([...ways.direct.keys()]).toEqual([...ways.viaDocx.keys()]);
  // docProps/core.xml differs only in its creation time, to the millisecond.
  for (const [path, xml] of ways.viaDocx) if (path !== 'docProps/core.xml') expect(ways.direct.get(path), path).toBe(xml);
}

/** Notes whose runs carry every formatting and every kind of hostile text. */
function awkwardNotes(): ResolvedDocument {
  const base = infoMemo();
  const runSets: Run[][] = [
    [
      { text: 'Plain, ' },
      { text: 'Italic Title', italic: true },
      { text: ' bold', bold: true },
      { text: ' Caps', smallCaps: true },
      { text: '2', superscript: true },
      { text: '0', subscript: true },
    ],
    [{ text: HOSTILE.controls }],
    [{ text: `${HOSTILE.markup} "quoted" 'single'` }],
    [{ text: HOSTILE.arabic }, { text: ' (Ankara) ' }, { text: HOSTILE.korean, italic: true }],
    [{ text: `Line one\nline two\r\nthree\tafter a tab`, bold: true, italic: true }],
    [{ text: HOSTILE.emoji }, { text: HOSTILE.combining, italic: true }],
    [{ text: '' }],
    [],
    [{ text: 'Okafor, “Insurers,” ' }, { text: 'Reuters', italic: true }, { text: ', 2025, https://www.reuters.com/world/a?x=1&y=2. See www.example.org/b.' }],
  ];
  return {
    ...base,
    sections: [
      {
        key: 'discussion',
        heading: 'Discussion',
        showHeading: true,
        blocks: runSets.map((runs, i) => ({
          kind: 'paragraph' as const,
          inlines: [
            { type: 'text' as const, run: { text: `Fact ${i}.` } },
            {
              type: 'note' as const,
              noteNumber: i + 1,
              runs,
              field: {
                instruction: zoteroInstruction(
                  { ...ITEMS.lee, title: `${ITEMS.lee.title} ${HOSTILE.markup} ${HOSTILE.emoji}` },
                  runs.map((r) => r.text).join(''),
                  i + 1,
                  '88',
                ),
              },
              clusterId: `n${i}`,
            },
          ],
        })),
      },
    ],
  };
}

describe('direct writers', () => {
  it('write footnotes and fact paragraphs exactly as docx does', () => {
    const ways = bothWays(infoMemo());
    expectSame(ways);
    expect(ways.direct.get('word/footnotes.xml')).toContain('<w:footnote w:id="1">');
    expect(ways.direct.get('word/document.xml')).not.toContain('DOSSIER-BLOCKS');
  });

  it('write endnotes exactly as docx does', () => {
    const doc = talkingPoints();
    expect(doc.notes).toBe('endnotes');
    const ways = bothWays(doc);
    expectSame(ways);
    expect(ways.direct.get('word/endnotes.xml')).toContain('<w:endnote w:id="1">');
  });

  it('match docx for every built-in template: bullets, numbered lists, run-in headings, decision blocks, in-text citations', () => {
    for (const doc of [actionMemo(), backgroundBrief(), situationReport(), hostileDoc()]) expectSame(bothWays(doc));
    expect(bothWays(hostileDoc()).direct.get('word/document.xml')).toContain('instrText');
    expect(bothWays(actionMemo()).direct.get('word/document.xml')).toContain('<w:numPr>');
  });

  it('restart numbered lists per section as docx numbers them', () => {
    const base = situationReport();
    const numbered = (n: number) => ({ kind: 'numbered' as const, inlines: [{ type: 'text' as const, run: { text: `Point ${n}` } }] });
    const doc: ResolvedDocument = {
      ...base,
      sections: [
        {
          key: 'a',
          heading: 'First',
          showHeading: true,
          blocks: [numbered(1), numbered(2), { kind: 'bullet', inlines: [{ type: 'text', run: { text: 'Bullet' } }] }],
        },
        { key: 'b', heading: 'Second', showHeading: true, blocks: [numbered(3), numbered(4)] },
        { key: 'c', heading: '', showHeading: false, blocks: [] },
      ],
    };
    for (const numbering of ['restart', 'continue'] as const) {
      const template = { ...getTemplate(doc.templateId), numbering };
      const reference = buildDocument(doc, template, '1', {});
      const fast = buildDocument(doc, template, '1', {}, true);
      const parts = compileParts(fast.document);
      writeDirectParts(parts, fast.document, fast.direct!, fast.noteKind);
      expect(texts(parts).get('word/document.xml')).toBe(texts(compileParts(reference.document)).get('word/document.xml'));
      expect(texts(parts).get('word/numbering.xml')).toBe(texts(compileParts(reference.document)).get('word/numbering.xml'));
    }
  });

  it('match docx on formatting, line breaks, tabs, right-to-left and hostile text', () => {
    const ways = bothWays(awkwardNotes());
    expectSame(ways);
    const notes = ways.direct.get('word/footnotes.xml')!;
    // The part really holds what the test is about.
    expect(notes).toContain('<w:rtl/>');
    expect(notes).toContain('<w:bidi/>');
    expect(notes).toContain('<w:smallCaps/>');
    expect(notes).toContain('<w:br/>');
    expect(notes).toContain('&lt;script&gt;');
    expect(notes).not.toMatch(/[\u0000\u000C\uFFFE]/);
    expect(notes).toContain('<w:hyperlink w:history="1" r:id="rIdN9L1">');
    expect(ways.direct.get('word/_rels/footnotes.xml.rels')).toContain('Target="https://www.reuters.com/world/a?x=1&amp;y=2"');
  });

  it('match docx when the Zotero field wraps the reference mark instead', () => {
    const ways = bothWays(awkwardNotes(), 'around-reference');
    expectSame(ways);
    expect(ways.direct.get('word/footnotes.xml')).not.toContain('instrText');
    expect(ways.direct.get('word/document.xml')).toContain('instrText');
  });

  it('match docx on the bibliography: numbered labels, flush and hanging entries, links, right-to-left, hostile text', () => {
    const entries: Run[][] = [
      [{ text: '[1]\tOkafor, “Insurers,” ' }, { text: 'Reuters', italic: true }, { text: ', https://www.reuters.com/world/a?x=1&y=2.' }],
      [{ text: `[2]\t${HOSTILE.arabic} ` }, { text: HOSTILE.korean, bold: true }],
      [{ text: `[3]\t${HOSTILE.markup} ${HOSTILE.controls} ${HOSTILE.emoji}` }],
    ];
    const layouts = [{ secondFieldAlign: 'flush' as const }, { hangingIndent: true }, { hangingIndent: false }];
    for (const notes of [infoMemo, talkingPoints]) {
      for (const layout of layouts) {
        for (const count of [1, 3]) {
          const doc = notes();
          const ways = bothWays({ ...doc, bibliography: { heading: 'Sources', hangingIndent: false, ...layout, entries: entries.slice(0, count) } });
          expectSame(ways);
          expect(ways.direct.get('word/document.xml')).toContain('CSL_BIBLIOGRAPHY');
        }
      }
    }
    const ways = bothWays({ ...infoMemo(), bibliography: { heading: 'Sources', hangingIndent: false, entries } });
    expect(ways.direct.get('word/_rels/document.xml.rels')).toContain('Id="rIdB1L1"');
  });
});

describe('renderDocx with the fast paths on and off (core/fast-paths.ts)', () => {
  afterEach(() => setFastPaths(undefined));

  /** The package's XML parts, the creation time in docProps/core.xml left out. */
  async function rendered(doc: ResolvedDocument, on: boolean): Promise<Map<string, string>> {
    setFastPaths(on);
    const docx = openDocx(await renderDocx(doc, getTemplate(doc.templateId)));
    return new Map(
      docx
        .parts(/\.(xml|rels)$/)
        .filter((p) => p.name !== 'docProps/core.xml')
        .map((p) => [p.name, p.xml]),
    );
  }

  it('writes the same package either way, for every built-in template', async () => {
    for (const doc of [infoMemo(), talkingPoints(), actionMemo(), hostileDoc(), awkwardNotes()]) {
      const fast = await rendered(doc, true);
      const plain = await rendered(doc, false);
      expect([...plain.keys()]).toEqual([...fast.keys()]);
      for (const [name, xml] of fast) expect(plain.get(name), `${doc.templateId} ${name}`).toBe(xml);
    }
  });
});
