import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../db/library';
import { tempLibrary } from '../db/testing/temp-library';
import { loadSample } from '../samples/load';
import { assembleBriefing } from './assemble';
import { exportBriefing } from './export-briefing';
import { preflight } from './preflight';
import { loadClaimDetectors } from './unsourced-claims';
import { count, fieldInstructions, openDocx, paragraphs, visibleText } from './testing/docx-parts';
import { hasOoxmlValidator, ooxmlValidator } from './testing/ooxml-validator';

// Pre-flight is called directly here: its capture detectors load first, as the exporters load them.
beforeAll(() => loadClaimDetectors());

const VALIDATOR_NOTE = hasOoxmlValidator ? '' : ' — skipped: Open XML SDK validator not installed (npm run setup:checkers)';

let lib: Library;
let dir: string;
let done: () => void;
let briefingId: string;
const TODAY = new Date('2025-02-01T12:00:00Z');

beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  dir = t.dir;
  done = t.cleanup;
  briefingId = loadSample(lib, TODAY);
});
afterEach(() => done());

/** The notes' visible texts in order, from footnotes.xml or endnotes.xml (separators dropped). */
function noteTexts(xml: string, tag: 'footnote' | 'endnote'): string[] {
  return [...xml.matchAll(new RegExp(`<w:${tag} [^>]*w:id="(\\d+)"[^>]*>([\\s\\S]*?)</w:${tag}>`, 'g'))]
    .filter((m) => !/w:type="(separator|continuationSeparator)"/.test(m[0]))
    .map((m) => visibleText(m[2]).trim());
}

describe('exporting a briefing from the library to Word', () => {
  it('writes real footnotes, one per cited fact, full first, then Ibid. and short forms', async () => {
    const r = await exportBriefing(lib, briefingId, { out: join(dir, 'memo.docx'), today: TODAY, now: TODAY });
    expect(r.path).toBe(join(dir, 'memo.docx'));
    const docx = openDocx(readFileSync(r.path));
    const cited = lib
      .getBriefing(briefingId)
      .sections.flatMap((s) => s.items)
      .filter((i) => i.kind === 'fact').length;
    expect(count(docx.part('word/document.xml'), /<w:footnoteReference /)).toBe(cited);
    const notes = noteTexts(docx.part('word/footnotes.xml'), 'footnote');
    expect(notes).toHaveLength(cited);
    expect(notes[0]).toMatch(/^Adaeze Okafor, “Grain Corridor Reopens as Talks Resume,” The Meridian Herald, January 19, 2025, para\. 1/);
    expect(notes[1]).toBe('Ibid., para. 3.');
    expect(notes[2]).toMatch(/^Institute for Trade Studies, “Black Sea Shipping After the Ceasefire/);
    expect(notes[3]).toBe('Ibid., 14.');
    expect(notes[6]).toMatch(/^Erik Lindqvist, “Insurers Return to Odesa Routes,” Harbour Wire/);
    // Secondary citation: the statement as quoted in the wire story, both already cited → short forms.
    expect(notes[7]).toMatch(
      /^U\.S\. Department of State, “Remarks on Food Security in the Black Sea Region,” quoted in Lindqvist, “Insurers Return to Odesa Routes\.”$/,
    );
    // The container title is italic in the note, as a Word run, not markup.
    expect(docx.part('word/footnotes.xml')).toMatch(/<w:i\/>[\s\S]{0,200}The Meridian Herald/);
    expect(docx.part('word/footnotes.xml')).not.toMatch(/&lt;i&gt;|<i>/);
  });

  it('carries the banner in every header and footer, portion marks, the memo header and named styles', async () => {
    const r = await exportBriefing(lib, briefingId, { out: dir, today: TODAY, now: TODAY });
    expect(r.path).toBe(join(dir, 'Funding Storage and Rail Links for Danube Grain Ports.docx'));
    const docx = openDocx(readFileSync(r.path));
    const hf = docx.parts(/^word\/(header|footer)\d*\.xml$/);
    expect(hf.length).toBeGreaterThanOrEqual(2);
    for (const part of hf) expect(visibleText(part.xml), part.name).toContain('CUI'); // one fact is CUI: the banner rises to it
    const body = docx.part('word/document.xml');
    const text = paragraphs(body).map(visibleText);
    expect(text).toContain('ACTION MEMO');
    expect(text.some((t) => /^FOR:\s*UNDER SECRETARY FOR ECONOMIC AFFAIRS$/.test(t))).toBe(true);
    expect(text.some((t) => /^SUBJECT:\s*\(U\) Funding Storage/.test(t))).toBe(true);
    expect(text.some((t) => t.startsWith('(CUI) Berths at the three main ports'))).toBe(true);
    expect(text.some((t) => t.startsWith('(U) BLUF:'))).toBe(true);
    expect(text).toEqual(expect.arrayContaining(['DECISION:', 'Decision requested by February 7, 2025', 'Approve', 'Disapprove', 'Other']));
    // A CUI document has a designation indicator instead of a Derived From line (32 CFR 2002.20).
    expect(text.some((t) => /Derived From:/.test(t))).toBe(false);
    expect(text).toEqual(expect.arrayContaining(['Controlled by: Department of State, Office of Global Food Security', 'POC: John Roe, (202) 555-0123']));
    const styles = docx.part('word/styles.xml');
    for (const name of ['Dossier Memo Title', 'Dossier Bullet']) expect(styles).toContain(`w:val="${name}"`);
    // The Sources list: only the cited sources, with a hanging indent.
    const sources = text.slice(text.indexOf('Sources') + 1);
    expect(sources).toHaveLength(5);
    expect(sources[0]).toMatch(/^Institute for Trade Studies\. “Black Sea Shipping/);
    expect(styles + body).toMatch(/w:hanging="\d+"/);
    // Each citation carries the Zotero field with its CSL-JSON.
    const fields = [...fieldInstructions(body), ...fieldInstructions(docx.part('word/footnotes.xml'))].filter((f) => f.includes('ZOTERO_ITEM'));
    expect(fields).toHaveLength(9);
    const payload = JSON.parse(fields[0].replace(/^\s*ADDIN ZOTERO_ITEM CSL_CITATION /, ''));
    expect(payload.citationItems[0].itemData).toMatchObject({ type: 'article-newspaper', title: 'Grain Corridor Reopens as Talks Resume' });
  });

  it('renumbers notes and moves Ibid. when facts are reordered', async () => {
    const b = lib.getBriefing(briefingId);
    const discussion = b.sections.find((s) => s.key === 'discussion')!;
    // Move the minister's quote (2nd) to the end: it can no longer be Ibid. of the first note.
    lib.moveItem(briefingId, discussion.items[1].id, 99);
    const notes = assembleBriefing(lib, briefingId, { today: TODAY }).doc.sections.flatMap((s) =>
      s.blocks.flatMap((bl) => bl.inlines.filter((i) => i.type === 'note')),
    );
    const texts = notes.map((n) => (n.type === 'note' ? n.runs.map((r) => r.text).join('') : ''));
    expect(notes.map((n) => (n.type === 'note' ? n.noteNumber : 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(texts[1]).toMatch(/^Institute for Trade Studies, “Black Sea Shipping/); // was note 3
    expect(texts[8]).toBe('Okafor, “Grain Corridor Reopens as Talks Resume,” para. 3.'); // short form now
  });

  it('uses endnotes, in-text styles and other formats on request', async () => {
    const end = openDocx(readFileSync((await exportBriefing(lib, briefingId, { out: join(dir, 'e.docx'), notes: 'endnotes', today: TODAY })).path));
    expect(count(end.part('word/document.xml'), /<w:endnoteReference /)).toBe(9);
    expect(count(end.part('word/document.xml'), /<w:footnoteReference /)).toBe(0);
    const apa = openDocx(readFileSync((await exportBriefing(lib, briefingId, { out: join(dir, 'apa.docx'), styleId: 'apa', today: TODAY })).path));
    const body = paragraphs(apa.part('word/document.xml')).map(visibleText);
    expect(body.some((t) => t.includes('(Okafor, 2025, para. 1).'))).toBe(true);
    expect(count(apa.part('word/document.xml'), /<w:footnoteReference /)).toBe(0);
    const md = readFileSync((await exportBriefing(lib, briefingId, { out: join(dir, 'memo.md'), today: TODAY })).path, 'utf8');
    expect(md.match(/^\[\^\d+\]:/gm)).toHaveLength(9);
    const txt = readFileSync((await exportBriefing(lib, briefingId, { out: join(dir, 'memo.txt'), today: TODAY })).path, 'utf8');
    expect(txt).toMatch(/\[1\]/);
    expect(txt).not.toMatch(/\*\*|<w:/);
  });

  it.runIf(hasOoxmlValidator)(`passes the Open XML SDK validator${VALIDATOR_NOTE}`, async () => {
    const { validateFile } = await ooxmlValidator();
    for (const opts of [{}, { notes: 'endnotes' as const }, { styleId: 'apa' }, { templateId: 'talking-points' }, { templateId: 'situation-report' }]) {
      const r = await exportBriefing(lib, briefingId, { out: join(dir, `v-${JSON.stringify(opts).replace(/\W/g, '')}.docx`), today: TODAY, ...opts });
      const v = await validateFile(r.path);
      expect(v.errors, JSON.stringify(opts)).toEqual([]);
      expect(v.ok).toBe(true);
    }
  });

  it('keeps hostile text intact and the file valid', async () => {
    const s = lib.addSource({ type: 'webpage', title: 'Ünïcödé <b>&amp; "quotes"</b> \u0007bell', authors: [{ literal: 'وزارة الخارجية' }] });
    const f = lib.addFact({ text: 'Korean 한국어, Arabic العربية, emoji 🌾, combining é, controls \u000b\u001f and & < > survive.', sourceId: s.id });
    lib.addItems(briefingId, [{ kind: 'fact', factId: f.id }], 'discussion');
    const r = await exportBriefing(lib, briefingId, { out: join(dir, 'hostile.docx'), today: TODAY });
    const body = visibleText(openDocx(readFileSync(r.path)).part('word/document.xml'));
    expect(body).toContain('Korean 한국어, Arabic العربية, emoji 🌾, combining é, controls  and & < > survive.');
    if (hasOoxmlValidator) expect((await (await ooxmlValidator()).validateFile(r.path)).ok).toBe(true);
  });

  it('sanitises the file name and never leaves a half-written file', async () => {
    const r = await exportBriefing(lib, briefingId, { out: join(dir, 'CON.docx'), today: TODAY });
    expect(r.path).not.toMatch(/[\\/]CON\.docx$/);
    const bad = join(dir, 'no-such-folder', 'memo.docx');
    await expect(exportBriefing(lib, briefingId, { out: bad })).rejects.toMatchObject({ code: 'io' });
    writeFileSync(join(dir, 'keep.docx'), 'old good file');
    lib.updateBriefing(briefingId, { styleId: 'no-such-style' });
    await expect(exportBriefing(lib, briefingId, { out: join(dir, 'keep.docx') })).rejects.toThrow();
    expect(readFileSync(join(dir, 'keep.docx'), 'utf8')).toBe('old good file');
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });
});

describe('pre-flight', () => {
  it('flags weak single sources, unverified facts, empty sections, acronyms and a marking below the facts', () => {
    lib.updateBriefing(briefingId, { marking: 'U', fields: { subject: 'Funding for NATO and EU Ports' } });
    const warnings = preflight(assembleBriefing(lib, briefingId, { today: TODAY }), { now: TODAY });
    const codes = warnings.map((w) => w.code);
    expect(codes).toContain('single-weak-source'); // the blog, graded E, credibility 5
    expect(codes).toContain('not-verified'); // the blog fact was never verified
    expect(codes).toContain('subject-acronym');
    expect(codes).toContain('marking-below-facts');
    expect(warnings.find((w) => w.code === 'subject-acronym')!.message).toMatch(/NATO, EU/);
    const empty = lib.createBriefing({ title: 'Empty', templateId: 'info-memo' }, [{ key: 'bluf', heading: 'BLUF' }]);
    expect(preflight(assembleBriefing(lib, empty.id)).map((w) => w.code)).toContain('empty-required-section');
  });
});

describe('pre-flight: the decision date', () => {
  const codesWith = (fields: Record<string, string>) => {
    lib.updateBriefing(briefingId, { fields });
    return preflight(assembleBriefing(lib, briefingId, { today: TODAY }), { now: TODAY }).filter((w) => w.code === 'decision-date-passed');
  };

  it('is quiet while the decide-by date is ahead of the memo (the sample: six days after today)', () => {
    expect(lib.getBriefing(briefingId).fields.decideBy).toBe('2025-02-07');
    expect(codesWith({})).toEqual([]);
  });

  it('warns when the decide-by date is already behind the memo date, naming both', () => {
    expect(codesWith({ decideBy: 'January 15, 2025' })[0].message).toBe(
      "The decision is requested by January 15, 2025, which is before the memo's date (February 1, 2025).",
    );
    expect(codesWith({ decideBy: 'February 7, 2025', date: '1 March 2025' })[0].message).toMatch(/before the memo's date \(March 1, 2025\)/); // printed in the US template's own style
  });

  it('reads stored ISO dates and prints them in the template locale', () => {
    expect(codesWith({ decideBy: '2025-01-15', date: '2025-01-20' })[0].message).toBe(
      "The decision is requested by January 15, 2025, which is before the memo's date (January 20, 2025).",
    );
  });

  it('does not compare a date it cannot read; names that field instead (free text kept from before dates were checked)', () => {
    // Written without the template's date rules, as a library from before dates were checked holds them.
    expect(codesWith({ decideBy: 'COB Friday' })).toEqual([]);
    const unreadable = preflight(assembleBriefing(lib, briefingId, { today: TODAY }), { now: TODAY }).filter((w) => w.code === 'unreadable-date');
    expect(unreadable.map((w) => w.message)).toEqual([
      'Header field Decision requested by ("COB Friday") is not a date Dossier can read; it prints as typed. Write e.g. 2024-01-18 or January 18, 2024.',
    ]);
    expect(assembleBriefing(lib, briefingId, { today: TODAY }).doc.decision?.decideBy).toBe('COB Friday');
  });
});

describe('real clients', () => {
  // .ci/run installs all three; on CI their absence is a failure, not a silent skip.
  it.runIf(process.env.CI === 'true')('CI has the Open XML SDK validator', () => expect(hasOoxmlValidator).toBe(true));

  const has = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 60_000 });
    return !r.error && r.status === 0;
  };
  const soffice = has('soffice', ['--headless', '--version']);
  const pandoc = has('pandoc', ['--version']);
  it.runIf(soffice && pandoc)(
    `LibreOffice renders the sample memo to PDF and pandoc reads its 9 footnotes${soffice && pandoc ? '' : ' — skipped: LibreOffice or pandoc not installed'}`,
    { timeout: 180_000 },
    async () => {
      const r = await exportBriefing(lib, briefingId, { out: join(dir, 'memo.docx'), today: TODAY });
      const conv = spawnSync('soffice', [`-env:UserInstallation=file://${join(dir, 'lo')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, r.path], {
        encoding: 'utf8',
        timeout: 150_000,
      });
      expect(existsSync(join(dir, 'memo.pdf')), conv.stderr).toBe(true);
      const md = spawnSync('pandoc', ['-f', 'docx', '-t', 'markdown', r.path], { encoding: 'utf8' });
      expect(md.stdout.match(/^\[\^\d+\]:/gm)).toHaveLength(9);
    },
  );
});

describe('export phases and cancelling', () => {
  it('reports its phases in order', async () => {
    const phases: string[] = [];
    await exportBriefing(lib, briefingId, { out: join(dir, 'phased.docx'), today: TODAY, onPhase: (p) => phases.push(p) });
    expect(phases).toEqual(['citations', 'document', 'writing', 'checks']);
  });

  it('stops before writing when cancelled, leaving an existing file as it was', async () => {
    const out = join(dir, 'kept.docx');
    writeFileSync(out, 'the good copy');
    const controller = new AbortController();
    const phases: string[] = [];
    const pending = exportBriefing(lib, briefingId, {
      out,
      today: TODAY,
      signal: controller.signal,
      onPhase: (p) => {
        phases.push(p);
        if (p === 'document') controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(phases).toEqual(['citations', 'document']);
    expect(readFileSync(out, 'utf8')).toBe('the good copy');
    expect(readdirSync(dir).filter((f) => f.includes('kept'))).toEqual(['kept.docx']);
  });
});
