/** The words ./statistic reads figures with: numbers in words, scales, currencies, qualifiers, units. */

export const UNITS_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, dozen: 12,
};

export const SCALES: Record<string, number> = {
  hundred: 1e2, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
  // Glued abbreviations: "€40m", "$3.2bn", "5k".
  k: 1e3, m: 1e6, mn: 1e6, mln: 1e6, bn: 1e9, b: 1e9, tn: 1e12, trn: 1e12,
};
export const GLUED_ONLY = new Set(['k', 'm', 'mn', 'mln', 'bn', 'b', 'tn', 'trn']);

/** Fractions, as percentages: "two-thirds" is 66.67 percent. */
export const FRACTIONS: Record<string, number> = {
  half: 1 / 2, third: 1 / 3, thirds: 1 / 3, quarter: 1 / 4, quarters: 1 / 4, fifth: 1 / 5, fifths: 1 / 5, tenth: 1 / 10, tenths: 1 / 10,
};

export const CURRENCY_SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', '₽': 'RUB', '₴': 'UAH', '₺': 'TRY' };
export const CURRENCY_WORDS: Record<string, string> = {
  dollars: 'USD', dollar: 'USD', euros: 'EUR', euro: 'EUR', yen: 'JPY', yuan: 'CNY', renminbi: 'CNY', rubles: 'RUB',
  roubles: 'RUB', hryvnias: 'UAH', hryvnia: 'UAH', rupees: 'INR', francs: 'CHF', lira: 'TRY', liras: 'TRY',
  shekels: 'ILS', won: 'KRW', rand: 'ZAR', zlotys: 'PLN', zloty: 'PLN',
};
export const ISO_CURRENCIES = new Set(['usd', 'eur', 'gbp', 'jpy', 'cny', 'rub', 'uah', 'inr', 'chf', 'try', 'pln', 'ils', 'krw', 'zar', 'cad', 'aud', 'sek', 'nok', 'dkk', 'brl', 'mxn']);

/** Qualifiers kept in the figure: "around", "more than", "at least". */
export const QUALIFIERS = [
  'more than', 'less than', 'fewer than', 'at least', 'at most', 'up to', 'as many as', 'as much as', 'as few as',
  'an estimated', 'close to', 'just over', 'just under', 'well over', 'well above', 'well below', 'below', 'above', 'some', 'around', 'about', 'nearly',
  'almost', 'roughly', 'approximately', 'over', 'under', 'only', 'just', 'barely', 'another', 'estimated', 'a further', 'a total of', 'a record',
];

/** A number right after one of these is a label or an identifier, not a quantity. */
export const LABELS = new Set([
  'article', 'articles', 'section', 'paragraph', 'para', 'page', 'pages', 'p', 'pp', 'clause', 'chapter', 'resolution', 'no',
  'no.', 'nos', 'number', 'item', 'point', 'phase', 'stage', 'round', 'level', 'category', 'grade', 'flight', 'route',
  'highway', 'road', 'unit', 'block', 'reactor', 'building', 'gate', 'terminal', 'platform', 'line', 'district', 'ward',
  'zone', 'sector', 'version', 'model', 'day', 'week', 'volume', 'vol', 'issue', 'part', 'annex', 'appendix', 'table',
  'figure', 'fig', 'exhibit', 'count', 'lot', 'batch', 'protocol', 'rule', 'regulation', 'directive', 'decree', 'law',
  'bill', 'order', 'case', 'docket', 'room', 'floor', 'apartment', 'street', 'avenue', 'tier', 'season', 'episode', 'act',
  'amendment', 'title', 'schedule', 'step', 'lane', 'runway', 'pier', 'berth', 'corps', 'division', 'squadron', 'group',
]);

export const MONTHS = /^(?:jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)\.?$/;
export const TIME_WORDS = new Set(['a.m.', 'p.m.', 'am', 'pm', 'gmt', 'utc', 'cet', 'est', 'edt', 'bst', 'hrs', "o'clock"]);
export const PERCENT_WORDS = ['percent', 'per cent', 'pc', 'percentage points', 'percentage point', 'basis points', 'points'];

/** Words that end a unit: "50 countries have signed" takes "countries", never "have". */
export const NOT_UNIT = new Set([
  'the', 'a', 'an', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'and', 'or', 'but', 'is', 'are', 'was', 'were',
  'has', 'have', 'had', 'will', 'would', 'than', 'that', 'which', 'who', 'as', 'per', 'since', 'after', 'before', 'during',
  'over', 'under', 'more', 'less', 'fewer', 'each', 'this', 'these', 'those', 'their', 'its', 'his', 'her', 'our', 'it',
  'they', 'he', 'she', 'we', 'were', 'be', 'been', 'so', 'up', 'down', 'out', 'off', 'into', 'onto', 'across', 'against',
  'between', 'among', 'amid', 'said', 'says', 'according', 'last', 'next', 'this', 'ago', 'earlier', 'later', 'year', 'years',
  'month', 'months', 'week', 'weeks', 'day', 'days', 'times', 'higher', 'lower', 'up', 'down', 'compared', 'while', 'when',
  'where', 'because', 'if', 'also', 'only', 'just', 'still', 'yet', 'already', 'then', 'there', 'here', 'all', 'both', 'some',
  'other', 'such', 'same', 'own', 'not', 'no', 'nor', 'too', 'very', 'since', 'until', 'including', 'mostly', 'mainly',
]);
/** Verbs that follow a bare number often enough to be mistaken for its unit: "44 million face …". */
export const VERBS_AFTER_NUMBERS = new Set([
  'face', 'faces', 'remain', 'remains', 'live', 'lives', 'need', 'needs', 'lack', 'lacks', 'want', 'wants', 'come', 'comes',
  'go', 'goes', 'make', 'makes', 'take', 'takes', 'get', 'gets', 'hold', 'holds', 'work', 'works', 'say', 'says', 'die', 'dies',
  'fled', 'left', 'went', 'came', 'took', 'got', 'made', 'held', 'saw', 'fell', 'rose', 'grew', 'became', 'did', 'do', 'does',
]);
/** Words that take the next noun along: "20 new schools", "40 armoured vehicles". */
export const UNIT_ADJECTIVES = new Set(['new', 'additional', 'wounded', 'injured', 'more', 'other', 'further', 'armoured', 'armored', 'civilian', 'military', 'foreign', 'small', 'large', 'young', 'old', 'registered', 'displaced', 'unemployed', 'active', 'empty', 'cargo', 'grain', 'oil', 'metric', 'square', 'cubic', 'heavy', 'light', 'combat', 'fighter', 'tank', 'artillery', 'ballistic', 'cruise']);
/** Rates after a unit: "barrels a day", "tonnes per year". */
export const RATE = new Set(['a', 'per', 'each', 'every']);
export const PERIODS = new Set(['day', 'week', 'month', 'year', 'hour', 'minute', 'second', 'quarter', 'annum']);
export const MOTION = new Set(['fall', 'falls', 'fell', 'fallen', 'drop', 'drops', 'dropped', 'rise', 'rises', 'rose', 'risen', 'climb', 'climbed', 'slip', 'slipped', 'sink', 'sank', 'dip', 'dipped', 'stay', 'stayed', 'remain', 'remained', 'keep', 'kept']);
export const DURATIONS = new Set(['hours', 'hour', 'minutes', 'seconds', 'days', 'weeks', 'months', 'years', 'decades', 'times', 'fold']);
/** What a price is per: "$67.40 a barrel", "5 rupees a litre". */
export const MEASURES = new Set(['barrel', 'litre', 'liter', 'gallon', 'tonne', 'ton', 'kilogram', 'kg', 'pound', 'ounce', 'share', 'head', 'person', 'capita', 'unit', 'megawatt-hour', 'kilowatt-hour', 'mwh', 'kwh', 'dose', 'passenger']);
/** Counts of people that make a death toll, with the words that say it is one. */
export const CASUALTIES = new Set(['people', 'civilians', 'soldiers', 'children', 'troops', 'police officers', 'workers', 'migrants', 'journalists']);
export const TOLL_WORDS = new Set(['killed', 'killing', 'dead', 'died', 'wounded', 'injured', 'injuring', 'missing', 'deaths']);
/** Plural-looking words that are verbs after a singular noun: "person dies", "price rises". */
export const NOUN_THEN_VERB = new Set(['rises', 'falls', 'grows', 'shows', 'says', 'dies', 'lives', 'remains', 'means', 'needs', 'seems', 'stands', 'goes', 'comes', 'makes', 'takes']);
