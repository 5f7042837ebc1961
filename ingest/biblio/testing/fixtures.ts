/** Invented but realistic bibliography files for the tests. */

export const BIBTEX = String.raw`% Exported for the grain-corridor briefing
@string{mi = "Meridian Institute"}

@techreport{okafor2024grain,
  author      = {Okafor, Adaeze and Jos{\'e} M{\"u}ller and {\O}stergaard, S{\o}ren},
  title       = {The {NATO} Grain Corridor: Costs -- and Benefits},
  institution = mi,
  type        = {Policy Report},
  number      = {PR-12},
  address     = {London},
  year        = 2024,
  month       = jan,
  doi         = {10.5555/MERIDIAN.2024.12},
  url         = {https://www.meridian.example/reports/grain-corridor/},
  urldate     = {2024-03-05},
  abstract    = {How the corridor changed freight costs.},
  keywords    = {grain, shipping}
}

@article{lee2024deal,
  author       = {Lee, Kim},
  title        = {Grain deal signed after weeks of talks},
  journaltitle = {The Meridian Herald},
  entrysubtype = {newspaper},
  date         = {2024-01-19},
  url          = {https://herald.example/world/grain-deal},
  urldate      = {2024-01-20}
}

@online{state2024statement,
  author  = {{U.S. Department of State}},
  title   = {Statement on the Black Sea Grain Initiative},
  date    = {2024-03},
  url     = {https://www.state.example/statements/black-sea-grain},
  urldate = {2024-03-07},
  organization = {Office of the Spokesperson}
}

@misc{broken2023,
  author = {Haddad, Karim},
  title  = {This entry never closes its title,
  year   = 2023

@legislation{aidact2022,
  title  = {Foreign Assistance Modernization Act},
  date   = {2022},
  number = {Pub. L. 117-81},
  url    = {https://laws.example/pl-117-81}
}

@inproceedings{chen2021maritime,
  author    = {Chen, Wei and van der Berg, Jan},
  title     = {Maritime Traffic After the {Kerch} Incident},
  booktitle = {Proceedings of the Conference on Maritime Security},
  publisher = {Seaways Press},
  pages     = {45--61},
  year      = {2021}
}

@incollection{garcia2019sanctions,
  author    = {Garc{\'i}a, Mar{\'i}a},
  editor    = {Kowalczyk, Anna},
  title     = {Sanctions and Shipping},
  booktitle = {Handbook of Economic Statecraft},
  publisher = {Atlas Books},
  address   = {New York},
  year      = {2019},
  month     = {sep},
  pages     = {101--130}
}

@book{plato1992republic,
  author    = {Plato},
  title     = {Republic},
  publisher = {Hackett},
  year      = {1992}
}

@misc{worldbank2023prices,
  author       = {{World Bank}},
  title        = {Food Price Monitor},
  howpublished = {\url{https://data.worldbank.example/food-prices}},
  year         = {2023},
  month        = {11}
}
`;

export const RIS = `TY  - RPRT
AU  - Okafor, Adaeze
AU  - Müller, José
TI  - Grain corridor costs and benefits
PY  - 2024///
DA  - 2024/03/
PB  - Meridian Institute
CY  - London
SN  - PR-12
UR  - https://meridian.example/reports/grain-corridor
DO  - 10.5555/meridian.2024.12
Y2  - 2024/04/05
AB  - How the corridor changed freight costs,
  with data from three seasons.
ER  - 

TY  - NEWS
AU  - Lee, Kim
TI  - Grain deal signed after weeks of talks
T2  - The Meridian Herald
PY  - 2024
DA  - 2024/01/19/
UR  - https://herald.example/world/grain-deal
Y2  - 2024/01/20
ER  - 

TY  - GOVDOC
AU  - U.S. Department of State
TI  - Statement on the Black Sea Grain Initiative
PY  - 2024/03/07/
UR  - https://www.state.example/statements/black-sea-grain
ER  - 

TY  - ELEC
AU  - Haddad, Karim
TI  - Shipping insurance after the corridor
PY  - 2023
UR  - https://blog.example/insurance
Y2  - 2023/12/01
ER  - 
`;

/** Zotero's "CSL JSON" export: string date parts, extra fields, literal institutions. */
export const ZOTERO_CSL_JSON = JSON.stringify(
  [
    {
      id: 'http://zotero.org/users/1234/items/ABCD2345',
      type: 'report',
      title: 'Grain corridor costs and benefits',
      'collection-title': 'Policy Reports',
      publisher: 'Meridian Institute',
      'publisher-place': 'London',
      genre: 'Policy report',
      number: 'PR-12',
      source: 'meridian.example',
      URL: 'https://meridian.example/reports/grain-corridor',
      DOI: '10.5555/meridian.2024.12',
      abstract: 'How the corridor changed freight costs.',
      language: 'en',
      'citation-key': 'okafor2024grain',
      author: [{ family: 'Okafor', given: 'Adaeze' }, { literal: 'Meridian Institute Research Team' }],
      accessed: { 'date-parts': [['2024', 3, 5]] },
      issued: { 'date-parts': [['2024', '1']] },
    },
    {
      id: 'http://zotero.org/users/1234/items/EFGH6789',
      type: 'article-newspaper',
      title: 'Grain deal signed after weeks of talks',
      'container-title': 'The Meridian Herald',
      page: 4,
      section: 'World',
      URL: 'https://herald.example/world/grain-deal',
      author: [{ family: 'Lee', given: 'Kim' }],
      issued: { 'date-parts': [[2024, 1, 19]] },
      accessed: { 'date-parts': [[2024, 1, 20]] },
    },
    {
      id: 'http://zotero.org/users/1234/items/IJKL0123',
      type: 'thesis',
      title: 'Ports and power',
      publisher: 'University of Elsewhere',
      genre: 'PhD thesis',
      author: [{ family: 'Nakamura', given: 'Yuki', 'parse-names': false }],
      issued: { literal: 'forthcoming' },
    },
  ],
  null,
  2,
);
