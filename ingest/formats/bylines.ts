import type { CslName } from '../../core/csl';
import { nameFromString } from './names';
import { cleanMeta } from './text-clean';

/**
 * A byline as a page prints it → the people it names. Bylines carry much besides names:
 *   "By JANE DOE and John Roe, Diplomatic Correspondent | 18 Jan 2024"
 *   "By: Marguerite Reardon  August 18, 2010 3:21 PM PDT  Print E-mail"
 *   "Doug Stanglin, USA TODAY" · "By Brenda Goodman, MA  WebMD Health News"
 *   "Martin Untersinger (avec Damien Leloup et Morgane Tual)" · "Par LILIAN ALEMAGNA, LAURE BRETTON Envoyés spéciaux à Toulouse"
 * Kept: the names. Dropped: "By"/"Par", dates and times, job titles, places, credentials, and the
 * outlet named after a comma. A byline that names nobody ("By Staff", "Authors", a date) gives [].
 */
export function bylineNames(raw: string, outlets: string[] = []): CslName[] {
  const s = cleanMeta(raw);
  if (!s) return [];
  const text = untilOutlet(
    untilDate(
      s
        .replace(BY, '')
        .replace(/\(\s*(?:avec|with|con|mit|et|and)\s/gi, ', ')
        .replace(/[()]/g, ' '),
    ),
    outlets,
  )
    .split(/\s+(?:[|•·–—]|-)\s+|\s@|\b(?:updated|published|posted)\b/i)[0]
    .replace(/[\s|•·–—-]+$/, '')
    .replace(/\s+(?:on|at)$/i, '');
  const people: CslName[] = [];
  for (const group of text.split(/\s*(?:;|\s[&/]\s|\b(?:and|et|und|with|avec|con|mit)\b)\s*/i)) {
    const parts = group.split(/\s*,\s*/);
    const shouting = isShouting(parts[0]);
    parts.forEach((part, i) => {
      const name = personPart(part, i > 0, shouting);
      if (name && !people.some((p) => JSON.stringify(p) === JSON.stringify(name))) people.push(name);
    });
  }
  return people;
}

const BY = /^(?:written\s+|story\s+)?(?:by|par|por|von|door|di|av|af)\b[:\s]*/i;

/** Bylines run into the dateline: "Seth Fiegerman2014-01-26", "Bryan Walsh Tuesday, Aug. 17". */
function untilDate(s: string): string {
  const m = /\d|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d/i.exec(s);
  return (m ? s.slice(0, m.index) : s).trim();
}

/** "Mark Di Stefano BuzzFeed News Reporter": the outlet's name ends the names. */
function untilOutlet(s: string, outlets: string[]): string {
  const lower = s.toLowerCase();
  const at = outlets.map((o) => (o.length >= 2 ? lower.indexOf(o.toLowerCase()) : -1)).filter((i) => i > 0);
  return at.length ? s.slice(0, Math.min(...at)).trim() : s;
}

// Words of a job title; a byline part is cut at the first one ("Andrea Stone Senior Washington Correspondent").
const ROLE =
  /^(?:correspondents?|editors?|reporters?|writers?|staff|contributors?|contributing|columnists?|analysts?|fellows?|directors?|chief|senior|bureau|executive|deputy|associate|special|technology|authors?|envoy[ée]e?s?|sp[ée]ciaux|sp[ée]ciale?s?|journalistes?|r[ée]dacteur|r[ée]dactrice|redacci[oó]n|corresponsal|redakteur(?:in)?|photographer|producer|host)$/i;
// Degrees and honours written after a name: "Brenda Goodman, MA".
const CREDENTIAL = /^(?:ma|ms|msc|mba|md|phd|dphil|jd|rn|mph|ba|bsc|frcp|obe|mbe|cbe)\.?$/i;

/**
 * One comma- or "and"-separated part. After the first person a comma introduces the outlet or
 * a credential ("Ed Hornick, CNN"); those are not authors.
 */
function personPart(raw: string, afterComma: boolean, firstShouting: boolean): CslName | undefined {
  // An address is not a name: "https://example.org/authors/jd", "jd@example.org".
  const words = raw
    .replace(BY, '')
    .trim()
    .split(/\s+/)
    .filter((w) => w && !/[/@]|^www\./i.test(w));
  const cut = words.findIndex((w) => ROLE.test(w.replace(/[.,:]$/, '')));
  const kept = (cut >= 0 ? words.slice(0, cut) : words).join(' ').replace(/\s+in\s+\p{Lu}[\p{L}\s]*$/u, '');
  // "Verge Staff", "TMZ Staff": an outlet's word before a title is no person.
  if (!kept || kept.split(' ').length > 5 || CREDENTIAL.test(kept) || (cut >= 0 && !kept.includes(' '))) return undefined;
  // "Doug Stanglin, USA TODAY": capitals after a name in normal case are the outlet.
  if (afterComma && (!kept.includes(' ') || (isShouting(kept) && !firstShouting))) return undefined;
  const name = nameFromString(kept);
  if (!name || (afterComma && name.literal)) return undefined;
  return name;
}

function isShouting(s: string): boolean {
  return s === s.toUpperCase() && /\p{L}/u.test(s) && s !== s.toLowerCase();
}
