import { describe, expect, it } from 'vitest';
import { suggestEventDate, suggestEventDates } from './event-date';

/** Friday 19 January 2024, the publication date of most cases below. */
const PUB = '2024-01-19';

type Case = [sentence: string, published: string | undefined, expected: string | undefined];

function check(cases: Case[]): void {
  it.each(cases)('%s (published %s) → %s', (sentence, published, expected) => {
    expect(suggestEventDate(sentence, published)).toBe(expected);
  });
}

describe('dates written out', () => {
  check([
    ['The deal was signed in February 2022.', undefined, '2022-02'],
    ['On March 3, 2021, the board met in Vienna.', undefined, '2021-03-03'],
    ['The agreement expires on 31 March 2025.', PUB, '2025-03-31'],
    ['He was born in March 1961.', undefined, '1961-03'],
    ['The ministry said on 15/01/2024 that exports had resumed.', undefined, '2024-01-15'],
  ]);
});

describe('bare years, which chrono does not read', () => {
  check([
    ['The plant closed in 2019.', undefined, '2019'],
    ['The plant closed in 2019.', PUB, '2019'],
    ['In 2019, 40 ships sailed through the strait.', undefined, '2019'],
    ['GDP grew strongly in mid-2021.', undefined, '2021'],
    ['Prices rose 5% in Q3 2023.', PUB, '2023'],
    ['Fighting intensified during 2022, the report said.', undefined, '2022'],
    // Not an event date: a period's start, a target, a name.
    ['Since 2014 the region has been occupied.', PUB, undefined],
    ['The plan aims to halve emissions by 2030.', PUB, undefined],
    ['The 2019 agreement collapsed.', undefined, undefined],
    ['He served until 2019.', undefined, undefined],
    ['Exports rose 12 percent in 2,019 shipments.', undefined, undefined],
  ]);
});

describe('a month or day without a year takes it from the publication date', () => {
  check([
    ['The talks began on Jan. 15 in Geneva.', PUB, '2024-01-15'],
    ['The talks, held Jan. 15-17, ended without a deal.', PUB, '2024-01-15'],
    // A December event in a January article is last December, kept at month precision.
    ['Shelling intensified in late December, officials said.', PUB, '2023-12'],
    ['Shelling intensified in late December, officials said.', '2024-01', '2023-12'],
    ['Ships carried 1.2 million tonnes of grain in December.', '2024-07-03', '2023-12'],
    ['Talks resumed in May.', PUB, '2023-05'],
    // About the future: the next one.
    ['The vote is scheduled for May 5.', PUB, '2024-05-05'],
    ['Talks are due to resume in December.', '2024-02-10', '2024-12'],
    // Without a publication date the year is unknown: no guess.
    ['The talks began on Jan. 15 in Geneva.', undefined, undefined],
    ['Shelling intensified in late December.', undefined, undefined],
  ]);
});

describe('dates relative to publication', () => {
  check([
    // Friday 19 January: "Tuesday" is the 16th, "Monday" the 15th, "Friday" the day itself.
    ['The minister resigned on Tuesday.', PUB, '2024-01-16'],
    ['The minister resigned on Monday.', PUB, '2024-01-15'],
    ['The minister resigned on Friday.', PUB, '2024-01-19'],
    ['The ministers will meet on Monday.', PUB, '2024-01-22'],
    ['Yesterday the ministry said exports fell.', PUB, '2024-01-18'],
    ['The attack happened three days ago.', PUB, '2024-01-16'],
    ['The attack happened this morning.', PUB, '2024-01-19'],
    ['On the night of Dec. 31 the drones struck the port.', PUB, '2023-12-31'],
    ['Last month the bank raised rates.', PUB, '2023-12'],
    ['Last month the bank raised rates.', '2024-01', '2023-12'],
    ['Earlier this year exports fell.', PUB, '2024'],
    ['Reserves fell a year earlier.', PUB, '2023'],
    ['At the end of last year, reserves fell.', PUB, '2023-12'],
    // A relative date needs a publication date as precise as what it resolves.
    ['The minister resigned on Tuesday.', '2024-01', undefined],
    ['Last month the bank raised rates.', '2024', undefined],
    ['The minister resigned on Tuesday.', undefined, undefined],
    ['Earlier this year exports fell.', undefined, undefined],
    ['Yesterday the ministry said exports fell.', 'not a date', undefined],
  ]);
});

describe('weeks resolve to the month (a day would be false precision)', () => {
  check([
    ['Exports fell last week.', PUB, '2024-01'],
    // Published Friday 2 February: last week ran 22–28 January.
    ['Exports fell last week.', '2024-02-02', '2024-01'],
    // Published Monday 5 February: last week ran 29 January – 4 February; its Thursday is 1 February.
    ['Exports fell last week.', '2024-02-05', '2024-02'],
    ['Two weeks ago the bridge collapsed.', PUB, '2024-01'],
    ['This week the bank cut rates.', PUB, '2024-01'],
    ['Over the weekend, shelling intensified.', PUB, '2024-01'],
    ['Exports fell last week.', '2024-01', undefined],
  ]);
});

describe('no date', () => {
  check([
    ['No date appears in this sentence at all.', PUB, undefined],
    ['Thousands joined a march on the capital.', PUB, undefined],
    ['Exports are now 12 percent lower.', PUB, undefined],
    ['The drones struck at 3 a.m.', PUB, undefined],
    ['The sun set behind the port.', PUB, undefined],
    ['Four in 10 voters, or 4/10, backed the plan.', PUB, undefined],
    ['May the talks succeed, he said.', PUB, undefined],
    ['Prices rose in the first quarter.', PUB, undefined],
  ]);
});

describe('several dates', () => {
  check([['The ceasefire agreed on Dec. 24 collapsed on Jan. 3.', PUB, '2023-12-24']]);
});

describe("the tense of the date's own clause", () => {
  check([
    // A "next week" elsewhere in the sentence does not move the day it was said.
    ['Duarte said on Tuesday that the talks would resume next week.', PUB, '2024-01-16'],
    ['The proposal would be published on Wednesday, a spokesperson said.', PUB, '2024-01-24'],
    ['The strike on Sunday killed two people.', PUB, '2024-01-14'],
    ['The new terminal would open by March, the port authority said.', '2024-10-03', '2025-03'],
    ['The new terminal opened in March.', '2024-10-03', '2024-03'],
    ['The G20 summit opens in Rio on Nov. 18.', '2024-03-07', '2024-11-18'],
    ['Global growth will slow to 2.8 percent this year.', '2025-06-12', '2025'],
  ]);
});

describe('dates that are not the event: left empty', () => {
  check([
    ['The council meets every Tuesday.', PUB, undefined],
    ['Rice prices have doubled since January.', PUB, undefined],
    ['"We need the money now, not next year," she said.', PUB, undefined],
    ['Article 5 was invoked only once, after the Sept. 11 attacks.', PUB, undefined],
    ['Holm, who took office in January, said the grid would cope.', PUB, undefined],
    ['The company, founded in 1998, employs 2,300 people.', PUB, undefined],
    ['Troops must withdraw within 30 days.', PUB, undefined],
    ['The vote, originally scheduled for Tuesday, was postponed.', PUB, undefined],
    ['Net migration fell to 685,000 in the year to June 2023.', PUB, undefined],
    ['Yields jumped 30 basis points in the week after the plan was announced.', PUB, undefined],
    ['The truce will last four days.', PUB, undefined],
    ['A deal was unlikely before November, the official said.', PUB, undefined],
    ['The canal earned $9.4 billion in the fiscal year to June.', PUB, undefined],
  ]);
});

describe('ranges', () => {
  type Range = [sentence: string, published: string, start: string, end: string | undefined];
  it.each<Range>([
    ['Shelling intensified in late December and early January, residents said.', PUB, '2023-12', '2024-01'],
    ['Shelling intensified in late December and early January.', '2025-06-12', '2024-12', '2025-01'],
    ['Power cuts lasted from Dec. 28 to Jan. 4 in most of the region.', PUB, '2023-12-28', '2024-01-04'],
    ['The talks, held Jan. 15-17, ended without a deal.', PUB, '2024-01-15', '2024-01-17'],
    ['From 2019 to 2021, the programme trained 4,000 teachers.', PUB, '2019', '2021'],
    ['The deployment would begin in late March and end in early May.', '2025-02-14', '2025-03', '2025-05'],
    ['The economy grew 7.8% in the April-June quarter.', '2025-09-03', '2025-04', '2025-06'],
    // Two events, not a range.
    ['The sanctions were imposed in 2019 and eased in late 2023.', PUB, '2019', undefined],
    ['Exports fell last week.', PUB, '2024-01', undefined],
  ])('%s (published %s) → %s .. %s', (sentence, published, start, end) => {
    expect(suggestEventDates(sentence, published)).toEqual(end ? { start, end } : { start });
  });
});
