import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../../db/library';
import { tempLibrary } from '../../db/testing/temp-library';
import { loadSample } from '../../samples/load';
import type { ResolvedDocument } from '../document';
import { exportBriefing } from '../export-briefing';
import { getTemplate } from '../template/load';
import { openDocx, paragraphs, visibleText } from '../testing/docx-parts';
import { infoMemo, t } from '../testing/fixtures';
import { renderDocx } from './render';

const TODAY = new Date('2025-02-01T12:00:00Z');
const PROSE = `The minister called it "a **turning point**"[@FACT] -- but 'rock 'n' roll' isn't dead; he's 5' 10". See https://example.org/a--b.`;

let lib: Library;
let dir: string;
let done: () => void;
let briefingId: string;
let factId: string;
beforeEach(() => {
  const tl = tempLibrary();
  lib = tl.lib;
  dir = tl.dir;
  done = tl.cleanup;
  briefingId = loadSample(lib, TODAY);
  const b = lib.getBriefing(briefingId);
  const fact = b.sections.flatMap((s) => s.items).find((i) => i.kind === 'fact');
  factId = (fact as { factId: string }).factId;
  lib.addItems(briefingId, [{ kind: 'prose', text: PROSE.replace('FACT', factId) }], b.sections[0].key);
});
afterEach(() => done());

describe('typography in the .docx body', () => {
  it('prints typographic quotes, apostrophes, dashes and primes; the stored text and Markdown keep what was typed', async () => {
    const r = await exportBriefing(lib, briefingId, { out: join(dir, 'memo.docx'), today: TODAY, now: TODAY });
    const docx = openDocx(readFileSync(r.path));
    const body = docx.part('word/document.xml');
    const para = paragraphs(body).find((p) => visibleText(p).includes('The minister called it'))!;
    expect(visibleText(para)).toContain(
      'The minister called it “a turning point” — but ‘rock ’n’ roll’ isn’t dead; he’s 5′ 10″. See https://example.org/a--b.',
    );
    // The quote opens in a plain run, closes after the bold one, and the note marker follows the closing mark.
    expect(para).toMatch(
      /“a <\/w:t><\/w:r><w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">turning point<\/w:t><\/w:r><w:r><w:t xml:space="preserve">”<\/w:t><\/w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/>/,
    );
    // Fact text captured with straight marks is curled too; no straight quote is left in body text.
    expect(paragraphs(body).map(visibleText).join('\n')).not.toMatch(/["']/);

    // Stored text unchanged; the Markdown export keeps the author's characters.
    const stored = lib
      .getBriefing(briefingId)
      .sections.flatMap((s) => s.items)
      .find((i) => i.kind === 'prose' && i.text.includes('minister'));
    expect((stored as { text: string }).text).toContain(`"a **turning point**"`);
    const md = await exportBriefing(lib, briefingId, { out: join(dir, 'memo.md'), format: 'markdown', today: TODAY, now: TODAY });
    const mdText = readFileSync(md.path, 'utf8');
    expect(mdText).toContain(`'rock 'n' roll' isn't dead; he's 5' 10"`);
    expect(mdText).toContain(' -- but ');
    const txt = await exportBriefing(lib, briefingId, { out: join(dir, 'memo.txt'), format: 'text', today: TODAY, now: TODAY });
    expect(readFileSync(txt.path, 'utf8')).toContain(`isn't dead; he's 5' 10"`);
  });
});

describe('typography follows the document language', () => {
  async function bodyOf(doc: ResolvedDocument): Promise<string> {
    const d = openDocx(await renderDocx(doc, getTemplate(doc.templateId)));
    return paragraphs(d.part('word/document.xml')).map(visibleText).join('\n');
  }
  const withText = (language: string, text: string): ResolvedDocument => {
    const doc = infoMemo();
    doc.language = language;
    doc.sections[0].blocks[0].inlines.unshift(t(text));
    return doc;
  };

  it('German „…“ ‚…‘ and an en dash', async () => {
    expect(await bodyOf(withText('de-DE', `Er sagte "das 'Ende' naht" -- heute. `))).toContain('Er sagte „das ‚Ende‘ naht“ – heute.');
  });

  it('French « … » with no-break spaces inside, and “…” nested', async () => {
    const text = await bodyOf(withText('fr-FR', `Il a dit "c'est 'fini' " hier. `));
    expect(text).toContain('Il a dit «\u00a0c’est “fini”\u00a0» hier.');
  });

  it('leaves citeproc’s notes alone', async () => {
    const doc = withText('de-DE', `"Zitat" `);
    const d = openDocx(await renderDocx(doc, getTemplate(doc.templateId)));
    // The note keeps the English marks citeproc gave it.
    expect(visibleText(d.part('word/footnotes.xml'))).toContain('Ada Okafor, “Insurers Return to Odesa Routes as Talks Resume,”');
  });
});
