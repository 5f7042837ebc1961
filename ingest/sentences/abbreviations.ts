/**
 * What a word followed by a full stop is, as far as sentence boundaries are concerned.
 *
 * The classes encode how the abbreviation behaves in running text, because that — not the
 * spelling — decides whether the full stop after it may also end the sentence:
 *
 *  - `title`        precedes a name (Mr., Gen., Sen.): never ends a sentence.
 *  - `numbered`     precedes a number (No. 10, Fig. 2, p. 55, art. 5): no boundary before a
 *                   number; before anything else the word is read as an ordinary word, because
 *                   "no", "art" and "fig" are also English words ("The answer was no. The…").
 *  - `can-end`      usually mid-sentence but often sentence-final (Inc., etc., Jan., U.S.):
 *                   a boundary only when the next word is a typical sentence opener.
 *  - `list-end`     etc.: closes an enumeration, so before any capitalised word it ends the
 *                   sentence ("Poland, Romania, etc. Other recipients…").
 *  - `mid`          essentially never final (e.g., i.e., vs.).
 *  - `time`         a.m./p.m., which have their own rule (see boundary.ts).
 *  - `saint-street` St.: "St. Louis" (title) vs "Main St. The…" (can-end), decided by the word
 *                   before it.
 *  - `initial`      a single letter (Jonas E. Smith, p., v.): see boundary.ts.
 *  - `regular`      anything else: an ordinary word, number, URL or e-mail address.
 */
export type AbbreviationClass = 'title' | 'numbered' | 'can-end' | 'list-end' | 'mid' | 'time' | 'saint-street' | 'initial' | 'regular';

// Case-sensitive entries: capitalised forms whose lowercase spelling is an ordinary word
// ("Mar." the month vs "mar", "Ill." the state vs "ill", "Rep." vs a sales "rep.").
const TITLES = [
  'Mr',
  'Mrs',
  'Ms',
  'Messrs',
  'Mmes',
  'Mme',
  'Mlle',
  'Dr',
  'Drs',
  'Prof',
  'Profs',
  'Gen',
  'Gens',
  'Lt',
  'Lieut',
  'Col',
  'Capt',
  'Cpt',
  'Sgt',
  'Maj',
  'Adm',
  'Brig',
  'Cmdr',
  'Comdr',
  'Cdr',
  'Cpl',
  'Pvt',
  'Pfc',
  'Spc',
  'Gov',
  'Govs',
  'Sen',
  'Sens',
  'Rep',
  'Reps',
  'Rev',
  'Hon',
  'Pres',
  'Supt',
  'Insp',
  'Det',
  'Amb',
  'Atty',
  'Sec',
  'Asst',
  'Dep',
  'Dir',
  'Exec',
  'Fr',
  'Msgr',
  'Rt',
  'Mt',
  'Ft',
  'Pub',
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Mon', 'Tue', 'Tues', 'Wed', 'Thu', 'Thur', 'Thurs', 'Fri', 'Sat', 'Sun'];
// AP-style U.S. state abbreviations, as in "Sen. Jane Doe (D-Mass.)" or "Dayton, Ohio" datelines.
const STATES = [
  'Ala',
  'Ariz',
  'Ark',
  'Calif',
  'Colo',
  'Conn',
  'Del',
  'Fla',
  'Ga',
  'Ill',
  'Ind',
  'Kan',
  'Kans',
  'Ky',
  'La',
  'Md',
  'Mass',
  'Mich',
  'Minn',
  'Miss',
  'Mo',
  'Mont',
  'Neb',
  'Nev',
  'Okla',
  'Ore',
  'Pa',
  'Penn',
  'Tenn',
  'Tex',
  'Va',
  'Vt',
  'Wash',
  'Wis',
  'Wyo',
];
// Legal and legislative citation parts common in policy prose ("85 Fed. Reg. 1234", "123 Stat. 45").
const CITATION_CAN_END = ['Fed', 'Cong', 'Rec', 'Sess', 'Doc', 'Con', 'Cir', 'Supp', 'Ct', 'Cal'];
const CITATION_NUMBERED = ['Stat', 'Reg', 'Res', 'Amdt'];

// Case-insensitive entries (stored lowercase).
const NUMBERED = [
  'no',
  'nos',
  'nr',
  'n°',
  'nº',
  'fig',
  'figs',
  'pp',
  'para',
  'paras',
  'art',
  'arts',
  'sec',
  'secs',
  'ss',
  'ch',
  'chap',
  'chaps',
  'vol',
  'vols',
  'pt',
  'pts',
  'cl',
  'eq',
  'eqs',
  'ref',
  'refs',
  'app',
  'tab',
  'tbl',
  'ex',
  'exh',
  'op',
  'subsec',
  'subpara',
];
const CAN_END = [
  'inc',
  'co',
  'cos',
  'corp',
  'ltd',
  'plc',
  'llc',
  'llp',
  'bros',
  'jr',
  'sr',
  'esq',
  'al',
  'assn',
  'assoc',
  'dept',
  'depts',
  'univ',
  'inst',
  'govt',
  'intl',
  'natl',
  'mfg',
  'ave',
  'blvd',
  'rd',
  'hwy',
  'sq',
  'ste',
  'bldg',
  'approx',
  'est',
  'ca',
  'incl',
  'excl',
  'misc',
  'ibid',
  'ed',
  'eds',
  'trans',
  'ft',
  'lb',
  'lbs',
  'oz',
  'hr',
  'hrs',
  'min',
  'mins',
  'yr',
  'yrs',
  'mo',
  'mos',
  'wk',
  'wks',
  'mi',
  'gal',
  'qt',
  'st',
  'dist',
  'div',
  'admin',
];
// "ret." as in "Gen. (ret.) David Petraeus".
const MID = ['vs', 'viz', 'cf', 'eg', 'ie', 'ret'];

const EXACT = new Map<string, AbbreviationClass>();
const FOLDED = new Map<string, AbbreviationClass>();
for (const w of NUMBERED) FOLDED.set(w, 'numbered');
for (const w of CAN_END) FOLDED.set(w, 'can-end');
for (const w of MID) FOLDED.set(w, 'mid');
FOLDED.set('etc', 'list-end');
for (const w of [...MONTHS, ...WEEKDAYS, ...STATES, ...CITATION_CAN_END]) EXACT.set(w, 'can-end');
for (const w of CITATION_NUMBERED) EXACT.set(w, 'numbered');
for (const w of TITLES) EXACT.set(w, 'title');
EXACT.set('St', 'saint-street');

const TIME = /^[ap]\.m$/i;
const LATIN_MID = /^(?:e\.g|i\.e)$/i;
// U.S, E.U, U.S.A, Ph.D, D.C, a.k.a, U.S.C: short letter groups joined by full stops.
const MULTI_PERIOD = /^[A-Za-z]{1,2}(?:\.[A-Za-z]{1,2})+$/;

/**
 * Classifies the word in front of a full stop. `word` excludes the final full stop itself
 * ("U.S." arrives as "U.S"), and has already lost any opening quote or bracket.
 */
export function classifyWord(word: string): AbbreviationClass {
  if (word.length === 0 || word.length > 24) return 'regular';
  // Only the last part of a hyphenated or slashed compound matters: "(D-Mass.)", "non-U.S.".
  const cut = Math.max(word.lastIndexOf('-'), word.lastIndexOf('/'));
  const key = cut >= 0 && cut < word.length - 1 ? word.slice(cut + 1) : word;
  if (TIME.test(key)) return 'time';
  if (LATIN_MID.test(key)) return 'mid';
  const exact = EXACT.get(key);
  if (exact) return exact;
  const folded = FOLDED.get(key.toLowerCase());
  if (folded) return folded;
  if (key.length === 1 && /[A-Za-z]/.test(key)) return 'initial';
  if (MULTI_PERIOD.test(key)) return 'can-end';
  return 'regular';
}
