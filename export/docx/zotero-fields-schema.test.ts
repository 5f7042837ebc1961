import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import citationSchema from '../../citations/schema/csl-citation.schema.json' with { type: 'json' };
import dataSchema from '../../citations/schema/csl-data.schema.json' with { type: 'json' };
import type { Library } from '../../db/library';
import { tempLibrary } from '../../db/testing/temp-library';
import { loadSample } from '../../samples/load';
import { exportBriefing, type ExportOptions } from '../export-briefing';
import { citationFields, openDocx } from '../testing/docx-parts';
import { marksBriefing } from '../testing/marks-fixture';

/**
 * Every Zotero citation field Dossier writes validates against the CSL citation schema
 * (citations/schema, written from the CSL project's csl-citation.json and csl-data.json),
 * across templates, note placements, an author-date style, locators, prefixes and
 * suppress-author cites.
 */
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(dataSchema);
const validateCitation = ajv.compile(citationSchema);

let lib: Library;
let dir: string;
let done: () => void;
const TODAY = new Date('2025-02-01T12:00:00Z');

beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  dir = t.dir;
  done = t.cleanup;
});
afterEach(() => done());

interface Payload {
  citationItems: Array<Record<string, unknown>>;
}

/** The JSON of every citation field in the body and the notes. */
async function payloads(briefingId: string, name: string, opts: Partial<ExportOptions>): Promise<Payload[]> {
  const r = await exportBriefing(lib, briefingId, { out: join(dir, `${name}.docx`), today: TODAY, now: TODAY, ...opts });
  const docx = openDocx(readFileSync(r.path));
  const xml = ['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml'].map((p) => docx.part(p)).join('');
  return citationFields(xml).map((i) => JSON.parse(i.trim().replace(/^ADDIN ZOTERO_ITEM CSL_CITATION /, '')) as Payload);
}

function expectValid(payload: unknown, context: string): void {
  const ok = validateCitation(payload);
  expect(ok ? [] : validateCitation.errors, context).toEqual([]);
}

describe('Zotero citation fields against the CSL citation schema', () => {
  it('validate in every template, in footnotes, endnotes and an author-date style', async () => {
    const briefingId = loadSample(lib, TODAY);
    const runs: Partial<ExportOptions>[] = [
      {},
      { notes: 'endnotes' },
      { styleId: 'apa' },
      { templateId: 'talking-points' },
      { templateId: 'situation-report' },
      { templateId: 'background-brief', styleId: 'modern-language-association' },
    ];
    let seen = 0;
    for (const opts of runs) {
      const all = await payloads(briefingId, JSON.stringify(opts).replace(/\W/g, '') || 'default', opts);
      expect(all.length, JSON.stringify(opts)).toBeGreaterThan(3);
      for (const p of all) expectValid(p, JSON.stringify(opts));
      seen += all.length;
    }
    expect(seen).toBeGreaterThan(20);
  });

  it('validate with locators, prefixes and suppress-author cites in prose', async () => {
    const f = marksBriefing(lib);
    lib.addItems(
      f.briefingId,
      [{ kind: 'prose', text: `As the paper put it [-@${f.facts.a1}, para. 2], and others [cf. @${f.facts.c}, p. 7].` }],
      'discussion',
    );
    for (const styleId of ['chicago-fullnote-bibliography-with-ibid', 'apa']) {
      const all = await payloads(f.briefingId, styleId, { styleId });
      const items = all.flatMap((p) => p.citationItems);
      // The cases the schema has to cover really occur.
      expect(
        items.some((i) => i['suppress-author'] === true),
        styleId,
      ).toBe(true);
      expect(
        items.some((i) => typeof i.prefix === 'string'),
        styleId,
      ).toBe(true);
      expect(
        items.some((i) => typeof i.locator === 'string' && typeof i.label === 'string'),
        styleId,
      ).toBe(true);
      for (const p of all) expectValid(p, styleId);
    }
  });

  it('rejects what Zotero could not read: an unknown item variable, a bad label, a missing schema', async () => {
    const f = marksBriefing(lib);
    const [p] = await payloads(f.briefingId, 'bad', {});
    const withItem = (change: (item: Record<string, unknown>) => void) => {
      const copy = structuredClone(p) as Payload & Record<string, unknown>;
      change(copy.citationItems[0]);
      return copy;
    };
    expect(validateCitation(withItem((i) => ((i.itemData as Record<string, unknown>).colour = 'red')))).toBe(false);
    expect(validateCitation(withItem((i) => (i.label = 'pages')))).toBe(false);
    expect(validateCitation(withItem((i) => ((i.itemData as Record<string, unknown>).issued = { 'date-parts': [[2025, 1, 2, 3]] })))).toBe(false);
    const noSchema = structuredClone(p) as unknown as Record<string, unknown>;
    delete noSchema.schema;
    expect(validateCitation(noSchema)).toBe(false);
  });
});
