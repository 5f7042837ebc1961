import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStyleFile, type CoverageContext, docxProblem, summarise } from '../bench/style-coverage';
import { tempLibrary } from '../db/testing/temp-library';
import { assembleBriefing } from '../export/assemble';
import { renderDocx } from '../export/docx/index';
import { decodeXml, openDocx } from '../export/testing/docx-parts';
import { loadSample } from '../samples/load';

/**
 * `styles add` and a Word export over a sample of real CSL repository styles (fixtures/csl-styles:
 * five independent, five dependent; see its README). The figure over the whole repository
 * is measured by bench/styles-coverage.ts and kept in BENCHMARKS.md.
 */
const SAMPLE = join(__dirname, 'fixtures', 'csl-styles');
const files = [
  ...readdirSync(SAMPLE)
    .filter((f) => f.endsWith('.csl'))
    .map((f) => join(SAMPLE, f)),
  ...readdirSync(join(SAMPLE, 'dependent')).map((f) => join(SAMPLE, 'dependent', f)),
];

let t: ReturnType<typeof tempLibrary>;
let ctx: CoverageContext;
beforeAll(() => {
  t = tempLibrary();
  ctx = { lib: t.lib, briefingId: loadSample(t.lib, new Date('2025-02-01T12:00:00Z')), workDir: t.dir, parentDirs: [SAMPLE] };
});
afterAll(() => t.cleanup());

describe('real CSL styles', () => {
  it('are all accepted by styles add and export a valid .docx, dependent ones included', async () => {
    expect(files).toHaveLength(10);
    const outcomes = [];
    for (const [n, file] of files.entries()) outcomes.push(await checkStyleFile(file, ctx, n));
    expect(outcomes.filter((o) => !o.valid)).toEqual([]);
    expect(summarise(outcomes)).toEqual({ total: 10, accepted: 10, valid: 10, dependent: { total: 5, accepted: 5, valid: 5 } });
  });

  it("a dependent style's export names the dependent, not its parent, in Zotero's preferences", async () => {
    const file = join(SAMPLE, 'dependent', 'abi-technik.csl');
    expect((await checkStyleFile(file, ctx, 100)).valid).toBe(true);
    const a = assembleBriefing(ctx.lib, ctx.briefingId, { styleId: 'http://www.zotero.org/styles/abi-technik', styleDir: join(ctx.workDir, '100') });
    expect(a.engine.locale).toBe('de-DE');
    const custom = decodeXml(openDocx(await renderDocx(a.doc, a.template)).part('docProps/custom.xml'));
    expect(custom).toContain('<style id="http://www.zotero.org/styles/abi-technik" locale="de-DE"');
  });

  it('count a broken style as not accepted and a damaged file as not valid', async () => {
    const broken = join(ctx.workDir, 'broken.csl');
    writeFileSync(broken, readFileSync(join(SAMPLE, 'nature.csl'), 'utf8').replace('</citation>', ''));
    expect(await checkStyleFile(broken, ctx, 200)).toMatchObject({
      accepted: false,
      valid: false,
      error: expect.stringMatching(/^broken\.csl: not well-formed XML/),
    });
    expect(() => docxProblem(Buffer.from('not a zip'))).toThrow();
  });
});
