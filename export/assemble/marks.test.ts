import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../../db/library';
import { tempLibrary } from '../../db/testing/temp-library';
import { assembleBriefing } from '../assemble';
import type { Block, ResolvedDocument } from '../document';
import { renderMarkdown } from '../markdown';
import { renderPlainText } from '../plain-text';
import { type MarksFixture, marksBriefing } from '../testing/marks-fixture';

let lib: Library;
let done: () => void;
let f: MarksFixture;
beforeEach(() => {
  const t = tempLibrary();
  lib = t.lib;
  done = t.cleanup;
  f = marksBriefing(lib);
});
afterEach(() => done());

const blockText = (b: Block) =>
  b.inlines.map((i) => (i.type === 'text' ? i.run.text : i.type === 'note' ? `[${i.noteNumber}]` : `{${i.runs.map((r) => r.text).join('')}}`)).join('');
const discussion = (doc: ResolvedDocument) => doc.sections.find((s) => s.key === 'discussion')!.blocks;
const notes = (doc: ResolvedDocument) =>
  doc.sections.flatMap((s) =>
    s.blocks.flatMap((b) => b.inlines.flatMap((i) => (i.type === 'note' ? [`${i.noteNumber} ${i.clusterId} ${i.runs.map((r) => r.text).join('')}`] : []))),
  );
const setProse = (text: string) => lib.updateItem(f.briefingId, f.items.prose, { text });

describe('citation marks in prose', () => {
  it('become notes at their places, numbered, shortened and Ibid.-ed in document order with the placed facts', () => {
    const a = assembleBriefing(lib, f.briefingId);
    expect(discussion(a.doc).map(blockText)).toEqual([
      'Ships carrying grain left Odesa on Jan. 18.[1]',
      'Own sentence[2] continues.[3]',
      'Two insurers returned to the route.[4]',
    ]);
    const n = notes(a.doc);
    expect(n[0]).toMatch(
      new RegExp(`^1 ${f.items.placedA1} Adaeze Okafor, “Grain Corridor Reopens as Talks Resume,” The Meridian Herald, January 19, 2025, para\\. 1\\.$`),
    );
    // One note, two cites: the mark's own locator (p. 4) overrides the fact's (p. 14).
    expect(n[1]).toBe(
      `2 ${f.items.prose}#0 Ibid., para. 3; Institute for Trade Studies, “Black Sea Shipping After the Ceasefire” (Institute for Trade Studies, December 2024), 4.`,
    );
    expect(n[2]).toBe(`3 ${f.items.prose}#1 See Erik Lindqvist, “Insurers Return to Odesa Routes,” Harbour Wire, January 22, 2025, para. 2.`);
    expect(n[3]).toBe(`4 ${f.items.placedC} Ibid.`);
    expect(a.clusters.map((c) => c.id)).toEqual([f.items.placedA1, `${f.items.prose}#0`, `${f.items.prose}#1`, f.items.placedC]);
  });

  it('renumber and re-shorten after a paragraph moves', () => {
    lib.moveItem(f.briefingId, f.items.placedC, 0); // C first: its full note, then the prose's "see" C is short
    const n = notes(assembleBriefing(lib, f.briefingId).doc);
    expect(n[0]).toMatch(/^1 .* Erik Lindqvist, “Insurers Return to Odesa Routes,” Harbour Wire, January 22, 2025, para\. 2\.$/);
    expect(n[1]).toMatch(/^2 .* Adaeze Okafor, “Grain Corridor Reopens/);
    expect(n[2]).toMatch(/^3 .*#0 Ibid\., para\. 3; Institute for Trade Studies/);
    expect(n[3]).toMatch(/^4 .*#1 See Lindqvist, “Insurers Return to Odesa Routes,” para\. 2\.$/);
  });

  it('carry prefix, suffix, locator and suppress-author into the Zotero field', () => {
    setProse(`Lee found [see -@${f.facts.b}, sec. {2.1}, emphasis added].`);
    const a = assembleBriefing(lib, f.briefingId, { styleId: 'apa' });
    const cite = discussion(a.doc)[1].inlines.find((i) => i.type === 'cite')!;
    expect(cite.type === 'cite' && cite.runs.map((r) => r.text).join('')).toBe('(see 2024, Section 2.1, emphasis added)');
    const payload = JSON.parse(cite.type === 'cite' ? cite.field.instruction.replace(/^ADDIN ZOTERO_ITEM CSL_CITATION /, '') : '{}');
    expect(payload.citationItems[0]).toMatchObject({
      id: f.sources.b,
      locator: '2.1',
      label: 'section',
      prefix: 'see ',
      suffix: ', emphasis added',
      'suppress-author': true,
    });
    expect(payload.citationID).toBe(`${f.items.prose}#0`);
  });

  it('work inside bold and italic runs, bullets and numbered lines', () => {
    setProse(
      `**Bold claim [@${f.facts.a2}]** and *italic [@${f.facts.b}]*.\n\n- A bullet [@${f.facts.c}].\n1. A numbered line [@${f.facts.a1}], mid-sentence.`,
    );
    const blocks = discussion(assembleBriefing(lib, f.briefingId).doc);
    expect(blocks.map((b) => [b.kind, blockText(b)])).toEqual([
      ['bullet', 'Ships carrying grain left Odesa on Jan. 18.[1]'],
      ['bullet', 'Bold claim[2] and italic.[3]'],
      ['bullet', 'A bullet.[4]'],
      ['numbered', 'A numbered line,[5] mid-sentence.'],
      ['bullet', 'Two insurers returned to the route.[6]'],
    ]);
    expect(blocks[1].inlines[0]).toEqual({ type: 'text', run: { text: 'Bold claim', bold: true } });
  });

  it('put the marker after the punctuation and closing quote for notes, before the stop for in-text citations', () => {
    const mark = `[@${f.facts.a2}]`;
    const cases: [string, string, string][] = [
      [`It rose in January ${mark}.`, 'It rose in January.[2]', 'It rose in January {(Okafor, 2025, para. 3)}.'],
      [`“We won ${mark},” she said.`, '“We won,”[2] she said.', '“We won {(Okafor, 2025, para. 3)},” she said.'],
      [`It rose ${mark} in January.`, 'It rose[2] in January.', 'It rose {(Okafor, 2025, para. 3)} in January.'],
      [`It rose in January. ${mark}`, 'It rose in January.[2]', 'It rose in January {(Okafor, 2025, para. 3)}.'],
      [`It rose in January.${mark}`, 'It rose in January.[2]', 'It rose in January {(Okafor, 2025, para. 3)}.'],
      [`It was “a test.” ${mark}`, 'It was “a test.”[2]', 'It was “a test” {(Okafor, 2025, para. 3)}.'],
      [`It rose in January. ${mark}.`, 'It rose in January.[2]', 'It rose in January {(Okafor, 2025, para. 3)}.'],
      [`Did it rise ${mark}?`, 'Did it rise?[2]', 'Did it rise {(Okafor, 2025, para. 3)}?'],
    ];
    for (const [prose, notesText, inText] of cases) {
      setProse(prose);
      expect(blockText(discussion(assembleBriefing(lib, f.briefingId).doc)[1]), prose).toBe(notesText);
      expect(blockText(discussion(assembleBriefing(lib, f.briefingId, { styleId: 'apa' }).doc)[1]), prose).toBe(inText);
    }
  });

  it('keep fake citation markup literal: unknown keys, ids of no fact, escaped brackets', () => {
    const ghost = '00000000-0000-4000-8000-000000000000';
    const text = `Mail [@press_office] or [@${ghost}], \\[@${f.facts.a2}\\] and [see @${f.facts.a2}; @nobody].`;
    setProse(text);
    const a = assembleBriefing(lib, f.briefingId);
    expect(blockText(discussion(a.doc)[1])).toBe(text);
    expect(a.clusters.map((c) => c.id)).not.toContain(`${f.items.prose}#0`);
    expect(a.facts.has(ghost)).toBe(false);
  });

  it('export a cluster of 50 cites as one note with every source', () => {
    const ids = Array.from({ length: 50 }, (_, i) => {
      const s = lib.addSource({ type: 'report', title: `Report number ${i + 1}`, authors: [{ literal: `Office ${i + 1}` }], issued: '2024' });
      return lib.addFact({ sourceId: s.id, text: `Finding ${i + 1}.` }).id;
    });
    setProse(`Fifty reports agree [${ids.map((id, i) => `@${id}, p. ${i + 1}`).join('; ')}].`);
    const a = assembleBriefing(lib, f.briefingId);
    const n = notes(a.doc);
    expect(n).toHaveLength(3);
    for (let i = 1; i <= 50; i++) expect(n[1]).toContain(`Report Number ${i},`);
    expect(renderMarkdown(a.doc, a.template).match(/^\[\^\d+\]:/gm)).toHaveLength(3);
  });

  it('write notes at the marks in Markdown and plain text, and the in-text form for in-text styles', () => {
    let a = assembleBriefing(lib, f.briefingId);
    expect(renderMarkdown(a.doc, a.template)).toContain('Own sentence[^2] continues.[^3]');
    expect(renderMarkdown(a.doc, a.template)).toMatch(/^\[\^3\]: See Erik Lindqvist/m);
    expect(renderPlainText(a.doc, a.template)).toContain('Own sentence[2] continues.[3]');
    a = assembleBriefing(lib, f.briefingId, { styleId: 'apa' });
    expect(renderMarkdown(a.doc, a.template)).toContain(
      'Own sentence (Institute for Trade Studies, 2024, p. 4; Okafor, 2025, para. 3) continues (see Lindqvist, 2025, para. 2).',
    );
    expect(renderPlainText(a.doc, a.template)).toContain('continues (see Lindqvist, 2025, para. 2).');
  });
});

describe('reworded facts and portion marks', () => {
  it('show the wording here in place of the fact, with the same citation', () => {
    lib.updateItem(f.briefingId, f.items.placedA1, { wording: 'Grain ships sailed from Odesa on 18 January.' });
    const a = assembleBriefing(lib, f.briefingId);
    expect(blockText(discussion(a.doc)[0])).toBe('Grain ships sailed from Odesa on 18 January.[1]');
    expect(notes(a.doc)[0]).toMatch(/Adaeze Okafor, .* para\. 1\.$/);
  });

  it('drop the quotation marks of a reworded quote around words its source did not say', () => {
    const q = lib.addFact({
      sourceId: f.sources.a,
      kind: 'quote',
      text: '“We will keep the corridor open as long as the guarantees hold,” the minister said.',
    });
    lib.addItems(f.briefingId, [{ kind: 'fact', factId: q.id }], 'discussion');
    const item = lib.getBriefing(f.briefingId).sections.find((s) => s.key === 'discussion')!.items[3];
    const shown = () => blockText(discussion(assembleBriefing(lib, f.briefingId).doc)[3]);
    lib.updateItem(f.briefingId, item.id, { wording: '"We will keep the corridor open as long as the guarantees hold," the minister said.' });
    expect(shown()).toBe('"We will keep the corridor open as long as the guarantees hold," the minister said.[5]'); // quote style only: still the quote
    lib.updateItem(f.briefingId, item.id, { wording: 'The minister said the corridor stays open “as long as the guarantees hold.”' });
    expect(shown()).toBe('The minister said the corridor stays open “as long as the guarantees hold.”[5]'); // a faithful excerpt keeps its marks
    lib.updateItem(f.briefingId, item.id, { wording: '“We will always keep the corridor open,” the minister said.' });
    expect(shown()).toBe('We will always keep the corridor open, the minister said.[5]');
  });

  it('give a paragraph the highest marking of what it cites, raised by the item, and the banner the highest portion', () => {
    done();
    const t = tempLibrary();
    lib = t.lib;
    done = t.cleanup;
    f = marksBriefing(lib, { portionMarks: true });
    let a = assembleBriefing(lib, f.briefingId);
    expect(discussion(a.doc).map((b) => b.portion)).toEqual(['U', 'CUI', 'U']);
    expect(a.doc.banner).toBe('CUI');
    // A paragraph citing only U facts: U; the analyst raises it to C: the banner follows.
    setProse(`Own sentence [@${f.facts.a2}].\n\nSecond paragraph [@${f.facts.b}].`);
    a = assembleBriefing(lib, f.briefingId);
    expect(discussion(a.doc).map((b) => b.portion)).toEqual(['U', 'U', 'CUI', 'U']);
    lib.updateItem(f.briefingId, f.items.placedC, { marking: 'C' });
    a = assembleBriefing(lib, f.briefingId);
    expect(discussion(a.doc).map((b) => b.portion)).toEqual(['U', 'U', 'CUI', 'C']);
    expect(a.doc.banner).toBe('CONFIDENTIAL');
  });
});
