import labelled from './testing/labelled-sentences.json';
import { type Suggestions, suggestForDocument } from './index';

/**
 * How often a suggestion is one an analyst would accept without editing, per field, over a
 * labelled set of news and policy sentences (./testing/labelled-sentences.json).
 *
 * Per field: a suggestion equal to the label is a hit; a suggestion that differs from the label
 * (or where the label is empty) is a wrong suggestion (lowers precision); a label with no equal
 * suggestion is a miss (lowers recall). A wrong suggestion where a label exists counts as both.
 * Text is compared without regard to case, runs of spaces or curly apostrophes; a figure must
 * match in its words, value and unit; an event date in its start and, for a range, its end.
 */

/** What an analyst would file for the sentence. Absent fields: nothing should be suggested. */
interface Expected {
  name?: string;
  role?: string;
  via?: string;
  eventDate?: string;
  eventDateEnd?: string;
  figure?: { stated: string; value?: number; unit?: string };
}

export interface LabelledSentence {
  /** Sentences sharing a doc are one document, in order (a later surname resolves to an earlier full name). */
  doc?: string;
  /** The source's publication date. */
  published: string;
  text: string;
  expected: Expected;
}

const FIELDS = ['name', 'role', 'via', 'eventDate', 'figure'] as const;
type Field = (typeof FIELDS)[number];

interface FieldScore {
  field: Field;
  hits: number;
  wrong: number;
  missed: number;
  precision: number;
  recall: number;
}

interface Disagreement {
  text: string;
  field: Field;
  expected?: string;
  suggested?: string;
}

export interface SuggestionScore {
  sentences: number;
  fields: FieldScore[];
  disagreements: Disagreement[];
}

export const LABELLED: readonly LabelledSentence[] = labelled;

/** Scores the suggestions for every labelled sentence, reading each document as a whole. */
export function scoreSuggestions(items: readonly LabelledSentence[] = LABELLED): SuggestionScore {
  const tally = new Map<Field, { hits: number; wrong: number; missed: number }>(FIELDS.map((f) => [f, { hits: 0, wrong: 0, missed: 0 }]));
  const disagreements: Disagreement[] = [];
  for (const group of documents(items)) {
    const suggested = suggestForDocument(
      group.map((i) => i.text),
      group[0].published,
    );
    group.forEach((item, k) => {
      const got = fieldsOf(suggested[k]);
      const want = labelsOf(item.expected);
      for (const field of FIELDS) {
        const g = got[field];
        const w = want[field];
        const t = tally.get(field)!;
        if (g !== undefined && w !== undefined && normal(g) === normal(w)) t.hits++;
        else {
          if (g !== undefined) t.wrong++;
          if (w !== undefined) t.missed++;
          if (g !== undefined || w !== undefined)
            disagreements.push({ text: item.text, field, ...(w !== undefined ? { expected: w } : {}), ...(g !== undefined ? { suggested: g } : {}) });
        }
      }
    });
  }
  const fields = FIELDS.map((field) => {
    const { hits, wrong, missed } = tally.get(field)!;
    return { field, hits, wrong, missed, precision: hits + wrong ? hits / (hits + wrong) : 1, recall: hits + missed ? hits / (hits + missed) : 1 };
  });
  return { sentences: items.length, fields, disagreements };
}

/** The per-field table, as printed by `npm run bench` and kept in BENCHMARKS.md. */
export function formatScoreTable(score: SuggestionScore): string {
  const rows = [
    '| field | precision | recall | accepted | wrong | missed |',
    '| --- | --- | --- | --- | --- | --- |',
    ...score.fields.map((f) => `| ${f.field} | ${f.precision.toFixed(3)} | ${f.recall.toFixed(3)} | ${f.hits} | ${f.wrong} | ${f.missed} |`),
  ];
  return rows.join('\n');
}

/** Consecutive sentences with the same doc form one document; others stand alone. */
function documents(items: readonly LabelledSentence[]): LabelledSentence[][] {
  const out: LabelledSentence[][] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (item.doc && last && last[0].doc === item.doc) last.push(item);
    else out.push([item]);
  }
  return out;
}

/** Each field as one comparable string (a figure's words, value and unit together). */
function fieldsOf(s: Suggestions): Partial<Record<Field, string>> {
  return compact({
    name: s.attribution?.name,
    role: s.attribution?.role,
    via: s.attribution?.viaOutlet,
    eventDate: s.eventDate && (s.eventDateEnd ? `${s.eventDate} .. ${s.eventDateEnd}` : s.eventDate),
    figure: s.statistic && figureKey(s.statistic.figure, s.statistic.value, s.statistic.unit),
  });
}

function labelsOf(e: Expected): Partial<Record<Field, string>> {
  return compact({
    name: e.name,
    role: e.role,
    via: e.via,
    eventDate: e.eventDate && (e.eventDateEnd ? `${e.eventDate} .. ${e.eventDateEnd}` : e.eventDate),
    figure: e.figure && figureKey(e.figure.stated, e.figure.value, e.figure.unit),
  });
}

function figureKey(stated: string, value: number | undefined, unit: string | undefined): string {
  // Values to 6 significant digits: 66.67 and 66.666… are the same share.
  return `${stated} | ${value === undefined ? '-' : Number(value.toPrecision(6))} | ${unit ?? '-'}`;
}

function compact(o: Partial<Record<Field, string | undefined>>): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const f of FIELDS) if (o[f]) out[f] = o[f];
  return out;
}

function normal(s: string): string {
  return s.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}
