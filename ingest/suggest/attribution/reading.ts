import { span, type Token } from '../tokens';
import {
  ARTICLES,
  COMMON_INITIALS,
  HONORIFICS,
  KNOWN_OUTLETS,
  NAME_PARTICLES,
  OUTLET_HEADS,
  OUTLET_NOUNS,
  POSSESSIVE_PRONOUNS,
  PRONOUNS,
  RANKS,
  ROLE_NOUNS,
  TITLE_COMPLEMENTS,
  TITLES,
} from './lexicons';
import type { Phrase } from './phrases';

/** What a speaker's phrase is: a person or body (its name and/or role), an outlet, or a pronoun. */

export type Reading = { kind: 'person'; name?: string; role?: string } | { kind: 'outlet'; outlet: string } | { kind: 'pronoun' } | { kind: 'none' };

/**
 * Capitalised for our purposes: a capital that is not just the sentence's first letter on an
 * ordinary word ("Officials said", "The ministry said", "Negotiators said").
 */
export function capital(t: Token): boolean {
  // Arabic names' particles are written lower case before a capital: "Majed al-Ansari".
  if (t.kind === 'word' && !t.cap) return /^(?:al|el|ad|as|an|ash|at|ibn|bin|abu|de|d)[-'’]\p{Lu}/u.test(t.text);
  if (t.kind !== 'word') return false;
  return !(t.initial && (ARTICLES.has(t.lower) || COMMON_INITIALS.has(t.lower) || ROLE_NOUNS.has(t.lower)));
}

/** The words as written; a first word capitalised only by its position is lower-cased. */
function text(sentence: string, toks: readonly Token[], from: number, to: number): string {
  const s = span(sentence, toks, from, to).replace(/\s+/g, ' ').trim();
  const first = toks[from];
  // "Foreign Minister …" stays as it is: the capitals run on past the first word.
  const runOn = to > from && toks[from + 1].cap;
  return first.initial && first.cap && !capital(first) && !runOn && !/^\p{Lu}{2,}/u.test(first.text) ? s[0].toLowerCase() + s.slice(1) : s;
}

/** The outlet a phrase names, as written (without a lower-case "the"), if it names one. */
function outletOf(sentence: string, toks: readonly Token[], from: number, to: number): string | undefined {
  // "the Meridian Herald" → "Meridian Herald"; "told The Guardian" keeps its capital "The".
  if (toks[from].lower === 'the' && !capital(toks[from])) from++;
  if (from > to) return undefined;
  const words = toks.slice(from, to + 1);
  const key = words
    .map((t) => t.lower)
    .join(' ')
    .replace(/^the /, '');
  const last = words[words.length - 1].lower;
  const named = words.every((t) => capital(t) || NAME_PARTICLES.has(t.lower) || t.kind === 'number');
  const outlet =
    KNOWN_OUTLETS.has(key) || // Reuters, the BBC, Al Jazeera
    (named && words.length >= 2 && OUTLET_HEADS.has(last)) || // the Meridian Herald, Coastal Dispatch
    // Yonhap News Agency, but not the International Energy Agency.
    (named && last === 'agency' && words.some((t) => t.lower === 'news' || t.lower === 'press')) ||
    // An outlet without a name: "state media", "the newspaper", "the news agency".
    (!named && words.length <= 3 && (OUTLET_NOUNS.has(last) || key.endsWith('news agency')));
  return outlet ? text(sentence, toks, from, to) : undefined;
}

/** Reads a phrase as a person or body (name and/or role), an outlet, or a pronoun. */
export function read(sentence: string, toks: readonly Token[], p: Phrase): Reading {
  let { from } = p;
  const { to } = p;
  if (from === to && PRONOUNS.has(toks[from].lower)) return { kind: 'pronoun' };
  // "his office", "their lawyers": someone named elsewhere, if at all.
  if (POSSESSIVE_PRONOUNS.has(toks[from].lower)) return { kind: 'pronoun' };
  const outlet = outletOf(sentence, toks, from, to);
  if (outlet) return { kind: 'outlet', outlet };
  while (from <= to && (ARTICLES.has(toks[from].lower) || HONORIFICS.has(toks[from].lower))) from++;
  if (from > to) return { kind: 'none' };
  const words = toks.slice(from, to + 1);
  const hasRoleNoun = words.some((t) => ROLE_NOUNS.has(t.lower) || TITLES.has(t.lower));

  // Title in front of a name: the name is the capitalised run after the last title word
  // (and after "of State"-style complements of that title).
  let lastTitle = -1;
  // A role noun serves as a title too: "Rights group Amnesty International".
  for (let k = from; k <= to; k++) if (TITLES.has(toks[k].lower) || ROLE_NOUNS.has(toks[k].lower)) lastTitle = k;
  if (lastTitle >= from && lastTitle < to) {
    let k = lastTitle + 1;
    if (toks[k].lower === 'of') {
      let c = k + 1;
      while (c < to && TITLE_COMPLEMENTS.has(toks[c].lower)) c++;
      if (c > k + 1) k = c;
    }
    const name = toks.slice(k, to + 1);
    // A name ending in a role noun names a body, not a person: "the Ukrainian General Staff".
    const body = ROLE_NOUNS.has(name[name.length - 1]?.lower ?? '');
    if (k <= to && !body && capital(toks[k]) && name.every((t) => capital(t) || NAME_PARTICLES.has(t.lower)) && capital(name[name.length - 1])) {
      const out: Reading = { kind: 'person', name: text(sentence, toks, k, to) };
      // A title in front of a name keeps its capitals ("Ambassador Rana Haddad"), but not a
      // military rank or courtesy title after it ("Army spokesman Col. Nadav Shalev").
      let end = k - 1;
      while (end >= from && RANKS.has(toks[end].lower)) end--;
      if (end >= from) out.role = span(sentence, toks, from, end);
      return out;
    }
  }

  // All capitals (with particles): a name, of a person or a body ("the Foreign Ministry").
  const named = words.every((t) => capital(t) || NAME_PARTICLES.has(t.lower) || t.kind === 'number') && capital(words[0]) && capital(words[words.length - 1]);
  if (named) return personOfBody(sentence, toks, from, to) ?? { kind: 'person', name: text(sentence, toks, from, to) };

  // A description: "U.S. senior official", "foreign ministry", "Russia's defence ministry".
  if (hasRoleNoun) return { kind: 'person', role: text(sentence, toks, from, to) };
  return { kind: 'none' };
}

/** A name followed by ", the foreign minister," gets that role; so does a role before a name. */
export function withAppositive(sentence: string, toks: readonly Token[], r: Reading, p: Phrase): Reading {
  if (r.kind !== 'person' || !p.appositive) return r;
  const a = read(sentence, toks, p.appositive);
  if (a.kind !== 'person') return r;
  if (r.name && !r.role && a.role && !a.name) return { kind: 'person', name: r.name, role: a.role };
  if (r.role && !r.name && a.name && !a.role) return { kind: 'person', name: a.name, role: r.role };
  return r;
}

/**
 * "Sara Petrov of the Institute for Trade Studies": a person's name, then the body they speak
 * for, which is their role. Not "Ministry of Defence" or "Bank of England": there the words
 * before "of" name a body themselves.
 */
function personOfBody(sentence: string, toks: readonly Token[], from: number, to: number): Reading | undefined {
  let of = from;
  while (of <= to && toks[of].lower !== 'of' && toks[of].lower !== 'at') of++;
  if (of - from < 2 || of >= to) return undefined;
  const person = toks.slice(from, of);
  if (person.some((t) => ROLE_NOUNS.has(t.lower) || TITLES.has(t.lower) || !capital(t))) return undefined;
  let body = of + 1;
  if (toks[body].lower === 'the') body++;
  if (body > to || !toks.slice(body, to + 1).some((t) => ROLE_NOUNS.has(t.lower))) return undefined;
  return { kind: 'person', name: text(sentence, toks, from, of - 1), role: span(sentence, toks, body, to) };
}
