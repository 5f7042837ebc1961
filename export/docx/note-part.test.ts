import { describe, expect, it } from 'vitest';
import type { ResolvedDocument, Run } from '../document';
import { getTemplate } from '../template/load';
import { HOSTILE, infoMemo, ITEMS, talkingPoints, zoteroInstruction } from '../testing/fixtures';
import { withNotes } from './note-part';
import { compileParts } from './package';
import { buildDocument } from './render';
import type { ZoteroFieldPlacement } from './body';

/**
 * The direct note writer must write exactly what `docx` writes for the same notes: both
 * parts are produced from one document and compared as text.
 */
function bothWays(doc: ResolvedDocument, zoteroField: ZoteroFieldPlacement = 'in-note'): { viaDocx: string; direct: string } {
  const template = getTemplate(doc.templateId);
  const reference = buildDocument(doc, template, '1', { zoteroField });
  const path = `word/${reference.noteKind}.xml`;
  const viaDocx = compileParts(reference.document).get(path) as string;
  const fast = buildDocument(doc, template, '1', { zoteroField }, true);
  const direct = withNotes(compileParts(fast.document).get(path) as string, fast.noteKind, fast.notes!);
  return { viaDocx, direct };
}

/** Notes whose runs carry every formatting and every kind of hostile text. */
function awkwardNotes(): ResolvedDocument {
  const base = infoMemo();
  const runSets: Run[][] = [
    [{ text: 'Plain, ' }, { text: 'Italic Title', italic: true }, { text: ' bold', bold: true }, { text: ' Caps', smallCaps: true }, { text: '2', superscript: true }, { text: '0', subscript: true }],
    [{ text: HOSTILE.controls }],
    [{ text: `${HOSTILE.markup} "quoted" 'single'` }],
    [{ text: HOSTILE.arabic }, { text: ' (Ankara) ' }, { text: HOSTILE.korean, italic: true }],
    [{ text: `Line one\nline two\r\nthree\tafter a tab` , bold: true, italic: true }],
    [{ text: HOSTILE.emoji }, { text: HOSTILE.combining, italic: true }],
    [{ text: '' }],
    [],
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
            { type: 'note' as const, noteNumber: i + 1, runs, field: { instruction: zoteroInstruction({ ...ITEMS.lee, title: `${ITEMS.lee.title} ${HOSTILE.markup} ${HOSTILE.emoji}` }, runs.map((r) => r.text).join(''), i + 1, '88') } },
          ],
        })),
      },
    ],
  };
}

describe('direct note writer', () => {
  it('writes footnotes exactly as docx does', () => {
    const { viaDocx, direct } = bothWays(infoMemo());
    expect(direct).toBe(viaDocx);
    expect(direct).toContain('<w:footnote w:id="1">');
  });

  it('writes endnotes exactly as docx does', () => {
    const doc = talkingPoints();
    expect(doc.notes).toBe('endnotes');
    const { viaDocx, direct } = bothWays(doc);
    expect(direct).toBe(viaDocx);
    expect(direct).toContain('<w:endnote w:id="1">');
  });

  it('matches docx on formatting, line breaks, tabs, right-to-left and hostile text', () => {
    const { viaDocx, direct } = bothWays(awkwardNotes());
    expect(direct).toBe(viaDocx);
    // The part really holds what the test is about.
    expect(direct).toContain('<w:rtl/>');
    expect(direct).toContain('<w:bidi/>');
    expect(direct).toContain('<w:smallCaps/>');
    expect(direct).toContain('<w:br/>');
    expect(direct).toContain('&lt;script&gt;');
    expect(direct).not.toMatch(/[\u0000\u000C\uFFFE]/);
  });

  it('matches docx when the Zotero field wraps the reference mark instead', () => {
    const { viaDocx, direct } = bothWays(awkwardNotes(), 'around-reference');
    expect(direct).toBe(viaDocx);
    expect(direct).not.toContain('instrText');
  });
});
