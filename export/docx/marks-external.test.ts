import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../../db/library';
import { tempLibrary } from '../../db/testing/temp-library';
import { exportBriefing } from '../export-briefing';
import { citationFields, decodeXml, fieldInstructions, hasTool, openDocx, paragraphs, visibleText } from '../testing/docx-parts';
import { type MarksFixture, marksBriefing } from '../testing/marks-fixture';
import { hasOoxmlValidator, ooxmlValidator } from '../testing/ooxml-validator';

/**
 * Citation marks in prose, exported to Word and read back by readers we did not write:
 * each mark is a real footnote reference at its place, with the note text citeproc gave it,
 * numbered, shortened and Ibid.-ed in document order with the placed facts.
 */
const hasSoffice = hasTool('soffice', ['--headless', '--version']);
const hasPandoc = hasTool('pandoc');
const hasPdftotext = hasTool('pdftotext', ['-v']);
const skipped = (ok: boolean, what: string) => (ok ? '' : ` — skipped: ${what} not installed`);

let lib: Library;
let dir: string;
let done: () => void;
let f: MarksFixture;
const TODAY = new Date('2025-02-01T12:00:00Z');
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  dir = t.dir;
  done = t.cleanup;
  f = marksBriefing(lib);
});
afterEach(() => done());

async function exportDocx(name: string, opts: { styleId?: string } = {}): Promise<string> {
  return (await exportBriefing(lib, f.briefingId, { out: join(dir, `${name}.docx`), today: TODAY, now: TODAY, ...opts })).path;
}

/** Each note's visible text by its id in footnotes.xml. */
function noteTexts(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<w:footnote [^>]*w:id="(-?\d+)"[^>]*>([\s\S]*?)<\/w:footnote>/g)) {
    if (!/w:type="(separator|continuationSeparator)"/.test(m[0])) out.set(m[1], visibleText(m[2]).trim());
  }
  return out;
}

/** A body paragraph as text with each footnote reference written as {note text}. */
function withNotes(paragraph: string, notes: Map<string, string>): string {
  let out = '';
  for (const m of paragraph.matchAll(/<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:footnoteReference w:id="(\d+)"\/>/g)) {
    out += m[2] !== undefined ? `{${notes.get(m[2])}}` : decodeXml(m[1]);
  }
  return out;
}

function bodyWithNotes(path: string): string[] {
  const docx = openDocx(readFileSync(path));
  const notes = noteTexts(docx.part('word/footnotes.xml'));
  return paragraphs(docx.part('word/document.xml'))
    .map((p) => withNotes(p, notes))
    .filter((t) => t.includes('{'));
}

const OKAFOR_FULL = 'Adaeze Okafor, “Grain Corridor Reopens as Talks Resume,” The Meridian Herald, January 19, 2025, para. 1.';
const ITS_FULL = 'Institute for Trade Studies, “Black Sea Shipping After the Ceasefire” (Institute for Trade Studies, December 2024), 4.';
const LINDQVIST_FULL = 'Erik Lindqvist, “Insurers Return to Odesa Routes,” Harbour Wire, January 22, 2025, para. 2.';

describe('citation marks in a Word export', () => {
  it('are footnote references at their places, with the right note texts, in document order with placed facts', async () => {
    const path = await exportDocx('marks');
    expect(bodyWithNotes(path)).toEqual([
      `Ships carrying grain left Odesa on Jan. 18.{${OKAFOR_FULL}}`,
      `Own sentence{Ibid., para. 3; ${ITS_FULL}} continues.{See ${LINDQVIST_FULL}}`,
      'Two insurers returned to the route.{Ibid.}',
    ]);
    // Each note carries a Zotero field naming its cluster, with the mark's prefix and locator.
    const fields = fieldInstructions(openDocx(readFileSync(path)).part('word/footnotes.xml')).map((i) =>
      JSON.parse(i.trim().replace(/^ADDIN ZOTERO_ITEM CSL_CITATION /, '')),
    );
    expect(fields.map((p) => p.citationID)).toEqual([f.items.placedA1, `${f.items.prose}#0`, `${f.items.prose}#1`, f.items.placedC]);
    expect(fields[1].citationItems.map((c: { id: string; locator: string }) => [c.id, c.locator])).toEqual([
      [f.sources.a, '3'],
      [f.sources.b, '4'],
    ]);
    expect(fields[2].citationItems[0]).toMatchObject({ id: f.sources.c, prefix: 'See ' });
    expect(fields.map((p) => p.properties.noteIndex)).toEqual([1, 2, 3, 4]);
  });

  it('stay right after a paragraph moves: numbers, Ibid. and short forms follow the new order', async () => {
    lib.moveItem(f.briefingId, f.items.placedC, 0);
    lib.moveItem(f.briefingId, f.items.prose, 2); // C, A1, prose
    expect(bodyWithNotes(await exportDocx('moved'))).toEqual([
      `Two insurers returned to the route.{${LINDQVIST_FULL}}`,
      `Ships carrying grain left Odesa on Jan. 18.{${OKAFOR_FULL}}`,
      `Own sentence{Ibid., para. 3; ${ITS_FULL}} continues.{See Lindqvist, “Insurers Return to Odesa Routes,” para. 2.}`,
    ]);
  });

  it('in an in-text style, are the in-text citation at the mark, before the full stop', async () => {
    const docx = openDocx(readFileSync(await exportDocx('apa', { styleId: 'apa' })));
    const text = paragraphs(docx.part('word/document.xml')).map(visibleText);
    expect(text).toContain('Own sentence (Institute for Trade Studies, 2024, p. 4; Okafor, 2025, para. 3) continues (see Lindqvist, 2025, para. 2).');
    expect(citationFields(docx.part('word/document.xml'))).toHaveLength(4);
  });

  it('escape hostile prefixes and suffixes (XML specials, right-to-left text, emoji) and stay valid', async () => {
    const prefix = 'cf. <w:p> & "q" \'a\' وزارة 🌾';
    const suffix = ', ]]> &amp; <b>bold</b> مرحبا 👍🏽';
    const escape = (s: string) => s.replace(/[\\;[\]@{}]/g, (c) => `\\${c}`);
    lib.updateItem(f.briefingId, f.items.prose, { text: `Hostile [${escape(prefix)} @${f.facts.c}${escape(suffix)}] text.` });
    const path = await exportDocx('hostile');
    const [, hostile] = bodyWithNotes(path);
    // XML specials stay text; <b>…</b> is the rich text citeproc and Zotero allow in affixes.
    expect(hostile).toBe(`Hostile{Cf. <w:p> & “q” ‘a’ وزارة 🌾 ${LINDQVIST_FULL.replace(/\.$/, '')}, ]]> &amp; bold مرحبا 👍🏽.} text.`);
    expect(openDocx(readFileSync(path)).part('word/footnotes.xml')).toMatch(/<w:b\/>[^]{0,200}>bold</);
    const field = fieldInstructions(openDocx(readFileSync(path)).part('word/footnotes.xml')).find((i) => i.includes('Hostile') || i.includes('وزارة'))!;
    expect(JSON.parse(field.trim().replace(/^ADDIN ZOTERO_ITEM CSL_CITATION /, '')).citationItems[0]).toMatchObject({
      prefix: 'Cf. <w:p> & "q" \'a\' وزارة 🌾 ',
      suffix,
    });
    if (hasOoxmlValidator) expect((await (await ooxmlValidator()).validateFile(path)).errors).toEqual([]);
  });

  it.runIf(hasOoxmlValidator)(
    `pass the Open XML SDK validator, a 50-cite note included${skipped(hasOoxmlValidator, 'the Open XML SDK validator')}`,
    async () => {
      const ids = Array.from({ length: 50 }, (_, i) => {
        const s = lib.addSource({ type: 'report', title: `Report ${i + 1}`, authors: [{ literal: `Office ${i + 1}` }], issued: '2024' });
        return lib.addFact({ sourceId: s.id, text: `Finding ${i + 1}.` }).id;
      });
      lib.addItems(f.briefingId, [{ kind: 'prose', text: `Fifty reports agree [${ids.map((id) => `@${id}`).join('; ')}].` }], 'discussion');
      const { validateFile } = await ooxmlValidator();
      for (const styleId of [undefined, 'apa']) {
        const path = await exportDocx(`valid-${styleId ?? 'notes'}`, styleId ? { styleId } : {});
        expect((await validateFile(path)).errors, styleId).toEqual([]);
      }
    },
  );

  it.runIf(hasPandoc)(`read back by pandoc with each note at its mark${skipped(hasPandoc, 'pandoc')}`, async () => {
    const r = spawnSync('pandoc', ['-f', 'docx', '-t', 'markdown', '--wrap=none', await exportDocx('pandoc')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Own sentence\[\^2\] continues\.\[\^3\]/);
    expect(r.stdout).toMatch(/^\[\^2\]: Ibid\., para\. 3; Institute for Trade Studies/m);
    expect(r.stdout).toMatch(/^\[\^3\]: See Erik Lindqvist/m);
    expect(r.stdout).toMatch(/^\[\^4\]: Ibid\.$/m);
  });

  it.runIf(hasSoffice && hasPdftotext)(
    `rendered by LibreOffice with the note numbers at the marks${skipped(hasSoffice && hasPdftotext, 'LibreOffice or pdftotext')}`,
    { timeout: 180_000 },
    async () => {
      const path = await exportDocx('lo');
      const profile = pathToFileURL(join(dir, 'lo-profile')).href;
      spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path], {
        encoding: 'utf8',
        timeout: 150_000,
      });
      const pdf = path.replace(/\.docx$/, '.pdf');
      expect(existsSync(pdf)).toBe(true);
      const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
      expect(text).toContain('Own sentence2 continues.3');
      // pdftotext lists a page's note numbers apart from their texts; the texts come in order.
      const at = ['Adaeze Okafor, “Grain Corridor', 'Ibid., para. 3; Institute for Trade Studies', 'See Erik Lindqvist', '4 Ibid.'].map((s) => text.indexOf(s));
      expect(at.every((x) => x >= 0)).toBe(true);
      expect([...at].sort((x, y) => x - y)).toEqual(at);
    },
  );
});
