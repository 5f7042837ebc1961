import { describe, expect, it } from 'vitest';
import { docToMarkdown, markdownToDoc, normaliseMarkdown, type PMNode } from './prose-markdown';

const t = (text: string, ...marks: string[]): PMNode => ({ type: 'text', text, ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}) });
const p = (...content: PMNode[]): PMNode => ({ type: 'paragraph', content });
const doc = (...content: PMNode[]): PMNode => ({ type: 'doc', content });

describe('markdown → TipTap JSON', () => {
  it('reads paragraphs, bullets, numbered items, bold and italic', () => {
    const d = markdownToDoc('Intro with **bold** and *italic*.\nSame paragraph.\n\n- one\n- _two_\n\n1. first\n2. second');
    expect(d).toEqual(
      doc(
        p(t('Intro with '), t('bold', 'bold'), t(' and '), t('italic', 'italic'), t('. Same paragraph.')),
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [p(t('one'))] },
            { type: 'listItem', content: [p(t('two', 'italic'))] },
          ],
        },
        {
          type: 'orderedList',
          content: [
            { type: 'listItem', content: [p(t('first'))] },
            { type: 'listItem', content: [p(t('second'))] },
          ],
        },
      ),
    );
  });

  it('keeps unmatched markers and HTML-looking text as literal text', () => {
    const d = markdownToDoc('2 * 3 and <img src=x onerror=alert(1)> **open');
    expect(d).toEqual(doc(p(t('2 * 3 and <img src=x onerror=alert(1)> **open'))));
  });

  it('gives an empty document one empty paragraph', () => {
    expect(markdownToDoc('')).toEqual(doc({ type: 'paragraph' }));
  });

  it('starts a new list when bullets switch to numbers', () => {
    const d = markdownToDoc('- a\n1. b');
    expect(d.content!.map((n) => n.type)).toEqual(['bulletList', 'orderedList']);
  });
});

describe('TipTap JSON → markdown', () => {
  it('writes marks hugging the words', () => {
    expect(docToMarkdown(doc(p(t('A '), t(' bold ', 'bold'), t('and'), t(' it ', 'italic'), t('.'))))).toBe('A **bold** and *it* .');
  });

  it('merges adjacent runs with the same formatting', () => {
    expect(docToMarkdown(doc(p(t('ab', 'bold'), t('cd', 'bold', 'italic'), t('ef', 'bold'))))).toBe('**abcdef**');
  });

  it('flattens nested lists and joins paragraphs inside a list item', () => {
    const nested: PMNode = {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [p(t('one')), p(t('more')), { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('inner'))] }] }] },
        { type: 'listItem', content: [p(t('two'))] },
      ],
    };
    expect(docToMarkdown(doc(nested))).toBe('- one more\n- inner\n- two');
  });

  it('numbers ordered lists from their start', () => {
    const list: PMNode = {
      type: 'orderedList',
      attrs: { start: 3 },
      content: [
        { type: 'listItem', content: [p(t('c'))] },
        { type: 'listItem', content: [p(t('d'))] },
      ],
    };
    expect(docToMarkdown(doc(list))).toBe('3. c\n4. d');
  });

  it('drops empty paragraphs and turns hard breaks into spaces', () => {
    expect(docToMarkdown(doc({ type: 'paragraph' }, p(t('a'), { type: 'hardBreak' }, t('b')), { type: 'paragraph' }))).toBe('a b');
  });
});

describe('round trips', () => {
  for (const text of [
    'Plain paragraph.',
    'First.\n\nSecond with **bold** words and *italic* ones.',
    '- one\n- **two** is bold\n- three *it*',
    '1. first\n2. second\n\nAfter the list.',
    'Literal < & > characters stay text.',
  ]) {
    it(JSON.stringify(text), () => {
      expect(docToMarkdown(markdownToDoc(text))).toBe(text);
    });
  }

  it('normalises equivalent spellings', () => {
    expect(normaliseMarkdown('* a\n* _b_')).toBe('- a\n- *b*');
    expect(normaliseMarkdown('line one\nline two')).toBe('line one line two');
  });
});
