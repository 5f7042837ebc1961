import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResolvedDocument } from '../document';
import { getTemplate } from '../template/load';
import { openDocx, visibleText } from '../testing/docx-parts';
import { infoMemo, ITEMS, note } from '../testing/fixtures';
import { hasOoxmlValidator, ooxmlValidator } from '../testing/ooxml-validator';
import { linkSegments } from './links';
import { renderDocx } from './render';

const URL = 'https://www.fao.org/giews/reports/black-sea?id=4&lang=en';

function withUrls(): ResolvedDocument {
  const doc = infoMemo();
  doc.sections[0].blocks[0].inlines.push(note(ITEMS.fao, [{ text: 'FAO, ' }, { text: 'Black Sea', italic: true }, { text: `, 3, ${URL}.` }], '3'));
  doc.bibliography!.entries.push([{ text: 'Food and Agriculture Organization. ' }, { text: 'Report', italic: true }, { text: `. Rome, 2024. ${URL}.` }]);
  return doc;
}

describe('addresses in notes and the bibliography are hyperlinks', () => {
  it('cuts runs at an address, keeping their formatting and the sentence’s full stop outside', () => {
    const segs = linkSegments([{ text: 'See ' }, { text: 'http://a.example/x', italic: true }, { text: '/y. Then' }]);
    expect(segs).toEqual([
      { runs: [{ text: 'See ' }] },
      { href: 'http://a.example/x/y', runs: [{ text: 'http://a.example/x', italic: true }, { text: '/y' }] },
      { runs: [{ text: '. Then' }] },
    ]);
  });

  it('writes w:hyperlink with an external relationship in footnotes.xml and document.xml, and stays valid', async () => {
    const buf = await renderDocx(withUrls(), getTemplate('info-memo'));
    const d = openDocx(buf);
    const notes = d.part('word/footnotes.xml');
    const link = /<w:hyperlink w:history="1" r:id="rId(N\d+L1)">([\s\S]*?)<\/w:hyperlink>/.exec(notes);
    expect(link).not.toBeNull();
    expect(visibleText(link![2])).toBe(URL);
    expect(link![2]).toContain('<w:rStyle w:val="Hyperlink"/>');
    const rel = (part: string, id: string) =>
      new RegExp(`<Relationship Id="rId${id}" Type="[^"]+/hyperlink" Target="([^"]+)" TargetMode="External"/>`).exec(d.part(part))?.[1];
    expect(rel('word/_rels/footnotes.xml.rels', link![1])).toBe(URL.replace('&', '&amp;'));
    const body = d.part('word/document.xml');
    const bib = /<w:hyperlink w:history="1" r:id="rId(B\d+L1)">([\s\S]*?)<\/w:hyperlink>/.exec(body);
    expect(visibleText(bib![2])).toBe(URL);
    expect(rel('word/_rels/document.xml.rels', bib![1])).toBe(URL.replace('&', '&amp;'));
    // The full stop after the address stays outside the link.
    expect(visibleText(body)).toContain(`Rome, 2024. ${URL}.`);
    expect(d.part('word/styles.xml')).toContain('w:styleId="Hyperlink"');
    if (hasOoxmlValidator) {
      const dir = mkdtempSync(join(tmpdir(), 'links-'));
      try {
        const file = join(dir, 'links.docx');
        writeFileSync(file, buf);
        const v = await ooxmlValidator();
        expect(await v.validateFile(file)).toMatchObject({ ok: true, errors: [] });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 60_000);
});
