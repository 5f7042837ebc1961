import { isBoundary, span, type Token, tokenize } from './tokens';

/**
 * Who a sentence attributes its content to, as a suggestion the analyst confirms:
 *   "Ines Duarte, the foreign minister, said …"      → name Ines Duarte, role foreign minister
 *   "… a U.S. senior official said"                   → role U.S. senior official
 *   "… according to the Meridian Herald"              → viaOutlet Meridian Herald
 *   "“…,” she said"                                   → nothing (a pronoun is not a name)
 *
 * Rule-based and deliberately small: the sentence is tokenized (./tokens), speech cues are
 * found (a verb of saying, "according to", "as cited by", "in an interview with" …), and the
 * noun phrase each cue points at is read off the tokens next to it, within its clause. That
 * phrase is then split into a name (capitalised words) and a role (a description, or a title
 * in front of a name). A phrase naming a news outlet is not the speaker but the channel the
 * statement came through: it becomes `viaOutlet`.
 *
 * Cues inside quotation marks are ignored: "“Officials told us to leave,” she said" quotes
 * someone else's words; the officials are not the source of the sentence.
 */

export interface AttributionSuggestion {
  name?: string;
  role?: string;
  /** Another outlet the sentence credits ("…, Reuters reported", "told the BBC"). */
  viaOutlet?: string;
}

// ── Lexicons ────────────────────────────────────────────────────────────────────────────────

/** Verbs that introduce reported speech. Present forms only where they cannot be nouns. */
const SPEECH_VERBS = new Set([
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'warned', 'warns', 'stated', 'noted', 'wrote', 'writes',
  'reported', 'declared', 'explained', 'explains', 'argued', 'argues', 'insisted', 'insists', 'claimed', 'acknowledged',
  'admitted', 'cautioned', 'confirmed', 'announced', 'stressed', 'emphasised', 'emphasized', 'conceded', 'asserted',
  'observed', 'remarked', 'alleged', 'predicted', 'recalled', 'tweeted', 'posted', 'testified', 'estimated', 'replied',
  'responded', 'continued', 'concluded',
]);

/** Words allowed between a subject and its verb: "the ministry also said", "Duarte had warned". */
const BETWEEN_SUBJECT_AND_VERB = new Set([
  'also', 'later', 'earlier', 'previously', 'again', 'recently', 'separately', 'then', 'publicly', 'privately', 'repeatedly',
  'once', 'further', 'has', 'have', 'had', 'was', 'were', 'is', 'would', 'will', 'reportedly', 'first', 'initially',
  'subsequently', 'simply', 'only', 'bluntly', 'flatly', 'openly', 'quietly', 'angrily', 'bluntly', 'not', "didn't",
]);

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'one', 'who', 'which', 'this', 'that', 'someone', 'everyone', 'nobody', 'some', 'others', 'many', 'both', 'all']);

const ARTICLES = new Set(['the', 'a', 'an', 'another']);

/** Words that never belong to a speaker's noun phrase: a phrase stops at them. */
const NOT_IN_PHRASE = new Set([
  'in', 'on', 'at', 'to', 'from', 'with', 'by', 'into', 'after', 'before', 'during', 'since', 'under', 'over', 'about', 'as',
  'than', 'via', 'across', 'against', 'without', 'through', 'near', 'while', 'when', 'where', 'because', 'although', 'though',
  'if', 'but', 'and', 'or', 'nor', 'so', 'that', 'which', 'who', 'whom', 'whose', 'what', 'there', 'here', 'this', 'these',
  'those', 'it', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'could', 'should', 'may',
  'might', 'must', 'can', 'not', 'no', 'also', 'then', 'later', 'earlier', 'yesterday', 'today', 'tomorrow', 'tonight',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'last', 'next', 'ago', 'already', 'still',
  'however', 'meanwhile', 'separately', 'instead', 'too', 'very', 'said', 'says', 'say', 'told', 'according', 'citing',
  'speaking', 'asked', 'adding', 'saying',
]);

/** "for"/"at" continue a phrase only after these: "a spokesperson for the ministry". */
const ROLE_BEFORE_PREPOSITION = new Set([
  'spokesperson', 'spokesman', 'spokeswoman', 'adviser', 'advisor', 'envoy', 'official', 'officials', 'director', 'head',
  'chief', 'secretary', 'minister', 'representative', 'analyst', 'analysts', 'economist', 'economists', 'researcher',
  'researchers', 'fellow', 'professor', 'expert', 'experts', 'member', 'members', 'source', 'sources', 'commander', 'ambassador',
]);

/**
 * Nouns that make a phrase a description of a speaker (its role) rather than something else.
 * A phrase with none of these, no capitals and no title cannot be a speaker ("exports").
 */
const ROLE_NOUNS = new Set([
  ...ROLE_BEFORE_PREPOSITION,
  'minister', 'ministers', 'ministry', 'ministries', 'president', 'chancellor', 'premier', 'governor', 'mayor', 'senator',
  'lawmaker', 'lawmakers', 'legislator', 'legislators', 'diplomat', 'diplomats', 'negotiator', 'negotiators', 'aide', 'aides',
  'prosecutor', 'prosecutors', 'judge', 'court', 'officer', 'officers', 'police', 'authorities', 'authority', 'agency',
  'department', 'office', 'government', 'council', 'commission', 'committee', 'regulator', 'bank', 'military', 'army',
  'navy', 'witness', 'witnesses', 'resident', 'residents', 'leader', 'leaders', 'deputy', 'general', 'colonel', 'admiral',
  'commissioner', 'ombudsman', 'inspector', 'inspectors', 'auditor', 'monitors', 'observers', 'company', 'firm', 'group',
  'spokespeople', 'statistics', 'institute', 'union', 'party', 'opposition', 'embassy',
  'coalition', 'alliance', 'organisation', 'organization', 'board', 'cabinet', 'parliament', 'senate', 'congress', 'campaign',
  'chairman', 'chairwoman', 'chair', 'executive', 'executives', 'ceo', 'founder', 'activist', 'activists', 'worker',
  'workers', 'farmer', 'farmers', 'doctor', 'doctors', 'scientist', 'scientists', 'investigator', 'investigators',
  'critic', 'critics', 'supporter', 'supporters', 'staff', 'people', 'person', 'man', 'woman', 'survivor', 'survivors',
  'traders', 'trader', 'broker', 'brokers', 'insurer', 'insurers', 'analysis', 'administration', 'service', 'forces',
  'guard', 'operator', 'operators', 'manager', 'managers', 'owner', 'owners', 'operator', 'epidemiologist', 'lawyer', 'lawyers',
  'attorney', 'attorneys', 'king', 'queen', 'prince', 'emir', 'sheikh', 'pope', 'speaker', 'envoys', 'delegation', 'delegate',
  'delegates', 'team', 'mission', 'observatory', 'watchdog', 'association', 'federation', 'chamber', 'ngo', 'charity',
  'railway', 'operator', 'utility', 'airline', 'ministry', 'secretariat', 'directorate', 'command', 'headquarters',
]);

/** Titles that can stand in front of a name: "Foreign Minister Ines Duarte". */
const TITLES = new Set([
  'president', 'vice', 'prime', 'minister', 'secretary', 'chancellor', 'ambassador', 'envoy', 'senator', 'sen.', 'representative',
  'rep.', 'governor', 'gov.', 'mayor', 'general', 'gen.', 'colonel', 'col.', 'lt.', 'lieutenant', 'major', 'maj.', 'captain',
  'capt.', 'admiral', 'adm.', 'commander', 'cmdr.', 'sergeant', 'sgt.', 'judge', 'justice', 'commissioner', 'director',
  'chairman', 'chairwoman', 'chair', 'ceo', 'chief', 'spokesperson', 'spokesman', 'spokeswoman', 'deputy', 'king', 'queen',
  'prince', 'princess', 'pope', 'sheikh', 'emir', 'premier', 'speaker', 'ombudsman', 'attorney', 'prosecutor', 'economist',
  'analyst', 'adviser', 'advisor', 'lawmaker', 'leader', 'head', 'cardinal', 'bishop', 'rabbi', 'imam', 'envoy', 'negotiator',
  'official', 'researcher', 'professor', 'prof.', 'commissar', 'marshal', 'superintendent', 'inspector', 'president-elect',
]);

/** Courtesy titles: dropped, they are neither name nor role. */
const HONORIFICS = new Set(['mr.', 'mrs.', 'ms.', 'dr.', 'mr', 'mrs', 'ms', 'dr', 'sir', 'dame', 'lord', 'lady']);

/** What may follow "Minister of" / "Secretary of" as part of the title. */
const TITLE_COMPLEMENTS = new Set([
  'the', 'state', 'defence', 'defense', 'foreign', 'affairs', 'finance', 'health', 'interior', 'justice', 'trade', 'energy',
  'economy', 'economic', 'agriculture', 'education', 'labour', 'labor', 'transport', 'commerce', 'industry', 'home',
  'security', 'homeland', 'treasury', 'staff', 'general', 'operations', 'communications', 'infrastructure', 'environment',
  'digital', 'culture', 'development', 'public', 'works', 'national', 'internal', 'external', 'information', 'armed', 'forces',
]);

/** Lower-case words allowed inside a name: "Ursula von der Leyen", "Secretary of State". */
const NAME_PARTICLES = new Set(['of', 'for', 'the', 'and', 'de', 'da', 'do', 'dos', 'das', 'del', 'della', 'di', 'du', 'van', 'von', 'der', 'den', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'ben', 'y', 'e', '&']);

/** Sentence-initial capitalised words that are ordinary words, not names. */
const COMMON_INITIALS = new Set([
  'officials', 'analysts', 'diplomats', 'experts', 'witnesses', 'residents', 'authorities', 'police', 'prosecutors', 'sources',
  'critics', 'observers', 'economists', 'lawmakers', 'investigators', 'researchers', 'traders', 'insurers', 'brokers',
  'doctors', 'scientists', 'activists', 'workers', 'farmers', 'monitors', 'inspectors', 'executives', 'people', 'meanwhile',
  'later', 'earlier', 'separately', 'however', 'also', 'still', 'yesterday', 'today', 'but', 'and', 'then', 'now', 'several',
  'two', 'three', 'four', 'five', 'many', 'some', 'most', 'few', 'senior', 'local', 'western', 'military', 'government',
  'state', 'regional', 'security', 'health', 'foreign', 'former', 'independent', 'u.n.', 'both', 'other',
]);

/** News organisations named often enough to know by name (lower case, without "the"). */
const KNOWN_OUTLETS = new Set([
  'reuters', 'ap', 'associated press', 'afp', 'agence france-presse', 'agence france presse', 'bloomberg', 'bloomberg news',
  'bbc', 'bbc news', 'cnn', 'al jazeera', 'xinhua', 'tass', 'ria novosti', 'ria', 'interfax', 'kyodo', 'kyodo news', 'yonhap',
  'anadolu', 'anadolu agency', 'dpa', 'efe', 'ansa', 'pti', 'nhk', 'npr', 'politico', 'axios', 'new york times',
  'washington post', 'guardian', 'financial times', 'ft', 'wall street journal', 'economist', 'le monde', 'der spiegel',
  'spiegel', 'cbs', 'cbs news', 'nbc', 'nbc news', 'abc news', 'fox news', 'sky news', 'euronews', 'dw', 'deutsche welle',
  'radio free europe', 'rfe/rl', 'voice of america', 'voa', 'france 24', 'rt', 'sputnik', 'ukrinform', 'ukrainska pravda',
  'kyiv independent', 'haaretz', 'times of israel', 'hindu', 'dawn', 'south china morning post', 'scmp', 'nikkei', 'nikkei asia',
  'asahi', 'asahi shimbun', 'yomiuri', 'global times', "people's daily", 'cctv', 'irna', 'wafa', 'el país', 'el pais',
  'corriere della sera', 'la repubblica', 'frankfurter allgemeine', 'süddeutsche zeitung', 'le figaro', 'times',
]);

/** Last words that make a capitalised phrase a news outlet: "the Meridian Herald". */
const OUTLET_HEADS = new Set([
  'herald', 'times', 'post', 'journal', 'news', 'tribune', 'gazette', 'guardian', 'telegraph', 'observer', 'dispatch', 'wire',
  'chronicle', 'standard', 'independent', 'monitor', 'ledger', 'courier', 'express', 'mirror', 'examiner', 'inquirer',
  'globe', 'mail', 'bulletin', 'daily', 'weekly', 'magazine', 'press', 'radio', 'television', 'tv', 'broadcasting',
  'broadcaster', 'network', 'channel', 'newspaper', 'zeitung', 'shimbun', 'pravda', 'izvestia', 'kommersant', 'vedomosti',
]);

/** Lower-case descriptions of outlets: "state media reported", "the newspaper said". */
const OUTLET_NOUNS = new Set(['media', 'newspaper', 'broadcaster', 'television', 'tv', 'radio', 'outlet', 'daily', 'tabloid', 'wire']);

/** "according to a report in …": documents that carry someone else's words. */
const DOCUMENT_NOUNS = new Set([
  'report', 'reports', 'statement', 'statements', 'study', 'survey', 'figures', 'data', 'estimates', 'estimate', 'documents',
  'document', 'analysis', 'poll', 'assessment', 'transcript', 'letter', 'memo', 'filing', 'release', 'readout', 'tally',
  'count', 'census', 'briefing', 'note', 'post', 'interview', 'article', 'story', 'account', 'accounts', 'records', 'record',
  'minutes', 'draft', 'email', 'emails', 'message', 'video', 'footage', 'images', 'photos', 'photographs',
]);
const DOCUMENT_LINKS = new Set(['by', 'from', 'of', 'in', 'on', 'published', 'released', 'seen', 'obtained', 'reviewed', 'cited', 'issued', 'compiled', 'provided', 'shared', 'given', 'posted', 'aired']);

// ── Noun phrases ────────────────────────────────────────────────────────────────────────────

/** A candidate speaker: a run of tokens [from, to], optionally with an appositive role run. */
interface Phrase {
  from: number;
  to: number;
  appositive?: { from: number; to: number };
}

/** Days and months: capitalised, but never part of a speaker's phrase. */
const CALENDAR = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:january|february|march|april|june|july|august|september|october|november|december)$/;

/** Whether a token can be part of a speaker's noun phrase at all. */
function phraseWord(t: Token | undefined): boolean {
  if (!t || isBoundary(t)) return false;
  if (t.kind === 'number') return true;
  if (t.kind === 'symbol') return t.text === '&';
  if (t.kind !== 'word') return false;
  if (!NOT_IN_PHRASE.has(t.lower)) return true;
  // A capital inside the sentence makes a name of an ordinary word: "Theresa May", "Will Smith".
  return t.cap && !t.initial && t.text !== 'I' && !CALENDAR.test(t.lower);
}

/**
 * Whether a preposition at index i continues the phrase: "a spokesperson for the ministry",
 * "an analyst at the institute", "officials in Kyiv", "diplomats from both countries".
 */
function prepositionInside(toks: readonly Token[], i: number): boolean {
  const t = toks[i]!;
  const before = toks[i - 1]?.lower ?? '';
  if (!phraseWord(toks[i + 1])) return false;
  if (t.lower === 'for' || t.lower === 'at') return ROLE_NOUNS.has(before);
  if (t.lower === 'in' || t.lower === 'from') return ROLE_NOUNS.has(before) && /s$/.test(before) && before !== 'statistics';
  if (t.lower === 'with') return before === 'familiar';
  // Two names joined: "Duarte and Lindqvist said".
  if (t.lower === 'and') return (toks[i - 1]?.cap ?? false) && (toks[i + 1]?.cap ?? false) && toks[i + 1]!.kind === 'word';
  return false;
}

/** After these, an article belongs to the phrase: "the chief of the army", "analysts at the bank". */
const INNER = new Set(['of', 'for', 'at', 'in', 'from', 'with', 'and']);

/** The phrase ending at token `end`, read leftwards to the start of its clause. */
function phraseEndingAt(toks: readonly Token[], end: number): Phrase | undefined {
  let i = end;
  while (i >= 0 && (phraseWord(toks[i]) || (i > 0 && prepositionInside(toks, i)))) i--;
  let from = i + 1;
  if (from > end) return undefined;
  // Without a comma before it, the subject starts at its article: "exports fell the ministry
  // said" has the subject "the ministry". An article after "of" belongs to the phrase.
  for (let k = end; k > from; k--) {
    if (ARTICLES.has(toks[k]!.lower) && !INNER.has(toks[k - 1]!.lower)) {
      from = k;
      break;
    }
  }
  return trim(toks, from, end);
}

/** The phrase starting at token `start`, read rightwards to the end of its clause. */
function phraseStartingAt(toks: readonly Token[], start: number): Phrase | undefined {
  let i = start;
  while (i < toks.length && (phraseWord(toks[i]) || prepositionInside(toks, i))) {
    // A second article starts a new phrase: "told the BBC the talks had failed".
    if (i > start && ARTICLES.has(toks[i]!.lower) && !INNER.has(toks[i - 1]!.lower)) break;
    i++;
  }
  return trim(toks, start, i - 1);
}

/** Drops leading and trailing words that cannot start or end a phrase. */
function trim(toks: readonly Token[], from: number, to: number): Phrase | undefined {
  const edge = new Set(['of', 'for', 'at', 'and', '&']);
  while (from <= to && edge.has(toks[from]!.lower)) from++;
  while (to >= from && (edge.has(toks[to]!.lower) || ARTICLES.has(toks[to]!.lower))) to--;
  // Longer than this, it is a clause we misread, not a speaker.
  if (from > to || to - from > 9) return undefined;
  return { from, to };
}

// ── What a phrase is ────────────────────────────────────────────────────────────────────────

type Reading =
  | { kind: 'person'; name?: string; role?: string }
  | { kind: 'outlet'; outlet: string }
  | { kind: 'pronoun' }
  | { kind: 'none' };

/**
 * Capitalised for our purposes: a capital that is not just the sentence's first letter on an
 * ordinary word ("Officials said", "The ministry said", "Negotiators said").
 */
function capital(t: Token): boolean {
  if (t.kind !== 'word' || !t.cap) return false;
  return !(t.initial && (ARTICLES.has(t.lower) || COMMON_INITIALS.has(t.lower) || ROLE_NOUNS.has(t.lower)));
}

/** The words as written; a first word capitalised only by its position is lower-cased. */
function text(sentence: string, toks: readonly Token[], from: number, to: number): string {
  const s = span(sentence, toks, from, to).replace(/\s+/g, ' ').trim();
  const first = toks[from]!;
  // "Foreign Minister …" stays as it is: the capitals run on past the first word.
  const runOn = to > from && toks[from + 1]!.cap;
  return first.initial && first.cap && !capital(first) && !runOn && !/^\p{Lu}{2,}/u.test(first.text) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** The outlet a phrase names, as written (without a lower-case "the"), if it names one. */
function outletOf(sentence: string, toks: readonly Token[], from: number, to: number): string | undefined {
  // "the Meridian Herald" → "Meridian Herald"; "told The Guardian" keeps its capital "The".
  if (toks[from]!.lower === 'the' && !capital(toks[from]!)) from++;
  if (from > to) return undefined;
  const words = toks.slice(from, to + 1);
  const key = words.map((t) => t.lower).join(' ').replace(/^the /, '');
  const last = words[words.length - 1]!.lower;
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
function read(sentence: string, toks: readonly Token[], p: Phrase): Reading {
  let { from } = p;
  const { to } = p;
  if (from === to && PRONOUNS.has(toks[from]!.lower)) return { kind: 'pronoun' };
  const outlet = outletOf(sentence, toks, from, to);
  if (outlet) return { kind: 'outlet', outlet };
  while (from <= to && (ARTICLES.has(toks[from]!.lower) || HONORIFICS.has(toks[from]!.lower))) from++;
  if (from > to) return { kind: 'none' };
  const words = toks.slice(from, to + 1);
  const hasRoleNoun = words.some((t) => ROLE_NOUNS.has(t.lower) || TITLES.has(t.lower));

  // Title in front of a name: the name is the capitalised run after the last title word
  // (and after "of State"-style complements of that title).
  let lastTitle = -1;
  for (let k = from; k <= to; k++) if (TITLES.has(toks[k]!.lower)) lastTitle = k;
  if (lastTitle >= from && lastTitle < to) {
    let k = lastTitle + 1;
    if (toks[k]!.lower === 'of') {
      let c = k + 1;
      while (c < to && TITLE_COMPLEMENTS.has(toks[c]!.lower)) c++;
      if (c > k + 1) k = c;
    }
    const name = toks.slice(k, to + 1);
    if (k <= to && capital(toks[k]!) && name.every((t) => capital(t) || NAME_PARTICLES.has(t.lower)) && capital(name[name.length - 1]!)) {
      const out: Reading = { kind: 'person', name: text(sentence, toks, k, to) };
      // A title in front of a name keeps its capitals ("Ambassador Rana Haddad").
      if (k > from) out.role = span(sentence, toks, from, k - 1);
      return out;
    }
  }

  // All capitals (with particles): a name, of a person or a body ("the Foreign Ministry").
  const named = words.every((t) => capital(t) || NAME_PARTICLES.has(t.lower) || t.kind === 'number') && capital(words[0]!) && capital(words[words.length - 1]!);
  if (named) return { kind: 'person', name: text(sentence, toks, from, to) };

  // A description: "U.S. senior official", "foreign ministry", "Russia's defence ministry".
  if (hasRoleNoun) return { kind: 'person', role: text(sentence, toks, from, to) };
  return { kind: 'none' };
}

/** A name followed by ", the foreign minister," gets that role; so does a role before a name. */
function withAppositive(sentence: string, toks: readonly Token[], r: Reading, p: Phrase): Reading {
  if (r.kind !== 'person' || !p.appositive) return r;
  const a = read(sentence, toks, p.appositive);
  if (a.kind !== 'person') return r;
  if (r.name && !r.role && a.role && !a.name) return { kind: 'person', name: r.name, role: a.role };
  if (r.role && !r.name && a.name && !a.role) return { kind: 'person', name: a.name, role: r.role };
  return r;
}

/** The comma-delimited run that ends just before token `end` (exclusive), if it is a phrase. */
function segmentBefore(toks: readonly Token[], end: number): Phrase | undefined {
  let i = end - 1;
  while (i >= 0 && !isBoundary(toks[i])) i--;
  const from = i + 1;
  if (from > end - 1) return undefined;
  // The whole segment must be one phrase ("the foreign minister"), not a clause.
  for (let k = from; k < end; k++) if (!phraseWord(toks[k]) && !prepositionInside(toks, k)) return undefined;
  return trim(toks, from, end - 1);
}

/** Appositive clauses skipped on the way to the subject: ", who …,", ", 54,", ", speaking …,". */
function skippable(toks: readonly Token[], from: number, to: number): boolean {
  const first = toks[from];
  if (!first) return false;
  if (from === to && first.kind === 'number') return true;
  if (['who', 'which', 'whose', 'speaking', 'writing', 'asked', 'citing', 'however', 'meanwhile', 'though', 'too', 'also', 'in', 'on', 'at', 'for', 'according'].includes(first.lower)) {
    return true;
  }
  return /ing$/.test(first.lower) && !first.cap;
}

// ── Cues ────────────────────────────────────────────────────────────────────────────────────

interface Found {
  speaker?: Reading;
  via?: string;
}

/** The subject of a verb at index v: the phrase before it, or the run of comma segments. */
function subjectOf(sentence: string, toks: readonly Token[], v: number): Phrase | undefined {
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
function appositiveAfter(toks: readonly Token[], p: Phrase): Phrase {
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
function relayedFrom(sentence: string, toks: readonly Token[], start: number): Found {
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

function cues(sentence: string, toks: readonly Token[]): Found[] {
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

/**
 * Suggests who a sentence is attributed to, and through which outlet, or `undefined` when it
 * names nobody (or only "he"/"she"/"they").
 */
export function suggestAttribution(sentence: string): AttributionSuggestion | undefined {
  const toks = tokenize(sentence);
  const found = cues(sentence, toks);
  const result: AttributionSuggestion = {};
  // The first speaker in reading order is the main clause's; later ones are usually nested.
  for (const f of found) {
    if (f.speaker && !result.name && !result.role && f.speaker.kind === 'person') {
      if (f.speaker.name) result.name = f.speaker.name;
      if (f.speaker.role) result.role = f.speaker.role;
    }
    if (f.via && !result.viaOutlet) result.viaOutlet = f.via;
  }
  return result.name || result.role || result.viaOutlet ? result : undefined;
}
