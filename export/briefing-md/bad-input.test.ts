import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../../db/library';
import { tempLibrary } from '../../db/testing/temp-library';
import { decodeBriefingFile, importBriefingMarkdown } from './index';
import { addFacts, builtIn } from './testing';

let lib: Library;
let path: string;
let done: () => void;
let f: string[];
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  path = t.path;
  done = () => {
    lib.close();
    t.cleanup();
  };
  f = addFacts(lib, 4);
});
afterEach(() => done());

const HEAD = '---\ntemplate: info-memo\ntitle: Draft\n---\n\n## BLUF {#bluf}\n\n';
const importing = (body: string, head = HEAD) => importBriefingMarkdown(lib, head + body, builtIn);
const texts = (b: ReturnType<typeof importing>) => b.sections.flatMap((s) => s.items.map((i) => (i.kind === 'prose' ? i.text : `fact ${i.factId}`)));

describe('a briefing file that is wrong, or odd', () => {
  it('keeps unbalanced brackets as words, reads the citations after them, and loses no paragraph', () => {
    const short = f[0].slice(0, 8);
    const b = importing(`Opened [see @${short}, p. 4 and never closed.\n\nA ] stray and [ another [@${short}].\n\n*unclosed **markup [x](y) and _more.\n`);
    expect(texts(b)).toEqual([`Opened [see @${short}, p. 4 and never closed.`, `A ] stray and [ another [@${f[0]}].`, '*unclosed **markup [x](y) and _more.']);
  });

  it('refuses a citation inside a link, by line and column, and keeps one whose bracket is escaped', () => {
    expect(() => importing(`Intro.\n\nSee [the report [@${f[0].slice(0, 6)}]](https://example.org).\n`)).toThrow(
      /^line 10, column 17: a citation inside a Markdown link .*put the citation after the link/,
    );
    expect(lib.listBriefings()).toEqual([]);
    const b = importing(`See \\[the report [@${f[0].slice(0, 6)}]](https://example.org).\n`);
    expect(texts(b)).toEqual([`See [the report [@${f[0]}]](https://example.org).`]);
  });

  it('refuses a locator of 10,000 characters, in a mark or on a placed fact, by line and column', () => {
    const long = '9'.repeat(10_000);
    expect(() => importing(`Fine.\n\nSee [@${f[0]}, p. {${long}}].\n`)).toThrow(/^line 10, column 6: the locator of a cite is 10000 characters; at most 100/);
    expect(() => importing(`Said @${f[0]} [p. {${long}}].\n`)).toThrow(/^line 8, column 44: the locator of a cite is 10000 characters/);
    expect(() => importing(`::: {.fact fact=${f[0]} locator="page ${long}"}\n:::\n`)).toThrow(
      /^line 8, column 54: the locator is 10000 characters; at most 100/,
    );
    expect(lib.listBriefings()).toEqual([]);
  });

  it('reads header dates by the template (stored as YYYY-MM-DD) and refuses one it cannot read, at its line; nothing is written', () => {
    const head = (date: string) => `---\ntemplate: action-memo\ntitle: Draft\nfields:\n  subject: Grain\n  decideBy: "${date}"\n---\n\n`;
    expect(importing('Text.\n', head('Jan. 18, 2024')).fields).toEqual({ subject: 'Grain', decideBy: '2024-01-18' });
    const before = lib.listBriefings().length;
    expect(() => importing('Text.\n', head('when convenient'))).toThrow(
      /^line 6, column \d+: fields\.decideBy: cannot read "when convenient" as a date; write e\.g\. 2024-01-18 or January 18, 2024/,
    );
    expect(lib.listBriefings()).toHaveLength(before);
  });

  it('refuses an unknown template at its line', () => {
    expect(() => importing('Text.\n', '---\ntitle: Draft\ntemplate: nota-template\n---\n\n')).toThrow(
      /^line 3, column 11: template not found: nota-template \(see: dossier templates\)/,
    );
  });

  it('refuses an unknown fact id and a prefix that matches two facts, naming line, column and key; nothing is written', () => {
    const set = lib.db.prepare('UPDATE facts SET id = ? WHERE id = ?');
    set.run('abcdef01-0000-4000-8000-000000000001', f[1]);
    set.run('abcdef02-0000-4000-8000-000000000002', f[2]);
    expect(() => importing(`Good [@${f[0]}].\n\nTwo match [see @abcdef, p. 3].\n`)).toThrow(
      /^line 10, column 17: fact id "abcdef" matches more than one fact; type more of it/,
    );
    expect(() => importing(`::: {.fact fact=0123456789}\n:::\n`)).toThrow(/^line 8, column 17: no fact has the id "0123456789"/);
    expect(importing('One [@abcdef01].\n').sections[0].items[0]).toMatchObject({ text: 'One [@abcdef01-0000-4000-8000-000000000001].' });
  });

  it('refuses a NUL character and a file that is not UTF-8, by line and column', () => {
    expect(() => importing('Text\0 with a NUL.\n')).toThrow(/^line 8, column 5: a NUL character/);
    const latin1 = Buffer.concat([Buffer.from(HEAD + 'Caf'), Buffer.from([0xe9]), Buffer.from(' au lait.\n')]);
    expect(() => decodeBriefingFile(latin1)).toThrow(/^line 8, column 4: the file is not UTF-8 text \(byte 0xe9\)/);
    expect(decodeBriefingFile(Buffer.from('\ufeffCafé'))).toBe('Café');
  });

  it('writes nothing at all when the store refuses an item late in the file: the library file is unchanged', () => {
    lib.close();
    const hash = () => createHash('sha256').update(readFileSync(path)).digest('hex');
    const before = hash();
    lib = Library.open(path);
    const body = `First [@${f[0]}].\n\n## Discussion {#discussion}\n\n::: {.fact fact=${f[1]}}\n:::\n\n::: {.prose marking="TOP-SECRET-X"}\nRaised.\n:::\n`;
    expect(() => importing(body)).toThrow(/^line 15, column 1: marking: "TOP-SECRET-X" is not a marking of scheme/);
    expect(lib.listBriefings()).toEqual([]);
    lib.close();
    expect(hash()).toBe(before);
    lib = Library.open(path);
  });

  it('is strict about the front matter', () => {
    const cases: [string, RegExp][] = [
      ['template: info-memo\ntitle: A\n', /^line 1, column 1: the file must start with a front-matter block/],
      ['---\ntemplate: info-memo\ntitle: A\n', /^line 1, column 1: the front matter has no closing "---" line/],
      ['---\ntemplate: info-memo\n---\n', /^line 1, column 1: the front matter needs "title: …"/],
      ['---\ntemplate: info-memo\ntitle: A\nauthor: Me\n---\n', /^line 4, column 1: unknown front-matter key "author"/],
      ['---\ntemplate: info-memo\ntitle: A\ntitle: B\n---\n', /^line 4, column 1: "title" is given twice/],
      ['---\ntemplate: info-memo\ntitle: A\nportionMarks: yes\n---\n', /^line 4, column 15: "portionMarks" must be true or false/],
      ['---\ntemplate: info-memo\ntitle: null\n---\n', /^line 3, column 8: "title" is text: put "null" in double quotes/],
      ['---\ntemplate: info-memo\ntitle: Grain: exports\n---\n', /^line 3, column 13: ":" inside a value means something else in YAML/],
      ['---\ntemplate: info-memo\ntitle: [A]\n---\n', /^line 3, column 8: a value starting with "\[" means something else/],
      ['---\ntemplate: info-memo\ntitle: "A\n---\n', /^line 3, column 8: a double-quoted value is not closed on its line/],
      ['---\ntemplate: info-memo\ntitle: A\nfields:\n\tfor: X\n---\n', /^line 5, column 1: indent with spaces, not tabs/],
      ['---\ntemplate: info-memo\ntitle: A\nfields:\n---\n', /^line 5, column 1: "fields" has no entries/],
      ['---\ntemplate: info-memo\ntitle: A\nnotes: sidenotes\n---\n', /^line 4, column 8: notes: must be footnotes or endnotes/],
      ['---\ntemplate: info-memo\ntitle: A\nmarking: NOPE\n---\n', /^line 4, column 10: marking: "NOPE" is not a marking/],
    ];
    for (const [md, message] of cases) expect(() => importBriefingMarkdown(lib, md, builtIn), md).toThrow(message);
    expect(lib.listBriefings()).toEqual([]);
  });

  it('is strict about headings and fenced blocks', () => {
    const cases: [string, RegExp][] = [
      ['# Title\n', /^line 8, column 1: a level-1 heading: sections are "## Heading \{#key\}"/],
      ['## Other {#bad key}\n', /^line 8, column 12: section key "bad key" must start with a letter/],
      ['## Summary {#bluf}\n', /^line 8, column 1: section "bluf" is the template's "BLUF" and keeps that heading/],
      ['## Mine\n\n## mine\n', /^line 10, column 1: a second section called "mine" \(the first is on line 8\)/],
      ['::: prose\nNever closed.\n', /^line 8, column 1: this fenced block is never closed/],
      ['::: prose\nOpen.\n::: {.fact fact=x}\n:::\n:::\n', /^line 10, column 1: a fenced block inside another \(opened on line 8\)/],
      ['::: prose\nOpen.\n## Next\n:::\n', /^line 10, column 1: a heading inside the fenced block opened on line 8/],
      ['::: note\n:::\n', /^line 8, column 1: a fenced block is either "prose" or "fact" \(got "note"\)/],
      ['::: {.prose lead="x"}\n:::\n', /^line 8, column 13: a prose block takes marking; not "lead"/],
      ['::: {.fact}\n:::\n', /^line 8, column 1: a fact block needs the fact/],
      ['::: {.fact fact=x locator="folio 3"}\n:::\n', /^line 8, column 19: locator: unknown locator label "folio"/],
    ];
    for (const [body, message] of cases) expect(() => importing(body), body).toThrow(message);
    expect(lib.listBriefings()).toEqual([]);
  });
});
