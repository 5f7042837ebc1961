import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Slice } from '@tiptap/pm/model';
import { Citation } from './citation/citation-node';
import { sliceMarkdown } from './citation/clipboard';
import { docToMarkdown, markdownToDoc, normaliseMarkdown, type PMNode } from './prose-markdown';

const A = '7f3e1c2a-0b9a-4c1e-9d2f-1a2b3c4d5e6f';
const B = '0b9a7f3e-1c2a-4e1c-8d2f-6f5e4d3c2b1a';

const schema = getSchema([
  StarterKit.configure({
    heading: false,
    codeBlock: false,
    code: false,
    blockquote: false,
    strike: false,
    underline: false,
    horizontalRule: false,
    link: false,
    hardBreak: false,
  }),
  Citation,
]);

describe('citation marks in the editor’s Markdown', () => {
  it('reads a cluster as one citation node, with prefix, locator, suffix and suppressed author', () => {
    const d = markdownToDoc(`The corridor reopened [see @${A}, p. 4; -@${B}, para. 3, emphasis added] last week.`);
    expect(d.content![0].content).toEqual([
      { type: 'text', text: 'The corridor reopened ' },
      {
        type: 'citation',
        attrs: {
          cites: [
            { factId: A, prefix: 'see', locator: { label: 'page', value: '4' } },
            { factId: B, suppressAuthor: true, locator: { label: 'paragraph', value: '3' }, suffix: ', emphasis added' },
          ],
        },
      },
      { type: 'text', text: ' last week.' },
    ]);
  });

  it('round-trips marks, emphasis around a mark, and bullets with marks', () => {
    const md = `*Officials said so [@${A}]* and more [@${A}; @${B}, p. 12].\n\n- a bullet [@${B}]\n- **bold** [see @${A}]`;
    expect(normaliseMarkdown(md)).toBe(md);
  });

  it('keeps groups that are not fact ids, and over-long clusters, as text', () => {
    const md = `Ask [@press_office] or [see @abc123] and [${Array.from({ length: 101 }, () => `@${A}`).join('; ')}]`;
    const d = markdownToDoc(md);
    expect(JSON.stringify(d)).not.toContain('"citation"');
    expect(docToMarkdown(d)).toBe(md);
  });

  it('reads foreign text literally: a full id pasted from outside stays words in the editor', () => {
    const d = markdownToDoc(`fake [@${A}]`, { cites: false });
    expect(d.content![0].content).toEqual([{ type: 'text', text: `fake [@${A}]` }]);
  });

  it('is valid for the editor schema, and a copied slice keeps its marks as Markdown', () => {
    const md = `Grain moved [@${A}, p. 4] and ships left [@${B}].`;
    const node = schema.nodeFromJSON(markdownToDoc(md));
    expect(node.check()).toBeUndefined();
    expect(docToMarkdown(node.toJSON() as PMNode)).toBe(md);
    // "ships left [@B]." copied out of the middle of the paragraph: the paragraph opens at 0,
    // its text starts at 1, and the first chip takes one position.
    const from = 1 + 'Grain moved '.length + 1 + ' and '.length;
    const slice = node.slice(from, node.content.size - 1);
    expect(slice).toBeInstanceOf(Slice);
    expect(sliceMarkdown(schema, slice)).toBe(`ships left [@${B}].`);
  });
});
