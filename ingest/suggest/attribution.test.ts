import { describe, expect, it } from 'vitest';
import { type AttributionSuggestion, suggestAttribution } from './attribution';

type Case = [sentence: string, expected: AttributionSuggestion | undefined];

function check(cases: Case[]): void {
  it.each(cases)('%s', (sentence, expected) => {
    expect(suggestAttribution(sentence)).toEqual(expected);
  });
}

describe('speaker before the verb', () => {
  check([
    ['Ines Duarte said the talks would resume on Monday.', { name: 'Ines Duarte' }],
    ['Lindqvist added that the deal was fragile.', { name: 'Lindqvist' }],
    ['Erik Lindqvist warned that the ceasefire could collapse within days.', { name: 'Erik Lindqvist' }],
    ['The ministry said in a statement that 40 ships had left port.', { role: 'ministry' }],
    ['A U.S. senior official said the shipment had been delayed.', { role: 'U.S. senior official' }],
    ['The defence ministry reported that air defences shot down 18 of 22 drones.', { role: 'defence ministry' }],
    ['The Foreign Ministry said the ambassador had been summoned.', { name: 'Foreign Ministry' }],
    ["Russia's foreign ministry said the decision was illegal.", { role: "Russia's foreign ministry" }],
    ['Officials said the strike damaged two silos.', { role: 'officials' }],
    ['Senior officials said the strike damaged two silos.', { role: 'senior officials' }],
    ['Negotiators said progress had been made.', { role: 'negotiators' }],
    ['Officials in Kyiv said the strike damaged two grain silos.', { role: 'officials in Kyiv' }],
    ['Residents of Odesa said the blasts began before dawn.', { role: 'residents of Odesa' }],
    ['Two diplomats familiar with the talks said a deal was close.', { role: 'two diplomats familiar with the talks' }],
    ['A spokesperson for the defence ministry said the drills would continue.', { role: 'spokesperson for the defence ministry' }],
    ['Analysts at the Centre for Security Analysis said the strikes were escalating.', { role: 'analysts at the Centre for Security Analysis' }],
    ['The International Energy Agency said oil demand would peak by 2030.', { name: 'International Energy Agency' }],
    ['The U.N. said aid deliveries had resumed.', { name: 'U.N.' }],
    ['Theresa May said Britain would leave.', { name: 'Theresa May' }],
    ['Duarte and Lindqvist said the talks would continue.', { name: 'Duarte and Lindqvist' }],
    ['The government will also cut fuel subsidies, Lindqvist said.', { name: 'Lindqvist' }],
    ['The railway said freight rose 30 percent in the first quarter.', { role: 'railway' }],
    ['Mr. Lindqvist said he would resign.', { name: 'Lindqvist' }],
  ]);
});

describe('titles and appositives split into name and role', () => {
  check([
    ['Ines Duarte, the foreign minister, said the talks would resume on Monday.', { name: 'Ines Duarte', role: 'foreign minister' }],
    ['The foreign minister, Ines Duarte, said the talks would resume.', { name: 'Ines Duarte', role: 'foreign minister' }],
    ['The talks failed, Ines Duarte, the foreign minister, said on Tuesday.', { name: 'Ines Duarte', role: 'foreign minister' }],
    ['Foreign Minister Ines Duarte said the talks would resume.', { name: 'Ines Duarte', role: 'Foreign Minister' }],
    ['Prime Minister Erik Lindqvist told parliament the budget would be balanced.', { name: 'Erik Lindqvist', role: 'Prime Minister' }],
    ['Ambassador Rana Haddad warned that aid could be cut.', { name: 'Rana Haddad', role: 'Ambassador' }],
    ['Kremlin spokesperson Dmitry Peskov told reporters the offer was "unacceptable".', { name: 'Dmitry Peskov', role: 'Kremlin spokesperson' }],
    ['The company’s chief executive, Selam Abebe, said output would double.', { name: 'Selam Abebe', role: 'company’s chief executive' }],
    [
      'Dr. Amina Ibrahim, an epidemiologist at the health ministry, warned that cases were rising.',
      { name: 'Amina Ibrahim', role: 'epidemiologist at the health ministry' },
    ],
    ['Duarte, 54, said she would not seek re-election.', { name: 'Duarte' }],
    ['A senior official, who asked not to be named, said the plan had stalled.', { role: 'senior official' }],
    ['The minister, speaking on condition of anonymity, said the plan had stalled.', { role: 'minister' }],
  ]);
});

describe('speaker after the verb', () => {
  check([
    ['The talks will resume on Monday, said Ines Duarte, the foreign minister.', { name: 'Ines Duarte', role: 'foreign minister' }],
    ['The shipment had been delayed, a U.S. senior official said.', { role: 'U.S. senior official' }],
    ['“We will not back down,” said Duarte, who leads the delegation.', { name: 'Duarte' }],
    ['“The corridor is open,” the port authority said.', { role: 'port authority' }],
    ['‘We are ready,’ the general said.', { role: 'general' }],
    ['Exports fell, said a senior official who asked not to be named.', { role: 'senior official' }],
    ['“This is not over,” Duarte said. “We will be back.”', { name: 'Duarte' }],
    ['"Prices will keep rising," Lindqvist said, adding that the bank was ready to act.', { name: 'Lindqvist' }],
  ]);
});

describe('"according to", "as cited by" and other relays', () => {
  check([
    ['According to Ines Duarte, the foreign minister, the talks will resume.', { name: 'Ines Duarte', role: 'foreign minister' }],
    ['Exports fell 8 percent, according to figures from the statistics office.', { role: 'statistics office' }],
    ['The figures, as cited by the Coastal Dispatch, show a sharp fall.', { viaOutlet: 'Coastal Dispatch' }],
    ['Exports fell sharply, as reported by Reuters.', { viaOutlet: 'Reuters' }],
    ['The Meridian Herald reported, citing two officials, that the talks had collapsed.', { role: 'two officials', viaOutlet: 'Meridian Herald' }],
  ]);
});

describe('another outlet credited: viaOutlet', () => {
  check([
    ['Exports fell 12 percent in December, Reuters reported.', { viaOutlet: 'Reuters' }],
    ['Around 40 ships are waiting to enter the corridor, according to the Meridian Herald.', { viaOutlet: 'Meridian Herald' }],
    ['According to a report by the Meridian Herald, the port handled 3,000 containers.', { viaOutlet: 'Meridian Herald' }],
    ['The port handled 3,000 containers, according to data compiled by the Meridian Herald.', { viaOutlet: 'Meridian Herald' }],
    ['Duarte told the BBC that the corridor would stay open.', { name: 'Duarte', viaOutlet: 'BBC' }],
    ['The plan has stalled, a senior official told the Meridian Herald on Tuesday.', { role: 'senior official', viaOutlet: 'Meridian Herald' }],
    [
      'U.S. Secretary of State Antony Blinken told the Meridian Herald that aid would continue.',
      { name: 'Antony Blinken', role: 'U.S. Secretary of State', viaOutlet: 'Meridian Herald' },
    ],
    [
      'Lindqvist, the deputy prime minister, told Bloomberg News that the budget was on track.',
      { name: 'Lindqvist', role: 'deputy prime minister', viaOutlet: 'Bloomberg News' },
    ],
    ['"The corridor is open," the port authority said in a statement, Reuters reported.', { role: 'port authority', viaOutlet: 'Reuters' }],
    ['The ministry said exports fell, Reuters reported.', { role: 'ministry', viaOutlet: 'Reuters' }],
    ['The minister said, according to Reuters, that the talks had collapsed.', { role: 'minister', viaOutlet: 'Reuters' }],
    ['In an interview with Bloomberg, Duarte said inflation had peaked.', { name: 'Duarte', viaOutlet: 'Bloomberg' }],
    ['Inflation has peaked, Duarte said in an interview with the Financial Times.', { name: 'Duarte', viaOutlet: 'Financial Times' }],
    ['Speaking to the BBC, Duarte said the corridor would stay open.', { name: 'Duarte', viaOutlet: 'BBC' }],
    ['State media reported that the dam had been breached.', { viaOutlet: 'state media' }],
    ['The Associated Press reported that the bridge had collapsed.', { viaOutlet: 'Associated Press' }],
    ['The talks stalled last week, Ines Duarte told The Guardian.', { name: 'Ines Duarte', viaOutlet: 'The Guardian' }],
    // A pronoun is no name, but the outlet is still worth knowing.
    ['The corridor will stay open, she told the Meridian Herald.', { viaOutlet: 'Meridian Herald' }],
    ['She told Reuters that no decision had been made.', { viaOutlet: 'Reuters' }],
    [
      'Ships carried 1.2 million tonnes of grain, the port authority said, according to the Meridian Herald.',
      { role: 'port authority', viaOutlet: 'Meridian Herald' },
    ],
  ]);
});

describe('no one named: undefined, never a pronoun', () => {
  check([
    ['“We will not back down,” she said.', undefined],
    ['He said the deal would be signed next week.', undefined],
    ['They said the bridge was closed.', undefined],
    ['It said the figures were preliminary.', undefined],
    // Words inside a quotation are someone else's: the officials are not the speaker.
    ['“Officials told us to leave,” she said.', undefined],
    ['The grain corridor reopened on Tuesday after a nine-day pause.', undefined],
    ['The deal, announced in March, collapsed.', undefined],
    ['The data showed exports fell 12 percent.', undefined],
    ['Duarte told reporters that the corridor would stay open.', { name: 'Duarte' }],
    ['An estimated 40 ships are waiting to enter the corridor.', undefined],
    ['', undefined],
  ]);
});

describe('stance verbs, negations, ranks and documents', () => {
  check([
    ["Japan's envoy, Hiroyuki Namazu, condemned the launch.", { name: 'Hiroyuki Namazu', role: "Japan's envoy" }],
    [
      'Dr. Tedros Adhanom Ghebreyesus, the WHO director-general, called the situation "catastrophic".',
      { name: 'Tedros Adhanom Ghebreyesus', role: 'WHO director-general' },
    ],
    ['Moscow denies targeting civilian infrastructure.', { name: 'Moscow' }],
    ['The army denied that its soldiers had fired on civilians.', { role: 'army' }],
    ['Russia rejected the accusations as "absurd".', { name: 'Russia' }],
    ['The Government Accountability Office found that the Pentagon could not account for its assets.', { name: 'Government Accountability Office' }],
    ['Charities warned that the bill could breach international law.', { role: 'charities' }],
    ['Cleverly\'s predecessor, Suella Braverman, had described the plan as "unstoppable".', { name: 'Suella Braverman', role: "Cleverly's predecessor" }],
    // Acts, not words.
    ['The court rejected the appeal on Monday.', undefined],
    ['Border guards denied entry to 40 people.', undefined],
    // "called" attributes words only when it quotes them.
    ['Some lawmakers have called for an inquiry.', undefined],
    // Nothing was said: never a speaker "ministry did".
    ['The ministry did not say how many ships had been turned back.', undefined],
    ['What the ministry did not say was how the drones evaded radar.', undefined],
    ['Duarte declined to say whether the hostages would be released.', undefined],
    ['Army spokesman Col. Nadav Shalev said the operation would continue.', { name: 'Nadav Shalev', role: 'Army spokesman' }],
    ['Gen. Mark Whitby, the commander of the task force, said 3,500 sorties had been flown.', { name: 'Mark Whitby', role: 'commander of the task force' }],
    ['Sheikh Mohammed bin Abdulrahman Al Thani told a news conference that the truce would hold.', { name: 'Mohammed bin Abdulrahman Al Thani' }],
    ['The truce will last four days, foreign ministry spokesman Majed al-Ansari said.', { name: 'Majed al-Ansari', role: 'foreign ministry spokesman' }],
    ['Rights group Amnesty International said 120 protesters had been detained.', { name: 'Amnesty International', role: 'Rights group' }],
    ["Israel's ambassador to the U.N., Danny Danon, said the resolution was one-sided.", { name: 'Danny Danon', role: "Israel's ambassador to the U.N." }],
    ['"People cannot afford bread," said Luisa Pérez, a schoolteacher in Maracaibo.', { name: 'Luisa Pérez', role: 'schoolteacher in Maracaibo' }],
    ['The decision was made, two sources with knowledge of the matter said.', { role: 'two sources with knowledge of the matter' }],
    ['Lammy will travel to the region next week, his office said.', undefined],
    ['Pak Jong-chol said in a statement carried by KCNA that the drills were a rehearsal.', { name: 'Pak Jong-chol', viaOutlet: 'KCNA' }],
    ['Documents seen by the Guardian show that the contract was worth £85m.', { viaOutlet: 'Guardian' }],
    ['According to IMF estimates, public debt reached 93 percent of GDP.', { name: 'IMF' }],
    ['The stockpile stood at 440.9 kg, according to a confidential IAEA report seen by Reuters.', { name: 'IAEA', viaOutlet: 'Reuters' }],
    ['The report, by the International Crisis Group, warns that the truce is fragile.', { name: 'International Crisis Group' }],
    ['Dr. Sara Petrov of the Institute for Trade Studies warned that prices could rise.', { name: 'Sara Petrov', role: 'Institute for Trade Studies' }],
    ['The Bank of England said inflation had peaked.', { name: 'Bank of England' }],
    ['Chief Economic Adviser V. Anantha Nageswaran said growth would slow.', { name: 'V. Anantha Nageswaran', role: 'Chief Economic Adviser' }],
  ]);
});
