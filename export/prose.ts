import type { BlockKind, Inline, Run } from './document';

/**
 * The author's own words in a briefing are light Markdown: paragraphs separated by blank
 * lines, "- " or "* " bullets, "1. " numbered items, **bold** and *italic*. This turns them
 * into blocks of formatted runs; anything else stays literal text (never markup).
 */
export interface ProseBlock {
  kind: BlockKind | 'default';
  inlines: Inline[];
}

export function proseBlocks(text: string): ProseBlock[] {
  const out: ProseBlock[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push({ kind: 'default', inlines: inlineRuns(para.join(' ')) });
    para = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const bullet = /^[-*•]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (bullet) {
      flush();
      out.push({ kind: 'bullet', inlines: inlineRuns(bullet[1]!) });
    } else if (numbered) {
      flush();
      out.push({ kind: 'numbered', inlines: inlineRuns(numbered[1]!) });
    } else para.push(line);
  }
  flush();
  return out;
}

/** **bold** and *italic* (or _italic_) spans; unmatched markers stay as typed. */
export function inlineRuns(text: string): Inline[] {
  const runs: Run[] = [];
  const re = /\*\*(.+?)\*\*|\*(?!\s)(.+?)\*|_(?!\s)(.+?)_/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > last) runs.push({ text: text.slice(last, m.index) });
    if (m[1] !== undefined) runs.push({ text: m[1], bold: true });
    else runs.push({ text: (m[2] ?? m[3])!, italic: true });
    last = m.index! + m[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last) });
  return runs.map((run) => ({ type: 'text', run }));
}
