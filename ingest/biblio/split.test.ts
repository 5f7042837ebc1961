import { describe, expect, it } from 'vitest';
import { parseBibliography } from './parse';
import { splitBibtex } from './split-bibtex';
import { splitRis } from './split-ris';

describe('splitBibtex', () => {
  it('cuts entries with their keys, types and lines; collects @string, drops @comment and @preamble', () => {
    const text = [
      '% a comment with an e-mail: someone@example.org',
      '@preamble{"\\newcommand{\\noop}[1]{}"}',
      '@string{mi = "Meridian Institute"}',
      '@comment{@article{commented, title = {Not an entry}}}',
      '@Article(paren, title = "Costs (and benefits)", note = {a ) inside braces})',
      '@misc{esc, title = {A \\{ literal brace}}',
      '@book{last,',
      '  title = {Last}',
      '}',
    ].join('\n');
    const { chunks, warnings } = splitBibtex(text);
    expect(warnings).toEqual([]);
    expect(chunks.map((c) => [c.kind, c.type, c.key, c.line])).toEqual([
      ['string', 'string', '', 3],
      ['entry', 'article', 'paren', 5],
      ['entry', 'misc', 'esc', 6],
      ['entry', 'book', 'last', 7],
    ]);
    expect(chunks[3].text).toBe('@book{last,\n  title = {Last}\n}');
    const { items } = parseBibliography(text, 'bibtex');
    expect(items.map((i) => i.title)).toEqual(['Costs (and benefits)', 'A { literal brace', 'Last']);
  });

  it('cuts an unclosed entry at the next line that starts an entry, or at the end of the file', () => {
    const text = '@misc{a, title = {Open\n  year = 2020\n}\n@misc{b, title = {B}}\n@misc{c, title = {Never closed}\n';
    const { chunks, warnings, skipped } = splitBibtex(text);
    expect(chunks.map((c) => c.key)).toEqual(['b']);
    expect(warnings).toEqual([]);
    expect(skipped).toEqual([
      { key: 'a', line: 1, problem: 'Entry "a" (@misc, line 1) is not closed: a "{" has no matching "}" before the next entry at line 4; it was skipped.' },
      { key: 'c', line: 5, problem: 'Entry "c" (@misc, line 5) is not closed: a "{" has no matching "}" before the end of the file; it was skipped.' },
    ]);
  });

  it('warns about fields left after a "}" too many', () => {
    const { chunks, warnings } = splitBibtex('@misc{a, title = {T}}, year = {2020}}\n@misc{b, title = {B}}');
    expect(chunks.map((c) => c.key)).toEqual(['a', 'b']);
    expect(warnings).toEqual(['Entry "a" (@misc, line 1): text after its closing "}" was ignored; is there a "}" too many inside it?']);
  });

  it('an unclosed @comment does not swallow the file', () => {
    const { chunks } = splitBibtex('@comment{ unclosed\n@misc{b, title = {B}}');
    expect(chunks.map((c) => c.key)).toEqual(['b']);
  });

  it('deep nesting is reported, not a crash', () => {
    const deep = '@misc{deep, title = {' + '{'.repeat(100_000) + '}'.repeat(100_000) + '}}\n@misc{ok, title = {OK}}';
    const { items, skipped } = parseBibliography(deep, 'bibtex');
    expect(items.map((i) => i.id)).toContain('ok');
    if (!items.some((i) => i.id === 'deep')) expect(skipped).toMatchObject([{ key: 'deep', line: 1 }]);
  });
});

describe('splitRis', () => {
  it('reads repeated tags as lists, joins wrapped lines, accepts one-space dashes and CRLF', () => {
    const { records, warnings } = splitRis('\uFEFFTY  - JOUR\r\nAU  - A, B\r\nAU  - C, D\r\nAB  - First\r\n   second\r\nTI - One space\r\nER  -\r\n');
    expect(warnings).toEqual([]);
    expect(records).toEqual([{ line: 1, record: { TY: 'JOUR', AU: ['A, B', 'C, D'], AB: 'First second', TI: 'One space' } }]);
  });
});
