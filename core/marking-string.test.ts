import { describe, expect, it } from 'vitest';
import { BUILT_IN_SCHEMES } from './markings';
import { bannerText, combineMarkings, parseMarking, portionText, storedText } from './marking-string';

const us = BUILT_IN_SCHEMES.find((s) => s.id === 'us')!;
const uk = BUILT_IN_SCHEMES.find((s) => s.id === 'uk')!;
const parse = (t: string) => parseMarking(us, t);
const banner = (...portions: string[]) => bannerText(us, combineMarkings(us, portions.map(parse))!);

describe('reading and writing a marking', () => {
  it('a plain level id still reads (facts stored before controls existed)', () => {
    expect(storedText(us, parse('S'))).toBe('S');
    expect(bannerText(us, parse('S'))).toBe('SECRET');
    expect(portionText(us, parse('U'))).toBe('U');
  });

  it('"SECRET//NOFORN" is "(S//NF)" in a portion, "SECRET//NOFORN" in the banner, whichever form is typed', () => {
    for (const typed of ['SECRET//NOFORN', 'S//NF', '(S//NF)', 's//noforn']) {
      const m = parse(typed);
      expect(bannerText(us, m)).toBe('SECRET//NOFORN');
      expect(portionText(us, m)).toBe('S//NF');
      expect(storedText(us, m)).toBe('S//NOFORN');
    }
  });

  it('"(S//REL TO USA, AUS)" keeps its countries, USA first then trigraphs alphabetically', () => {
    expect(portionText(us, parse('(S//REL TO USA, AUS)'))).toBe('S//REL TO USA, AUS');
    expect(bannerText(us, parse('S//REL TO GBR, AUS, USA'))).toBe('SECRET//REL TO USA, AUS, GBR');
    expect(bannerText(us, parse('TS//REL TO USA, FVEY, CAN'))).toBe('TOP SECRET//REL TO USA, CAN, FVEY');
  });

  it('"CUI//SP-PRVCY//NOFORN": categories after the control marking, limited dissemination after them', () => {
    const m = parse('CUI//SP-PRVCY//NOFORN');
    expect(m.categories).toEqual(['SP-PRVCY']);
    expect(bannerText(us, m)).toBe('CUI//SP-PRVCY//NOFORN');
    expect(portionText(us, m)).toBe('CUI//SP-PRVCY//NF');
    expect(bannerText(us, parse('CUI//PRVCY/SP-CVI//FEDCON'))).toBe('CUI//SP-CVI/PRVCY//FEDCON');
  });

  it('"OFFICIAL-SENSITIVE COMMERCIAL": a UK descriptor after the level', () => {
    const m = parseMarking(uk, 'official-sensitive commercial');
    expect(bannerText(uk, m)).toBe('OFFICIAL-SENSITIVE COMMERCIAL');
    expect(() => parseMarking(uk, 'OFFICIAL-SENSITIVE SECRETIVE')).toThrow(/unknown descriptor "SECRETIVE".*COMMERCIAL, LOCSEN, PERSONAL/);
  });

  it('an unknown control is refused, naming the valid ones', () => {
    expect(() => parse('S//NOFRN')).toThrow(/unknown control "NOFRN" after SECRET; valid: ORCON \(OC\), IMCON \(IMC\), NOFORN \(NF\)/);
    expect(() => parse('U//NOFORN')).toThrow(/NOFORN does not apply to UNCLASSIFIED/);
    expect(() => parse('CUI//ORCON')).toThrow(/ORCON does not apply to CUI/);
    expect(() => parse('S//REL')).toThrow(/REL TO USA, GBR/);
    expect(() => parse('S//REL TO UK')).toThrow(/not a trigraph: UK/);
    expect(() => parse('S//NOFORN/REL TO USA, GBR')).toThrow(/both NOFORN and REL TO/);
    expect(() => parse('X')).toThrow(/not a marking of scheme/);
  });
});

describe('the banner of a document from its portions (32 CFR 2001.21, ISOO booklet)', () => {
  it('is the highest portion: "(U)" and "(C)" and "(S)" give "SECRET"', () => {
    expect(banner('U', 'C', 'S')).toBe('SECRET');
    expect(banner('U')).toBe('UNCLASSIFIED');
  });

  it('NOFORN beats REL TO: "(S//NF)" beside "(S//REL TO USA, GBR)" gives "SECRET//NOFORN"', () => {
    expect(banner('S//NF', 'S//REL TO USA, GBR')).toBe('SECRET//NOFORN');
    expect(banner('C//NF', 'TS//REL TO USA, GBR')).toBe('TOP SECRET//NOFORN');
  });

  it('REL TO lists intersect: "USA, AUS, GBR" and "USA, GBR, NZL" give "REL TO USA, GBR"', () => {
    expect(banner('S//REL TO USA, AUS, GBR', 'C//REL TO USA, GBR, NZL')).toBe('SECRET//REL TO USA, GBR');
  });

  it('an intersection with only USA left is NOFORN', () => {
    expect(banner('S//REL TO USA, AUS', 'S//REL TO USA, GBR')).toBe('SECRET//NOFORN');
  });

  it('a classified portion with no foreign-disclosure marking beside REL TO portions makes the banner NOFORN; an unclassified one does not', () => {
    expect(banner('S//REL TO USA, GBR', 'C')).toBe('SECRET//NOFORN');
    expect(banner('S//REL TO USA, GBR', 'U')).toBe('SECRET//REL TO USA, GBR');
  });

  it('CUI categories and limited dissemination controls add up in a CUI document and drop out of a classified one', () => {
    expect(banner('CUI//SP-PRVCY', 'CUI//PRVCY//FEDCON', 'U')).toBe('CUI//SP-PRVCY/PRVCY//FEDCON');
    expect(banner('CUI//SP-PRVCY//NOFORN', 'S')).toBe('SECRET//NOFORN');
    expect(banner('CUI//SP-PRVCY//FEDCON', 'S//REL TO USA, GBR')).toBe('SECRET//REL TO USA, GBR');
  });
});
