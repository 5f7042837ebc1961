import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { assembleBriefing } from './assemble';
import { renderDocx } from './docx/render';
import { preflight } from './preflight';
import { loadClaimDetectors } from './unsourced-claims';
import { dateRulesFor, getTemplate } from './template/index';
import { openDocx, paragraphs, visibleText } from './testing/docx-parts';

// Pre-flight is called directly here: its capture detectors load first, as the exporters load them.
beforeAll(() => loadClaimDetectors());

let lib: Library;
let dir: string;
let templateDir: string;
let done: () => void;
const TODAY = new Date('2024-01-18T12:00:00Z');

beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  dir = t.dir;
  done = t.cleanup;
  // A British copy of the info memo: its dates print and read the British way.
  templateDir = join(dir, 'templates');
  mkdirSync(templateDir);
  const uk = JSON.parse(readFileSync(join(__dirname, '..', 'templates', 'builtin', 'info-memo.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(templateDir, 'uk-memo.json'), JSON.stringify({ ...uk, id: 'uk-memo', name: 'UK memo', locale: 'en-GB' }));
});
afterEach(() => done());

function create(templateId: string, fields: Record<string, string>): string {
  const template = getTemplate(templateId, templateDir);
  return lib.createBriefing(
    { title: 'Grain Corridor', templateId, fields },
    template.sections.map((s) => ({ key: s.key, heading: s.heading })),
    dateRulesFor(templateDir),
  ).id;
}

/** The body's paragraphs as text, from the exported .docx. */
async function exported(id: string): Promise<string[]> {
  const a = assembleBriefing(lib, id, { templateDir, today: TODAY });
  const docx = openDocx(await renderDocx(a.doc, a.template));
  return paragraphs(docx.part('word/document.xml')).map(visibleText);
}

describe('header dates', () => {
  it('print in the template locale, not the citation style’s, and never as ISO', async () => {
    const us = create('action-memo', { date: '2024-01-18', decideBy: 'Jan. 25, 2024' });
    expect(lib.getBriefing(us).fields).toMatchObject({ date: '2024-01-18', decideBy: '2024-01-25' });
    const usText = await exported(us);
    expect(usText).toContain('January 18, 2024');
    expect(usText).toContain('Decision requested by January 25, 2024');
    expect(usText.join('\n')).not.toContain('2024-01-');

    // The same briefing in the British template, with a citation style whose locale is American.
    const uk = create('uk-memo', { date: '1/2/2024' });
    expect(lib.getBriefing(uk).fields.date).toBe('2024-02-01');
    lib.updateBriefing(uk, { styleId: 'apa' });
    const a = assembleBriefing(lib, uk, { templateDir, today: TODAY });
    expect(a.engine.locale).toMatch(/^en-US/);
    expect(await exported(uk)).toContain('1 February 2024');
  });

  it('print today in the template locale when none is typed', async () => {
    expect(await exported(create('uk-memo', {}))).toContain('18 January 2024');
    expect(await exported(create('info-memo', {}))).toContain('January 18, 2024');
  });

  it('include a sitrep’s “as of”, typed as a date field in the template', async () => {
    expect(getTemplate('situation-report').headerFields.find((f) => f.key === 'asOf')?.type).toBe('date');
    const id = create('situation-report', { asOf: '18 Jan 24' });
    expect(lib.getBriefing(id).fields.asOf).toBe('2024-01-18');
    expect(await exported(id)).toContain('AS OF:January 18, 2024');
  });

  it('refuse what they cannot read, naming the field, and save nothing', () => {
    const id = create('action-memo', {});
    const before = lib.getBriefing(id);
    expect(() => lib.updateBriefing(id, { fields: { decideBy: 'xyz', for: 'The Secretary' } }, dateRulesFor(templateDir))).toThrow(
      'cannot read "xyz" as a date; write e.g. 2024-01-18 or January 18, 2024',
    );
    expect(lib.getBriefing(id)).toEqual(before);
  });

  it('kept from before dates were checked print as typed, and pre-flight names the field', async () => {
    const id = create('situation-report', {});
    // Stored without the template's date rules, as an old library holds free text.
    lib.updateBriefing(id, { fields: { asOf: '0800Z Thursday' } });
    expect(await exported(id)).toContain('AS OF:0800Z Thursday');
    const warnings = preflight(assembleBriefing(lib, id, { templateDir, today: TODAY }), { now: TODAY }).filter((w) => w.code === 'unreadable-date');
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining('Header field AS OF ("0800Z Thursday") is not a date')]);
  });
});

describe('optional header and closing lines', () => {
  it('print only with content: THROUGH, Attachments, Prepared by', async () => {
    const bare = await exported(create('info-memo', { for: 'SECRETARY OF STATE', from: 'Jane Doe', through: '  ' }));
    expect(bare.filter((p) => /^(THROUGH|Attachments|Prepared by):/.test(p))).toEqual([]);
    const full = await exported(
      create('info-memo', { for: 'SECRETARY OF STATE', through: 'Deputy Secretary', attachments: 'Tab A: Port capacity table', preparedBy: 'Jane Doe' }),
    );
    expect(full).toEqual(expect.arrayContaining(['THROUGH:Deputy Secretary', 'Attachments:Tab A: Port capacity table', 'Prepared by:Jane Doe']));
  });
});
