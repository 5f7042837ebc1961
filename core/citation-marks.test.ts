import { describe, expect, it } from 'vitest';
import { CitationSyntaxError, type CiteCluster, clustersIn, formatCluster, lineColumn, splitCitations } from './citation-marks';

const A = '7f3e0d2a-aaaa-4c1b-8e5f-000000000001';
const B = '7f3e0d2a-bbbb-4c1b-8e5f-000000000002';
const facts = { isKey: (k: string) => k === A || k === B };

describe('citation marks in prose', () => {
  it('reads a two-cite cluster with prefix, locators and suffix', () => {
    const text = `Grain moved again [see @${A}, p. 4; @${B}, para. 3, emphasis added].`;
    const segs = splitCitations(text, facts);
    expect(segs.map((s) => s.kind)).toEqual(['text', 'cite', 'text']);
    expect(segs[0]).toEqual({ kind: 'text', text: 'Grain moved again ' });
    expect(segs[2]).toEqual({ kind: 'text', text: '.' });
    const c = segs[1].kind === 'cite' ? segs[1].cluster : undefined;
    expect(c).toEqual({
      cites: [
        { factId: A, prefix: 'see', locator: { label: 'page', value: '4' } },
        { factId: B, locator: { label: 'paragraph', value: '3' }, suffix: ', emphasis added' },
      ],
    });
  });

  it('writes what it reads, for every shape of cite', () => {
    const clusters: CiteCluster[] = [
      { cites: [{ factId: A }] },
      { cites: [{ factId: A, suppressAuthor: true }] },
      {
        cites: [
          { factId: A, prefix: 'cf.', locator: { label: 'section', value: 'II.B; annex' } },
          { factId: B, suffix: ' and the [draft] @ 3' },
        ],
      },
      { cites: [{ factId: A, locator: { label: 'page', value: '33-35' }, suffix: ', table {2}' }] },
      { cites: [{ factId: A, locator: { label: 'timestamp', value: '1:02:03' } }] },
      { cites: [{ factId: B, locator: { label: 'clause', value: 'xiv' } }] },
    ];
    for (const c of clusters) {
      const text = `x ${formatCluster(c)} y`;
      expect(clustersIn(text, facts), text).toEqual([c]);
    }
  });

  it('leaves words alone: unknown keys, e-mail addresses, unbalanced and escaped brackets', () => {
    for (const text of [
      'Write to [press@ministry.gov] today.',
      '[@press_office] said so.',
      `An [unclosed @${A} group`,
      `Escaped \\[@${A}] stays`,
      `[@${A} and @${B}]`,
      `[@${A}x]`,
      'Nothing [here] at all',
    ]) {
      expect(splitCitations(text, facts), text).toEqual([{ kind: 'text', text }]);
    }
  });

  it('reads plural and long locator terms, and a bare number as a page', () => {
    expect(clustersIn(`[@${A}, pp. 33, 35-37]`, facts)[0].cites[0].locator).toEqual({ label: 'page', value: '33, 35-37' });
    expect(clustersIn(`[@${A}, paragraphs 4–6]`, facts)[0].cites[0].locator).toEqual({ label: 'paragraph', value: '4–6' });
    expect(clustersIn(`[@${A}, § 12]`, facts)[0].cites[0].locator).toEqual({ label: 'section', value: '12' });
    expect(clustersIn(`[@${A}, 33]`, facts)[0].cites[0].locator).toEqual({ label: 'page', value: '33' });
  });

  it('refuses a cluster past the limits instead of showing it as words', () => {
    const many = `[${Array.from({ length: 101 }, () => `@${A}`).join('; ')}]`;
    expect(() => splitCitations(many, facts)).toThrow(CitationSyntaxError);
    const fifty = `[${Array.from({ length: 50 }, () => `@${A}`).join('; ')}]`;
    expect(clustersIn(fifty, facts)[0].cites).toHaveLength(50);
    expect(() => splitCitations(`[@${A}, p. {${'9'.repeat(10_000)}}]`, facts)).toThrow(/locator of a cite is 10000 characters/);
  });

  it('reads the citations after a stray bracket, in linear time', () => {
    expect(clustersIn(`Prices [rose [@${A}] and an [open bracket\n\nSee [@${B}].`, facts).map((c) => c.cites[0].factId)).toEqual([A, B]);
    expect(clustersIn(`\\[escaped [@${A}]](url)`, facts)).toHaveLength(1);
    const started = performance.now();
    for (const junk of ['\\['.repeat(50_000) + ']', '[{'.repeat(50_000), '[a '.repeat(50_000)]) {
      expect(splitCitations(junk + ` [@${A}]`, facts).length).toBeLessThanOrEqual(2);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('never spans paragraphs and gives line and column', () => {
    expect(splitCitations(`[see\n\n@${A}]`, facts)).toHaveLength(1);
    expect(lineColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
  });
});
