/**
 * The words attribution rules know: verbs of saying, titles, roles, outlets (lower case). The
 * lists are data, in lexicons.json; what each is for, and why, is said here.
 */
import LEXICON from './lexicons.json';

/** Verbs that introduce reported speech. Present forms only where they cannot be nouns. */
export const SPEECH_VERBS: ReadonlySet<string> = new Set(LEXICON.SPEECH_VERBS);

/**
 * Verbs that take a stand rather than report words: the sentence is still its subject's
 * ("Japan's envoy, Hiroyuki Namazu, condemned the launch"), but only with the subject before.
 */
export const STANCE_VERBS: ReadonlySet<string> = new Set(LEXICON.STANCE_VERBS);

/** "carried by KCNA", "seen by Reuters": an outlet passed the words on. */
export const CARRIED_BY: ReadonlySet<string> = new Set(LEXICON.CARRIED_BY);

/** "a report published by X": the author of a document. */
export const PUBLISHED: ReadonlySet<string> = new Set(LEXICON.PUBLISHED);

/** Words allowed between a subject and its verb: "the ministry also said", "Duarte had warned". */
export const BETWEEN_SUBJECT_AND_VERB: ReadonlySet<string> = new Set(LEXICON.BETWEEN_SUBJECT_AND_VERB);

export const PRONOUNS: ReadonlySet<string> = new Set(LEXICON.PRONOUNS);

export const POSSESSIVE_PRONOUNS: ReadonlySet<string> = new Set(LEXICON.POSSESSIVE_PRONOUNS);

export const ARTICLES: ReadonlySet<string> = new Set(LEXICON.ARTICLES);

/** Words that never belong to a speaker's noun phrase: a phrase stops at them. */
export const NOT_IN_PHRASE: ReadonlySet<string> = new Set(LEXICON.NOT_IN_PHRASE);

/** "for"/"at" continue a phrase only after these: "a spokesperson for the ministry". */
const ROLE_BEFORE_PREPOSITION: ReadonlySet<string> = new Set(LEXICON.ROLE_BEFORE_PREPOSITION);

/**
 * Nouns that make a phrase a description of a speaker (its role) rather than something else.
 * A phrase with none of these, no capitals and no title cannot be a speaker ("exports").
 */
export const ROLE_NOUNS: ReadonlySet<string> = new Set([...ROLE_BEFORE_PREPOSITION, ...LEXICON.ROLE_NOUNS]);

/** Titles that can stand in front of a name: "Foreign Minister Ines Duarte". */
export const TITLES: ReadonlySet<string> = new Set(LEXICON.TITLES);

/** Courtesy titles: dropped, they are neither name nor role. */
export const HONORIFICS: ReadonlySet<string> = new Set(LEXICON.HONORIFICS);

/** Ranks and courtesy titles, dropped from a role before a name: "Maj. Gen. Pat Ryder". */
export const RANKS: ReadonlySet<string> = new Set(LEXICON.RANKS);

/** What may follow "Minister of" / "Secretary of" as part of the title. */
export const TITLE_COMPLEMENTS: ReadonlySet<string> = new Set(LEXICON.TITLE_COMPLEMENTS);

/** Lower-case words allowed inside a name: "Ursula von der Leyen", "Secretary of State". */
export const NAME_PARTICLES: ReadonlySet<string> = new Set(LEXICON.NAME_PARTICLES);

/** Sentence-initial capitalised words that are ordinary words, not names. */
export const COMMON_INITIALS: ReadonlySet<string> = new Set(LEXICON.COMMON_INITIALS);

/**
 * News organisations named often enough to know by name (lower case, without "the").
 * State and national news agencies are among them: statements are "carried by" them.
 */
export const KNOWN_OUTLETS: ReadonlySet<string> = new Set(LEXICON.KNOWN_OUTLETS);

/** Last words that make a capitalised phrase a news outlet: "the Meridian Herald". */
export const OUTLET_HEADS: ReadonlySet<string> = new Set(LEXICON.OUTLET_HEADS);

/** Lower-case descriptions of outlets: "state media reported", "the newspaper said". */
export const OUTLET_NOUNS: ReadonlySet<string> = new Set(LEXICON.OUTLET_NOUNS);

/** "according to a report in …": documents that carry someone else's words. */
export const DOCUMENT_NOUNS: ReadonlySet<string> = new Set(LEXICON.DOCUMENT_NOUNS);

export const DOCUMENT_LINKS: ReadonlySet<string> = new Set(LEXICON.DOCUMENT_LINKS);
