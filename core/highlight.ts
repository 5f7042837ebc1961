/** A piece of text and whether it matched the search: safe to show without any HTML. */
export interface Highlight {
  text: string;
  match: boolean;
}

/** Markers from the Private Use Area: they cannot occur in real fact text after import. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export function splitHighlights(marked: string): Highlight[] {
  const out: Highlight[] = [];
  let match = false;
  let buf = '';
  for (const ch of marked) {
    if (ch === MARK_START || ch === MARK_END) {
      if (buf) out.push({ text: buf, match });
      buf = '';
      match = ch === MARK_START;
    } else {
      buf += ch;
    }
  }
  if (buf) out.push({ text: buf, match });
  return out;
}
