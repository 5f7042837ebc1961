import type { BlockKind, Inline, Run } from './document';

/**
 * The author's own words in a briefing are light Markdown: paragraphs separated by blank
 * lines, "- " or "* " bullets, "1. " numbered items, **bold** and *italic*. This turns them
 * into blocks of formatted runs; anything else stays literal text (never markup).
 *
 * Citation marks are cut out before this runs (export/assemble/prose-inlines.ts): each stands
 * in the text as one MARK character, so a mark inside a bold run or a bullet is laid out with
 * it, and `mark(k)` gives the inline for the k-th one (counted across the whole text).
 */
export interface ProseBlock {
  kind: BlockKind | 'default';
  inlines: Inline[];
}

/** Stands for a citation mark; NUL, which no stored text keeps (it is not legal in XML). */
export const MARK = '\u0000';

export function proseBlocks(text: string, mark?: (k: number) => Inline): ProseBlock[] {
  const out: ProseBlock[] = [];
  let para: string[] = [];
  let k = 0;
  const withMarks = (t: string): Inline[] => {
    const inlines = formattedRuns(t);
    if (!t.includes(MARK)) return inlines;
    return inlines.flatMap((inl): Inline[] => {
      if (inl.type !== 'text' || !inl.run.text.includes(MARK)) return [inl];
      const parts = inl.run.text.split(MARK);
      return parts.flatMap((p, i): Inline[] => [
        ...(i > 0 && mark ? [mark(k++)] : []),
        ...(p ? [{ type: 'text' as const, run: { ...inl.run, text: p } }] : []),
      ]);
    });
  };
  const flush = () => {
    if (para.length) out.push({ kind: 'default', inlines: withMarks(para.join(' ')) });
    para = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const bullet = /^[-*•]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (bullet) {
      flush();
      out.push({ kind: 'bullet', inlines: withMarks(bullet[1]) });
    } else if (numbered) {
      flush();
      out.push({ kind: 'numbered', inlines: withMarks(numbered[1]) });
    } else para.push(line);
  }
  flush();
  return out;
}

function formattedRuns(text: string): Inline[] {
  const runs: Run[] = [];
  const re = /\*\*(.+?)\*\*|\*(?!\s)(.+?)\*|_(?!\s)(.+?)_/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) runs.push({ text: text.slice(last, m.index) });
    if (m[1] !== undefined) runs.push({ text: m[1], bold: true });
    else runs.push({ text: m[2] ?? m[3], italic: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last) });
  return runs.map((run) => ({ type: 'text', run }));
}
