/** A piece of text and whether it matched the search: safe to show without any HTML. */
export interface Highlight {
  text: string;
  match: boolean;
}

/**
 * Marks the words of `text` that the search matched, the way FTS5's unicode61 tokenizer reads
 * them (case and accents ignored; a prefix term marks words starting with it). Done here rather
 * than with FTS5's highlight(), which costs one index query per hit.
 */
export function highlightWords(text: string, words: readonly { word: string; prefix: boolean }[], fold: (w: string) => string): Highlight[] | undefined {
  if (words.length === 0) return undefined;
  const out: Highlight[] = [];
  let last = 0;
  let any = false;
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const w = fold(m[0]);
    if (!words.some((t) => (t.prefix ? w.startsWith(t.word) : w === t.word))) continue;
    if (m.index > last) out.push({ text: text.slice(last, m.index), match: false });
    out.push({ text: m[0], match: true });
    last = m.index + m[0].length;
    any = true;
  }
  if (!any) return undefined;
  if (last < text.length) out.push({ text: text.slice(last), match: false });
  return out;
}
