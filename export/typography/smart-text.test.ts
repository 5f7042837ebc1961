import { describe, expect, it } from 'vitest';
import { quoteStyleFor } from './quote-style';
import { smartenPieces, smartenText } from './smart-text';

const en = quoteStyleFor('en-US');
const s = (t: string, lang = 'en-US') => smartenText(t, quoteStyleFor(lang));

describe('smartenText', () => {
  it('curls double quotes to the outer marks and single ones to the nested marks', () => {
    expect(s(`British 'the "plan"' here`)).toBe('British ‘the “plan”’ here');
    expect(s(`He said "the 'plan' is final" today.`)).toBe('He said “the ‘plan’ is final” today.');
    expect(s(`"Go," she said.`)).toBe('“Go,” she said.');
    expect(s(`("aside")`)).toBe('(“aside”)');
  });

  it('keeps apostrophes apart from quotes', () => {
    expect(s(`Don't say 'never' in the '90s.`)).toBe('Don’t say ‘never’ in the ’90s.');
    expect(s(`rock 'n' roll`)).toBe('rock ’n’ roll');
    expect(s(`the 1990's and the students' books`)).toBe('the 1990’s and the students’ books');
    expect(s(`'Tis 'em`)).toBe('’Tis ’em');
  });

  it('makes primes after digits unless a quotation of that kind is open', () => {
    expect(s(`He is 5' 10" tall.`)).toBe('He is 5′ 10″ tall.');
    expect(s(`"We won 5" she said.`)).toBe('“We won 5” she said.');
  });

  it('turns double hyphens into the language’s dash and triple into an em dash', () => {
    expect(s('now--or never --- maybe')).toBe('now—or never — maybe');
    expect(s('jetzt--oder nie', 'de-DE')).toBe('jetzt–oder nie');
  });

  it('uses the language’s marks: German, Swiss, French with no-break spaces', () => {
    expect(s(`Er sagte "das 'Ende' naht".`, 'de-DE')).toBe('Er sagte „das ‚Ende‘ naht“.');
    expect(s(`"Ja"`, 'de-CH')).toBe('«Ja»');
    expect(s(`Il a dit "oui" puis " non ".`, 'fr-FR')).toBe('Il a dit «\u00a0oui\u00a0» puis " non ".');
    expect(s(`Il a dit "oui 'bien' sûr".`, 'fr')).toBe('Il a dit «\u00a0oui “bien” sûr\u00a0».');
  });

  it('falls back to the primary subtag, then to English', () => {
    expect(quoteStyleFor('de-AT').primary).toEqual(['„', '“']);
    expect(quoteStyleFor('xx-YY')).toEqual(en);
    expect(quoteStyleFor(undefined)).toEqual(en);
  });

  it('never touches URLs', () => {
    expect(s(`See "https://example.org/a--b?q=it's" now`)).toBe(`See “https://example.org/a--b?q=it's” now`);
    expect(s(`www.example.org/it's--here`)).toBe(`www.example.org/it's--here`);
  });

  it('nests inside curly marks the author typed, and leaves those as typed', () => {
    expect(s(`“The 'new' plan”`)).toBe('“The ‘new’ plan”');
  });

  it('pairs a quotation across pieces and leaves frozen pieces alone', () => {
    const out = smartenPieces(
      [
        { text: 'Lead: "', editable: true },
        { text: 'bold words', editable: true },
        { text: '"', editable: true },
        { text: ' and (Lee\'s "2024")', editable: false },
        { text: ' then "x".', editable: true },
      ],
      en,
    );
    expect(out).toEqual(['Lead: “', 'bold words', '”', ' and (Lee\'s "2024")', ' then “x”.']);
  });

  it('closes a quotation opened in one piece in another', () => {
    expect(
      smartenPieces(
        [
          { text: '"We will', editable: true },
          { text: ' win,"', editable: true },
        ],
        en,
      ),
    ).toEqual(['“We will', ' win,”']);
  });
});
