import { describe, expect, it } from 'vitest';
import { decodeEntities, escapeMarkdown, htmlToRuns, runsToMarkdown, runsToPlain } from './html-runs';

describe('htmlToRuns', () => {
  it('turns plain text into one run and decodes numeric and named entities', () => {
    expect(htmlToRuns('Trade &#38; Tariffs &#60;Draft&#62; &amp; &quot;x&quot; &#x1F6A2; &nbsp;')).toEqual([
      { text: 'Trade & Tariffs <Draft> & "x" 🚢 \u00a0' },
    ]);
  });

  it('decodes in one pass: a literal "&amp;" in a title stays "&amp;"', () => {
    expect(runsToPlain(htmlToRuns('AT&#38;amp;T'))).toBe('AT&amp;T');
    expect(decodeEntities('&unknown; &#0; &#xD800;')).toBe('&unknown; \ufffd \ufffd');
  });

  it('combines nested formatting and merges adjacent runs with equal formatting', () => {
    expect(htmlToRuns('A <i>B <b>C</b></i><i>D</i> E')).toEqual([
      { text: 'A ' },
      { text: 'B ', italic: true },
      { text: 'C', italic: true, bold: true },
      { text: 'D', italic: true },
      { text: ' E' },
    ]);
  });

  it('handles citeproc flip-flop: normal style inside italics', () => {
    expect(htmlToRuns('<i>Sinking of the <span style="font-style:normal;">Titanic</span> Revisited</i>')).toEqual([
      { text: 'Sinking of the ', italic: true },
      { text: 'Titanic' },
      { text: ' Revisited', italic: true },
    ]);
  });

  it('reads small caps, superscript, subscript, underline and their resets', () => {
    expect(
      htmlToRuns(
        '<span style="font-variant:small-caps;">Smith <span style="font-variant:normal;">x</span></span>' +
          'H<sub>2</sub>O 1<sup>st</sup> <span style="text-decoration:underline;">u</span>' +
          '<b>b<span style="font-weight:normal;">n</span></b><sup>a<span style="baseline">b</span></sup>',
      ),
    ).toEqual([
      { text: 'Smith ', smallCaps: true },
      { text: 'xH' },
      { text: '2', subscript: true },
      { text: 'O 1' },
      { text: 'st', superscript: true },
      { text: ' ' },
      { text: 'u', underline: true },
      { text: 'b', bold: true },
      { text: 'n' },
      { text: 'a', superscript: true },
      { text: 'b' },
    ]);
  });

  it('never leaks markup: links, unknown tags and stray closing tags disappear', () => {
    const runs = htmlToRuns('See <a href="https://x.org/?a=1&#38;b=2">https://x.org/?a=1&#38;b=2</a></span> <foo>done</foo>');
    expect(runsToPlain(runs)).toBe('See https://x.org/?a=1&b=2 done');
    expect(runs.every((r) => !/[<>]/.test(r.text))).toBe(true);
  });

  it('keeps a "<" that does not start a tag as text', () => {
    expect(runsToPlain(htmlToRuns('a < b and c <3'))).toBe('a < b and c <3');
  });

  it('lays out bibliography markup: entries on lines, numeric labels followed by a tab, <br> as newline', () => {
    const html =
      '<div class="csl-bib-body">\n  <div class="csl-entry">\n    <div class="csl-left-margin">[1]</div>' +
      '<div class="csl-right-inline">Smith, <i>Aid</i>.</div>\n  </div>\n' +
      '  <div class="csl-entry">Jones.<div class="csl-block">Second line</div></div>\n</div>';
    expect(runsToPlain(htmlToRuns(html))).toBe('[1]\tSmith, Aid.\nJones.\nSecond line');
    expect(runsToPlain(htmlToRuns('one<br/>two<br>three'))).toBe('one\ntwo\nthree');
  });

  it('returns no runs for empty input', () => {
    expect(htmlToRuns('')).toEqual([]);
    expect(htmlToRuns('<i></i>')).toEqual([]);
  });
});

describe('runsToMarkdown', () => {
  it('marks up formatting with whitespace outside the markers', () => {
    const runs = [
      { text: 'Smith, ' },
      { text: 'Aid and ', italic: true },
      { text: 'Trade', italic: true, bold: true },
      { text: ' ', italic: true },
      { text: ', 2' },
      { text: 'nd ed', superscript: true },
      { text: ' Jones', smallCaps: true },
    ];
    expect(runsToMarkdown(runs)).toBe('Smith, *Aid and **Trade*** , 2^nd\\ ed^ [Jones]{.smallcaps}');
  });

  it('escapes Markdown specials in text', () => {
    expect(escapeMarkdown('a*b_c [d] <e> `f` \\ #1 &amp;')).toBe('a\\*b\\_c \\[d\\] \\<e\\> \\`f\\` \\\\ #1 \\&amp;');
    expect(escapeMarkdown('# Title\n- item\n2024. Report')).toBe('\\# Title\n\\- item\n2024\\. Report');
    expect(runsToMarkdown([{ text: '*not italic*' }])).toBe('\\*not italic\\*');
  });
});
