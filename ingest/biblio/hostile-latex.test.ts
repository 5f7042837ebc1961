import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CslItem } from '../../core/csl';
import { parseBibliography } from './parse';

/**
 * testing/hostile-latex.bib: LaTeX as real group libraries hold it, in every field — math,
 * \emph, \url, \href, %, \&, accents, \verb with a brace, a quote inside a quoted abstract,
 * open $ math, unknown commands, @comment, @preamble and @string — plus one entry that really
 * is broken (never closed).
 */
const BIB = readFileSync(new URL('./testing/hostile-latex.bib', import.meta.url), 'utf8');
const lineOf = (needle: string) => BIB.slice(0, BIB.indexOf(needle)).split('\n').length;
const byId = (items: CslItem[], id: string) => items.find((i) => i.id === id);

describe('BibTeX with LaTeX in every field', () => {
  const { items, warnings, skipped } = parseBibliography(BIB, 'bibtex');

  it('imports every entry whose title, names and date can be read, whatever is in its other fields', () => {
    expect(items.map((i) => i.id)).toEqual(['okafor2021', 'inst2020', 'web2022', 'ok2018']);
  });

  it('reads the LaTeX it can: accents, math letters, emphasis, escaped characters, @string macros', () => {
    const a = byId(items, 'okafor2021')!;
    expect(a.author).toEqual([
      { given: 'Adaeze', family: 'Okafor' },
      { given: 'Jörg', family: 'Müller' },
      { given: 'François', family: 'Garçon' },
    ]);
    expect(a.title).toBe('Sanctions and the α-coefficient of trade: <i>evidence</i> from EU data');
    expect(a['container-title']).toBe('Journal of Policy Studies');
    expect(a.abstract).toContain('40% of trade & find that β');
    expect(a.abstract).toContain('https://example.org/data_set?x=1&y=2');
    expect(a.note).toBe('Preprint at https://arxiv.org/abs/2101.00001');
    const r = byId(items, 'inst2020')!;
    expect(r.author).toEqual([{ literal: 'Institut für Sicherheitspolitik' }]);
    expect(r.publisher).toBe('Institut für Sicherheitspolitik');
    expect(r.issued).toEqual({ 'date-parts': [[2020, 3]] });
  });

  it('leaves out only the field it cannot read, and says which, in which entry, at which line', () => {
    expect(byId(items, 'inst2020')!.note).toBeUndefined();
    expect(byId(items, 'inst2020')!.abstract).toMatch(/^Costs rose by 5/);
    expect(byId(items, 'ok2018')!.abstract).toBeUndefined();
    expect(byId(items, 'ok2018')!.publisher).toBe('Pub & Co.');
    expect(byId(items, 'web2022')!.note).toBeUndefined();
    expect(byId(items, 'web2022')!.URL).toBe('https://example.org/r_2022%20x');
    expect(warnings).toEqual([
      `Entry "inst2020" (line ${lineOf('@techreport{inst2020')}): the field "note" could not be read and was left out; the rest of the entry was imported.`,
      `Entry "ok2018" (line ${lineOf('@book{ok2018')}): the field "abstract" could not be read and was left out; the rest of the entry was imported.`,
      `Entry "web2022" (line ${lineOf('@misc{web2022')}): the field "note" could not be converted from LaTeX and was left out; the rest of the entry was imported.`,
    ]);
  });

  it('still fails the entry that is broken, by key and line', () => {
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ key: 'broken2019', line: lineOf('@book{broken2019') });
  });

  it('fails an entry whose title cannot be read, rather than import it without one', () => {
    const bib =
      '@article{t1,\n  title = {A \\verb|a}b| title},\n  year = {2020},\n}\n@article{t2,\n  title = {Fine},\n  note = {\\verb|a}b|},\n  year = {2021},\n}\n';
    const r = parseBibliography(bib, 'bibtex');
    expect(r.items.map((i) => i.id)).toEqual(['t2']);
    expect(r.skipped).toMatchObject([{ key: 't1', line: 1 }]);
    expect(r.skipped[0].problem).toMatch(/^Entry "t1" \(line 1\) could not be read/);
  });

  it('fails an entry written on one line whole: its fields cannot be told apart', () => {
    const r = parseBibliography('@misc{one, title = {T}, note = {\\verb|a}b|}, year = 2020}\n', 'bibtex');
    expect(r.items).toEqual([]);
    expect(r.skipped).toMatchObject([{ key: 'one', line: 1 }]);
  });
});
