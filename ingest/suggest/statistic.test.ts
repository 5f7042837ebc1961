import { describe, expect, it } from 'vitest';
import { type StatisticSuggestion, suggestStatistic } from './statistic';

type Case = [sentence: string, expected: StatisticSuggestion | undefined];

function check(cases: Case[]): void {
  it.each(cases)('%s', (sentence, expected) => {
    expect(suggestStatistic(sentence)).toEqual(expected);
  });
}

describe('counts of things', () => {
  check([
    ['Ukraine fires around one million rounds, a defence official said.', { figure: 'around one million rounds', value: 1_000_000, unit: 'rounds' }],
    ['Nearly 50 countries have signed the declaration.', { figure: 'Nearly 50 countries', value: 50, unit: 'countries' }],
    ['More than 2,000 troops were deployed to the border.', { figure: 'More than 2,000 troops', value: 2000, unit: 'troops' }],
    ['The war has displaced some 6.5 million people.', { figure: 'some 6.5 million people', value: 6_500_000, unit: 'people' }],
    ['Half a million people fled the city.', { figure: 'Half a million people', value: 500_000, unit: 'people' }],
    ['The ministry said 40 ships had left port since Monday.', { figure: '40 ships', value: 40, unit: 'ships' }],
    ['Ships carried 1.2 million tonnes of grain through the corridor.', { figure: '1.2 million tonnes', value: 1_200_000, unit: 'tonnes' }],
    ['Output rose to 600,000 barrels a day.', { figure: '600,000 barrels a day', value: 600_000, unit: 'barrels a day' }],
    ['Air defences shot down 18 of 22 drones.', { figure: '18 of 22 drones', value: 18, unit: 'drones' }],
    ['Russia fired 40 missiles and 30 drones overnight.', { figure: '40 missiles', value: 40, unit: 'missiles' }],
    ['Forty-five incidents are listed on page 4 of the report.', { figure: 'Forty-five incidents', value: 45, unit: 'incidents' }],
    ['The city built 20 new schools last year.', { figure: '20 new schools', value: 20, unit: 'new schools' }],
    ['The population of 44 million faces shortages.', { figure: '44 million', value: 44_000_000 }],
  ]);
});

describe('money', () => {
  check([
    ['The fund will provide $3.2 billion in aid.', { figure: '$3.2 billion', value: 3.2e9, unit: 'USD' }],
    ['The EU pledged €40 million for demining.', { figure: '€40 million', value: 4e7, unit: 'EUR' }],
    ['The government spent $3.2bn on subsidies.', { figure: '$3.2bn', value: 3.2e9, unit: 'USD' }],
    ['Britain will give £25m to the reconstruction fund.', { figure: '£25m', value: 2.5e7, unit: 'GBP' }],
    ['The loan is worth US$1.5 billion.', { figure: 'US$1.5 billion', value: 1.5e9, unit: 'USD' }],
    ['The company reported revenue of 500 million euros.', { figure: '500 million euros', value: 5e8, unit: 'EUR' }],
  ]);
});

describe('percentages and shares', () => {
  check([
    ['Inflation reached 30% in March.', { figure: '30%', value: 30, unit: 'percent' }],
    ['The economy grew 1.5 percent in the third quarter.', { figure: '1.5 percent', value: 1.5, unit: 'percent' }],
    ['Unemployment fell to 4.1 per cent.', { figure: '4.1 per cent', value: 4.1, unit: 'percent' }],
    ['The bank cut rates by 50 basis points.', { figure: '50 basis points', value: 50, unit: 'basis points' }],
    ['Turnout was down 3 percentage points.', { figure: '3 percentage points', value: 3, unit: 'percentage points' }],
    ['Two-thirds of households lack heating.', { figure: 'Two-thirds', value: 66.67, unit: 'percent' }],
    ['A third of the budget goes to defence.', { figure: 'A third', value: 33.33, unit: 'percent' }],
    ['About half of the population lives in cities.', { figure: 'About half', value: 50, unit: 'percent' }],
    ['Prices rose 10-15 percent.', { figure: '10-15 percent', unit: 'percent' }],
  ]);
});

describe('the strongest figure wins', () => {
  check([
    ['Two officials said exports fell 12 percent.', { figure: '12 percent', value: 12, unit: 'percent' }],
    ['Exports fell 12 percent, while imports rose 3 percent.', { figure: '12 percent', value: 12, unit: 'percent' }],
    ['The bank raised its key rate by half a point to 6.25 percent on Thursday.', { figure: '6.25 percent', value: 6.25, unit: 'percent' }],
    ['In 2023, 14 ports handled $2 billion of cargo.', { figure: '$2 billion', value: 2e9, unit: 'USD' }],
  ]);
});

describe('numbers that are not figures', () => {
  check([
    ['The talks began on Jan. 15 in Geneva.', undefined],
    ['On March 3, 2021, the board met.', undefined],
    ['The summit opens on 15 January.', undefined],
    ['In 2019, the plant closed.', undefined],
    ['The drones struck at 3 a.m. and again at 10:30.', undefined],
    ['He was the 21st envoy to visit Kyiv.', undefined],
    ['1. The ministry approved the plan.', undefined],
    ['Under Article 5, allies must respond.', undefined],
    ['Resolution 2231 was adopted unanimously.', undefined],
    ['The G7 met in Hiroshima.', undefined],
    ['Ukraine received its first F-16 jets.', undefined],
    ['COVID-19 cases rose again.', undefined],
    ['A 54-year-old man was arrested.', undefined],
    ['Duarte, 54, said she would resign.', undefined],
    ['The vote was 3-1 in favour.', undefined],
    ['A drone strike damaged two grain silos overnight.', undefined],
    ['There were no figures at all.', undefined],
  ]);
});

describe('ranges, prices and two-word units', () => {
  check([
    ['The programme will cost between $40 billion and $55 billion.', { figure: 'between $40 billion and $55 billion', unit: 'USD' }],
    ['Between 2,000 and 3,000 people attended the rally.', { figure: 'Between 2,000 and 3,000 people', unit: 'people' }],
    ['The damage is estimated at between 3 and 5 billion dollars.', { figure: 'between 3 and 5 billion dollars', unit: 'USD' }],
    ['Brent crude settled at $67.40 a barrel.', { figure: '$67.40 a barrel', value: 67.4, unit: 'USD a barrel' }],
    ['Fuel prices will fall by 5 rupees a litre.', { figure: '5 rupees a litre', value: 5, unit: 'INR a litre' }],
    ['About 45,000 police officers will be deployed.', { figure: 'About 45,000 police officers', value: 45000, unit: 'police officers' }],
    ['Temperatures will reach 40 degrees Celsius.', { figure: '40 degrees Celsius', value: 40, unit: 'degrees Celsius' }],
    ['Germany will deliver 12 more howitzers.', { figure: '12 more howitzers', value: 12, unit: 'howitzers' }],
    ['Hospital admissions rose by a third.', { figure: 'a third', value: 33.33, unit: 'percent' }],
    ['Two people were killed in the strike.', { figure: 'Two people', value: 2, unit: 'people' }],
    ['Turnout was below 40%.', { figure: 'below 40%', value: 40, unit: 'percent' }],
    ['Inflation would fall below 10% by March.', { figure: '10%', value: 10, unit: 'percent' }],
    // Lengths of time and multiples are not quantities of anything.
    ['Firefighters battled the blaze for more than six hours.', undefined],
    ['That is roughly four times the annual average.', undefined],
    ['Exports rose in the first half of the year.', undefined],
    ['The alliance will double its stockpile of 155mm shells.', undefined],
    ['The reform passed with 513 votes, above the two-thirds majority required.', { figure: '513 votes', value: 513, unit: 'votes' }],
    ['Net migration fell to 685,000.', { figure: '685,000', value: 685000 }],
    ['Two people joined the talks.', undefined],
  ]);
});
