/**
 * Which words of a changed paragraph (or note) changed: the History tab marks them, so "Rail
 * links come second." or "para. 1" → "para. 4" stands out of two otherwise equal paragraphs.
 * A longest-common-subsequence over words and the spaces between them; display only (what
 * counts as a change is core/version-diff's call).
 */

export interface WordPart {
  text: string;
  /** True when this run is not in the other side. */
  changed: boolean;
}

/**
 * Word-by-word comparison beyond this many cells (words before × words after) would cost more
 * than it shows: each side is then marked changed as a whole, as before word marks existed.
 */
const MAX_CELLS = 250_000;

function tokens(s: string): string[] {
  return s.match(/\s+|[^\s]+/g) ?? [];
}

/** Each side as runs of unchanged and changed text; the runs of a side join to its text. */
export function wordDiff(before: string, after: string): { before: WordPart[]; after: WordPart[] } {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > MAX_CELLS) return { before: [{ text: before, changed: true }], after: [{ text: after, changed: true }] };
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const left: WordPart[] = [];
  const right: WordPart[] = [];
  const push = (side: WordPart[], text: string, changed: boolean) => {
    const last = side[side.length - 1];
    if (last && last.changed === changed) last.text += text;
    else side.push({ text, changed });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push(left, a[i], false);
      push(right, b[j], false);
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) push(right, b[j++], true);
    else push(left, a[i++], true);
  }
  return { before: trimMarks(left), after: trimMarks(right) };
}

/** Spaces at the edges of a changed run go to its unchanged neighbours: only words are marked. */
function trimMarks(parts: WordPart[]): WordPart[] {
  const out: WordPart[] = [];
  const push = (text: string, changed: boolean) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.changed === changed) last.text += text;
    else out.push({ text, changed });
  };
  for (const p of parts) {
    if (!p.changed) {
      push(p.text, false);
      continue;
    }
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(p.text)!;
    push(m[1], false);
    push(m[2], true);
    push(m[3], false);
  }
  return out;
}
