import { type CiteCluster, formatCluster } from '../../../core/citation-marks';
import { proseSegments } from './citation/cite-keys';

/**
 * Converts between the TipTap (ProseMirror) JSON of a prose item and the light Markdown the
 * model stores: paragraphs separated by blank lines, "- " bullets, "1. " numbered items,
 * **bold** and *italic*. The parsing rules mirror the exporters' (export/prose.ts) exactly, so
 * what the editor shows is what the .docx gets. The format has no escapes: a literal "*" or
 * "_" pair in plain text reads back as emphasis, just as the exporters would render it.
 *
 * Citation marks (`[see @FACTID, p. 4; @FACTID2]`, core/citation-marks.ts) are `citation`
 * nodes with the cluster as their `cites`; emphasis around a mark covers the mark too.
 */
interface PMMark {
  type: string;
  attrs?: Record<string, unknown>;
}
export interface PMNode {
  type: string;
  content?: PMNode[];
  text?: string;
  marks?: PMMark[];
  attrs?: Record<string, unknown>;
}

interface Span {
  text: string;
  bold: boolean;
  italic: boolean;
}

// ---------- JSON → Markdown ----------

export function docToMarkdown(doc: PMNode): string {
  const blocks: string[] = [];
  for (const node of doc.content ?? []) {
    if (node.type === 'bulletList' || node.type === 'orderedList') {
      const start = node.type === 'orderedList' ? Number(node.attrs?.start ?? 1) || 1 : 1;
      const lines: string[] = [];
      for (const li of listItems(node)) {
        const text = inlineMarkdown(li).trim();
        if (!text) continue;
        lines.push(node.type === 'bulletList' ? `- ${text}` : `${start + lines.length}. ${text}`);
      }
      if (lines.length) blocks.push(lines.join('\n'));
    } else {
      const text = inlineMarkdown(node).trim();
      if (text) blocks.push(text);
    }
  }
  return blocks.join('\n\n');
}

/** The list items of a list, nested lists flattened into the same list (the model has no nesting). */
function listItems(list: PMNode): PMNode[] {
  const out: PMNode[] = [];
  for (const li of list.content ?? []) {
    const own: PMNode = { type: 'listItem', content: [] };
    for (const child of li.content ?? []) {
      if (child.type === 'bulletList' || child.type === 'orderedList') {
        if (own.content!.length) out.push({ ...own });
        own.content = [];
        out.push(...listItems(child));
      } else own.content!.push(child);
    }
    if (own.content!.length) out.push(own);
  }
  return out;
}

/** Inline content of a block (paragraphs inside it joined by spaces) as Markdown. */
function inlineMarkdown(node: PMNode): string {
  const spans: Span[] = [];
  collectSpans(node, spans);
  return spansToMarkdown(spans);
}

function collectSpans(node: PMNode, out: Span[]): void {
  if (node.type === 'text') {
    const marks = new Set((node.marks ?? []).map((m) => m.type));
    out.push({ text: (node.text ?? '').replace(/[\r\n]+/g, ' '), bold: marks.has('bold'), italic: marks.has('italic') });
    return;
  }
  if (node.type === 'citation') {
    const cites = (node.attrs?.cites ?? []) as CiteCluster['cites'];
    const marks = new Set((node.marks ?? []).map((m) => m.type));
    if (cites.length) out.push({ text: formatCluster({ cites }), bold: marks.has('bold'), italic: marks.has('italic') });
    return;
  }
  if (node.type === 'hardBreak') {
    out.push({ text: ' ', bold: false, italic: false });
    return;
  }
  const children = node.content ?? [];
  children.forEach((c, i) => {
    if (i > 0 && c.type === 'paragraph') out.push({ text: ' ', bold: false, italic: false });
    collectSpans(c, out);
  });
}

function spansToMarkdown(input: Span[]): string {
  // Bold wins over italic: the model has no bold-italic run.
  const spans = input.map((s) => ({ ...s, italic: s.italic && !s.bold }));
  const merged: Span[] = [];
  for (const s of spans) {
    const prev = merged[merged.length - 1];
    if (prev && prev.bold === s.bold && prev.italic === s.italic) prev.text += s.text;
    else if (s.text) merged.push({ ...s });
  }
  let out = '';
  for (const s of merged) {
    if (!s.bold && !s.italic) {
      out += s.text;
      continue;
    }
    // Markers hug the words: "*x*" not "* x *" (which would not read back as italic).
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(s.text)!;
    const [, lead, core, trail] = m;
    if (!core) {
      out += s.text;
      continue;
    }
    const mark = s.bold ? '**' : '*';
    out += `${lead}${mark}${core}${mark}${trail}`;
  }
  return out.replace(/ {2,}/g, ' ');
}

// ---------- Markdown → JSON ----------

const BULLET = /^[-*•]\s+(.*)$/;
const NUMBERED = /^\d+[.)]\s+(.*)$/;

export interface ReadOptions {
  /** Read citation marks as chips (the default); false keeps them as the literal text they are (foreign paste). */
  cites?: boolean;
}

export function markdownToDoc(text: string, opts: ReadOptions = {}): PMNode {
  const cites = opts.cites ?? true;
  const content: PMNode[] = [];
  let para: string[] = [];
  let list: PMNode | null = null;
  const flushPara = () => {
    if (para.length) content.push(paragraph(para.join(' '), cites));
    para = [];
  };
  const flushList = () => {
    if (list) content.push(list);
    list = null;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (!line) {
      flushPara();
      flushList();
    } else if (bullet || numbered) {
      flushPara();
      const type = bullet ? 'bulletList' : 'orderedList';
      if (!list || list.type !== type) {
        flushList();
        list = { type, content: [] };
      }
      list.content!.push({ type: 'listItem', content: [paragraph((bullet ?? numbered)![1], cites)] });
    } else {
      flushList();
      para.push(line);
    }
  }
  flushPara();
  flushList();
  if (content.length === 0) content.push({ type: 'paragraph' });
  return { type: 'doc', content };
}

function paragraph(text: string, cites: boolean): PMNode {
  const nodes = inlineNodes(text, cites);
  return nodes.length ? { type: 'paragraph', content: nodes } : { type: 'paragraph' };
}

/** A stand-in for a citation mark while emphasis is read, so "*see [@id]*" is italic around the mark. */
const MARK = '\uFFFC';

/**
 * The exporters' inline rule: **bold**, *italic* or _italic_; unmatched markers stay literal.
 * Citation marks are cut out first, so brackets and keys never read as emphasis.
 */
function inlineNodes(text: string, cites = true): PMNode[] {
  const clusters: CiteCluster[] = [];
  let masked = '';
  for (const seg of cites ? proseSegments(text) : [{ kind: 'text' as const, text }]) {
    if (seg.kind === 'cite') {
      clusters.push(seg.cluster);
      masked += MARK;
    } else masked += seg.text.replaceAll(MARK, '');
  }
  const out: PMNode[] = [];
  const push = (t: string, marks?: PMMark[]) => {
    t.split(MARK).forEach((part, i) => {
      if (i > 0) out.push({ type: 'citation', attrs: { cites: clusters.shift()!.cites }, ...(marks ? { marks } : {}) });
      if (part) out.push({ type: 'text', text: part, ...(marks ? { marks } : {}) });
    });
  };
  const re = /\*\*(.+?)\*\*|\*(?!\s)(.+?)\*|_(?!\s)(.+?)_/g;
  let last = 0;
  for (const m of masked.matchAll(re)) {
    if (m.index > last) push(masked.slice(last, m.index));
    if (m[1] !== undefined) push(m[1], [{ type: 'bold' }]);
    else push(m[2] ?? m[3], [{ type: 'italic' }]);
    last = m.index + m[0].length;
  }
  if (last < masked.length) push(masked.slice(last));
  return out;
}

/** Normal form of a stored text: what it reads back as after a round trip through the editor. */
export function normaliseMarkdown(text: string): string {
  return docToMarkdown(markdownToDoc(text));
}
