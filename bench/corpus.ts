import type { SourceInput } from '../core/model';
import { pick, pickSkewed } from './random';

/**
 * Vocabulary for a synthetic but realistic policy library: countries, actors, verbs and
 * quantities recombined into news-style sentences of varied length. Written for Dossier.
 */
const PLACES = [
  'Ukraine',
  'Moldova',
  'Poland',
  'Romania',
  'Turkey',
  'Egypt',
  'Sudan',
  'Niger',
  'Mali',
  'Taiwan',
  'Japan',
  'Korea',
  'India',
  'Pakistan',
  'Iran',
  'Iraq',
  'Syria',
  'Lebanon',
  'Israel',
  'Jordan',
  'Yemen',
  'Somalia',
  'Kenya',
  'Ethiopia',
  'Brazil',
  'Mexico',
  'Colombia',
  'Venezuela',
  'Canada',
  'Norway',
  'Finland',
  'Sweden',
  'Estonia',
  'Latvia',
  'Lithuania',
  'Georgia',
  'Armenia',
  'Azerbaijan',
  'Kazakhstan',
  'Vietnam',
  'Philippines',
  'Indonesia',
  'Australia',
  'Nigeria',
  'Ghana',
  'Senegal',
  'Chad',
  'Libya',
  'Tunisia',
  'Morocco',
];
const ACTORS = [
  'the foreign ministry',
  'the defence minister',
  'a senior official',
  'the central bank',
  'the prime minister',
  'the opposition leader',
  'the parliament',
  'the energy regulator',
  'the port authority',
  'the customs service',
  'a government spokesperson',
  'the finance ministry',
  'the trade envoy',
  'the security council',
  'an industry group',
  'the national statistics office',
  'the election commission',
  'the coast guard',
  'the health ministry',
  'the interior minister',
];
const VERBS = [
  'announced',
  'warned',
  'confirmed',
  'denied',
  'proposed',
  'rejected',
  'approved',
  'suspended',
  'extended',
  'expanded',
  'reduced',
  'doubled',
  'tightened',
  'eased',
  'reviewed',
  'signed',
  'delayed',
  'funded',
  'launched',
  'halted',
];
const OBJECTS = [
  'grain exports',
  'fuel subsidies',
  'border controls',
  'sanctions relief',
  'a ceasefire proposal',
  'the trade agreement',
  'military aid',
  'gas deliveries',
  'fertiliser imports',
  'the loan programme',
  'refugee registrations',
  'shipping insurance',
  'electricity tariffs',
  'the customs union',
  'port inspections',
  'the debt restructuring',
  'vaccine procurement',
  'the water-sharing accord',
  'rail freight',
  'cyber defences',
  'drone production',
  'rare earth exports',
  'semiconductor controls',
  'food aid',
  'the pension reform',
];
const TAILS = [
  'after weeks of negotiations',
  'despite objections from neighbouring states',
  'citing security concerns',
  'ahead of the winter season',
  'following a cabinet meeting',
  'under pressure from creditors',
  'in response to the latest attacks',
  'pending a parliamentary vote',
  'as prices continued to climb',
  'according to draft documents seen by reporters',
  'with immediate effect',
  'for at least six months',
  'in coordination with regional partners',
  'after an audit found irregularities',
];
const UNITS = [
  'million tonnes',
  'billion dollars',
  'percent',
  'thousand barrels a day',
  'million euros',
  'troops',
  'vessels',
  'households',
  'megawatts',
  'kilometres',
];
const OUTLETS = [
  'The Meridian Herald',
  'Northgate Times',
  'Coastal Dispatch',
  'The Continental Review',
  'Harbour Wire',
  'Capital Ledger',
  'Eastern Observer',
  'Policy Quarterly',
  'The Daily Compass',
  'Union Gazette',
];
const INSTITUTES = [
  'Institute for Trade Studies',
  'Centre for Security Analysis',
  'Council on Energy Policy',
  'U.S. Department of State',
  'European Commission',
  'World Food Programme',
  'International Monetary Fund',
  'Office for National Statistics',
];
const FAMILY = [
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Tanaka',
  'Haddad',
  'Kowalski',
  'Mensah',
  'Ibrahim',
  'Petrov',
  'Santos',
  'Novak',
  'Chen',
  'Duarte',
  'Fischer',
  'Kaur',
  'Reyes',
  'Murphy',
  'Yilmaz',
  'Nakamura',
  'Abebe',
];
const GIVEN = [
  'Adaeze',
  'Erik',
  'Claire',
  'Hiro',
  'Rana',
  'Piotr',
  'Kwame',
  'Amina',
  'Ivan',
  'Lucia',
  'Marek',
  'Wei',
  'Ines',
  'Jonas',
  'Harpreet',
  'Camila',
  'Sean',
  'Elif',
  'Yuki',
  'Selam',
];
export const TAGS = Array.from({ length: 200 }, (_, i) => (i < PLACES.length ? PLACES[i].toLowerCase() : `topic-${i}`));
const TYPES = ['article-newspaper', 'article-newspaper', 'article-newspaper', 'report', 'webpage', 'speech', 'article-magazine', 'dataset'] as const;
const GRADES = ['A', 'B', 'B', 'C', 'C', 'C', 'D', 'E', 'F'] as const;

function date(r: () => number, from = 2015, years = 11): string {
  const y = from + Math.floor(r() * years);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  const p = (n: number) => String(n).padStart(2, '0');
  const shape = r();
  return shape < 0.1 ? String(y) : shape < 0.25 ? `${y}-${p(m)}` : `${y}-${p(m)}-${p(d)}`;
}

/**
 * Thousands of made-up towns, people and organisations, drawn with a Zipf-like skew: real
 * libraries are full of rare proper nouns, which are what analysts most often search for.
 */
const SYLLABLES = [
  'ka',
  'vel',
  'dor',
  'mi',
  'ra',
  'sen',
  'tu',
  'bal',
  'or',
  'ne',
  'zar',
  'li',
  'pek',
  'an',
  'gol',
  'sha',
  'ter',
  'vo',
  'din',
  'ru',
  'mak',
  'el',
  'sto',
  'ya',
];
export const ENTITIES = Array.from({ length: 6000 }, (_, i) => {
  const a = SYLLABLES[i % SYLLABLES.length];
  const b = SYLLABLES[Math.floor(i / SYLLABLES.length) % SYLLABLES.length];
  const c = SYLLABLES[Math.floor(i / (SYLLABLES.length * SYLLABLES.length)) % SYLLABLES.length];
  return cap(a + b + (i % 3 === 0 ? c : 'ov'));
});

export function sentence(r: () => number): string {
  const place = pickSkewed(r, PLACES);
  const where = r() < 0.6 ? ` in ${pickSkewed(r, ENTITIES)}` : '';
  const who = r() < 0.3 ? `, said ${pick(r, GIVEN)} ${pickSkewed(r, ENTITIES)}` : '';
  const parts = [`${cap(pick(r, ACTORS))} of ${place} ${pick(r, VERBS)} ${pickSkewed(r, OBJECTS)}${where}${who}`];
  const extra = Math.floor(r() * 4);
  for (let i = 0; i < extra; i++) {
    const k = r();
    if (k < 0.35) parts.push(pick(r, TAILS));
    else if (k < 0.7) parts.push(`affecting about ${(1 + r() * 900).toFixed(r() < 0.5 ? 0 : 1)} ${pick(r, UNITS)}`);
    else parts.push(`while ${pick(r, ACTORS)} of ${pickSkewed(r, PLACES)} ${pick(r, VERBS)} ${pick(r, OBJECTS)}`);
  }
  return parts.join(', ') + '.';
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

export function source(r: () => number, i: number): SourceInput {
  const type = pick(r, TYPES);
  const institutional = type === 'report' || type === 'dataset' || type === 'speech';
  const authors = institutional
    ? [{ literal: pick(r, INSTITUTES) }]
    : Array.from({ length: 1 + Math.floor(r() * 2) }, () => ({ family: pick(r, FAMILY), given: pick(r, GIVEN) }));
  const s: SourceInput = {
    type,
    title: `${cap(pickSkewed(r, OBJECTS))} in ${pickSkewed(r, PLACES)}: ${pick(r, VERBS)} ${pick(r, TAILS)} (${i})`,
    authors,
    issued: date(r),
    url: `https://news.example/${i}`,
    reliability: pick(r, GRADES),
  };
  if (!institutional) s.containerTitle = pick(r, OUTLETS);
  else s.publisher = (authors[0] as { literal: string }).literal;
  return s;
}

export function eventDate(r: () => number): string {
  return date(r);
}

export { PLACES, OBJECTS, VERBS };
