import { describe, expect, it } from 'vitest';
import { normaliseDate } from './dates';
import { bylineNames } from './bylines';
import { namesFromList, nameFromString, personName } from './names';
import { pdfSource } from './pdf-metadata';

describe('normaliseDate', () => {
  it.each([
    ['2024-03-12T23:30:00-05:00', '2024-03-12'], // as written, not shifted to UTC
    ['2024-03', '2024-03'],
    ['2024', '2024'],
    ['2023/11/05', '2023-11-05'],
    ['20231105', '2023-11-05'],
    ["D:20230504100000+01'00'", '2023-05-04'],
    ['D:2023', '2023'],
    ['18 January 2024', '2024-01-18'],
    ['Jan. 18, 2024', '2024-01-18'],
    ['March 2024', '2024-03'],
    ['25/12/2023', '2023-12-25'],
    ['12/25/2023', '2023-12-25'],
    ['03/04/2023', '2023'], // ambiguous day and month: only the year is certain
    ['2024-02-30', undefined],
    ['yesterday', undefined],
    ['', undefined],
  ])('%s → %s', (input, expected) => {
    expect(normaliseDate(input)).toBe(expected);
  });
});

describe('names', () => {
  it('splits people and keeps institutions whole', () => {
    expect(personName('Jane Doe')).toEqual({ given: 'Jane', family: 'Doe' });
    expect(personName('Doe, Jane')).toEqual({ given: 'Jane', family: 'Doe' });
    expect(personName('Ursula von der Leyen')).toEqual({ given: 'Ursula', 'non-dropping-particle': 'von der', family: 'Leyen' });
    expect(personName('Martin Luther King Jr.')).toEqual({ given: 'Martin Luther', family: 'King', suffix: 'Jr.' });
    expect(personName('Tomás Ó Briain')).toEqual({ given: 'Tomás', family: 'Ó Briain' });
    expect(nameFromString('U.S. Department of State')).toEqual({ literal: 'U.S. Department of State' });
    expect(nameFromString('The Harbour Times')).toEqual({ literal: 'The Harbour Times' });
    expect(nameFromString('Reuters')).toEqual({ literal: 'Reuters' });
  });

  it('reads author lists and bylines', () => {
    expect(namesFromList('Amara Okafor; Institute for Trade Studies')).toEqual([
      { given: 'Amara', family: 'Okafor' },
      { literal: 'Institute for Trade Studies' },
    ]);
    expect(namesFromList('Jane Doe, John Roe and Ann Poe')).toEqual([
      { given: 'Jane', family: 'Doe' },
      { given: 'John', family: 'Roe' },
      { given: 'Ann', family: 'Poe' },
    ]);
    expect(bylineNames('By JANE DOE and John Roe in Brussels | 18 Jan 2024')).toEqual([
      { given: 'Jane', family: 'Doe' },
      { given: 'John', family: 'Roe' },
    ]);
    expect(bylineNames('Marta Kowalczyk, Diplomatic Correspondent')).toEqual([{ given: 'Marta', family: 'Kowalczyk' }]);
  });

  // Bylines as real saved pages print them (ingest/formats/testing/web-corpus).
  it.each([
    ['By: Marguerite Reardon    August 18, 2010 3:21 PM PDT     Print E-mail', [], ['Marguerite Reardon']],
    ['By Seth Fiegerman2014-01-26 21:32:46 UTC', [], ['Seth Fiegerman']],
    ['By Bryan Walsh Tuesday, Aug. 17, 2010', [], ['Bryan Walsh']],
    ['Doug Stanglin, USA TODAY', [], ['Doug Stanglin']],
    ['By  Ed Hornick, CNN', [], ['Ed Hornick']],
    ['By Brenda  Goodman, MA WebMD Health News', [], ['Brenda Goodman']],
    ['Andrea Stone\n Senior Washington Correspondent', [], ['Andrea Stone']],
    ['Mark Di Stefano BuzzFeed News Reporter', ['BuzzFeed'], ['Mark Di Stefano']],
    ['Martin Untersinger (avec Damien Leloup et Morgane Tual)', [], ['Martin Untersinger', 'Damien Leloup', 'Morgane Tual']],
    ['Par LILIAN ALEMAGNA, LAURE BRETTON Envoyés spéciaux à Toulouse', [], ['Lilian Alemagna', 'Laure Bretton']],
    ['By MAGGIE HABERMAN & SHIRA TOEPLITZ | 10/9/10 7:15 AM EDT', [], ['Maggie Haberman', 'Shira Toeplitz']],
    ['By Griffin McElroy @griffinmcelroy on June 26, 2014 at 9:00a', [], ['Griffin McElroy']],
    ['by Dan Goodin - Apr 16, 2015 8:02 pm UTC', [], ['Dan Goodin']],
    ['Richard (R.J.) Eskow', [], ['Richard R.J. Eskow']],
    ['María R. Sahuquillo  / Emilio de Benito', [], ['María R. Sahuquillo', 'Emilio Benito']],
    ['Ángeles Escrivá | Madrid', [], ['Ángeles Escrivá']],
  ])('reads the names in the byline %j', (byline, outlets, names) => {
    const found = bylineNames(byline, outlets).map((n) => [n.given, n.family].join(' '));
    expect(found).toEqual(names);
  });

  it.each(['By Verge Staff', '2/26/2015 7:11 AM PST', 'Authors', 'BuzzFeed Staff', 'Executive Editor'])('finds no person in %j', (byline) => {
    expect(bylineNames(byline)).toEqual([]);
  });
});

describe('pdfSource', () => {
  it('prefers XMP, ignores generator junk titles, and finds a printed DOI', () => {
    const source = pdfSource({
      info: { Title: 'Microsoft Word - wp12_final_v3.docx', Author: 'jdoe', CreationDate: "D:20230504100000+01'00'", Keywords: 'tariffs; supply chains' },
      xmp: new Map<string, unknown>([
        ['dc:creator', ['Amara Okafor', 'Institute for Trade Studies']],
        ['dc:description', 'Working paper on tariff escalation'],
      ]),
      printedTitle: 'Tariff Escalation and Regional Supply Chains',
      firstPagesText: 'Cite as: Okafor (2023), https://doi.org/10.5555/its.wp12.',
      fileName: 'wp12.pdf',
    });
    expect(source).toEqual({
      type: 'report',
      title: 'Tariff Escalation and Regional Supply Chains',
      authors: [{ given: 'Amara', family: 'Okafor' }, { literal: 'Institute for Trade Studies' }],
      issued: '2023-05-04',
      doi: '10.5555/its.wp12',
      extra: { abstract: 'Working paper on tariff escalation', keyword: 'tariffs; supply chains' },
    });
  });

  it('takes the publication date the document states over the date the file was created', () => {
    const created = { CreationDate: "D:20240611093000+02'00'" };
    const date = (xmp: [string, unknown][], titlePageLines: string[] = []) =>
      pdfSource({ info: created, xmp: new Map(xmp), titlePageLines, firstPagesText: '' }).issued;
    expect(date([])).toBe('2024-06-11');
    expect(date([['xmp:createdate', '2024-06-10T09:00:00Z']])).toBe('2024-06-11');
    expect(date([['prism:publicationdate', '2024-03-12']])).toBe('2024-03-12');
    expect(
      date([
        ['dc:date', ['2024-03']],
        ['prism:publicationdate', '2024-03-12'],
      ]),
    ).toBe('2024-03-12');
    expect(date([['dc:date', ['2024-03']]], ['Published 1 May 2024'])).toBe('2024-03');
    expect(date([], ['Grain Corridors', 'Published 12 March 2024'])).toBe('2024-03-12');
    expect(date([], ['Working Paper 12 | March 2024'])).toBe('2024-03');
    expect(date([], ['Amara Okafor', 'March 12, 2024'])).toBe('2024-03-12');
    expect(date([], ['Publication date: 2024-02-29'])).toBe('2024-02-29');
    // A date inside a sentence is what the report is about, not when it appeared.
    expect(date([], ['In March 2022, exports collapsed.', 'By 12 May 2023 they had recovered'])).toBe('2024-06-11');
  });

  it('falls back to the file name for the title', () => {
    expect(pdfSource({ info: { Title: 'untitled' }, xmp: new Map(), firstPagesText: '', fileName: '/home/ana/Downloads/EU_trade_brief.pdf' }).title).toBe(
      'EU trade brief',
    );
  });
});
