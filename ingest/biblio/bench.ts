import { tempLibrary } from '../../db/testing/temp-library';
import { importSources } from './merge';
import { parseBibliography } from './parse';

export interface BibtexBenchResult {
  entries: number;
  /** Wall time of parse + import (one transaction), the library file already open. */
  ms: number;
  entriesPerSecond: number;
  /** The two halves, to see where the time goes. */
  parseMs: number;
  importMs: number;
  created: number;
}

/**
 * Times importing an N-entry BibTeX file into a fresh temporary library: parsing (citation-js,
 * entry by entry) and the import (match, validate, insert; one transaction).
 */
export function benchBibtex(entries: number): BibtexBenchResult {
  const text = syntheticBibtex(entries);
  const t = tempLibrary();
  const lib = t.lib;
  try {
    const t0 = performance.now();
    const { items } = parseBibliography(text, 'bibtex');
    const t1 = performance.now();
    const result = importSources(lib, items);
    const t2 = performance.now();
    const ms = t2 - t0;
    return {
      entries,
      ms: Math.round(ms),
      entriesPerSecond: Math.round(entries / (ms / 1000)),
      parseMs: Math.round(t1 - t0),
      importMs: Math.round(t2 - t1),
      created: result.created.length,
    };
  } finally {
    t.cleanup();
  }
}

const FAMILIES = ['Okafor', 'M{\\"u}ller', 'Nakamura', "Jos{\\'e} Garc{\\'i}a", '{\\O}stergaard', 'Kowalczyk', 'Haddad', 'Chen', 'van der Berg', 'Ivanova'];
const GIVEN = ['Adaeze', "Jos{\\'e}", 'Yuki', "Mar{\\'i}a", 'S{\\o}ren', 'Anna', 'Karim', 'Wei', 'Jan', 'Olga'];
const ORGS = ['U.S. Department of State', 'World Bank', 'NATO Parliamentary Assembly', 'International Crisis Group', 'European Commission'];
const TOPICS = [
  'grain corridor',
  'sanctions enforcement',
  'energy security',
  'maritime traffic',
  'refugee flows',
  'cyber norms',
  'arms control',
  'food prices',
];
const PLACES = ['the Black Sea', 'the Sahel', "{NATO}'s eastern flank", 'the Red Sea', 'Central Asia', 'the {EU}'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A realistic mixed bibliography: reports, news, web pages, articles, chapters, books. */
export function syntheticBibtex(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = i % FAMILIES.length;
    const person = `${FAMILIES[a]}, ${GIVEN[(a + i) % GIVEN.length]}`;
    const second = `${FAMILIES[(a + 3) % FAMILIES.length]}, ${GIVEN[(a + 5) % GIVEN.length]}`;
    const org = `{${ORGS[i % ORGS.length]}}`;
    const topic = TOPICS[i % TOPICS.length];
    const title = `${topic[0].toUpperCase()}${topic.slice(1)} in ${PLACES[i % PLACES.length]} -- assessment ${i}`;
    const year = 2000 + (i % 25);
    const month = MONTHS[i % 12];
    switch (i % 6) {
      case 0:
        out.push(`@techreport{r${i},
  author = {${person} and ${second}},
  title = {${title}},
  institution = {${ORGS[(i + 1) % ORGS.length]}},
  number = {RR-${i}},
  year = ${year},
  month = ${month},
  doi = {10.5555/rep.${i}},
  url = {https://reports.example.org/${i}},
  urldate = {2024-03-05},
  abstract = {An assessment of ${topic} with data from several seasons and sources.}
}`);
        break;
      case 1:
        out.push(`@article{n${i},
  author = {${person}},
  title = {${title}},
  journaltitle = {The Meridian Herald},
  entrysubtype = {newspaper},
  date = {${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}},
  url = {http://www.herald.example/news/${i}/},
  urldate = {2024-01-20}
}`);
        break;
      case 2:
        out.push(`@online{w${i},
  author = {${org}},
  title = {Statement on ${topic}, no. ${i}},
  date = {${year}-${String((i % 12) + 1).padStart(2, '0')}},
  url = {https://www.state.example/statements/${i}},
  urldate = {2024-03-07}
}`);
        break;
      case 3:
        out.push(`@article{a${i},
  author = {${person} and ${second} and Haddad, Karim},
  title = {${title}},
  journal = {Journal of Policy Studies},
  volume = {${(i % 40) + 1}},
  number = {${(i % 4) + 1}},
  pages = {${i % 300}--${(i % 300) + 20}},
  year = {${year}},
  doi = {10.5555/jps.${i}}
}`);
        break;
      case 4:
        out.push(`@incollection{c${i},
  author = {${person}},
  editor = {${second}},
  title = {${title}},
  booktitle = {Handbook of Security Studies},
  publisher = {Meridian Press},
  address = {London},
  pages = {${i % 100}--${(i % 100) + 30}},
  year = {${year}}
}`);
        break;
      default:
        out.push(`@book{b${i},
  author = {${person}},
  title = {${title}: A History},
  publisher = {Atlas Books},
  address = {New York},
  year = {${year}},
  isbn = {978-0-00-${String(100000 + i).slice(-6)}-0}
}`);
    }
  }
  return out.join('\n\n') + '\n';
}
