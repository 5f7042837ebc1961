import { type Token, tokenize } from './tokens';
import { CURRENCY_SYMBOLS, CURRENCY_WORDS, FRACTIONS, GLUED_ONLY, ISO_CURRENCIES, SCALES, UNITS_WORDS } from './statistic-amounts';
import {
  CASUALTIES,
  DURATIONS,
  MEASURES,
  MOTION,
  NOT_UNIT,
  NOUN_THEN_VERB,
  PERIODS,
  RATE,
  TOLL_WORDS,
  UNIT_ADJECTIVES,
  VERBS_AFTER_NUMBERS,
} from './statistic-units';
import { LABELS, MONTHS, PERCENT_WORDS, QUALIFIERS, TIME_WORDS } from './statistic-words';

/**
 * The figure a sentence reports, as a suggestion for a 'statistic' fact:
 *   "around one million rounds" → value 1000000, unit rounds
 *   "nearly 50 countries"       → value 50, unit countries
 *   "$3.2 billion", "€40m"      → value 3.2e9 / 4e7, unit USD / EUR
 *   "30%", "1.5 percent"        → value 30 / 1.5, unit percent
 *   "two-thirds", "half of"     → value 66.67 / 50, unit percent (a share, like a percentage)
 *   "18 of 22 drones"           → value 18, unit drones (the figure keeps "of 22")
 *   "$67.40 a barrel"           → value 67.4, unit "USD a barrel" (a price per measure or period)
 *   "between $40bn and $55bn"   → no value (a range), unit USD; so "10-15 percent"
 * `figure` is the words as written, with their qualifier ("around", "more than"): the analyst
 * sees what the source said, the value is for sorting and comparing.
 *
 * Not figures: years ("in 2019"), dates ("Jan. 15", "15 March"), times ("10:30", "3 p.m."),
 * ordinals ("21st"), list numbers ("1." opening an item), labels ("Article 5", "Resolution
 * 2231", "page 4"), codes ("G7", "F-16", "COVID-19"), ages ("54-year-old"), scores ("3-1").
 * A small count in words with nothing else ("two silos") is not offered either, unless it is a
 * death toll ("two people were killed"); nor are lengths of time ("six hours") or multiples
 * ("four times"), nor "the first half of the year".
 *
 * With several figures, the strongest wins (money, percentages, scaled amounts, then counts of
 * something, then anything qualified), the first among equals.
 */

export interface StatisticSuggestion {
  figure: string;
  value?: number;
  unit?: string;
}

// ── Scanning ────────────────────────────────────────────────────────────────────────────────

interface Match {
  from: number; // token indices, inclusive
  to: number;
  value?: number;
  unit?: string;
  score: number;
}

const glued = (a: Token | undefined, b: Token | undefined) => !!a && !!b && a.end === b.start;

/** "1,200" → 1200, "3.2" → 3.2; a comma before other than three digits is a decimal comma. */
function digitsValue(text: string): number {
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(text)) return Number(text.replace(/,/g, ''));
  return Number(text.replace(',', '.'));
}

function wordValue(word: string): number | undefined {
  if (word in UNITS_WORDS) return UNITS_WORDS[word];
  // "forty-five"
  const m = /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(one|two|three|four|five|six|seven|eight|nine)$/.exec(word);
  return m ? UNITS_WORDS[m[1]] + UNITS_WORDS[m[2]] : undefined;
}

/** Whether the words from token i spell one of `phrases`; returns how many tokens it took. */
function phraseAt(toks: readonly Token[], i: number, phrases: readonly string[]): number {
  for (const p of phrases) {
    const words = p.split(' ');
    if (words.every((w, k) => toks[i + k]?.lower === w)) return words.length;
  }
  return 0;
}

/** A qualifier ending just before token i: returns its first token index, or i. */
function qualifierBefore(toks: readonly Token[], i: number): number {
  for (const q of QUALIFIERS) {
    const words = q.split(' ');
    const start = i - words.length;
    // "fell below 10%" moves to a level; "was below 40%" qualifies it.
    if ((q === 'below' || q === 'above') && MOTION.has(toks[start - 1]?.lower ?? '')) continue;
    if (start >= 0 && words.every((w, k) => toks[start + k].lower === w)) return start;
  }
  return i;
}

/** Why the number at token i is not a quantity, if it is not. */
function notAQuantity(toks: readonly Token[], i: number): boolean {
  const t = toks[i];
  const prev = toks[i - 1];
  const next = toks[i + 1];
  // Codes glued to letters: G7, MH17, COVID-19, F-16, S-400.
  if (prev && glued(prev, t) && (prev.kind === 'word' || (prev.text === '-' && glued(toks[i - 2], prev) && toks[i - 2].kind === 'word'))) return true;
  // Ordinals: 21st, 3rd, 4th; ages and compounds: 54-year-old, 10-fold is kept below as a multiplier.
  if (next && glued(t, next) && next.kind === 'word' && /^(?:st|nd|rd|th)$/i.test(next.text)) return true;
  if (next?.text === '-' && glued(t, next) && toks[i + 2]?.kind === 'word' && glued(next, toks[i + 2])) return true;
  // A measure naming a kind of thing: "155mm shells", "a 20km stretch", "5G networks".
  const after = toks[i + 2];
  if (next && glued(t, next) && next.kind === 'word' && !(next.lower in SCALES) && after?.kind === 'word' && !after.cap && !NOT_UNIT.has(after.lower))
    return true;
  // Times: 10:30, 3 p.m., 0400 GMT.
  if ((next?.text === ':' && glued(t, next) && toks[i + 2]?.kind === 'number') || (prev?.text === ':' && glued(prev, t) && toks[i - 2]?.kind === 'number'))
    return true;
  if (next && TIME_WORDS.has(next.lower)) return true;
  // Dates: Jan. 15, 15 January, March 3, 2021.
  if ((prev && MONTHS.test(prev.lower)) || (next && MONTHS.test(next.lower))) return true;
  if (prev?.kind === 'comma' && toks[i - 2]?.kind === 'number' && toks[i - 3] && MONTHS.test(toks[i - 3].lower)) return true;
  // Labels: Article 5, Resolution 2231, page 4, No. 10.
  if (prev && LABELS.has(prev.lower.replace(/\.$/, '')) && !(prev.lower === 'some' || prev.lower === 'about')) return true;
  // List numbers: "1. The ministry …", "(2) exports …".
  if (i === 0 && next && (next.text === '.' || next.text === ')') && glued(t, next)) return true;
  if (prev?.text === '(' && next?.text === ')') return true;
  // Scores and ranges not followed by a unit are handled by the caller; years here.
  if (
    /^(?:1[89]|20)\d\d$/.test(t.text) &&
    !(prev && CURRENCY_SYMBOLS[prev.text]) &&
    !(next && (next.lower in SCALES || next.text === '%' || phraseAt(toks, i + 1, PERCENT_WORDS)))
  )
    return true;
  return false;
}

/** Reads the unit after token i (exclusive end index returned with the unit text). */
function unitAfter(toks: readonly Token[], i: number): { unit: string; to: number } | undefined {
  // "12 more howitzers": more of the things, which are the unit.
  if (toks[i]?.lower === 'more') {
    const u = unitAfter(toks, i + 1);
    return u && !u.unit.includes(' ') ? u : undefined;
  }
  const w = toks[i];
  if (!w || w.kind !== 'word' || NOT_UNIT.has(w.lower) || VERBS_AFTER_NUMBERS.has(w.lower) || w.cap || /ly$/.test(w.lower)) return undefined;
  // "12 died", "40 sailed": a past tense is no unit (adjectives like "displaced" are listed).
  if (/ed$/.test(w.lower) && !UNIT_ADJECTIVES.has(w.lower)) return undefined;
  let to = i;
  let unit = w.lower;
  if (UNIT_ADJECTIVES.has(w.lower)) {
    const n = toks[i + 1];
    if (n && n.kind === 'word' && !NOT_UNIT.has(n.lower) && !n.cap) {
      to = i + 1;
      unit = `${w.lower} ${n.lower}`;
    }
  }
  // "police officers", "dock workers": a noun naming the kind of the plural noun after it.
  const n = toks[to + 1];
  if (
    to === i &&
    n?.kind === 'word' &&
    !n.cap &&
    /[a-z]s$/.test(n.lower) &&
    !/s$/.test(w.lower) &&
    !NOT_UNIT.has(n.lower) &&
    !VERBS_AFTER_NUMBERS.has(n.lower) &&
    !NOUN_THEN_VERB.has(n.lower)
  ) {
    to = i + 1;
    unit = `${w.lower} ${n.lower}`;
  }
  // "40 degrees Celsius"
  if (w.lower === 'degrees' && /^(?:celsius|fahrenheit)$/.test(toks[i + 1]?.lower ?? '')) {
    to = i + 1;
    unit = `degrees ${toks[i + 1].text}`;
  }
  // "barrels a day", "tonnes per year"
  if (RATE.has(toks[to + 1]?.lower ?? '') && PERIODS.has(toks[to + 2]?.lower ?? '')) {
    unit = `${unit} ${toks[to + 1].lower} ${toks[to + 2].lower}`;
    to += 2;
  }
  return { unit, to };
}

function scan(toks: readonly Token[]): Match[] {
  const out: Match[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    let value: number | undefined;
    let from = i;
    let to = i;
    let strong = false;
    let wordNumber = false;

    if (t.kind === 'number') {
      if (notAQuantity(toks, i)) continue;
      value = digitsValue(t.text);
      // Ranges and scores: "10-15 percent" is a figure, "a 3-1 vote" is not.
      const dash = toks[i + 1];
      const between = dash?.lower === 'and' && toks[i - 1]?.lower === 'between';
      if (
        dash &&
        (dash.text === '-' || dash.text === '–' || dash.lower === 'to' || between) &&
        toks[i + 2]?.kind === 'number' &&
        (dash.lower === 'to' || between || glued(t, dash))
      ) {
        const after = toks[i + 3];
        // "between 2,000 and 3,000 people" counts something; "a 3-1 vote" is a score.
        const counted = between && !notAQuantity(toks, i + 2) && !!unitAfter(toks, i + 3);
        if (!(after && (after.lower in SCALES || after.text === '%' || phraseAt(toks, i + 3, PERCENT_WORDS))) && !counted) {
          i += 2;
          continue;
        }
        value = undefined; // a range has no single value
        to = i + 2;
        if (between) from = i - 1;
      }
    } else if (t.kind === 'word' && !t.quoted) {
      // "two-thirds", "a third of", "half of"
      const frac = /^(one|two|three|four|a|an)-?(half|thirds?|quarters?|fifths?|tenths?)$/.exec(t.lower);
      // Not "a two-thirds majority": the fraction names the kind of majority.
      if (frac && (frac[1] !== 'a' || toks[i + 1]?.lower === 'of') && !/^(?:majority|majorities|stake|share|quorum|vote)$/.test(toks[i + 1]?.lower ?? '')) {
        const n = frac[1] === 'a' || frac[1] === 'an' ? 1 : UNITS_WORDS[frac[1]];
        out.push({ from: qualifierBefore(toks, i), to: i, value: roundShare(n * FRACTIONS[frac[2]] * 100), unit: 'percent', score: 3 });
        continue;
      }
      // "a third of the budget", "rose by a third"
      if (
        (t.lower === 'a' || t.lower === 'one') &&
        toks[i + 1] &&
        /^(half|third|quarter|fifth|tenth)$/.test(toks[i + 1].lower) &&
        (toks[i + 2]?.lower === 'of' || toks[i - 1]?.lower === 'by')
      ) {
        out.push({ from: qualifierBefore(toks, i), to: i + 1, value: roundShare(FRACTIONS[toks[i + 1].lower] * 100), unit: 'percent', score: 3 });
        i++;
        continue;
      }
      // "half of the population", not "the first half of the year".
      if (t.lower === 'half' && toks[i + 1]?.lower === 'of' && !/^(?:first|second|latter|former|other|the)$/.test(toks[i - 1]?.lower ?? '')) {
        out.push({ from: qualifierBefore(toks, i), to: i, value: 50, unit: 'percent', score: 2 });
        continue;
      }
      // "a million", "half a million", "one million", "forty-five"
      const v = wordValue(t.lower);
      const aScale =
        (t.lower === 'a' || t.lower === 'half') && toks[i + 1] && ['hundred', 'thousand', 'million', 'billion', 'trillion'].includes(toks[i + 1].lower);
      if (v === undefined && !aScale) continue;
      if (t.lower === 'half' && toks[i + 1]?.lower === 'a') continue;
      value = aScale ? 1 : v;
      if (t.lower === 'half' && aScale) value = 0.5;
      if (t.lower === 'a' && toks[i - 1]?.lower === 'half') {
        from = i - 1;
        value = 0.5;
      }
      wordNumber = true;
    } else continue;

    // Currency before: $3.2, US$3, €40.
    let unit: string | undefined;
    const before = toks[from - 1];
    if (before && CURRENCY_SYMBOLS[before.text] && glued(before, toks[from])) {
      unit = CURRENCY_SYMBOLS[before.text];
      from--;
      if (toks[from - 1]?.kind === 'word' && /^(?:us|a|c|nz|hk)$/i.test(toks[from - 1].text) && glued(toks[from - 1], toks[from])) from--;
      strong = true;
    } else if (before && ISO_CURRENCIES.has(before.lower)) {
      unit = before.text.toUpperCase();
      from--;
      strong = true;
    }

    // Scale words after: "3.2 billion", "one million", "€40m", "five hundred thousand".
    let k = to + 1;
    while (toks[k] && toks[k].lower in SCALES && (!GLUED_ONLY.has(toks[k].lower) || glued(toks[k - 1], toks[k]))) {
      if (value !== undefined) value *= SCALES[toks[k].lower];
      to = k;
      strong = true;
      k++;
    }
    if (wordNumber && to === i && (toks[i + 1]?.lower === '-' || value === undefined)) continue;

    // Percent after: "30%", "1.5 percent", "2 percentage points".
    if (!unit) {
      if (toks[to + 1]?.text === '%') {
        unit = 'percent';
        to++;
        strong = true;
      } else {
        const n = phraseAt(toks, to + 1, PERCENT_WORDS);
        if (n && !(toks[to + 1].lower === 'points' && !strong)) {
          const words = toks
            .slice(to + 1, to + 1 + n)
            .map((w) => w.lower)
            .join(' ');
          unit = words === 'per cent' || words === 'pc' ? 'percent' : words === 'points' ? 'points' : words.replace(/ point$/, ' points');
          to += n;
          strong = true;
        }
      }
    }
    // Currency after: "40 million euros", "500 USD".
    if (!unit) {
      const w = toks[to + 1];
      if (w && (CURRENCY_WORDS[w.lower] || ISO_CURRENCIES.has(w.lower))) {
        unit = CURRENCY_WORDS[w.lower] ?? w.text.toUpperCase();
        to++;
        strong = true;
      }
    }
    // A price or a cost over time: "$67.40 a barrel", "5 rupees a litre", "$120 million a year".
    if (
      unit &&
      unit !== 'percent' &&
      RATE.has(toks[to + 1]?.lower ?? '') &&
      (MEASURES.has(toks[to + 2]?.lower ?? '') || PERIODS.has(toks[to + 2]?.lower ?? ''))
    ) {
      unit = `${unit} ${toks[to + 1].lower} ${toks[to + 2].lower}`;
      to += 2;
    }
    // "18 of 22 drones": the count is the first number, the unit follows the second.
    if (!unit && toks[to + 1]?.lower === 'of' && toks[to + 2]?.kind === 'number' && !notAQuantity(toks, to + 2)) {
      const u = unitAfter(toks, to + 3);
      if (u) {
        unit = u.unit;
        to = u.to;
      }
    }
    // A unit noun: "50 countries", "one million rounds", "1.2 million tonnes of grain".
    if (!unit) {
      const u = unitAfter(toks, to + 1);
      if (u) {
        unit = u.unit;
        to = u.to;
      }
    }

    // "six hours", "four times": a length of time or a multiple, not a quantity of something.
    if (!strong && DURATIONS.has(unit ?? toks[to + 1]?.lower ?? '')) continue;
    const qualified = qualifierBefore(toks, from);
    // "fell to 685,000": a number written in thousands is a quantity even without a unit.
    const thousands = t.kind === 'number' && /^\d{1,3}(?:,\d{3})+$/.test(t.text) && to === i;
    const score = strong ? 3 : unit ? 2 : qualified < from || thousands ? 1 : 0;
    // Small counts in words ("two silos") and bare numbers without anything ("Duarte, 54,")
    // are not what an analyst files as a statistic.
    if (score === 0) continue;
    // A death toll is a statistic however small: "two people were killed".
    const toll = !!unit && CASUALTIES.has(unit) && toks.some((w) => TOLL_WORDS.has(w.lower));
    if (wordNumber && !strong && (value ?? 0) < 10 && qualified === from && !toll) continue;
    out.push({ from: qualified, to, ...(value !== undefined ? { value } : {}), ...(unit ? { unit } : {}), score });
    i = Math.max(i, to);
  }
  return out;
}

/** "between $40 billion and $55 billion": two figures in one unit are one range, with no single value. */
function joinRanges(toks: readonly Token[], matches: Match[]): Match[] {
  const out: Match[] = [];
  for (const m of matches) {
    const prev = out[out.length - 1];
    if (prev && toks[prev.from - 1]?.lower === 'between' && toks[prev.to + 1]?.lower === 'and' && m.from === prev.to + 2 && prev.unit === m.unit) {
      out[out.length - 1] = { from: prev.from - 1, to: m.to, ...(m.unit ? { unit: m.unit } : {}), score: Math.max(prev.score, m.score) };
    } else out.push(m);
  }
  return out;
}

/** Shares from fractions, to two decimals: 66.67 for two-thirds. */
function roundShare(x: number): number {
  return Math.round(x * 100) / 100;
}

export function suggestStatistic(sentence: string): StatisticSuggestion | undefined {
  const toks = tokenize(sentence);
  const matches = joinRanges(toks, scan(toks));
  if (matches.length === 0) return undefined;
  const best = matches.reduce((a, b) => (b.score > a.score ? b : a));
  const out: StatisticSuggestion = { figure: sentence.slice(toks[best.from].start, toks[best.to].end) };
  if (best.value !== undefined && Number.isFinite(best.value)) out.value = best.value;
  if (best.unit) out.unit = best.unit;
  return out;
}
