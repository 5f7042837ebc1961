import { describe, expect, it } from 'vitest';
import infoMemoJson from '../../templates/builtin/info-memo.json';
import type { ResolvedDocument } from '../document';
import { getTemplate, parseTemplate } from '../template/load';
import { citationFields, count, decodeXml, fieldInstructions, openDocx, paragraphs, visibleText, type OpenedDocx } from '../testing/docx-parts';
import { actionMemo, HOSTILE, hostileDoc, infoMemo, noteCount, talkingPoints } from '../testing/fixtures';
import { estimatePageCount, renderDocx } from './render';

async function render(doc: ResolvedDocument, templateId = doc.templateId): Promise<OpenedDocx> {
  return openDocx(await renderDocx(doc, getTemplate(templateId)));
}

function zoteroJson(instruction: string): { citationItems: Array<{ id: string; itemData: { title: string } }>; properties: { noteIndex: number } } {
  const m = /^\s*ADDIN ZOTERO_ITEM CSL_CITATION (\{[\s\S]*\})\s*$/.exec(instruction);
  expect(m, instruction.slice(0, 80)).not.toBeNull();
  return JSON.parse(m![1]);
}

describe('renderDocx: notes and citations', () => {
  it('writes one real footnote per note citation, with the note text and its italic title', async () => {
    const doc = infoMemo();
    const d = await render(doc);
    const body = d.part('word/document.xml');
    const notes = d.part('word/footnotes.xml');
    expect(count(body, /<w:footnoteReference\b/)).toBe(noteCount(doc));
    expect(count(notes, /<w:footnote\s+w:id="[1-9]\d*"/)).toBe(noteCount(doc));
    expect(count(body, /<w:endnoteReference\b/)).toBe(0);
    // Note text keeps its formatting: the title in an italic run, "Ibid." italic too.
    expect(notes).toMatch(/<w:r><w:rPr><w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve">Black Sea Grain Shipments: Quarterly Review<\/w:t><\/w:r>/);
    expect(notes).toMatch(/<w:rPr><w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve">Ibid\.<\/w:t>/);
    expect(visibleText(notes)).toContain('Min-jun Lee, Corridors of Power: Shipping and Sanctions (Baltimore: Harbor Press, 2024), 88.');
    // Note paragraphs use Word's own note style.
    expect(count(notes, /<w:pStyle w:val="FootnoteText"\/>/)).toBe(noteCount(doc));
  });

  it('wraps each note citation in a Zotero field whose JSON parses', async () => {
    const doc = infoMemo();
    const d = await render(doc);
    const notes = d.part('word/footnotes.xml');
    const instructions = fieldInstructions(notes);
    expect(instructions).toHaveLength(noteCount(doc));
    const parsed = instructions.map(zoteroJson);
    expect(parsed.map((p) => p.properties.noteIndex)).toEqual([1, 2, 3, 4, 5]);
    expect(parsed[1].citationItems[0].itemData.title).toBe('Black Sea Grain Shipments: Quarterly Review');
    // begin / instrText / separate / the note's runs / end, in that order, in each note.
    for (const note of notes.match(/<w:footnote\s+w:id="[1-9]\d*">[\s\S]*?<\/w:footnote>/g)!) {
      expect(note).toMatch(/fldCharType="begin"[\s\S]*<w:instrText[\s\S]*fldCharType="separate"[\s\S]*<w:t[\s\S]*fldCharType="end"/);
    }
    // The body carries the plain note references, no fields.
    expect(citationFields(d.part('word/document.xml'))).toEqual([]);
  });

  it('can wrap the footnote reference mark in the field instead', async () => {
    const doc = infoMemo();
    const d = openDocx(await renderDocx(doc, getTemplate('info-memo'), { zoteroField: 'around-reference' }));
    const body = d.part('word/document.xml');
    expect(citationFields(body).map(zoteroJson)).toHaveLength(noteCount(doc));
    expect(body).toMatch(
      /fldCharType="separate"\/><\/w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="1"\/><\/w:r><w:r><w:fldChar w:fldCharType="end"\/>/,
    );
    expect(fieldInstructions(d.part('word/footnotes.xml'))).toEqual([]);
    expect(visibleText(d.part('word/footnotes.xml'))).toContain('Corridors of Power');
  });

  it('puts in-text citations in the text inside a Zotero field', async () => {
    const d = await render(hostileDoc());
    const body = d.part('word/document.xml');
    const [instruction] = citationFields(body);
    expect(zoteroJson(instruction).citationItems[0].id).toBe('lee-2024');
    expect(body).toMatch(/fldCharType="separate"\/><\/w:r><w:r><w:t xml:space="preserve">\(Lee 2024, 88\)<\/w:t><\/w:r><w:r><w:fldChar w:fldCharType="end"\/>/);
    expect(d.has('word/footnotes.xml') ? count(d.part('word/footnotes.xml'), /<w:footnote\s+w:id="[1-9]/) : 0).toBe(0);
  });

  it('puts notes in endnotes.xml when the briefing asks for endnotes, numbered 1, 2, 3', async () => {
    const doc = talkingPoints();
    const d = await render(doc);
    const body = d.part('word/document.xml');
    expect(count(body, /<w:endnoteReference\b/)).toBe(noteCount(doc));
    expect(count(body, /<w:footnoteReference\b/)).toBe(0);
    const endnotes = d.part('word/endnotes.xml');
    expect(count(endnotes, /<w:endnote\s+w:id="[1-9]\d*"/)).toBe(noteCount(doc));
    expect(visibleText(endnotes)).toContain('Black Sea Grain Shipments: Quarterly Review');
    expect(fieldInstructions(endnotes).map(zoteroJson)).toHaveLength(noteCount(doc));
    expect(body).toMatch(/<w:endnotePr>(?:<w:pos [^>]*\/>)?<w:numFmt w:val="decimal"\/><\/w:endnotePr>/);
  });
});

describe('renderDocx: memo layout', () => {
  it('writes the title, date and FOR / FROM / SUBJECT block on a tab', async () => {
    const d = await render(infoMemo());
    const paras = paragraphs(d.part('word/document.xml'));
    expect(paras[0]).toContain('<w:pStyle w:val="DossierMemoTitle"/>');
    expect(visibleText(paras[0])).toBe('INFO MEMO');
    // The first page's extra top margin (1.5 in against 1 in) is space before the title.
    expect(paras[0]).toMatch(/<w:spacing w:before="720"\/>/);
    expect(paras[1]).toContain('DossierDate');
    expect(visibleText(paras[1])).toBe('March 3, 2025');
    const fields = paras.filter((p) => p.includes('<w:pStyle w:val="DossierHeaderField"/>'));
    expect(fields.map(visibleText)).toEqual([
      'FOR:SECRETARY OF STATE',
      'FROM:Jane Doe, Director, Office of Global Food Security',
      'SUBJECT:(U) Black Sea Grain Corridor After the Ceasefire Talks',
    ]);
    for (const f of fields) {
      expect(f).toMatch(/<w:rStyle w:val="DossierHeaderLabel"\/>[\s\S]*<w:tab\/>/);
    }
  });

  it('marks portions: "(U) " before each block and the subject', async () => {
    const d = await render(actionMemo());
    const texts = paragraphs(d.part('word/document.xml')).map(visibleText);
    expect(texts).toContain('(U) BLUF: We need your decision by March 10 on a six-month reinsurance facility that would keep grain moving if talks stall.');
    expect(texts.filter((t) => t.startsWith('(U) Option')).length).toBe(3);
    expect(texts.some((t) => t.startsWith('(SBU) Treasury supports'))).toBe(true);
    expect(texts).toContain('SUBJECT:(U) Reinsurance Facility for Black Sea Grain Shipping');
  });

  it('writes bullets as a real list with the Dossier Bullet style', async () => {
    const d = await render(infoMemo());
    const bullets = paragraphs(d.part('word/document.xml')).filter((p) => p.includes('<w:pStyle w:val="DossierBullet"/>'));
    expect(bullets).toHaveLength(4);
    for (const b of bullets) expect(b).toMatch(/<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
    expect(d.part('word/numbering.xml')).toContain('w:val="\u2022"');
  });

  it('writes the decision block after the recommendation, with the decide-by date and lines to initial', async () => {
    const d = await render(actionMemo());
    const paras = paragraphs(d.part('word/document.xml'));
    const texts = paras.map(visibleText);
    const rec = texts.findIndex((t) => t.includes('RECOMMENDATION:'));
    const coord = texts.findIndex((t) => t.includes('COORDINATION:'));
    expect(texts.slice(rec + 1, rec + 6)).toEqual(['DECISION:', 'Decision requested by March 10, 2025', 'Approve', 'Disapprove', 'Other']);
    expect(coord).toBe(rec + 6);
    const approve = paras[rec + 3];
    expect(approve).toContain('<w:pStyle w:val="DossierDecision"/>');
    expect(approve).toMatch(/<w:tab w:val="left" w:pos="\d+" w:leader="underscore"\/>/);
    expect(approve).toMatch(/<w:tab\/><w:tab\/>/);
  });

  it('writes Attachments, Prepared by and Derived From', async () => {
    const d = await render(actionMemo());
    const texts = paragraphs(d.part('word/document.xml')).map(visibleText);
    expect(texts).toContain('Attachments:As stated');
    expect(texts).toContain('Prepared by:John Roe, Office of Global Food Security, (202) 555-0142');
    expect(texts).toContain('Derived From:Multiple Sources');
  });

  it('writes the sources with a hanging indent, or flush when the style has none', async () => {
    const d = await render(infoMemo());
    const body = d.part('word/document.xml');
    const entries = paragraphs(body).filter((p) => p.includes('<w:pStyle w:val="DossierSourcesEntry"/>'));
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatch(/<w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve">Black Sea Grain Shipments: Quarterly Review<\/w:t>/);
    const styles = d.part('word/styles.xml');
    const entryStyle = /<w:style [^>]*w:styleId="DossierSourcesEntry"[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(entryStyle).toMatch(/<w:ind w:left="720" w:hanging="720"\/>/);
    expect(paragraphs(body).map(visibleText)).toContain('Sources');

    const flush = await render(hostileDoc());
    for (const p of paragraphs(flush.part('word/document.xml')).filter((x) => x.includes('DossierSourcesEntry'))) {
      expect(p).toMatch(/<w:ind w:left="0" w:hanging="0"\/>/);
    }
  });

  it('defines every template style as a named style in styles.xml', async () => {
    const template = getTemplate('info-memo');
    const styles = (await render(infoMemo())).part('word/styles.xml');
    for (const s of Object.values(template.styles)) {
      expect(styles).toMatch(new RegExp(`<w:style w:type="(paragraph|character)" w:styleId="${s.id}"[^>]*><w:name w:val="${s.name}"/>`));
    }
    for (const name of [
      'Dossier Memo Title',
      'Dossier Header Field',
      'Dossier BLUF',
      'Dossier Bullet',
      'Dossier Body',
      'Dossier Heading',
      'Dossier Sources Entry',
    ]) {
      expect(styles).toContain(`<w:name w:val="${name}"/>`);
    }
    // Body font and size from the template, language from the briefing.
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:hAnsi="Times New Roman"\/>/);
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:sz w:val="24"\/>/);
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:lang w:val="en-US"/);
  });
});

describe('renderDocx: headers, footers and page setup', () => {
  it('puts the banner in every header and footer part, the first page included', async () => {
    const d = await render(actionMemo());
    const parts = d.parts(/^word\/(header|footer)\d+\.xml$/);
    expect(parts.filter((p) => p.name.includes('header'))).toHaveLength(2);
    expect(parts.filter((p) => p.name.includes('footer'))).toHaveLength(2);
    for (const p of parts) expect(visibleText(p.xml), p.name).toContain('UNCLASSIFIED//FOR OFFICIAL USE ONLY');
    const body = d.part('word/document.xml');
    expect(body).toContain('<w:titlePg/>');
    expect(body).toMatch(/<w:headerReference w:type="first"/);
    expect(body).toMatch(/<w:footerReference w:type="first"/);
  });

  it('writes PAGE as a field with a cached number: 2 where numbering starts on page 2', async () => {
    const d = await render(infoMemo());
    const footers = d.parts(/^word\/footer\d+\.xml$/);
    const withPage = footers.filter((f) => fieldInstructions(f.xml).some((i) => i.trim() === 'PAGE'));
    expect(withPage).toHaveLength(1);
    expect(withPage[0].xml).toMatch(
      /<w:instrText xml:space="preserve"> PAGE <\/w:instrText><\/w:r><w:r><w:fldChar w:fldCharType="separate"\/><\/w:r><w:r><w:t xml:space="preserve">2<\/w:t><\/w:r><w:r><w:fldChar w:fldCharType="end"\/>/,
    );
    expect(withPage[0].xml).toContain('<w:pStyle w:val="DossierPageNumber"/>');
    // The first page's footer has the banner but no number.
    const first = footers.find((f) => f !== withPage[0])!;
    expect(visibleText(first.xml)).toBe('UNCLASSIFIED');
  });

  it('numbers from page 1 with "Page N of M" and caches the estimated page count', async () => {
    const doc = { ...actionMemo(), templateId: 'situation-report', heading: 'SITUATION REPORT' };
    const d = await render(doc);
    const footer = d.parts(/^word\/footer\d+\.xml$/);
    expect(footer).toHaveLength(1);
    expect(d.part('word/document.xml')).not.toContain('<w:titlePg/>');
    expect(visibleText(footer[0].xml)).toBe('Page 1 of 2UNCLASSIFIED//FOR OFFICIAL USE ONLY');
    expect(fieldInstructions(footer[0].xml).map((s) => s.trim())).toEqual(['PAGE', 'NUMPAGES']);
    expect(estimatePageCount(doc, getTemplate('situation-report'))).toBe(2);
  });

  it('has no header or footer parts when there is no banner and no page numbers', async () => {
    const json = { ...JSON.parse(JSON.stringify(infoMemoJson)), pageNumbers: { position: 'none' } };
    const template = parseTemplate(json, 'test.json', 'user');
    const d = openDocx(await renderDocx({ ...infoMemo(), banner: undefined }, template));
    expect(d.parts(/^word\/(header|footer)\d+\.xml$/)).toHaveLength(0);
  });

  it('sets page size and margins from the template (letter, A4)', async () => {
    const letter = (await render(infoMemo())).part('word/document.xml');
    expect(letter).toContain('<w:pgSz w:w="12240" w:h="15840" w:orient="portrait"/>');
    expect(letter).toMatch(/<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"\/>/);
    const json = JSON.parse(JSON.stringify(infoMemoJson));
    json.page = { size: 'a4', margins: { top: 1, right: 0.8, bottom: 1.2, left: 1.25, header: 0.4, footer: 0.4 } };
    const a4 = openDocx(await renderDocx(infoMemo(), parseTemplate(json, 'a4.json', 'user'))).part('word/document.xml');
    expect(a4).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(a4).toMatch(/<w:pgMar w:top="1440" w:right="1152" w:bottom="1728" w:left="1800" w:header="576" w:footer="576" w:gutter="0"\/>/);
  });

  it('numbers paragraphs through the paper, or from 1 in each section when the template restarts', async () => {
    const numbered = (texts: string[]) => texts.map((x) => ({ kind: 'numbered' as const, inlines: [{ type: 'text' as const, run: { text: x } }] }));
    const doc: ResolvedDocument = {
      ...infoMemo(),
      sections: [
        { key: 'issue', heading: 'Issue', showHeading: true, blocks: numbered(['One', 'Two']) },
        { key: 'background', heading: 'Background', showHeading: true, blocks: numbered(['Three']) },
      ],
    };
    const numIds = async (numbering: 'continue' | 'restart') => {
      const json = { ...JSON.parse(JSON.stringify(infoMemoJson)), numbering };
      const body = openDocx(await renderDocx(doc, parseTemplate(json, 'n.json', 'user'))).part('word/document.xml');
      return paragraphs(body)
        .filter((p) => p.includes('DossierNumbered'))
        .map((p) => /<w:numId w:val="(\d+)"\/>/.exec(p)![1]);
    };
    const cont = await numIds('continue');
    expect(cont).toHaveLength(3);
    expect(new Set(cont).size).toBe(1);
    const restart = await numIds('restart');
    expect(restart[0]).toBe(restart[1]);
    expect(restart[2]).not.toBe(restart[0]);
  });

  it('counts the pages of long briefings in proportion to their length, the longest from the measure alone', () => {
    const long = (n: number): ResolvedDocument => ({
      ...infoMemo(),
      sections: [
        {
          key: 'discussion',
          heading: 'Discussion',
          showHeading: false,
          blocks: Array.from({ length: n }, (_, i) => ({
            kind: 'bullet' as const,
            inlines: [
              { type: 'text' as const, run: { text: `Point ${i}, long enough to wrap onto a second line in a memo like this one, with a little more.` } },
            ],
          })),
        },
      ],
    });
    const template = getTemplate('info-memo');
    // 140 bullets are about 13,000 characters, under the layout's limits; 400 are over both.
    const shorter = estimatePageCount(long(140), template);
    const longer = estimatePageCount(long(400), template);
    expect(shorter).toBeGreaterThan(4);
    expect(longer / shorter).toBeGreaterThan(400 / 140 / 1.2);
    expect(longer / shorter).toBeLessThan((400 / 140) * 1.2);
  });

  it('renders every built-in template', async () => {
    for (const id of ['info-memo', 'action-memo', 'background-brief', 'talking-points', 'situation-report']) {
      const d = openDocx(await renderDocx({ ...infoMemo(), templateId: id }, getTemplate(id)));
      expect(d.has('word/document.xml')).toBe(true);
      expect(d.part('word/styles.xml')).toContain('DossierBullet');
    }
  });
});

describe('renderDocx: text that must survive', () => {
  it('removes XML-illegal characters everywhere, including the document properties', async () => {
    const d = await render(hostileDoc());
    for (const name of d.names.filter((n) => /\.(xml|rels)$/.test(n))) {
      const xml = d.part(name);
      expect(xml, name).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
      expect(xml, name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    expect(decodeXml(d.part('docProps/core.xml'))).toContain('Hostile Formfeed, NUL');
  });

  it('keeps Korean, Arabic, emoji, combining marks and escaped markup intact', async () => {
    const d = await render(hostileDoc());
    const text = visibleText(d.part('word/document.xml'));
    for (const s of [HOSTILE.korean, HOSTILE.arabic, HOSTILE.emoji, HOSTILE.combining, HOSTILE.markup]) expect(text).toContain(s);
    expect(d.part('word/document.xml')).toContain('Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; a &gt; b');
  });

  it('marks Arabic runs right-to-left, and paragraphs that start in Arabic bidirectional', async () => {
    const d = await render(hostileDoc());
    const paras = paragraphs(d.part('word/document.xml'));
    const mixed = paras.find((p) => visibleText(p).startsWith('The delegation wrote:'))!;
    expect(mixed).toMatch(new RegExp(`<w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">${HOSTILE.arabic}</w:t></w:r>`));
    expect(mixed).not.toContain('<w:bidi/>');
    expect(mixed).toMatch(/<w:r><w:t xml:space="preserve">The delegation wrote: <\/w:t><\/w:r>/);
    const arabic = paras.find((p) => visibleText(p) === HOSTILE.arabic)!;
    expect(arabic).toContain('<w:bidi/>');
    expect(arabic).toContain('<w:rtl/>');
    const korean = paras.find((p) => visibleText(p).startsWith('Seoul said'))!;
    expect(korean).not.toContain('<w:rtl/>');
  });
});
