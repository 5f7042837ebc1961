import { isBoundary, type Token } from '../tokens';
import { ARTICLES, BETWEEN_SUBJECT_AND_VERB, CARRIED_BY, DOCUMENT_LINKS, DOCUMENT_NOUNS, PUBLISHED, SPEECH_VERBS, STANCE_VERBS, TITLES } from './lexicons';
import { type Phrase, phraseEndingAt, phraseStartingAt, segmentBefore } from './phrases';
import { capital, read, type Reading, withAppositive } from './reading';

/**
 * Speech cues (a verb of saying, "according to", "as cited by", "in an interview with" …) and
 * the speaker or outlet each points at. Cues inside quotation marks are someone else's words.
 */

export interface Found {
  speaker?: Reading;
  via?: string;
}

/** The subject of a verb at index v: the phrase before it, or the run of comma segments. */
function subjectOf(sentence: string, toks: readonly Token[], v: number): Phrase | undefined {
  let end = v - 1;
  while (end >= 0 && toks[end].kind === 'word' && BETWEEN_SUBJECT_AND_VERB.has(toks[end].lower)) end--;
  if (end < 0) return undefined;
  if (!isBoundary(toks[end])) {
    const p = phraseEndingAt(toks, end);
    if (!p) return undefined;
    // "About 70% of Italians said": a share of a people, not anyone who speaks for them.
    if (toks[p.from - 1]?.lower === 'of') return undefined;
    // "The foreign minister, Ines Duarte, said": a role segment before a name segment.
    if (toks[p.from - 1]?.kind === 'comma') {
      const before = segmentBefore(toks, p.from - 1);
      if (before && isBoundary(toks[before.from - 1])) return { ...p, appositive: before };
    }
    return p;
  }
  // "Ines Duarte, the foreign minister, said" / "Duarte, who leads the delegation, said".
  if (toks[end].kind !== 'comma') return undefined;
  let cut = end;
  let seg = segmentBefore(toks, cut);
  // Skip clauses that describe the subject without being it.
  for (let guard = 0; guard < 3; guard++) {
    let i = cut - 1;
    while (i >= 0 && !isBoundary(toks[i])) i--;
    if (i + 1 <= cut - 1 && skippable(toks, i + 1, cut - 1) && toks[i]?.kind === 'comma') {
      cut = i;
      seg = segmentBefore(toks, cut);
      continue;
    }
    break;
  }
  if (!seg) return undefined;
  const prevComma = seg.from - 1;
  if (toks[prevComma]?.kind === 'comma') {
    const name = segmentBefore(toks, prevComma);
    if (name && isBoundary(toks[name.from - 1])) return { ...name, appositive: seg };
  }
  // A lone segment between commas is the subject only if it begins its clause.
  return isBoundary(toks[seg.from - 1]) ? seg : undefined;
}

/** After a speaker phrase: ", the foreign minister" up to the next comma or the end. */
function appositiveAfter(toks: readonly Token[], p: Phrase): Phrase {
  if (toks[p.to + 1]?.kind !== 'comma') return p;
  const a = phraseStartingAt(toks, p.to + 2);
  if (!a) return p;
  const next = toks[a.to + 1];
  if (!isBoundary(next) && !(next && ['who', 'in', 'on', 'at'].includes(next.lower))) return p;
  const first = toks[a.from].lower;
  if (!ARTICLES.has(first) && !TITLES.has(first) && !/'s$/.test(first)) return p;
  return { ...p, appositive: a };
}

/** After "according to"/"cited by" …: the source phrase, looking through "a report by X". */
function relayedFrom(sentence: string, toks: readonly Token[], start: number): Found {
  let p = phraseStartingAt(toks, start);
  if (!p) return {};
  const head = toks.slice(p.from, p.to + 1).findIndex((t) => DOCUMENT_NOUNS.has(t.lower));
  if (head >= 0) {
    // "IMF estimates", "a confidential IAEA report": the name before the document is its author.
    const owner = ownerOf(sentence, toks, p.from, p.from + head - 1);
    // "a report by the Meridian Herald", "documents seen by Reuters", "figures from the ministry".
    let k = p.to + 1;
    while (k < toks.length && DOCUMENT_LINKS.has(toks[k].lower)) k++;
    if (k === p.to + 1) return owner;
    const inner = phraseStartingAt(toks, k);
    if (!inner) return owner;
    p = appositiveAfter(toks, inner);
    const r = withAppositive(sentence, toks, read(sentence, toks, p), p);
    // "an IAEA report seen by Reuters": the IAEA speaks, through Reuters.
    if (r.kind === 'outlet') return { ...owner, via: r.outlet };
    return r.kind === 'person' ? { speaker: r } : owner;
  }
  p = appositiveAfter(toks, p);
  const r = withAppositive(sentence, toks, read(sentence, toks, p), p);
  if (r.kind === 'outlet') return { via: r.outlet };
  return r.kind === 'person' ? { speaker: r } : {};
}

/** The name just before a document noun: "IMF estimates", "LSEG data" (not "the latest census"). */
function ownerOf(sentence: string, toks: readonly Token[], from: number, to: number): Found {
  let start = to + 1;
  while (start > from && capital(toks[start - 1])) start--;
  if (start > to) return {};
  from = start;
  const r = read(sentence, toks, { from, to });
  if (r.kind === 'outlet') return { via: r.outlet };
  return r.kind === 'person' && r.name && !r.role ? { speaker: r } : {};
}

/** The longest start of the phrase at `start` that names an outlet: "the Guardian" in "the Guardian show …". */
function outletAt(sentence: string, toks: readonly Token[], start: number): string | undefined {
  const p = phraseStartingAt(toks, start);
  for (let to = p?.to ?? -1; p && to >= p.from; to--) {
    const r = read(sentence, toks, { from: p.from, to });
    if (r.kind === 'outlet') return r.outlet;
  }
  return undefined;
}

/** Every cue in the sentence, in reading order, with the speaker or outlet it points at. */
export function cues(sentence: string, toks: readonly Token[]): Found[] {
  const out: Found[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.quoted || t.kind !== 'word') continue;
    const next = toks[i + 1];

    // "according to X"
    if (t.lower === 'according' && next?.lower === 'to') {
      out.push(relayedFrom(sentence, toks, i + 2));
      continue;
    }
    // "(as) cited by X", "as reported by X", "quoted by X"
    if ((t.lower === 'cited' || t.lower === 'reported' || t.lower === 'quoted') && next?.lower === 'by') {
      out.push(relayedFrom(sentence, toks, i + 2));
      i++;
      continue;
    }
    // "a statement carried by KCNA", "documents seen by the Guardian", "economists polled by
    // Reuters": an outlet that passed the words on (anyone else here is no speaker).
    if (CARRIED_BY.has(t.lower) && next?.lower === 'by') {
      const via = outletAt(sentence, toks, i + 2);
      if (via) out.push({ via });
      i++;
      continue;
    }
    // "a report by X", "The report, published by X, estimates …": the author speaks.
    if (
      t.lower === 'by' &&
      (PUBLISHED.has(toks[i - 1]?.lower ?? '') ||
        DOCUMENT_NOUNS.has(toks[i - 1]?.lower ?? '') ||
        (toks[i - 1]?.kind === 'comma' && DOCUMENT_NOUNS.has(toks[i - 2]?.lower ?? '')))
    ) {
      out.push(relayedFrom(sentence, toks, i + 1));
      continue;
    }
    // "citing X": "…, the Meridian Herald reported, citing two officials"
    if (t.lower === 'citing') {
      out.push(relayedFrom(sentence, toks, i + 1));
      continue;
    }
    // "in an interview with X", "speaking to X", "in comments to X", "in a post on X"
    if (
      (t.lower === 'interview' && next?.lower === 'with') ||
      (t.lower === 'speaking' && (next?.lower === 'to' || next?.lower === 'with')) ||
      (['comments', 'remarks', 'statement'].includes(t.lower) && next?.lower === 'to')
    ) {
      const p = phraseStartingAt(toks, i + 2);
      const r = p && read(sentence, toks, p);
      if (r?.kind === 'outlet') out.push({ via: r.outlet });
      continue;
    }

    const stance = STANCE_VERBS.has(t.lower) && stanceCue(toks, i);
    if (!SPEECH_VERBS.has(t.lower) && !stance) continue;
    // "did not say", "declined to say": nothing was said.
    if (negated(toks, i)) continue;
    const found: Found = {};
    // "X told the BBC": the addressee may be an outlet.
    if (t.lower === 'told' || t.lower === 'tells') {
      const o = phraseStartingAt(toks, i + 1);
      const r = o && read(sentence, toks, o);
      if (r?.kind === 'outlet') found.via = r.outlet;
    }
    // "…, said Ines Duarte, the foreign minister": the verb first, after a comma or a
    // quotation, and a speaker after it (not "…, said exports fell").
    let prev = i - 1;
    while (prev >= 0 && toks[prev].kind === 'word' && BETWEEN_SUBJECT_AND_VERB.has(toks[prev].lower)) prev--;
    if ((prev < 0 || isBoundary(toks[prev])) && !found.via && !stance) {
      const after = phraseStartingAt(toks, i + 1);
      const p = after && appositiveAfter(toks, after);
      const r = p && withAppositive(sentence, toks, read(sentence, toks, p), p);
      if (r?.kind === 'outlet') found.via = r.outlet;
      if (r?.kind === 'person') found.speaker = r;
      if (r?.kind === 'outlet' || r?.kind === 'person') {
        out.push(found);
        continue;
      }
    }
    // "Ines Duarte said", "the ministry said in a statement", "Reuters reported", "she said".
    const s = subjectOf(sentence, toks, i);
    const r = s && withAppositive(sentence, toks, read(sentence, toks, s), s);
    if (r?.kind === 'outlet') found.via ??= r.outlet;
    if (r?.kind === 'person' || r?.kind === 'pronoun') found.speaker = r;
    if (found.speaker || found.via) out.push(found);
  }
  return out;
}

/** Verbs of saying and their negation or infinitive: "did not say", "declined to comment". */
function negated(toks: readonly Token[], v: number): boolean {
  let k = v - 1;
  while (k >= 0 && toks[k].kind === 'word' && BETWEEN_SUBJECT_AND_VERB.has(toks[k].lower)) k--;
  const before = toks[k];
  return !!before && before.kind === 'word' && NEGATIONS.has(before.lower);
}

const NEGATIONS = new Set(['not', 'never', "didn't", "doesn't", "won't", "wouldn't", 'to', 'nor', 'neither']);

/**
 * A stance verb ("condemned", "denied", "urged") attributes the sentence to its subject, but
 * "called" only with a quotation after it ("called the situation “catastrophic”"), and
 * "estimates" or "assessed" only before "that" (not "IMF estimates show …").
 */
function stanceCue(toks: readonly Token[], v: number): boolean {
  const verb = toks[v].lower;
  if (verb === 'called') return toks.slice(v + 1).some((t) => t.kind === 'open-quote');
  if (['estimates', 'assessed', 'assesses', 'found', 'finds', 'projects', 'projected', 'forecasts'].includes(verb)) return toks[v + 1]?.lower === 'that';
  // "denied that …", "denied targeting civilians", "rejected the accusations": words; but
  // "rejected the appeal", "denied entry", "dismissed the complaint" are acts.
  if (REFUTING.has(verb)) {
    const next = toks[v + 1];
    if (next?.lower === 'that' || (next?.kind === 'word' && /[a-z]ing$/.test(next.lower) && !next.cap)) return true;
    return toks.slice(v + 1, v + 5).some((t) => CLAIMS.has(t.lower));
  }
  return true;
}

const REFUTING = new Set(['denied', 'denies', 'rejected', 'dismissed']);

/** What a refutation refutes, when it is words: "rejected the accusations". */
const CLAIMS = new Set([
  'accusation',
  'accusations',
  'allegation',
  'allegations',
  'claim',
  'claims',
  'charge',
  'charges',
  'report',
  'reports',
  'suggestion',
  'suggestions',
  'criticism',
  'responsibility',
  'involvement',
  'wrongdoing',
  'assertion',
  'assertions',
  'speculation',
]);

/** Appositive clauses skipped on the way to the subject: ", who …,", ", 54,", ", speaking …,". */
function skippable(toks: readonly Token[], from: number, to: number): boolean {
  const first = toks[from];
  if (!first) return false;
  if (from === to && first.kind === 'number') return true;
  if (
    [
      'who',
      'which',
      'whose',
      'speaking',
      'writing',
      'asked',
      'citing',
      'however',
      'meanwhile',
      'though',
      'too',
      'also',
      'in',
      'on',
      'at',
      'for',
      'according',
    ].includes(first.lower)
  ) {
    return true;
  }
  return /ing$/.test(first.lower) && !first.cap;
}
