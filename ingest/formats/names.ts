import type { CslName } from '../../core/csl';
import { cleanMeta } from './text-clean';

/**
 * Author strings as files carry them → CSL names. A person becomes {given, family} so styles
 * can print "Doe, J."; an institution becomes {literal} so "Institute for Trade Studies" is
 * never cited as "Studies, I. f. T.".
 */

// Words that make a name an institution rather than a person.
const INSTITUTION =
  /\b(?:institute|institut|department|dept|ministry|office|agency|cent(?:er|re)|council|university|college|school|foundation|bank|committee|commission|organi[sz]ation|association|inc|ltd|llc|plc|gmbh|group|service|services|government|embassy|programme|program|fund|forum|society|corporation|company|staff|team|desk|editors|editorial|board|news|press|bureau|parliament|senate|congress|secretariat|mission|authority|union|network|initiative|project|laborator(?:y|ies)|research|reuters|associated|nations|federation|ministerio|minist[eè]re|world|international|national|federal|state of|republic|kingdom|administration|directorate|police|army|navy|court|tribunal|party|journal|herald|gazette|tribune|telegraph|guardian)\b/i;
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'dos',
  'das',
  'du',
  'la',
  'le',
  'ter',
  'ten',
  'bin',
  'ibn',
  'al',
  'el',
  'st.',
]);
const FAMILY_PREFIXES = new Set([
  'Ó',
  'Ní',
  'Nic',
  'Mac',
  'Mc',
  'Ua',
  'Uí',
  'Van',
  'Von',
  'De',
  'Di',
  'Da',
  'Du',
  'Del',
  'Della',
  'La',
  'Le',
  'Al',
  'El',
  'Bin',
  'Ibn',
  'Abu',
  'St.',
  'San',
  'Santa',
  'Dos',
  'Das',
]);
const SUFFIXES = /^(?:jr\.?|sr\.?|ii|iii|iv|v)$/i;

/** A name string that may be a person or an institution. */
export function nameFromString(raw: string): CslName | undefined {
  const s = cleanMeta(raw);
  if (!s) return undefined;
  if (looksInstitutional(s)) return { literal: s };
  return personName(s);
}

/** A person's name: "Jane Doe", "Doe, Jane", "Ursula von der Leyen", "Martin Luther King Jr.". */
export function personName(raw: string): CslName | undefined {
  const s = cleanMeta(raw);
  if (!s) return undefined;
  const comma = s.split(/\s*,\s*/);
  if (comma.length === 2 && comma[0] && comma[1] && !SUFFIXES.test(comma[1])) {
    return withParticle(titleCaseShouting(comma[1]), titleCaseShouting(comma[0]));
  }
  const words = titleCaseShouting(s.replace(/,\s*(jr\.?|sr\.?|ii|iii|iv)$/i, ' $1')).split(' ');
  let suffix: string | undefined;
  if (words.length > 2 && SUFFIXES.test(words[words.length - 1])) suffix = words.pop();
  if (words.length === 1) return { literal: words[0] };
  // The family name starts at `i`: capitalised prefixes belong to it ("Ó Briain", "Van Dyke",
  // "Al Said"); lowercase particles before it are CSL's non-dropping particle ("von der Leyen").
  let i = words.length - 1;
  while (i > 1 && FAMILY_PREFIXES.has(words[i - 1])) i--;
  let j = i;
  while (j > 1 && PARTICLES.has(words[j - 1]) && words[j - 1] === words[j - 1].toLowerCase()) j--;
  const name: CslName = { family: words.slice(i).join(' '), given: words.slice(0, j).join(' ') };
  const particle = words.slice(j, i).join(' ');
  if (particle) name['non-dropping-particle'] = particle;
  if (suffix) name.suffix = suffix;
  return name;
}

/** "Doe, Jane" style parts, where the family part may carry a particle ("von der Leyen"). */
function withParticle(given: string, familyPart: string): CslName {
  const words = familyPart.split(' ');
  let i = 0;
  while (i < words.length - 1 && PARTICLES.has(words[i].toLowerCase())) i++;
  const name: CslName = { family: words.slice(i).join(' '), given };
  if (i > 0) name['non-dropping-particle'] = words.slice(0, i).join(' ');
  return name;
}

/** An author list in one string: "A; B", "A and B", "A, B & C" (but "Doe, Jane" is one name). */
export function namesFromList(raw: string): CslName[] {
  const s = cleanMeta(raw);
  if (!s) return [];
  const parts = s.split(/\s*(?:;|\||\s&\s|\band\b)\s*/i).flatMap(splitCommaList);
  return parts.map(nameFromString).filter((n): n is CslName => n !== undefined);
}

/** "Jane Doe, John Roe" is two people; "Doe, Jane" is one. */
function splitCommaList(part: string): string[] {
  const pieces = part.split(/\s*,\s*/).filter(Boolean);
  if (pieces.length < 2) return [part];
  if (pieces.length === 2 && (SUFFIXES.test(pieces[1]) || (!pieces[0].includes(' ') && !looksInstitutional(part)))) return [part];
  return pieces.every((p) => p.includes(' ') || looksInstitutional(p)) ? pieces : [part];
}

function looksInstitutional(s: string): boolean {
  return INSTITUTION.test(s) || /^the\s/i.test(s) || /\d|&|@/.test(s) || s.split(' ').length > 5;
}

/** "JANE DOE" → "Jane Doe"; names in normal case are left exactly as written. */
function titleCaseShouting(s: string): string {
  if (s !== s.toUpperCase() || s === s.toLowerCase()) return s.trim();
  return s
    .toLowerCase()
    .replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase())
    .trim();
}
