import type { FactKind, Locator } from '../core/model';
import { stripMarkdownInline } from './markdown-inline';
import { segment } from './sentences/index';

/** A sentence (or paragraph) offered to the user as a possible fact, in document order. */
export interface Candidate {
  /** 1-based number shown to the user and used by --keep. */
  index: number;
  text: string;
  /** 1-based paragraph the candidate comes from. */
  paragraph: number;
  kind: FactKind;
  locator: Locator;
}

export interface CandidateOptions {
  /** One candidate per paragraph instead of per sentence. */
  paragraphs?: boolean;
  markdown?: boolean;
}

/** Splits prose into candidate facts, keeping paragraph boundaries as locators. */
export function candidatesFromText(text: string, opts: CandidateOptions = {}): Candidate[] {
  const out: Candidate[] = [];
  const clean = (s: string) => (opts.markdown ? stripMarkdownInline(s) : s).replace(/\s+/g, ' ').trim();
  segment(text).forEach((p, i) => {
    const pieces = opts.paragraphs ? [p.paragraph.text] : p.sentences.map((s) => s.text);
    for (const piece of pieces) {
      const t = clean(piece);
      if (!t || !/[\p{L}\p{N}]/u.test(t)) continue;
      out.push({ index: out.length + 1, text: t, paragraph: i + 1, kind: guessKind(t), locator: { label: 'paragraph', value: String(i + 1) } });
    }
  });
  return out;
}

const QUOTED = /^["“‘'].{8,}["”’'],?\s*(?:\S+\s+){0,6}?(?:said|says|told|added|warned|stated|wrote|declared)\b/i;
const QUOTE_ONLY = /^["“].{8,}["”]\.?$/;
const FIGURE = /(?:[$€£¥]\s?\d|\d[\d,.]*\s?(?:%|percent|per cent|million|billion|trillion|thousand)|\b\d{1,3}(?:,\d{3})+\b)/i;

/** A first guess the user confirms: quoted speech → quote, figures → statistic. */
function guessKind(t: string): FactKind {
  if (QUOTED.test(t) || QUOTE_ONLY.test(t)) return 'quote';
  if (FIGURE.test(t)) return 'statistic';
  return 'paraphrase';
}
