import { describe, expect, it } from 'vitest';
import { HOSTILE } from './testing/fixtures';
import { parseXml } from '../citations/xml-tree';
import { escapeXml, escapeXmlAttribute, firstStrongDirection, hasIllegalXmlChars, hasRtl, sanitizeXmlText, splitByDirection } from './xml-text';

describe('sanitizeXmlText', () => {
  it('removes the characters XML 1.0 forbids', () => {
    const out = sanitizeXmlText(HOSTILE.controls);
    expect(out).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(out).not.toMatch(/[\uD800-\uDFFF]/);
    expect(out).toBe('Formfeed, NUL, bell, vertical tab, unit sep, lone  surrogate,  low, and  non-characters.');
    expect(hasIllegalXmlChars(HOSTILE.controls)).toBe(true);
    expect(hasIllegalXmlChars(out)).toBe(false);
  });

  it('keeps tab, newline and carriage return, and leaves & < > for the XML writer', () => {
    expect(sanitizeXmlText('a\tb\nc\rd & <e> f')).toBe('a\tb\nc\rd & <e> f');
  });

  it('keeps Korean, Arabic, emoji (surrogate pairs, ZWJ sequences) and combining marks exactly', () => {
    for (const s of [HOSTILE.korean, HOSTILE.arabic, HOSTILE.emoji, HOSTILE.combining]) {
      expect(sanitizeXmlText(s)).toBe(s);
      expect(hasIllegalXmlChars(s)).toBe(false);
    }
    // Not normalised: the decomposed é stays two code points.
    expect(sanitizeXmlText('e\u0301')).toHaveLength(2);
  });

  it('removes a high surrogate at the very end and a low surrogate at the start', () => {
    expect(sanitizeXmlText('\uDC00abc\uD83D')).toBe('abc');
    expect(sanitizeXmlText('\uD83D\uDE00')).toBe('\uD83D\uDE00');
  });
});

describe('direction', () => {
  it('detects right-to-left text', () => {
    expect(hasRtl(HOSTILE.arabic)).toBe(true);
    expect(hasRtl('שלום')).toBe(true);
    expect(hasRtl(HOSTILE.korean)).toBe(false);
    expect(firstStrongDirection(`  (${HOSTILE.arabic}) Ankara`)).toBe('rtl');
    expect(firstStrongDirection(`The delegation: ${HOSTILE.arabic}`)).toBe('ltr');
    expect(firstStrongDirection('123 ...')).toBeUndefined();
  });

  it('splits mixed text into runs of one direction, spaces between RTL words staying RTL', () => {
    const segs = splitByDirection(`Wrote: ${HOSTILE.arabic} (Ankara).`);
    expect(segs.map((s) => s.rtl)).toEqual([false, true, false]);
    expect(segs[1].text).toBe(HOSTILE.arabic);
    expect(segs.map((s) => s.text).join('')).toBe(`Wrote: ${HOSTILE.arabic} (Ankara).`);
  });

  it('keeps combining marks with their letter', () => {
    const text = 'بِسْمِ abc';
    const segs = splitByDirection(text);
    expect(segs[0]).toEqual({ text: 'بِسْمِ', rtl: true });
    expect(segs.map((s) => s.text).join('')).toBe(text);
  });

  it('returns one LTR segment for text without RTL letters', () => {
    expect(splitByDirection(HOSTILE.emoji)).toEqual([{ text: HOSTILE.emoji, rtl: false }]);
    expect(splitByDirection('')).toEqual([]);
  });
});

describe('escapeXml', () => {
  it('escapes the five XML characters as docx does, & first, and leaves other text as it is', () => {
    expect(escapeXml(`a & b < c > d "e" 'f' &amp;`)).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos; &amp;amp;');
    const plain = `${HOSTILE.arabic} ${HOSTILE.korean} ${HOSTILE.emoji}`;
    expect(escapeXml(plain)).toBe(plain);
  });

  it('gives back the same text through an XML parser, in element text and in attributes of either quote', () => {
    const text = `${HOSTILE.markup} "quoted" 'single' & ${HOSTILE.arabic}`;
    const root = parseXml(`<r a="${escapeXml(text)}" b='${escapeXml(text)}'>${escapeXml(text)}</r>`).root;
    expect(root.children).toEqual([text]);
    expect(root.attrs).toEqual({ a: text, b: text });
  });

  it('escapeXmlAttribute keeps tabs and line breaks that a parser would turn into spaces', () => {
    const value = 'a\tb\nc\r<&>';
    expect(parseXml(`<r a="${escapeXmlAttribute(value)}" b="${escapeXml(value)}"/>`).root.attrs).toEqual({ a: value, b: 'a b c <&>' });
  });
});
