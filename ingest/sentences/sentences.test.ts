import { describe, expect, it } from 'vitest';
import { segment, splitParagraphs, splitSentences, type TextSpan } from './index';

const texts = (input: string) => splitSentences(input).map((s) => s.text);
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The documented span contract: offsets point at trimmed text in the original string, spans are
 * in order and do not overlap, and `text` differs from the slice only by whitespace collapsing
 * (sentences) and removed `>` markers of wrapped blockquote lines.
 */
function expectValidSpans(input: string, spans: TextSpan[], kind: 'sentence' | 'paragraph') {
  let prevEnd = 0;
  for (const span of spans) {
    expect(span.start).toBeGreaterThanOrEqual(prevEnd);
    expect(span.end).toBeGreaterThan(span.start);
    prevEnd = span.end;
    const slice = input.slice(span.start, span.end);
    expect(slice).toBe(slice.trim());
    expect(span.text).toBe(span.text.trim());
    const withoutQuoteMarkers = slice.replace(/(\r\n|\r|\n)[ \t]*(?:>[ \t]?)+/g, '$1');
    expect(span.text).toBe(kind === 'sentence' ? collapse(withoutQuoteMarkers) : withoutQuoteMarkers);
  }
}

const ARTICLE = `# Budget talks stall as deadline nears

WASHINGTON — The U.S. Treasury warned on Jan. 18 that federal borrowing could rise by $3.2 billion this quarter. Officials said the increase, about 1.5 percent,
reflects higher interest costs. The warning unsettled allies of the U.S. It comes weeks before a summit in Brussels.

"We will not yield on the core spending levels," Sen. Maria Gonzalez said. "The other side knows where we stand." She did not say whether a deal was close.

Gen. Mark A. Lee, who will testify at 9 a.m. Tuesday, is expected to defend the Pentagon's request. His prepared remarks, posted at https://www.example.gov/testimony/lee.pdf, cite rising costs for fuel, e.g. jet fuel and diesel. “Readiness is not optional,” he added. Questions can go to press@example.gov. Staff will answer them by Friday.

The British government, speaking from No. 10 Downing St., called the dispute a matter for Congress. A spokesman for the E.U. declined to comment. Markets barely moved.
`;

const ARTICLE_SENTENCES = [
  ['Budget talks stall as deadline nears'],
  [
    'WASHINGTON — The U.S. Treasury warned on Jan. 18 that federal borrowing could rise by $3.2 billion this quarter.',
    'Officials said the increase, about 1.5 percent, reflects higher interest costs.',
    'The warning unsettled allies of the U.S.',
    'It comes weeks before a summit in Brussels.',
  ],
  [
    '"We will not yield on the core spending levels," Sen. Maria Gonzalez said.',
    '"The other side knows where we stand."',
    'She did not say whether a deal was close.',
  ],
  [
    "Gen. Mark A. Lee, who will testify at 9 a.m. Tuesday, is expected to defend the Pentagon's request.",
    'His prepared remarks, posted at https://www.example.gov/testimony/lee.pdf, cite rising costs for fuel, e.g. jet fuel and diesel.',
    '“Readiness is not optional,” he added.',
    'Questions can go to press@example.gov.',
    'Staff will answer them by Friday.',
  ],
  [
    'The British government, speaking from No. 10 Downing St., called the dispute a matter for Congress.',
    'A spokesman for the E.U. declined to comment.',
    'Markets barely moved.',
  ],
];

describe('news article', () => {
  const result = segment(ARTICLE);

  it('yields exactly one span per sentence, paragraph by paragraph', () => {
    expect(result.map((p) => p.sentences.map((s) => s.text))).toEqual(ARTICLE_SENTENCES);
    expect(texts(ARTICLE)).toEqual(ARTICLE_SENTENCES.flat());
  });

  it('points every offset at the original text', () => {
    const sentences = result.flatMap((p) => p.sentences);
    expectValidSpans(ARTICLE, sentences, 'sentence');
    expectValidSpans(
      ARTICLE,
      result.map((p) => p.paragraph),
      'paragraph',
    );
    // A soft-wrapped sentence keeps its original slice but collapses the newline in `text`.
    const wrapped = sentences[2];
    expect(ARTICLE.slice(wrapped.start, wrapped.end)).toContain('percent,\nreflects');
    expect(wrapped.text).toContain('percent, reflects');
  });

  it('keeps sentences inside their paragraph', () => {
    for (const { paragraph, sentences } of result) {
      for (const s of sentences) {
        expect(s.start).toBeGreaterThanOrEqual(paragraph.start);
        expect(s.end).toBeLessThanOrEqual(paragraph.end);
      }
    }
    expect(result[0].paragraph.text).toBe('Budget talks stall as deadline nears');
    expect(ARTICLE.slice(result[0].paragraph.start, result[0].paragraph.end)).toBe('Budget talks stall as deadline nears');
    expect(result[4].paragraph.text).toBe(ARTICLE.slice(result[4].paragraph.start).trim());
  });
});

describe('regressions', () => {
  it('does not split after "Jan." in "on Jan. 18."', () => {
    expect(texts('The ceasefire took effect on Jan. 18.')).toEqual(['The ceasefire took effect on Jan. 18.']);
    expect(texts('The ceasefire took effect on Jan. 18. Fighting resumed days later.')).toEqual([
      'The ceasefire took effect on Jan. 18.',
      'Fighting resumed days later.',
    ]);
  });
});

/** [input, expected sentences] tables, one describe per theme. */
const CASES: Record<string, Array<[string, string[]]>> = {
  quotations: [
    ['"We will not yield," she said.', ['"We will not yield," she said.']],
    ['"We will not yield." She said nothing more.', ['"We will not yield."', 'She said nothing more.']],
    ['“We will not yield,” she said.', ['“We will not yield,” she said.']],
    ['“We will not yield.” She said nothing more.', ['“We will not yield.”', 'She said nothing more.']],
    ['“Is this the end?” he asked. Nobody answered.', ['“Is this the end?” he asked.', 'Nobody answered.']],
    ["He said: 'I disagree.' Then he left.", ["He said: 'I disagree.'", 'Then he left.']],
    ['"Not now!" he added, walking out.', ['"Not now!" he added, walking out.']],
    // A quotation closed by an attribution is one sentence, however many it quotes.
    ['"We won. We always do," he said.', ['"We won. We always do," he said.']],
    ['"Prices will rise. Wages will not," the minister said. Markets fell.', ['"Prices will rise. Wages will not," the minister said.', 'Markets fell.']],
    ['“Prices will rise. Wages will not. Savers lose,” Ms. Lane said.', ['“Prices will rise. Wages will not. Savers lose,” Ms. Lane said.']],
    ['‘Prices will rise. Wages won’t,’ the minister said.', ['‘Prices will rise. Wages won’t,’ the minister said.']],
    ['"Will prices rise? Will wages?" she asked.', ['"Will prices rise? Will wages?" she asked.']],
    // Closed by a full stop, or never closed: the quoted sentences stand alone.
    ['"Prices will rise. Wages will not." The minister left.', ['"Prices will rise.', 'Wages will not."', 'The minister left.']],
    ['"Prices will rise. Wages will not. Savers lose.', ['"Prices will rise.', 'Wages will not.', 'Savers lose.']],
    ['He said "prices rise." Then he left. "Wages fall," she said.', ['He said "prices rise."', 'Then he left.', '"Wages fall," she said.']],
    // A speech is not one quotation to cite: beyond five sentences they stay apart.
    ['"One. Two. Three. Four. Five. Six," he said.', ['"One.', 'Two.', 'Three.', 'Four.', 'Five.', 'Six," he said.']],
  ],
  abbreviations: [
    ['Gen. Mark A. Lee met Lt. Col. Ann Ross and Capt. Joe Bell.', ['Gen. Mark A. Lee met Lt. Col. Ann Ross and Capt. Joe Bell.']],
    ['Sgt. Cruz briefed Adm. Hill, Gov. Park and Sen. Diaz.', ['Sgt. Cruz briefed Adm. Hill, Gov. Park and Sen. Diaz.']],
    ['Rep. Kim thanked Rev. Moore and the Hon. Jane Fox.', ['Rep. Kim thanked Rev. Moore and the Hon. Jane Fox.']],
    ['Mr. and Mrs. Smith met Ms. Lane, Dr. Ortiz and Prof. Wu.', ['Mr. and Mrs. Smith met Ms. Lane, Dr. Ortiz and Prof. Wu.']],
    ['Acme Corp. said profit rose. Beta Inc. It was not alone.', ['Acme Corp. said profit rose.', 'Beta Inc.', 'It was not alone.']],
    ['Shares of Acme Co. Ltd. fell.', ['Shares of Acme Co. Ltd. fell.']],
    ['Martin Luther King Jr. Day is a holiday. John Smith Sr. agreed.', ['Martin Luther King Jr. Day is a holiday.', 'John Smith Sr. agreed.']],
    ['The case was Roe vs. Wade. It changed a lot.', ['The case was Roe vs. Wade.', 'It changed a lot.']],
    ['Fruit, e.g. apples, and grain, i.e. wheat, rose.', ['Fruit, e.g. apples, and grain, i.e. wheat, rose.']],
    ['They sold apples, pears, etc. The market closed.', ['They sold apples, pears, etc.', 'The market closed.']],
    ['Aid goes to Poland, Romania, etc. Other recipients wait.', ['Aid goes to Poland, Romania, etc.', 'Other recipients wait.']],
    ['About approx. 40 people (est. 2 million nationwide) came.', ['About approx. 40 people (est. 2 million nationwide) came.']],
    ['The Dept. of Energy agreed. So did the St. Louis Fed.', ['The Dept. of Energy agreed.', 'So did the St. Louis Fed.']],
    ['St. Michael’s is on Main St. The church is old.', ['St. Michael’s is on Main St.', 'The church is old.']],
    ['See Fig. 2, p. 55, pp. 10-12, para. 4, art. 5 and sec. 3.', ['See Fig. 2, p. 55, pp. 10-12, para. 4, art. 5 and sec. 3.']],
    ['He lives at No. 10. Nos. 11 and 12 are empty.', ['He lives at No. 10.', 'Nos. 11 and 12 are empty.']],
    ['The answer was no. The vote failed.', ['The answer was no.', 'The vote failed.']],
    ['She loves modern art. The museum agreed.', ['She loves modern art.', 'The museum agreed.']],
    ['Talks resumed Jan. 5, Feb. 6, Mar. 7, Apr. 8 and Aug. 9.', ['Talks resumed Jan. 5, Feb. 6, Mar. 7, Apr. 8 and Aug. 9.']],
    ['Deadlines: Sept. 1, Sep. 2, Oct. 3, Nov. 4 and Dec. 5.', ['Deadlines: Sept. 1, Sep. 2, Oct. 3, Nov. 4 and Dec. 5.']],
    ['Sen. Jo Ames (D-Mass.) voted no. Rep. Li (R-Ill.) did too.', ['Sen. Jo Ames (D-Mass.) voted no.', 'Rep. Li (R-Ill.) did too.']],
    ['See 42 U.S.C. § 1983 and 85 Fed. Reg. 1234. Both apply.', ['See 42 U.S.C. § 1983 and 85 Fed. Reg. 1234.', 'Both apply.']],
    ['He holds a Ph.D. in law. He joined the I.M.F. in 2001.', ['He holds a Ph.D. in law.', 'He joined the I.M.F. in 2001.']],
    ['Gen. (ret.) David H. Petraeus and Asst. Sec. Mary Smith spoke.', ['Gen. (ret.) David H. Petraeus and Asst. Sec. Mary Smith spoke.']],
    [
      'Table 2. Funding by year. Figure 3.1. Exports fell. He read Section 2. It was long.',
      ['Table 2. Funding by year.', 'Figure 3.1. Exports fell.', 'He read Section 2.', 'It was long.'],
    ],
  ],
  'U.S. and other country abbreviations': [
    ['I live in the U.S. How about you?', ['I live in the U.S.', 'How about you?']],
    ['Troops left the U.S. They arrived in the U.K. on Monday.', ['Troops left the U.S.', 'They arrived in the U.K. on Monday.']],
    ['The U.S. Treasury and the U.K. Prime Minister spoke.', ['The U.S. Treasury and the U.K. Prime Minister spoke.']],
    ['The U.N. Security Council met. The E.U. But not the U.N.', ['The U.N. Security Council met.', 'The E.U.', 'But not the U.N.']],
    ['Aid to the U.S.-backed government rose.', ['Aid to the U.S.-backed government rose.']],
    ['He flew to Washington, D.C. The talks began.', ['He flew to Washington, D.C.', 'The talks began.']],
    ['Prices fell in the U.S. Analysts were surprised.', ['Prices fell in the U.S.', 'Analysts were surprised.']],
    ['The unit was sold to Acme Inc. Mr. Smith approved.', ['The unit was sold to Acme Inc.', 'Mr. Smith approved.']],
    ['He is a U.S. Rep. from Ohio.', ['He is a U.S. Rep. from Ohio.']],
  ],
  'initials and the pronoun I': [
    ['J. R. R. Tolkien wrote it. J.R.R. Tolkien did.', ['J. R. R. Tolkien wrote it.', 'J.R.R. Tolkien did.']],
    ['We make a good team, you and I. Did you see Albert I. Jones?', ['We make a good team, you and I.', 'Did you see Albert I. Jones?']],
    ['It got a grade of A. The rest got B.', ['It got a grade of A.', 'The rest got B.']],
    ['The ruling in Brown v. Board stands.', ['The ruling in Brown v. Board stands.']],
  ],
  'times of day': [
    ['The hearing starts at 9 a.m. Tuesday in Room 5.', ['The hearing starts at 9 a.m. Tuesday in Room 5.']],
    ['At 5 a.m. Mr. Smith went to the bank.', ['At 5 a.m. Mr. Smith went to the bank.']],
    ['Polls close at 8 p.m. Results follow.', ['Polls close at 8 p.m.', 'Results follow.']],
    ['Talks run until 5 p.m. on Friday. Then they stop.', ['Talks run until 5 p.m. on Friday.', 'Then they stop.']],
    ['The deadline is 5 p.m. Eastern.', ['The deadline is 5 p.m. Eastern.']],
  ],
  'numbers, money, addresses': [
    ['The plan costs $3.2 billion, up 1.5 percent or 1.5%.', ['The plan costs $3.2 billion, up 1.5 percent or 1.5%.']],
    ['Prices rose 0.5%. Analysts expected 0.3%.', ['Prices rose 0.5%.', 'Analysts expected 0.3%.']],
    ['It cost €4.5bn. It was paid in 2019. 2020 was worse.', ['It cost €4.5bn.', 'It was paid in 2019.', '2020 was worse.']],
    ['Read https://www.example.org/a.b/c.html?x=1.5. It is short.', ['Read https://www.example.org/a.b/c.html?x=1.5.', 'It is short.']],
    ['Write to jane.doe@example.co.uk. She replies fast.', ['Write to jane.doe@example.co.uk.', 'She replies fast.']],
    ['Visit www.whitehouse.gov for details.', ['Visit www.whitehouse.gov for details.']],
    ['As reported.[12] The next claim.¹ Another.', ['As reported.[12]', 'The next claim.¹', 'Another.']],
  ],
  'ellipses and parentheses': [
    ['The minister paused... then continued.', ['The minister paused... then continued.']],
    ['The talks stalled… Negotiators left.', ['The talks stalled…', 'Negotiators left.']],
    ['The law states that agencies shall . . . ensure compliance.', ['The law states that agencies shall . . . ensure compliance.']],
    ['"The duty [...] is absolute," the court said.', ['"The duty [...] is absolute," the court said.']],
    ['He teaches science (He worked as an engineer.) at the school.', ['He teaches science (He worked as an engineer.) at the school.']],
    ['The vote passed (see Annex B). The annex is long.', ['The vote passed (see Annex B).', 'The annex is long.']],
  ],
  'question and exclamation marks': [
    ['Is the deal dead?! Nobody knows. Really?', ['Is the deal dead?!', 'Nobody knows.', 'Really?']],
    ['She works at Yahoo! in London.', ['She works at Yahoo! in London.']],
    ['What next? 42 senators asked.', ['What next?', '42 senators asked.']],
  ],
  lists: [
    ['There are two options. 1. Cut spending. 2. Raise taxes.', ['There are two options.', '1. Cut spending.', '2. Raise taxes.']],
    // Every item of an inline list loses its marker, as a Markdown list item does.
    ['1. The first item 2. The second item', ['The first item', 'The second item']],
    ['1) The first item 2) The second item', ['The first item', 'The second item']],
    ['1.) The first item. 2.) The second item.', ['The first item.', 'The second item.']],
    ['• 9. The first item • 10. The second item', ['The first item', 'The second item']],
    ['a. The first item b. The second item', ['The first item', 'The second item']],
    ['(a) The Secretary shall act (b) the Administrator shall assist', ['The Secretary shall act', 'the Administrator shall assist']],
    ['(a) alone is not a list.', ['(a) alone is not a list.']],
    ['- a. Funding b. Staffing', ['Funding', 'Staffing']],
    ['1. a. Funding b. Staffing', ['Funding', 'Staffing']],
    ['See 3(a) and (b) of the Act.', ['See 3(a) and (b) of the Act.']],
    ['Costs grew from 1 to 2. Then they fell.', ['Costs grew from 1 to 2.', 'Then they fell.']],
    ['We will 1) cut costs and 2) raise revenue.', ['We will 1) cut costs and 2) raise revenue.']],
    ['1. Costs rose from 1 to 2. Then they fell.', ['Costs rose from 1 to 2.', 'Then they fell.']],
    ['ii. The second reason is cost. iii. The third is time.', ['ii. The second reason is cost.', 'iii. The third is time.']],
    ['(a) The Secretary shall act. (b) The Administrator shall assist.', ['The Secretary shall act.', 'The Administrator shall assist.']],
  ],
  dates: [
    ["Saint Patrick's Day is on March 17. It is a holiday.", ["Saint Patrick's Day is on March 17.", 'It is a holiday.']],
    [
      'The vote is set for Nov. 3. Polls open at 7 a.m. Voters must bring ID.',
      ['The vote is set for Nov. 3.', 'Polls open at 7 a.m.', 'Voters must bring ID.'],
    ],
    ['It ended in Jan. The next round began in Feb. It failed.', ['It ended in Jan.', 'The next round began in Feb.', 'It failed.']],
  ],
};

describe.each(Object.entries(CASES))('%s', (_theme, cases) => {
  it.each(cases)('%s', (input, expected) => {
    expect(texts(input)).toEqual(expected);
    expectValidSpans(input, splitSentences(input), 'sentence');
  });
});

describe('paragraphs', () => {
  it('splits on blank lines, including \\r\\n, \\r and whitespace-only lines', () => {
    const input = 'One line\r\nwraps here.\r\n\r\n\r\nTwo.\r\n  \t \r\nThree\r\rFour.';
    expect(splitParagraphs(input).map((p) => p.text)).toEqual(['One line\r\nwraps here.', 'Two.', 'Three', 'Four.']);
    expect(texts(input)).toEqual(['One line wraps here.', 'Two.', 'Three', 'Four.']);
    expectValidSpans(input, splitParagraphs(input), 'paragraph');
  });

  it('treats single newlines as soft wraps', () => {
    expect(texts('It was a cold \nnight in the city.')).toEqual(['It was a cold night in the city.']);
    expect(texts('The total rose to\n15. percent, officials said.')).toEqual(['The total rose to 15. percent, officials said.']);
  });

  it('never lets a sentence cross a paragraph boundary', () => {
    const input = 'The first paragraph has no full stop\n\nthe second starts in lowercase. Fine.';
    expect(segment(input).map((p) => p.sentences.map((s) => s.text))).toEqual([
      ['The first paragraph has no full stop'],
      ['the second starts in lowercase.', 'Fine.'],
    ]);
  });

  it('keeps Markdown headings as their own paragraph and strips the markers', () => {
    const input = '# Title\nBody text. More.\n## Section two ##\nMore body.';
    const paragraphs = splitParagraphs(input);
    expect(paragraphs.map((p) => p.text)).toEqual(['Title', 'Body text. More.', 'Section two', 'More body.']);
    expect(input.slice(paragraphs[0].start, paragraphs[0].end)).toBe('Title');
    expect(input.slice(paragraphs[2].start, paragraphs[2].end)).toBe('Section two');
  });

  it('makes each list item its own paragraph, markers stripped', () => {
    const input = 'Findings:\n- The U.S. agreed. Others did not.\n* Second item\n  wraps here.\n+ Third\n\n1. First step.\n2. Second step.\n• PDF bullet.';
    const result = segment(input);
    expect(result.map((p) => p.paragraph.text)).toEqual([
      'Findings:',
      'The U.S. agreed. Others did not.',
      'Second item\n  wraps here.',
      'Third',
      'First step.',
      'Second step.',
      'PDF bullet.',
    ]);
    expect(result[1].sentences.map((s) => s.text)).toEqual(['The U.S. agreed.', 'Others did not.']);
    expect(result[4].sentences.map((s) => s.text)).toEqual(['First step.']);
    expectValidSpans(input, splitSentences(input), 'sentence');
    expectValidSpans(input, splitParagraphs(input), 'paragraph');
  });

  it('does not take a numbered-list marker for a sentence end', () => {
    expect(texts('1. The first step is funding.\n2. Then staffing.')).toEqual(['The first step is funding.', 'Then staffing.']);
  });

  it('strips blockquote markers; offsets point at the stripped text', () => {
    const input = 'Intro.\n\n> The court held that\n> the rule applies. It did not\n> elaborate.\n>\n> Second quoted paragraph.';
    const result = segment(input);
    expect(result.map((p) => p.paragraph.text)).toEqual([
      'Intro.',
      'The court held that\nthe rule applies. It did not\nelaborate.',
      'Second quoted paragraph.',
    ]);
    expect(result[1].sentences.map((s) => s.text)).toEqual(['The court held that the rule applies.', 'It did not elaborate.']);
    const quoted = result[1].paragraph;
    expect(input.slice(quoted.start, quoted.start + 9)).toBe('The court');
    expectValidSpans(input, splitSentences(input), 'sentence');
    expectValidSpans(input, splitParagraphs(input), 'paragraph');
  });

  it('drops horizontal rules and setext underlines', () => {
    expect(splitParagraphs('Title\n=====\nText.\n\n---\n\nMore.').map((p) => p.text)).toEqual(['Title', 'Text.', 'More.']);
  });

  it('splits short unpunctuated lines (menus, keyword lists) but not wrapped prose', () => {
    expect(texts('features\ncontact manager\nevents, activities\n')).toEqual(['features', 'contact manager', 'events, activities']);
    expect(texts('Senate passes a sweeping\nclimate bill after months\nof negotiation')).toEqual([
      'Senate passes a sweeping climate bill after months of negotiation',
    ]);
  });

  it('returns nothing for empty or blank input', () => {
    expect(segment('')).toEqual([]);
    expect(splitSentences(' \n\t\r\n ')).toEqual([]);
    expect(splitParagraphs('\n\n')).toEqual([]);
  });

  it('splitSentences equals the flattened sentences of segment', () => {
    expect(splitSentences(ARTICLE)).toEqual(segment(ARTICLE).flatMap((p) => p.sentences));
  });
});
