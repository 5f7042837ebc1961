import { describe, expect, it } from 'vitest';
import { importText } from './text';
import { separateParagraphs, textLayout } from './text-paragraphs';

const paragraphs = (text: string) => importText(text, {}).blocks.map((b) => b.text);

describe('textLayout: what a single newline means, from the text itself', () => {
  it('has nothing to decide when every paragraph is set apart by blank lines, and changes nothing', () => {
    const text = 'One paragraph.\n\nAnother one.\r\n\r\nA third.';
    expect(textLayout(text)).toEqual({ form: 'blank-lines', indentedParagraphs: false });
    expect(separateParagraphs(text)).toBe(text);
  });

  it('reads lines that end sentences, of any length, as one paragraph each', () => {
    const text =
      'Talks resumed.\nThe minister, speaking to reporters in Istanbul after a long night of talks, said the corridor would stay open.\nNo date was set.';
    expect(textLayout(text)).toMatchObject({ form: 'line-per-paragraph' });
    expect(paragraphs(text)).toHaveLength(3);
  });

  it('reads short paragraphs hard-wrapped at 60 columns, two lines each, as wrapped — not one paragraph per line', () => {
    const text = [
      'The ministry said on Tuesday that the corridor would stay',
      'open.',
      'Insurers in London said premiums had risen sharply since the',
      'autumn.',
      'Two underwriters said they had stopped quoting for Black Sea',
      'cargoes.',
    ].join('\n');
    expect(textLayout(text)).toMatchObject({ form: 'hard-wrapped' });
    expect(paragraphs(text)).toEqual([
      'The ministry said on Tuesday that the corridor would stay open.',
      'Insurers in London said premiums had risen sharply since the autumn.',
      'Two underwriters said they had stopped quoting for Black Sea cargoes.',
    ]);
  });

  it('keeps a paragraph whose last line is long enough to have been wrapped together with the next (the text gives no evidence)', () => {
    const text =
      'The ministry confirmed that inspections in Istanbul will take no more than\n36 hours per vessel, down from five days in the autumn; so said the memo.\nBrokers agreed.';
    expect(paragraphs(text)).toHaveLength(1);
  });

  it('joins ragged lines broken by hand mid-sentence, as Markdown does', () => {
    const text = 'The corridor stays open\nfor as long as the guarantees hold,\nthe minister said,\nand no longer.';
    expect(textLayout(text)).toMatchObject({ form: 'soft-wrapped' });
    expect(paragraphs(text)).toEqual(['The corridor stays open for as long as the guarantees hold, the minister said, and no longer.']);
  });

  it('starts a paragraph at a first-line indent, but not at hanging indentation', () => {
    const firstLine = '  The talks opened in Valletta.\nThey ran late.\n  The quota fell.\nFleets objected.';
    expect(paragraphs(firstLine)).toEqual(['The talks opened in Valletta. They ran late.', 'The quota fell. Fleets objected.']);
    const hanging = 'Okafor, Adaeze. Grain corridor reopens as talks resume in\n    Istanbul. The Meridian Herald, 19 January 2024.';
    expect(paragraphs(hanging)).toHaveLength(1);
  });

  it('keeps a list item and its indented continuation together, and ends the item at the next flush line', () => {
    const text = 'Key points:\n- Inspections take no more than 36 hours at\n  Istanbul, the ministry said.\n- Premiums rose.\nExports fell 30% in December.';
    expect(importText(text, {}).blocks.map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', 'Key points:'],
      ['list-item', 'Inspections take no more than 36 hours at Istanbul, the ministry said.'],
      ['list-item', 'Premiums rose.'],
      ['paragraph', 'Exports fell 30% in December.'],
    ]);
  });

  it('leaves Markdown to CommonMark: a single newline there is a soft wrap', () => {
    expect(importText('# Notes\n\nTalks resumed.\nNo date was set.', {}, 'markdown').blocks.map((b) => b.text)).toEqual([
      'Notes',
      'Talks resumed. No date was set.',
    ]);
  });

  it('decides a large text in linear time', () => {
    const wrapped = 'The ministry said on Tuesday that the corridor would stay open\nuntil the end of March.\n'.repeat(40_000);
    const t = performance.now();
    expect(textLayout(wrapped)).toMatchObject({ form: 'hard-wrapped' });
    expect(importText(wrapped, {}).blocks).toHaveLength(40_000);
    expect(performance.now() - t).toBeLessThan(10_000);
  });
});
