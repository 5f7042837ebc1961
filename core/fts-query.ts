/**
 * Turns what a person types into a safe FTS5 MATCH expression. Every term is quoted, so FTS
 * syntax characters (quotes, -, *, :, parentheses, ^, +) can never make a query fail; the few
 * operators people actually use are honoured: "exact phrase", -exclude, prefix*, OR.
 */
export interface FtsQuery {
  /** Expression for rows that must match; undefined when the query has no positive term. */
  match: string | undefined;
  /** Expression for rows that must NOT match (used when there is nothing positive). */
  exclude: string | undefined;
  /** The words a matching fact may contain, for highlighting (prefix: matches word starts). */
  words: { word: string; prefix: boolean }[];
}

interface Term {
  text: string;
  negated: boolean;
  prefix: boolean;
  phrase: boolean;
}

const TOKEN = /(-?)"([^"]*)"?|(\S+)/g;

export function buildFtsQuery(input: string, options: { prefixLast?: boolean } = {}): FtsQuery {
  const terms: (Term | 'OR')[] = [];
  for (const m of input.matchAll(TOKEN)) {
    if (m[2] !== undefined) {
      const text = clean(m[2]);
      if (text) terms.push({ text, negated: m[1] === '-', prefix: false, phrase: true });
      continue;
    }
    const raw = m[3];
    if (raw === 'OR') {
      terms.push('OR');
      continue;
    }
    const negated = raw.startsWith('-') && raw.length > 1;
    const prefix = /\*+$/.test(raw);
    const text = clean(raw.replace(/^-+/, '').replace(/\*+$/, ''));
    if (text) terms.push({ text, negated, prefix, phrase: false });
  }
  if (options.prefixLast) {
    const last = terms[terms.length - 1];
    if (last && last !== 'OR' && !last.phrase && !last.negated && /\w$/u.test(last.text)) last.prefix = true;
  }
  const words = terms.flatMap((t) =>
    t === 'OR' || t.negated ? [] : tokens(t.text).map((word, i, all) => ({ word, prefix: t.prefix && i === all.length - 1 })),
  );
  return { ...assemble(terms), words };
}

/** Words as the unicode61 tokenizer with remove_diacritics sees them: letters and digits, folded. */
function tokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}\p{M}]+/gu)?.map(foldWord) ?? [];
}

export function foldWord(w: string): string {
  return w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Drops characters that carry no searchable content for the unicode61 tokenizer. */
function clean(s: string): string {
  return s
    .replace(/"/g, ' ')
    .replace(/[\p{C}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

function quote(t: Term): string {
  return `"${t.text.replace(/"/g, '""')}"${t.prefix ? ' *' : ''}`;
}

function assemble(terms: (Term | 'OR')[]): Omit<FtsQuery, 'words'> {
  const positives: string[] = [];
  const negatives: string[] = [];
  let pendingOr = false;
  for (const t of terms) {
    if (t === 'OR') {
      pendingOr = positives.length > 0;
      continue;
    }
    if (t.negated) {
      negatives.push(quote(t));
    } else if (pendingOr) {
      positives[positives.length - 1] = `${positives[positives.length - 1]} OR ${quote(t)}`;
    } else {
      positives.push(quote(t));
    }
    if (!t.negated) pendingOr = false;
  }
  const pos = positives.map((p) => (p.includes(' OR ') ? `(${p})` : p)).join(' AND ');
  const neg = negatives.join(' OR ');
  if (pos && neg) return { match: `${pos} NOT (${neg})`, exclude: undefined };
  return { match: pos || undefined, exclude: neg || undefined };
}
