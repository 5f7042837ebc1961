import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../../db/library';
import { tempLibrary } from '../../db/testing/temp-library';
import { loadSample } from '../../samples/load';
import { assembleBriefing } from '../assemble';
import type { ResolvedDocument } from '../document';
import { getTemplate } from '../template/load';
import { openDocx, paragraphs, visibleText } from '../testing/docx-parts';
import { infoMemo, talkingPoints } from '../testing/fixtures';
import { numberColumnWidth } from './body';
import { renderDocx } from './render';

const withEndnotes = (doc: ResolvedDocument): ResolvedDocument => ({ ...doc, notes: 'endnotes' });

/** The body's paragraphs, and each section's properties (paragraph-level sectPr, then the body's). */
async function rendered(doc: ResolvedDocument) {
  const docx = openDocx(await renderDocx(doc, getTemplate(doc.templateId)));
  const xml = docx.part('word/document.xml');
  const sections = [...xml.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
  return { docx, xml, paras: paragraphs(xml), sections };
}

describe('endnotes (Chicago 14.43–14.45)', () => {
  it('follow a "Notes" heading and come before the bibliography, which has a section of its own', async () => {
    const { docx, paras, sections } = await rendered(withEndnotes(infoMemo()));
    const texts = paras.map(visibleText);
    const notes = texts.indexOf('Notes');
    expect(notes).toBeGreaterThan(0);
    expect(texts.indexOf('Sources')).toBe(notes + 1);
    // "Notes" ends the first section: its paragraph carries the section break.
    expect(paras[notes]).toMatch(/<w:sectPr\b/);
    expect(sections).toHaveLength(2);
    // Endnotes at the end of the section, said in the section and in the settings (which Word reads).
    for (const s of sections) expect(s).toContain('<w:endnotePr><w:pos w:val="sectEnd"/><w:numFmt w:val="decimal"/></w:endnotePr>');
    expect(docx.part('word/settings.xml')).toMatch(/<w:endnotePr><w:pos w:val="sectEnd"\/><\/w:endnotePr><w:compat>/);
    // The sources continue on the same page, with the same banners and page numbers.
    expect(sections[1]).toContain('<w:type w:val="continuous"/>');
    for (const kind of ['header', 'footer'] as const) {
      const ref = new RegExp(`<w:${kind}Reference w:type="default" r:id="(rId\\d+)"/>`);
      const target = (s: string) => {
        const id = ref.exec(s)?.[1];
        return new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(docx.part('word/_rels/document.xml.rels'))?.[1];
      };
      const [first, second] = sections.map((s) => visibleText(docx.part(`word/${target(s)}`)));
      expect(second, kind).toBe(first);
      expect(second).toContain('UNCLASSIFIED');
    }
    expect(docx.parts(/^word\/footer\d+\.xml$/).filter((p) => /PAGE/.test(p.xml)).length).toBeGreaterThanOrEqual(2);
  });

  it('without a bibliography, end the document under their heading, in one section', async () => {
    const { docx, paras, sections } = await rendered(withEndnotes(talkingPoints()));
    expect(visibleText(paras.at(-1)!)).toBe('Notes');
    expect(sections).toHaveLength(1);
    expect(docx.part('word/settings.xml')).not.toContain('sectEnd');
  });

  it('are not announced when the briefing has footnotes', async () => {
    const { docx, paras, sections } = await rendered(infoMemo());
    expect(paras.map(visibleText)).not.toContain('Notes');
    expect(sections).toHaveLength(1);
    expect(docx.part('word/settings.xml')).not.toContain('endnotePr');
  });

  it('take their heading from the template', async () => {
    const template = { ...getTemplate('talking-points') };
    template.citation = { ...template.citation, endnotesHeading: 'Endnotes' };
    const xml = openDocx(await renderDocx(withEndnotes(talkingPoints()), template)).part('word/document.xml');
    expect(visibleText(paragraphs(xml).at(-1)!)).toBe('Endnotes');
  });
});

describe('numbered bibliographies (IEEE, Vancouver)', () => {
  let lib: Library;
  let done: () => void;
  let id: string;
  beforeEach(() => {
    const t = tempLibrary();
    lib = t.lib;
    done = t.cleanup;
    id = loadSample(lib, new Date('2025-02-01T12:00:00Z'));
  });
  afterEach(() => done());

  it('hang the entry: the number flush left, a tab, every line of the text at the tab', async () => {
    lib.updateBriefing(id, { styleId: 'ieee' });
    const a = assembleBriefing(lib, id);
    expect(a.doc.bibliography?.secondFieldAlign).toBe('flush');
    const xml = openDocx(await renderDocx(a.doc, a.template)).part('word/document.xml');
    const entries = paragraphs(xml).filter((p) => p.includes(`w:val="${a.template.styles.sourcesEntry.id}"`));
    expect(entries.length).toBe(a.doc.bibliography!.entries.length);
    const width = Math.round(numberColumnWidth(entries.length, a.template.styles.sourcesEntry.size ?? 12) * 1440);
    for (const [i, p] of entries.entries()) {
      expect(visibleText(p)).toMatch(new RegExp(`^\\[${i + 1}\\]`));
      // The label, then a tab run, then the text.
      expect(p).toMatch(/<w:t xml:space="preserve">\[\d+\]<\/w:t><\/w:r><w:r>(?:<w:rPr>[\s\S]*?<\/w:rPr>)?<w:tab\/>/);
      expect(p).toContain(`<w:tabs><w:tab w:val="left" w:pos="${width}"/></w:tabs>`);
      expect(p).toContain(`<w:ind w:left="${width}" w:hanging="${width}"/>`);
    }
  });

  it('leave author–date entries on the style’s own hanging indent', async () => {
    lib.updateBriefing(id, { styleId: 'apa' });
    const a = assembleBriefing(lib, id);
    expect(a.doc.bibliography?.secondFieldAlign).toBeUndefined();
    const xml = openDocx(await renderDocx(a.doc, a.template)).part('word/document.xml');
    const entries = paragraphs(xml).filter((p) => p.includes(`w:val="${a.template.styles.sourcesEntry.id}"`));
    expect(entries.length).toBeGreaterThan(1);
    for (const p of entries) expect(p).not.toMatch(/<w:ind |<w:tabs>/);
  });

  it('size the number column for the labels', () => {
    expect(numberColumnWidth(9, 11)).toBeLessThan(numberColumnWidth(120, 11));
    expect(numberColumnWidth(9, 11)).toBeGreaterThanOrEqual(0.3);
  });
});
