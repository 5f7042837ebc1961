/** The words attribution rules know: verbs of saying, titles, roles, outlets (lower case). */

/** Verbs that introduce reported speech. Present forms only where they cannot be nouns. */
export const SPEECH_VERBS = new Set([
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'warned', 'warns', 'stated', 'noted', 'wrote', 'writes',
  'reported', 'declared', 'explained', 'explains', 'argued', 'argues', 'insisted', 'insists', 'claimed', 'acknowledged',
  'admitted', 'cautioned', 'confirmed', 'announced', 'stressed', 'emphasised', 'emphasized', 'conceded', 'asserted',
  'observed', 'remarked', 'alleged', 'predicted', 'recalled', 'tweeted', 'posted', 'testified', 'estimated', 'replied',
  'responded', 'continued', 'concluded',
]);

/**
 * Verbs that take a stand rather than report words: the sentence is still its subject's
 * ("Japan's envoy, Hiroyuki Namazu, condemned the launch"), but only with the subject before.
 */
export const STANCE_VERBS = new Set([
  'condemned', 'condemns', 'criticised', 'criticized', 'denied', 'denies', 'rejected', 'urged', 'urges', 'welcomed', 'dismissed',
  'vowed', 'pledged', 'accused', 'called', 'assessed', 'assesses', 'estimates', 'described', 'blamed', 'demanded',
  'found', 'finds', 'projects', 'projected', 'forecasts',
]);

/** "carried by KCNA", "seen by Reuters": an outlet passed the words on. */
export const CARRIED_BY = new Set(['carried', 'seen', 'obtained', 'reviewed', 'polled', 'aired', 'broadcast']);

/** "a report published by X": the author of a document. */
export const PUBLISHED = new Set(['published', 'released', 'compiled', 'commissioned', 'conducted', 'issued', 'prepared']);

/** Words allowed between a subject and its verb: "the ministry also said", "Duarte had warned". */
export const BETWEEN_SUBJECT_AND_VERB = new Set([
  'also', 'later', 'earlier', 'previously', 'again', 'recently', 'separately', 'then', 'publicly', 'privately', 'repeatedly',
  'once', 'further', 'has', 'have', 'had', 'was', 'were', 'is', 'would', 'will', 'reportedly', 'first', 'initially',
  'subsequently', 'simply', 'only', 'bluntly', 'flatly', 'openly', 'quietly', 'angrily', 'strongly', 'sharply', 'immediately',
]);

export const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'one', 'who', 'which', 'this', 'that', 'someone', 'everyone', 'nobody', 'some', 'others', 'many', 'both', 'all']);

export const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'their', 'its', 'our', 'my', 'your']);

export const ARTICLES = new Set(['the', 'a', 'an', 'another']);

/** Words that never belong to a speaker's noun phrase: a phrase stops at them. */
export const NOT_IN_PHRASE = new Set([
  'in', 'on', 'at', 'to', 'from', 'with', 'by', 'into', 'after', 'before', 'during', 'since', 'under', 'over', 'about', 'as',
  'than', 'via', 'across', 'against', 'without', 'through', 'near', 'while', 'when', 'where', 'because', 'although', 'though',
  'if', 'but', 'and', 'or', 'nor', 'so', 'that', 'which', 'who', 'whom', 'whose', 'what', 'there', 'here', 'this', 'these',
  'those', 'it', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'did', 'does', 'do', 'will', 'would', 'could', 'should', 'may',
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
export const ROLE_NOUNS = new Set([
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
  'force', 'tank', 'bureau', 'presidency', 'giant', 'maker', 'producer', 'carrier', 'lender', 'retailer', 'exporter', 'importer',
  'conglomerate', 'automaker', 'miner', 'supplier', 'manufacturer', 'contractor', 'teacher', 'schoolteacher', 'nurse', 'student',
  'predecessor', 'successor', 'charities', 'campaigners', 'protesters', 'unions', 'employers', 'donors', 'voters', 'parents',
  'rebels', 'militants', 'ministers', 'judges', 'regulators', 'investors', 'allies', 'governments', 'companies', 'banks',
  'shopkeeper', 'driver', 'engineer', 'pensioner', 'soldier', 'volunteer', 'fisherman', 'journalist', 'priest', 'vendor', 'mother', 'father',
]);

/** Titles that can stand in front of a name: "Foreign Minister Ines Duarte". */
export const TITLES = new Set([
  'president', 'vice', 'prime', 'minister', 'secretary', 'chancellor', 'ambassador', 'envoy', 'senator', 'sen.', 'representative',
  'rep.', 'governor', 'gov.', 'mayor', 'general', 'gen.', 'colonel', 'col.', 'lt.', 'lieutenant', 'major', 'maj.', 'captain',
  'capt.', 'admiral', 'adm.', 'commander', 'cmdr.', 'sergeant', 'sgt.', 'judge', 'justice', 'commissioner', 'director',
  'chairman', 'chairwoman', 'chair', 'ceo', 'chief', 'spokesperson', 'spokesman', 'spokeswoman', 'deputy', 'king', 'queen',
  'prince', 'princess', 'pope', 'sheikh', 'emir', 'premier', 'speaker', 'ombudsman', 'attorney', 'prosecutor', 'economist',
  'analyst', 'adviser', 'advisor', 'lawmaker', 'leader', 'head', 'cardinal', 'bishop', 'rabbi', 'imam', 'envoy', 'negotiator',
  'official', 'researcher', 'professor', 'prof.', 'commissar', 'marshal', 'superintendent', 'inspector', 'president-elect',
  'director-general', 'secretary-general', 'attorney-general', 'governor-general', 'surgeon-general',
]);

/** Courtesy titles: dropped, they are neither name nor role. */
export const HONORIFICS = new Set(['mr.', 'mrs.', 'ms.', 'dr.', 'mr', 'mrs', 'ms', 'dr', 'prof.', 'prof', 'sir', 'dame', 'lord', 'lady', 'sheikh']);

/** Ranks and courtesy titles, dropped from a role before a name: "Maj. Gen. Pat Ryder". */
export const RANKS = new Set(['gen.', 'col.', 'lt.', 'maj.', 'capt.', 'adm.', 'cmdr.', 'sgt.', 'brig.', 'prof.', 'dr.', 'rev.', 'sheikh', 'rear', 'vice']);

/** What may follow "Minister of" / "Secretary of" as part of the title. */
export const TITLE_COMPLEMENTS = new Set([
  'the', 'state', 'defence', 'defense', 'foreign', 'affairs', 'finance', 'health', 'interior', 'justice', 'trade', 'energy',
  'economy', 'economic', 'agriculture', 'education', 'labour', 'labor', 'transport', 'commerce', 'industry', 'home',
  'security', 'homeland', 'treasury', 'staff', 'general', 'operations', 'communications', 'infrastructure', 'environment',
  'digital', 'culture', 'development', 'public', 'works', 'national', 'internal', 'external', 'information', 'armed', 'forces',
]);

/** Lower-case words allowed inside a name: "Ursula von der Leyen", "Secretary of State". */
export const NAME_PARTICLES = new Set(['of', 'for', 'the', 'and', 'de', 'da', 'do', 'dos', 'das', 'del', 'della', 'di', 'du', 'van', 'von', 'der', 'den', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'ben', 'y', 'e', '&']);

/** Sentence-initial capitalised words that are ordinary words, not names. */
export const COMMON_INITIALS = new Set([
  'officials', 'analysts', 'diplomats', 'experts', 'witnesses', 'residents', 'authorities', 'police', 'prosecutors', 'sources',
  'critics', 'observers', 'economists', 'lawmakers', 'investigators', 'researchers', 'traders', 'insurers', 'brokers',
  'doctors', 'scientists', 'activists', 'workers', 'farmers', 'monitors', 'inspectors', 'executives', 'people', 'meanwhile',
  'later', 'earlier', 'separately', 'however', 'also', 'still', 'yesterday', 'today', 'but', 'and', 'then', 'now', 'several',
  'two', 'three', 'four', 'five', 'many', 'some', 'most', 'few', 'senior', 'local', 'western', 'military', 'government',
  'state', 'regional', 'security', 'health', 'foreign', 'former', 'independent', 'u.n.', 'both', 'other',
]);

/** News organisations named often enough to know by name (lower case, without "the"). */
export const KNOWN_OUTLETS = new Set([
  'reuters', 'ap', 'associated press', 'afp', 'agence france-presse', 'agence france presse', 'bloomberg', 'bloomberg news',
  'bbc', 'bbc news', 'cnn', 'al jazeera', 'xinhua', 'tass', 'ria novosti', 'ria', 'interfax', 'kyodo', 'kyodo news', 'yonhap',
  'anadolu', 'anadolu agency', 'dpa', 'efe', 'ansa', 'pti', 'nhk', 'npr', 'politico', 'axios', 'new york times',
  'washington post', 'guardian', 'financial times', 'ft', 'wall street journal', 'economist', 'le monde', 'der spiegel',
  'spiegel', 'cbs', 'cbs news', 'nbc', 'nbc news', 'abc news', 'fox news', 'sky news', 'euronews', 'dw', 'deutsche welle',
  'radio free europe', 'rfe/rl', 'voice of america', 'voa', 'france 24', 'rt', 'sputnik', 'ukrinform', 'ukrainska pravda',
  'kyiv independent', 'haaretz', 'times of israel', 'hindu', 'dawn', 'south china morning post', 'scmp', 'nikkei', 'nikkei asia',
  'asahi', 'asahi shimbun', 'yomiuri', 'global times', "people's daily", 'cctv', 'irna', 'wafa', 'el país', 'el pais',
  'corriere della sera', 'la repubblica', 'frankfurter allgemeine', 'süddeutsche zeitung', 'le figaro', 'times',
  // State and national news agencies that statements are "carried by".
  'kcna', 'wam', 'isna', 'mehr news', 'tasnim', 'bernama', 'antara', 'jiji', 'jiji press', 'unian', 'belta', 'kuna', 'qna', 'pap', 'ctk', 'mti',
]);

/** Last words that make a capitalised phrase a news outlet: "the Meridian Herald". */
export const OUTLET_HEADS = new Set([
  'herald', 'times', 'post', 'journal', 'news', 'tribune', 'gazette', 'guardian', 'telegraph', 'observer', 'dispatch', 'wire',
  'chronicle', 'standard', 'independent', 'monitor', 'ledger', 'courier', 'express', 'mirror', 'examiner', 'inquirer',
  'globe', 'mail', 'bulletin', 'daily', 'weekly', 'magazine', 'press', 'radio', 'television', 'tv', 'broadcasting',
  'broadcaster', 'network', 'channel', 'newspaper', 'zeitung', 'shimbun', 'pravda', 'izvestia', 'kommersant', 'vedomosti',
]);

/** Lower-case descriptions of outlets: "state media reported", "the newspaper said". */
export const OUTLET_NOUNS = new Set(['media', 'newspaper', 'broadcaster', 'television', 'tv', 'radio', 'outlet', 'daily', 'tabloid', 'wire']);

/** "according to a report in …": documents that carry someone else's words. */
export const DOCUMENT_NOUNS = new Set([
  'report', 'reports', 'statement', 'statements', 'study', 'survey', 'figures', 'data', 'estimates', 'estimate', 'documents',
  'document', 'analysis', 'poll', 'assessment', 'transcript', 'letter', 'memo', 'filing', 'release', 'readout', 'tally',
  'count', 'census', 'briefing', 'note', 'post', 'interview', 'article', 'story', 'account', 'accounts', 'records', 'record',
  'minutes', 'draft', 'email', 'emails', 'message', 'video', 'footage', 'images', 'photos', 'photographs',
]);
export const DOCUMENT_LINKS = new Set(['by', 'from', 'of', 'in', 'on', 'published', 'released', 'seen', 'obtained', 'reviewed', 'cited', 'issued', 'compiled', 'provided', 'shared', 'given', 'posted', 'aired']);
