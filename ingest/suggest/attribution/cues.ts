import { isBoundary, type Token } from '../tokens';
import { ARTICLES, BETWEEN_SUBJECT_AND_VERB, DOCUMENT_LINKS, DOCUMENT_NOUNS, SPEECH_VERBS, TITLES } from './lexicons';
import { type Phrase, phraseEndingAt, phraseStartingAt, segmentBefore } from './phrases';
import { read, type Reading, withAppositive } from './reading';

/**
 * Speech cues (a verb of saying, "according to", "as cited by", "in an interview with" …) and
 * the speaker or outlet each points at. Cues inside quotation marks are someone else's words.
 */


export interface Found {
  speaker?: Reading;
  via?: string;
}

/** The subject of a verb at index v: the phrase before it, or the run of comma segments. */
export function subjectOf(sentence: string, toks: readonly Token[], v: number): Phrase | undefined {
  let end = v - 1;
  while (end >= 0 && toks[end]!.kind === 'word' && BETWEEN_SUBJECT_AND_VERB.has(toks[end]!.lower)) end--;
  if (end < 0) return undefined;
  if (!isBoundary(toks[end])) {
    const p = phraseEndingAt(toks, end);
    if (!p) return undefined;
    // "The foreign minister, Ines Duarte, said": a role segment before a name segment.
    if (toks[p.from - 1]?.kind === 'comma') {
      const before = segmentBefore(toks, p.from - 1);
      if (before && isBoundary(toks[before.from - 1])) return { ...p, appositive: before };
    }
    return p;
  }
  // "Ines Duarte, the foreign minister, said" / "Duarte, who leads the delegation, said".
  if (toks[end]!.kind !== 'comma') return undefined;
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
export function appositiveAfter(toks: readonly Token[], p: Phrase): Phrase {
  if (toks[p.to + 1]?.kind !== 'comma') return p;
  const a = phraseStartingAt(toks, p.to + 2);
  if (!a) return p;
  const next = toks[a.to + 1];
  if (!isBoundary(next) && !(next && ['who', 'in', 'on', 'at'].includes(next.lower))) return p;
  const first = toks[a.from]!.lower;
  if (!ARTICLES.has(first) && !TITLES.has(first) && !/'s$/.test(first)) return p;
  return { ...p, appositive: a };
}

/** After "according to"/"cited by" …: the source phrase, looking through "a report by X". */
export function relayedFrom(sentence: string, toks: readonly Token[], start: number): Found {
  let p = phraseStartingAt(toks, start);
  if (!p) return {};
  const head = toks.slice(p.from, p.to + 1).find((t) => DOCUMENT_NOUNS.has(t.lower));
  if (head) {
    // "a report by the Meridian Herald", "documents seen by Reuters", "figures from the ministry".
    let k = p.to + 1;
    while (k < toks.length && DOCUMENT_LINKS.has(toks[k]!.lower)) k++;
    if (k === p.to + 1) return {};
    const inner = phraseStartingAt(toks, k);
    if (!inner) return {};
    p = appositiveAfter(toks, inner);
  } else {
    p = appositiveAfter(toks, p);
  }
  const r = withAppositive(sentence, toks, read(sentence, toks, p), p);
  if (r.kind === 'outlet') return { via: r.outlet };
  return r.kind === 'person' ? { speaker: r } : {};
}

export function cues(sentence: string, toks: readonly Token[]): Found[] {
  const out: Found[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
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

    if (!SPEECH_VERBS.has(t.lower)) continue;
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
    while (prev >= 0 && toks[prev]!.kind === 'word' && BETWEEN_SUBJECT_AND_VERB.has(toks[prev]!.lower)) prev--;
    if ((prev < 0 || isBoundary(toks[prev])) && !found.via) {
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

/** Appositive clauses skipped on the way to the subject: ", who …,", ", 54,", ", speaking …,". */
export function skippable(toks: readonly Token[], from: number, to: number): boolean {
  const first = toks[from];
  if (!first) return false;
  if (from === to && first.kind === 'number') return true;
  if (['who', 'which', 'whose', 'speaking', 'writing', 'asked', 'citing', 'however', 'meanwhile', 'though', 'too', 'also', 'in', 'on', 'at', 'for', 'according'].includes(first.lower)) {
    return true;
  }
  return /ing$/.test(first.lower) && !first.cap;
}
