import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { assembleBriefing } from './assemble';
import { exportBriefingMarkdown, importBriefingMarkdown } from './briefing-md/index';
import { builtIn } from './briefing-md/testing';
import { exportBriefing } from './export-briefing';
import { renderMarkdown } from './markdown';
import { renderPlainText } from './plain-text';
import { preflight } from './preflight';
import { loadClaimDetectors } from './unsourced-claims';
import { openDocx, paragraphs, visibleText } from './testing/docx-parts';
import { type MarksFixture, marksBriefing } from './testing/marks-fixture';

// Pre-flight is called directly here: its capture detectors load first, as the exporters load them.
beforeAll(() => loadClaimDetectors());

/**
 * Markings a classification reviewer checks, on real exported files: the banner in every
 * header and footer, portion marks on the subject line and headings, the first-page
 * authority block or CUI designation indicator, and the pre-flight errors when one is missing.
 */

let lib: Library;
let dir: string;
let done: () => void;
let fx: MarksFixture;
const TODAY = new Date('2025-02-01T12:00:00Z');

beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  dir = t.dir;
  done = t.cleanup;
  fx = marksBriefing(lib, { portionMarks: true });
});
afterEach(() => done());

async function exported(name: string) {
  const r = await exportBriefing(lib, fx.briefingId, { out: join(dir, `${name}.docx`), today: TODAY, now: TODAY });
  const docx = openDocx(readFileSync(r.path));
  const body = paragraphs(docx.part('word/document.xml')).map(visibleText);
  const hf = docx.parts(/^word\/(header|footer)\d*\.xml$/).map((p) => visibleText(p.xml));
  return { body, hf };
}

const codes = () => preflight(assembleBriefing(lib, fx.briefingId, { today: TODAY }), { now: TODAY }).map((w) => `${w.severity}:${w.code}`);

describe('banner and portion marks', () => {
  it('with portion marks on and nothing marked, the banner still says UNCLASSIFIED', async () => {
    lib.updateFact(fx.facts.b, { marking: null });
    const { body, hf } = await exported('u');
    expect(hf.length).toBeGreaterThanOrEqual(2);
    for (const t of hf) expect(t).toContain('UNCLASSIFIED');
    expect(body.some((t) => /^SUBJECT:\s*\(U\) Corridor update$/.test(t))).toBe(true);
    expect(body.some((t) => /Classified By|Controlled by/.test(t))).toBe(false);
  });

  it('"SECRET//NOFORN" beside "(S//REL TO USA, GBR)": the banner is SECRET//NOFORN; each portion keeps its own mark', async () => {
    lib.updateFact(fx.facts.a1, { marking: 'S//REL TO USA, GBR' });
    lib.updateFact(fx.facts.c, { marking: 'S//NF' });
    lib.updateBriefing(fx.briefingId, { fields: { classifiedBy: 'J. Smith, Analyst', declassifyOn: '20501231' } });
    const { body, hf } = await exported('s');
    for (const t of hf) expect(t).toContain('SECRET//NOFORN');
    expect(body.some((t) => t.startsWith('(S//REL TO USA, GBR) Ships carrying grain'))).toBe(true);
    expect(body.some((t) => t.startsWith('(S//NF) Two insurers'))).toBe(true);
  });

  it('a section heading carries its section\'s highest portion, "(U)" when it cites nothing marked', async () => {
    lib.updateFact(fx.facts.a1, { marking: 'S//REL TO USA, GBR' });
    lib.updateFact(fx.facts.c, { marking: 'C//REL TO USA, AUS, GBR' });
    const b = lib.createBriefing(
      { title: 'Corridor background', templateId: 'background-brief', portionMarks: true, fields: { classifiedBy: 'J. Smith', declassifyOn: '20501231' } },
      [
        { key: 'purpose', heading: 'Purpose' },
        { key: 'background', heading: 'Background' },
      ],
    );
    lib.addItems(b.id, [{ kind: 'prose', text: 'To set out what changed.' }], 'purpose');
    lib.addItems(
      b.id,
      [
        { kind: 'fact', factId: fx.facts.a1 },
        { kind: 'fact', factId: fx.facts.c },
      ],
      'background',
    );
    const r = await exportBriefing(lib, b.id, { out: join(dir, 'bg.docx'), today: TODAY, now: TODAY });
    const body = paragraphs(openDocx(readFileSync(r.path)).part('word/document.xml')).map(visibleText);
    expect(body[0]).toBe('(U) Corridor background');
    expect(body).toContain('(U) Purpose');
    expect(body).toContain('(S//REL TO USA, GBR) Background');
    expect(body).toContain('(C//REL TO USA, AUS, GBR) Two insurers returned to the route.');
  });
});

describe('the classification authority block (32 CFR 2001.21–22)', () => {
  beforeEach(() => {
    lib.updateFact(fx.facts.a1, { marking: 'S' });
    lib.updateFact(fx.facts.c, { marking: 'C//NOFORN' });
  });

  it('stands on the first page, before the body: Classified By, Derived From "Multiple Sources", Declassify On; the sources are listed at the end', async () => {
    lib.updateBriefing(fx.briefingId, { fields: { classifiedBy: 'J. Smith, Analyst', declassifyOn: '20501231' } });
    const { body, hf } = await exported('cab');
    for (const t of hf) expect(t).toContain('SECRET//NOFORN');
    const cab = body.indexOf('Classified By: J. Smith, Analyst');
    expect(cab).toBeGreaterThan(body.findIndex((t) => t.startsWith('SUBJECT:')));
    expect(body.slice(cab, cab + 3)).toEqual(['Classified By: J. Smith, Analyst', 'Derived From: Multiple Sources', 'Declassify On: 20501231']);
    expect(cab).toBeLessThan(body.findIndex((t) => t.includes('Ships carrying grain')));
    const list = body.indexOf('Sources used for derivative classification');
    expect(list).toBeGreaterThan(cab);
    expect(body.slice(list + 1)).toEqual(['Grain Corridor Reopens as Talks Resume, dated 20250119', 'Insurers Return to Odesa Routes, dated 20250122']);
    expect(codes().filter((c) => c.startsWith('error:'))).toEqual([]);
  });

  it('a single classified source is named in Derived From, and no list follows', async () => {
    lib.updateFact(fx.facts.c, { marking: null });
    lib.updateBriefing(fx.briefingId, { fields: { classifiedBy: 'J. Smith, Analyst', declassifyOn: '20501231' } });
    const { body } = await exported('one');
    expect(body).toContain('Derived From: Grain Corridor Reopens as Talks Resume, dated 20250119');
    expect(body).not.toContain('Sources used for derivative classification');
  });

  it("Classified By comes from the user's default when the briefing has none", async () => {
    lib.setMarkingDefault('classifiedBy', 'K. Lee, Desk Officer');
    lib.updateBriefing(fx.briefingId, { fields: { declassifyOn: '20501231' } });
    expect((await exported('default')).body).toContain('Classified By: K. Lee, Desk Officer');
  });

  it('a missing Classified By or Declassify On is a pre-flight error naming the field, not a blank line', async () => {
    const found = codes();
    expect(found.filter((c) => c === 'error:authority-block-missing')).toHaveLength(2);
    const messages = preflight(assembleBriefing(lib, fx.briefingId, { today: TODAY }), { now: TODAY })
      .filter((w) => w.code === 'authority-block-missing')
      .map((w) => w.message);
    expect(messages.join('\n')).toMatch(/"Classified By".*classifiedBy/);
    expect(messages.join('\n')).toMatch(/"Declassify On".*declassifyOn/);
    const { body } = await exported('missing');
    expect(body.some((t) => /^(Classified By|Declassify On):/.test(t))).toBe(false);
    expect(body).toContain('Derived From: Multiple Sources');
  });

  it('a Declassify On date not written YYYYMMDD is flagged; an event in words is not', () => {
    const found = (v: string) => {
      lib.updateBriefing(fx.briefingId, { fields: { classifiedBy: 'J. Smith', declassifyOn: v } });
      return codes().includes('warning:declassify-on-format');
    };
    expect(found('2050-12-31')).toBe(true);
    expect(found('12/31/2050')).toBe(true);
    expect(found('20501231')).toBe(false);
    expect(found('Completion of the operation')).toBe(false);
  });

  it('plain text and Markdown carry the same block', () => {
    lib.updateBriefing(fx.briefingId, { fields: { classifiedBy: 'J. Smith, Analyst', declassifyOn: '20501231' } });
    const a = assembleBriefing(lib, fx.briefingId, { today: TODAY });
    const text = renderPlainText(a.doc, a.template);
    expect(text).toMatch(/^SECRET\/\/NOFORN\n/);
    expect(text).toContain('Classified By: J. Smith, Analyst\nDerived From: Multiple Sources\nDeclassify On: 20501231');
    expect(text).toContain('Sources used for derivative classification\nGrain Corridor Reopens');
    const md = renderMarkdown(a.doc, a.template);
    expect(md).toContain('Classified By: J. Smith, Analyst');
    expect(md).toMatch(/^\*\*SECRET\/\/NOFORN\*\*/);
  });
});

describe('the CUI designation indicator (32 CFR 2002.20)', () => {
  it('a CUI document carries "CUI" banners and Controlled by / CUI Category / dissemination / POC, no Derived From', async () => {
    lib.updateFact(fx.facts.b, { marking: 'CUI//SP-PRVCY//FEDCON' });
    lib.updateBriefing(fx.briefingId, { derivedFrom: true, fields: { cuiControlledBy: 'DoS/EB/TPN', cuiPoc: 'J. Smith, 202-555-0100' } });
    const { body, hf } = await exported('cui');
    for (const t of hf) expect(t).toContain('CUI//SP-PRVCY//FEDCON');
    const at = body.indexOf('Controlled by: DoS/EB/TPN');
    expect(body.slice(at, at + 4)).toEqual([
      'Controlled by: DoS/EB/TPN',
      'CUI Category: SP-PRVCY',
      'Distribution/Dissemination Control: FEDCON',
      'POC: J. Smith, 202-555-0100',
    ]);
    expect(body.some((t) => /Derived From|Declassify On|Classified By/.test(t))).toBe(false);
    expect(body.some((t) => t.startsWith('(CUI//SP-PRVCY//FEDCON) Own sentence'))).toBe(true);
  });

  it('missing Controlled by, CUI Category and POC are pre-flight errors (DoDI 5200.48 asks for the category too)', () => {
    expect(codes().filter((c) => c === 'error:cui-designation-missing')).toHaveLength(3);
    lib.updateBriefing(fx.briefingId, { fields: { cuiCategory: 'PRVCY' } });
    expect(codes().filter((c) => c === 'error:cui-designation-missing')).toHaveLength(2);
    lib.setMarkingDefault('cuiControlledBy', 'DoS/EB');
    lib.setMarkingDefault('cuiPoc', 'J. Smith');
    expect(codes().filter((c) => c === 'error:cui-designation-missing')).toHaveLength(0);
  });
});

describe('the banner against its portions', () => {
  it('set above every portion: an over-classification warning; below one: an error', () => {
    lib.updateBriefing(fx.briefingId, { marking: 'S' });
    expect(codes()).toContain('warning:over-classified');
    lib.updateFact(fx.facts.c, { marking: 'TS' });
    expect(codes()).toContain('error:marking-below-facts');
    expect(codes()).not.toContain('warning:over-classified');
  });
});

describe('markings with controls survive the briefing Markdown round trip', () => {
  it('"S//REL TO USA, GBR" on the briefing and "S//NF" on an item come back as they were', () => {
    lib.updateFact(fx.facts.a1, { marking: 'S//REL TO USA, GBR' });
    lib.updateBriefing(fx.briefingId, { marking: 'S//REL TO USA, GBR', fields: { classifiedBy: 'J. Smith', declassifyOn: '20501231' } });
    lib.updateItem(fx.briefingId, fx.items.prose, { marking: 's//nf' });
    const md = exportBriefingMarkdown(lib, fx.briefingId);
    const back = importBriefingMarkdown(lib, md, builtIn);
    expect(back.marking).toBe('S//REL TO USA, GBR');
    expect(back.fields).toMatchObject({ classifiedBy: 'J. Smith', declassifyOn: '20501231' });
    expect(back.sections.flatMap((s) => s.items).find((i) => i.kind === 'prose')?.marking).toBe('S//NOFORN');
  });
});
