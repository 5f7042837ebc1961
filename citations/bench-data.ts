/**
 * Synthetic but realistic citation data for benchmarks and the equivalence tests: a policy
 * analyst's library (think-tank and government reports under corporate authors, news
 * articles, journal articles, books, web pages, some legal material) and briefings that
 * cite it the way briefings do: runs of notes on one source (Ibid. territory), returns to
 * earlier sources, several sources in one note now and then. Deterministic (seeded), so
 * timings and test expectations are reproducible.
 */
import type { CslItem } from '../core/csl';
import type { ClusterInput } from './engine';

/** The benchmarks' seeded PRNG (mulberry32), so generated documents are the same every run. */
import { rng as seededRandom } from '../core/seeded-random';

export { seededRandom };

const FAMILY = [
  'Smith',
  'Nguyen',
  'García',
  'Okafor',
  'Kim',
  'Müller',
  'Haddad',
  'Ivanova',
  'Chen',
  'Dubois',
  'Rahman',
  'Kowalski',
  'Silva',
  'Tanaka',
  'Mensah',
  'Andersson',
  'Rossi',
  'Cohen',
  'Patel',
  'Hughes',
  'Yilmaz',
  'Novak',
  'Said',
  'Park',
  'Fischer',
  'Lopez',
  'Abebe',
  'Sato',
  'Moreau',
  'Quinn',
];
const GIVEN = ['Anna', 'David', 'Fatima', 'James', 'Li', 'Maria', 'Omar', 'Sarah', 'Tomás', 'Yuki', 'Ngozi', 'Pierre'];
const ORGS = [
  'U.S. Department of State',
  'World Bank',
  'International Crisis Group',
  'OECD',
  'United Nations Security Council',
  'Congressional Research Service',
  'International Monetary Fund',
  'Amnesty International',
  'European Commission',
  'RAND Corporation',
];
const PAPERS = ['The New York Times', 'Financial Times', 'Reuters', 'The Guardian', 'Le Monde', 'Al Jazeera', 'Yonhap'];
const JOURNALS = ['International Security', 'Foreign Affairs', 'Journal of Peace Research', 'Survival', 'World Politics', 'International Affairs'];
const TOPICS = [
  'sanctions enforcement',
  'maritime security',
  'food insecurity',
  'cyber operations',
  'election integrity',
  'refugee flows',
  'arms control',
  'energy transition',
  'debt restructuring',
  'counterterrorism financing',
  'border disputes',
  'public health preparedness',
  'critical minerals',
  'disinformation',
  'peacekeeping',
];
const PLACES = ['the Sahel', 'the Black Sea', 'Southeast Asia', 'the Horn of Africa', 'Central America', 'the Korean Peninsula', 'the Western Balkans'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function person(rand: () => number) {
  return { family: pick(rand, FAMILY), given: pick(rand, GIVEN) };
}

/** `count` items with ids "s1".."sN"; several organisations publish more than one report a year. */
export function benchItems(count = 200, seed = 1): CslItem[] {
  const rand = seededRandom(seed);
  const items: CslItem[] = [];
  for (let i = 1; i <= count; i++) {
    const id = `s${i}`;
    const topic = pick(rand, TOPICS);
    const place = pick(rand, PLACES);
    const year = 2015 + Math.floor(rand() * 10);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const r = rand();
    if (r < 0.3) {
      const org = pick(rand, ORGS);
      items.push({
        id,
        type: 'report',
        title: `${topic[0].toUpperCase()}${topic.slice(1)} in ${place}: ${year} Assessment`,
        author: [{ literal: org }],
        publisher: org,
        'publisher-place': 'Washington, DC',
        number: rand() < 0.5 ? `R${40000 + i}` : undefined,
        issued: { 'date-parts': rand() < 0.5 ? [[year]] : [[year, month]] },
        URL: `https://example.org/reports/${i}?ref=dossier&lang=en`,
        accessed: { 'date-parts': [[2025, 2, 3]] },
      });
    } else if (r < 0.55) {
      items.push({
        id,
        type: 'article-newspaper',
        title: `Officials weigh new steps on ${topic} as tensions rise in ${place}`,
        author: [person(rand)],
        'container-title': pick(rand, PAPERS),
        issued: { 'date-parts': [[year, month, day]] },
        URL: `https://news.example.com/${year}/${month}/${day}/story-${i}`,
      });
    } else if (r < 0.75) {
      const authors = [person(rand)];
      if (rand() < 0.5) authors.push(person(rand));
      if (rand() < 0.2) authors.push(person(rand));
      items.push({
        id,
        type: 'article-journal',
        title: `Rethinking ${topic}: evidence from ${place}`,
        author: authors,
        'container-title': pick(rand, JOURNALS),
        volume: String(20 + Math.floor(rand() * 30)),
        issue: String(1 + Math.floor(rand() * 4)),
        page: `${100 + i}-${130 + i}`,
        issued: { 'date-parts': [[year]] },
        DOI: `10.1000/dossier.${i}`,
      });
    } else if (r < 0.9) {
      items.push({
        id,
        type: 'book',
        title: `The politics of ${topic}`,
        author: [person(rand)],
        publisher: pick(rand, ['Oxford University Press', 'Cambridge University Press', 'Brookings Institution Press', 'Routledge']),
        'publisher-place': pick(rand, ['Oxford', 'Cambridge', 'Washington, DC', 'London']),
        issued: { 'date-parts': [[year]] },
      });
    } else if (r < 0.96) {
      items.push({
        id,
        type: 'webpage',
        title: `Fact sheet: ${topic}`,
        author: [{ literal: pick(rand, ORGS) }],
        'container-title': 'Official website',
        issued: { 'date-parts': [[year, month, day]] },
        URL: `https://gov.example/fact-sheets/${i}`,
        accessed: { 'date-parts': [[2025, 1, 15]] },
      });
    } else {
      items.push({
        id,
        type: 'legislation',
        title: `${topic[0].toUpperCase()}${topic.slice(1)} Act ${year}`,
        issued: { 'date-parts': [[year]] },
        'container-title': 'Public Law',
        number: `${110 + (i % 10)}-${i}`,
      });
    }
  }
  // JSON round trip drops the undefined optional fields
  return JSON.parse(JSON.stringify(items)) as CslItem[];
}

/**
 * `count` clusters citing `items` like a briefing: 35% stay on the previous source (Ibid.
 * candidates), most others go back to an earlier source or open a new one, 8% cite two
 * or three sources, 70% carry a page or paragraph locator.
 */
export function benchClusters(items: readonly CslItem[], count: number, seed = 7): ClusterInput[] {
  const rand = seededRandom(seed);
  const clusters: ClusterInput[] = [];
  let previous = items[0].id;
  const locator = () => {
    if (rand() < 0.3) return {};
    return rand() < 0.85
      ? { locator: String(1 + Math.floor(rand() * 300)), label: 'page' }
      : { locator: String(1 + Math.floor(rand() * 60)), label: 'paragraph' };
  };
  for (let i = 0; i < count; i++) {
    const r = rand();
    let ids: string[];
    if (r < 0.35) ids = [previous];
    else if (r < 0.92) ids = [items[Math.floor(rand() * items.length)].id];
    else {
      const n = rand() < 0.7 ? 2 : 3;
      ids = [];
      while (ids.length < n) {
        const id = items[Math.floor(rand() * items.length)].id;
        if (!ids.includes(id)) ids.push(id);
      }
    }
    previous = ids[ids.length - 1]!;
    clusters.push({ id: `n${i + 1}`, cites: ids.map((itemId) => ({ itemId, ...locator() })) });
  }
  return clusters;
}
