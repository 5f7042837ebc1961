import { Document, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { DossierError } from '../../core/errors';
import { getTemplate } from '../template/load';
import { count, fieldInstructions, openDocx, paragraphs, visibleText } from '../testing/docx-parts';
import { infoMemo, noteCount, talkingPoints } from '../testing/fixtures';
import { buildLetterhead, LETTERHEAD_ADDRESS, LETTERHEAD_NAME } from '../testing/letterhead';
import { highRatioZip, manyEntriesZip } from '../../core/zip/testing';
import { renderIntoLetterhead } from './letterhead';

describe('renderIntoLetterhead', () => {
  it('fills the placeholders and keeps the letterhead header, logo, footer and styles', async () => {
    const doc = infoMemo();
    const out = openDocx(await renderIntoLetterhead(doc, getTemplate('info-memo'), await buildLetterhead()));
    const body = out.part('word/document.xml');
    expect(body).not.toContain('{{');

    const headers = out.parts(/^word\/header\d+\.xml$/);
    const footers = out.parts(/^word\/footer\d+\.xml$/);
    expect(headers.length).toBeGreaterThan(0);
    expect(headers.some((h) => visibleText(h.xml).includes(LETTERHEAD_NAME))).toBe(true);
    expect(footers.some((f) => visibleText(f.xml).includes(LETTERHEAD_ADDRESS))).toBe(true);
    // The seal survives: an image part, referenced from the header's relationships.
    expect(out.names.some((n) => /^word\/media\/.+\.png$/.test(n))).toBe(true);
    expect(out.parts(/^word\/_rels\/header\d+\.xml\.rels$/).some((r) => r.xml.includes('media/'))).toBe(true);
    // The banner is added at the top of every header and the bottom of every footer.
    for (const h of headers) expect(visibleText(paragraphs(h.xml)[0])).toBe('UNCLASSIFIED');
    for (const f of footers) expect(visibleText(paragraphs(f.xml).at(-1)!)).toBe('UNCLASSIFIED');
    // The letterhead's own PAGE field gets a cached result.
    expect(
      footers.some((f) => /> ?PAGE ?<\/w:instrText>[\s\S]*?fldCharType="separate"\/><\/w:r><w:r>(?:<w:rPr>[\s\S]*?<\/w:rPr>)?<w:t>1<\/w:t>/.test(f.xml)),
    ).toBe(true);

    const texts = paragraphs(body).map(visibleText);
    expect(texts[0]).toBe('INFO MEMO');
    expect(texts).toContain('March 3, 2025');
    expect(texts).toContain('FOR:SECRETARY OF STATE');
    expect(texts).toContain('SUBJECT:(U) Black Sea Grain Corridor After the Ceasefire Talks');
    expect(texts.some((t) => t.startsWith('(U) BLUF: Grain exports'))).toBe(true);
    expect(texts).toContain('Prepared by:Jane Doe, Office of Global Food Security, (202) 555-0100');

    // Real footnotes with the Zotero fields inside them.
    expect(count(body, /<w:footnoteReference\b/)).toBe(noteCount(doc));
    const notes = out.part('word/footnotes.xml');
    expect(fieldInstructions(notes).filter((i) => i.includes('ZOTERO_ITEM'))).toHaveLength(noteCount(doc));
    expect(visibleText(notes)).toContain('Black Sea Grain Shipments: Quarterly Review');

    // The letterhead's styles are kept (Arial body), and the Dossier styles are added.
    const styles = out.part('word/styles.xml');
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:ascii="Arial"/);
    for (const name of ['Dossier Bullet', 'Dossier Body', 'Dossier Sources Entry', 'Dossier BLUF', 'Dossier Banner']) {
      expect(styles).toContain(`<w:name w:val="${name}"/>`);
    }
    expect(count(styles, /w:styleId="DossierBullet"/)).toBe(1);
    expect(paragraphs(body).filter((p) => p.includes('<w:pStyle w:val="DossierBullet"/>'))).toHaveLength(4);
    expect(out.part('word/numbering.xml')).toContain('\u2022');
  });

  it('puts endnotes in endnotes.xml and numbers them 1, 2, 3', async () => {
    const doc = talkingPoints();
    const out = openDocx(await renderIntoLetterhead(doc, getTemplate('talking-points'), await buildLetterhead()));
    const body = out.part('word/document.xml');
    expect(count(body, /<w:endnoteReference\b/)).toBe(noteCount(doc));
    expect(count(out.part('word/endnotes.xml'), /<w:endnote\s+w:id="[1-9]/)).toBe(noteCount(doc));
    expect(body).toMatch(/<w:endnotePr><w:numFmt w:val="decimal"\/><\/w:endnotePr>/);
  });

  it('fills a {{banner}} placeholder instead of adding a second banner', async () => {
    const out = openDocx(await renderIntoLetterhead(infoMemo(), getTemplate('info-memo'), await buildLetterhead({ withBannerPlaceholder: true })));
    for (const p of out.parts(/^word\/(header|footer)\d+\.xml$/)) {
      expect(p.xml).not.toContain('{{');
      expect(visibleText(p.xml).split('UNCLASSIFIED').length - 1, p.name).toBe(1);
    }
  });

  it('creates a header and footer for the banner when the letterhead has none', async () => {
    const bare = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('{{body}}')] })] }] }));
    const out = openDocx(await renderIntoLetterhead(infoMemo(), getTemplate('info-memo'), bare));
    const headers = out.parts(/^word\/header\d+\.xml$/);
    const footers = out.parts(/^word\/footer\d+\.xml$/);
    expect(headers).toHaveLength(1);
    expect(footers).toHaveLength(1);
    expect(visibleText(headers[0].xml)).toBe('UNCLASSIFIED');
    const body = out.part('word/document.xml');
    expect(body).toMatch(/<w:sectPr\b[^>]*><w:headerReference w:type="default" r:id="(rId\d+)"\/><w:footerReference w:type="default" r:id="rId\d+"\/>/);
    const rid = /<w:headerReference w:type="default" r:id="(rId\d+)"/.exec(body)![1];
    expect(out.part('word/_rels/document.xml.rels')).toContain(`Id="${rid}"`);
    expect(out.part('[Content_Types].xml')).toContain(`PartName="/${headers[0].name}"`);
    // Header fields without placeholders go to the top of the body.
    expect(paragraphs(body).map(visibleText).slice(0, 3)).toEqual(['INFO MEMO', 'March 3, 2025', 'FOR:SECRETARY OF STATE']);
  });

  it('refuses a letterhead without {{body}}', async () => {
    const err = await renderIntoLetterhead(infoMemo(), getTemplate('info-memo'), await buildLetterhead({ withBody: false })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DossierError);
    expect((err as DossierError).code).toBe('validation');
    expect((err as DossierError).message).toContain('{{body}}');
  });

  it('refuses a file that is not a .docx', async () => {
    const err = await renderIntoLetterhead(infoMemo(), getTemplate('info-memo'), Buffer.from('not a zip at all')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DossierError);
    expect((err as DossierError).code).toBe('validation');
  });

  it('refuses a zip bomb before docx opens it (core/zip/policy.ts): a high-ratio entry, too many entries', async () => {
    for (const [bomb, reason] of [
      [highRatioZip(), /^letterhead: not a readable \.docx \(refused: the archive has an entry .* that expands 10\d\d:1/],
      [manyEntriesZip(), /^letterhead: not a readable \.docx \(refused: it has 10,002 entries/],
    ] as const) {
      const err = await renderIntoLetterhead(infoMemo(), getTemplate('info-memo'), Buffer.from(bomb)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DossierError);
      expect((err as DossierError).message).toMatch(reason);
    }
  });
});
