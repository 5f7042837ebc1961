import { describe, expect, it } from 'vitest';
import { quoteStyleFor } from './quote-style';
import { smartenPieces, smartenText } from './smart-text';

const s = (t: string, lang: string) => smartenText(t, quoteStyleFor(lang));
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('French spacing (Imprimerie nationale: U+202F before ; ! ?, U+00A0 before : and inside « »)', () => {
  it('adds the no-break space before ; : ! ? where none was typed', () => {
    expect(s('Oui; non: peut-être! Vraiment?', 'fr-FR')).toBe(`Oui${NNBSP}; non${NBSP}: peut-être${NNBSP}! Vraiment${NNBSP}?`);
  });

  it('replaces a plain space the author typed, never doubles it, and keeps one already no-break', () => {
    expect(s('Oui ; non : peut-être ! Vraiment ?', 'fr')).toBe(`Oui${NNBSP}; non${NBSP}: peut-être${NNBSP}! Vraiment${NNBSP}?`);
    expect(s(`Déjà${NBSP}: fait${NNBSP}!`, 'fr')).toBe(`Déjà${NBSP}: fait${NNBSP}!`);
  });

  it('spaces after a closing quote and inside one, and once before ?!', () => {
    expect(s('Il a dit "oui"? Quoi?!', 'fr')).toBe(`Il a dit «${NBSP}oui${NBSP}»${NNBSP}? Quoi${NNBSP}?!`);
    expect(s('«oui» et « non »', 'fr')).toBe(`«${NBSP}oui${NBSP}» et «${NBSP}non${NBSP}»`);
  });

  it('leaves times, ratios, code, addresses and literal citation marks alone', () => {
    const typed = 'À 10:30, 3:1, a::b, ok:) voir https://ex.fr/a?b=c mail jean@ex.fr `x; y` [voir @abc, p. 4; @def]';
    expect(s(typed, 'fr')).toBe(typed);
  });

  it('is French only: English keeps its marks tight', () => {
    expect(s('Really? Yes: no; go!', 'en-US')).toBe('Really? Yes: no; go!');
    expect(s('Vraiment?', 'fr-CH')).toBe(`Vraiment${NNBSP}?`);
  });

  it('spaces a mark that follows a citation piece without touching the citation', () => {
    const out = smartenPieces(
      [
        { text: 'Selon', editable: true },
        { text: ' (Lee 2024)', editable: false },
        { text: '; puis (Lee : 2024) ?', editable: true },
      ],
      quoteStyleFor('fr'),
    );
    expect(out).toEqual(['Selon', ' (Lee 2024)', `${NNBSP}; puis (Lee${NBSP}: 2024)${NNBSP}?`]);
  });
});

describe('ellipsis and spaced hyphens', () => {
  it('makes three dots an ellipsis in every language, not four or between numbers', () => {
    for (const lang of ['en-US', 'fr', 'de-DE']) expect(s('Wait... [...] then', lang)).toBe('Wait… […] then');
    expect(s('Etc.... 1...10 v1...v2 See www.ex.org/a...b', 'en-US')).toBe('Etc.... 1...10 v1...v2 See www.ex.org/a...b');
  });

  it('makes a hyphen between spaced words the language’s dash, as "--" is', () => {
    expect(s('now - or never', 'en-US')).toBe('now — or never');
    expect(s('now - or never, now--or never', 'en-GB')).toBe('now – or never, now–or never');
    expect(s('maintenant - ou jamais', 'fr')).toBe('maintenant — ou jamais');
    expect(s('jetzt - oder nie', 'de')).toBe('jetzt – oder nie');
  });

  it('keeps hyphens in words, number ranges, subtractions, list dashes and code', () => {
    const typed = 'well-known 2019-2020, 2019 - 2020, 5 - 3, - item, `a - b`, x@a-b.org';
    expect(s(typed, 'en-US')).toBe(typed);
  });
});
