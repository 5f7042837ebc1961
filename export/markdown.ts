import type { Block, DocSection, Inline, ResolvedDocument, Run } from './document';
import { layoutHints, type LayoutHints } from './template/hints';
import type { Template } from './template/types';
import { sanitizeXmlText } from './xml-text';

/**
 * A briefing as pandoc-flavoured Markdown: footnotes as `[^1]` with their text in
 * `[^1]: …` definitions, italics as `*…*`, the banner as the first and last line. Text from
 * the library is escaped so that nothing in a fact ("*", "_", "[", "<script>", "@key",
 * "(U)" at the start of a line) turns into markup.
 */

// Characters that are markup anywhere in pandoc Markdown (CommonMark accepts these escapes too).
const INLINE_SPECIAL = /[\\`*_[\]<>#|~^$@&]/g;

function clean(text: string): string {
  return sanitizeXmlText(text).replace(/\r\n?/g, '\n');
}

/** Escapes text for use inside a Markdown paragraph; line breaks become hard breaks. */
export function escapeMarkdown(text: string): string {
  return clean(text)
    .replace(/\t/g, ' ')
    .replace(INLINE_SPECIAL, (c) => `\\${c}`)
    .replace(/\n/g, '\\\n');
}

/**
 * Escapes what only means something at the start of a paragraph or list item: list markers
 * ("- ", "+ ", "1. ", "A) ", "(U) " — pandoc reads "(U)" as a lettered list), block quotes,
 * definition lists, headings and rules.
 */
function escapeLineStart(md: string): string {
  return md
    .split('\n')
    .map((line) => {
      const l = line.replace(/^[ \t]+/, '');
      if (/^[-+:=](\s|$)/.test(l) || /^[-=]{3,}\s*$/.test(l)) return `\\${l}`;
      const enumerator = /^(\(?)(\d{1,9}|[A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)([.)])(\s|$)/.exec(l);
      if (enumerator) {
        const [, open, label, close] = enumerator;
        return open ? `\\(${l.slice(1)}` : `${label}\\${close}${l.slice(label.length + 1)}`;
      }
      if (/^\(/.test(l)) return `\\${l}`;
      return l;
    })
    .join('\n');
}

function sameFormat(a: Run, b: Run): boolean {
  return (
    !!a.italic === !!b.italic &&
    !!a.bold === !!b.bold &&
    !!a.smallCaps === !!b.smallCaps &&
    !!a.superscript === !!b.superscript &&
    !!a.subscript === !!b.subscript
  );
}

/** Runs with the same formatting joined, so "*a**b*" never happens. */
function mergeRuns(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last && sameFormat(last, r)) out[out.length - 1] = { ...last, text: last.text + r.text };
    else out.push({ ...r });
  }
  return out;
}

/** One formatted run as Markdown, with surrounding spaces kept outside the markers. */
function runMarkdown(run: Run): string {
  const text = clean(run.text);
  // trimStart/trimEnd remove exactly what \s matches, in linear time; /\s*$/ retries from every
  // space of a long run (100,000 spaces took seconds).
  const core = text.trim();
  const lead = text.slice(0, text.length - text.trimStart().length);
  const trail = core ? text.slice(lead.length + core.length) : '';
  if (!core) return escapeMarkdown(text);
  let md = escapeMarkdown(core);
  if (run.superscript) md = `^${md.replace(/ /g, '\\ ')}^`;
  else if (run.subscript) md = `~${md.replace(/ /g, '\\ ')}~`;
  if (run.smallCaps) md = `[${md}]{.smallcaps}`;
  if (run.bold && run.italic) md = `***${md}***`;
  else if (run.bold) md = `**${md}**`;
  else if (run.italic) md = `*${md}*`;
  return `${escapeMarkdown(lead)}${md}${escapeMarkdown(trail)}`;
}

export function runsMarkdown(runs: readonly Run[]): string {
  return mergeRuns(runs).map(runMarkdown).join('');
}

interface Notes {
  defs: string[];
}

function inlinesMarkdown(inlines: readonly Inline[], notes: Notes): string {
  let out = '';
  let pending: Run[] = [];
  const flush = () => {
    out += runsMarkdown(pending);
    pending = [];
  };
  for (const inl of inlines) {
    if (inl.type === 'text') pending.push(inl.run);
    else if (inl.type === 'cite') pending.push(...inl.runs);
    else {
      flush();
      const n = notes.defs.length + 1;
      // Continuation lines of a note are indented four spaces, as pandoc expects.
      notes.defs.push(`[^${n}]: ${runsMarkdown(inl.runs).replace(/\n/g, '\n    ')}`);
      out += `[^${n}]`;
    }
  }
  flush();
  return out;
}

function portion(p: string | undefined): string {
  const v = p === undefined ? '' : clean(p).trim();
  return v ? `(${escapeMarkdown(v)}) ` : '';
}

function label(text: string): string {
  const l = clean(text).trim();
  return /[:：]$/.test(l) ? l : `${l}:`;
}

function blockMarkdown(block: Block, runIn: string | undefined, notes: Notes, number: number): string {
  const lead = runIn ? `**${escapeMarkdown(label(runIn))}** ` : '';
  const body = escapeLineStart(`${portion(block.portion)}${lead}${inlinesMarkdown(block.inlines, notes)}`);
  if (block.kind === 'bullet') return `- ${body.replace(/\n/g, '\n  ')}`;
  if (block.kind === 'numbered') return `${number}. ${body.replace(/\n/g, '\n   ')}`;
  return body;
}

function sectionMarkdown(section: DocSection, runInSections: ReadonlySet<string>, notes: Notes, counter: { n: number }): string[] {
  if (section.blocks.length === 0) return [];
  const heading = clean(section.heading).trim();
  const runIn = section.showHeading && heading !== '' && runInSections.has(section.key);
  const parts: string[] = [];
  if (section.showHeading && heading && !runIn) parts.push(`## ${portion(section.headingPortion)}${escapeMarkdown(heading)}`);
  // Consecutive list items form one list; anything else ends it.
  let list: string[] = [];
  let listKind: Block['kind'] | undefined;
  const flushList = () => {
    if (list.length) parts.push(list.join('\n'));
    list = [];
    listKind = undefined;
  };
  section.blocks.forEach((block, i) => {
    const md = blockMarkdown(block, runIn && i === 0 ? heading : undefined, notes, block.kind === 'numbered' ? ++counter.n : 0);
    if (block.kind === 'paragraph') {
      flushList();
      parts.push(md);
    } else {
      if (listKind !== undefined && listKind !== block.kind) flushList();
      listKind = block.kind;
      list.push(md);
    }
  });
  flushList();
  return parts;
}

function label2(text: string): string {
  return escapeMarkdown(label(text));
}

function decisionMarkdown(doc: ResolvedDocument, hints: LayoutHints): string[] {
  if (!doc.decision || doc.decision.lines.length === 0) return [];
  const parts: string[] = [];
  if (hints.decisionHeading.trim()) parts.push(`**${escapeMarkdown(hints.decisionHeading.trim())}**`);
  if (doc.decision.decideBy?.trim()) parts.push(`*${escapeMarkdown(`${hints.decideByLabel} ${doc.decision.decideBy.trim()}`)}*`);
  parts.push(doc.decision.lines.map((l) => `${escapeMarkdown(l.trim())}${/_{3}/.test(l) ? '' : ' \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_'}`).join('\\\n'));
  return parts;
}

/**
 * The briefing as Markdown. Give the template to follow its run-in headings, decision
 * placement and closing labels; without it the built-in memo conventions apply.
 */
export function renderMarkdown(doc: ResolvedDocument, template?: Template): string {
  const hints = layoutHints(template);
  const notes: Notes = { defs: [] };
  const parts: string[] = [];
  const banner = doc.banner ? clean(doc.banner).trim() : '';
  if (banner) parts.push(`**${escapeMarkdown(banner)}**`);
  const title = clean(doc.heading || doc.title).trim();
  if (title) parts.push(`# ${portion(doc.headingPortion)}${escapeMarkdown(title)}`);
  if (doc.date.trim()) parts.push(escapeLineStart(escapeMarkdown(doc.date.trim())));
  const fields = doc.fields.filter((f) => f.value.trim());
  if (fields.length) {
    parts.push(fields.map((f) => `**${label2(f.label)}** ${portion(f.portion)}${escapeMarkdown(f.value.trim())}`).join('\\\n'));
  }
  const block = (doc.markingBlock?.lines ?? []).filter((l) => l.value.trim());
  if (block.length) parts.push(block.map((l) => `${label2(l.label)} ${escapeMarkdown(clean(l.value).trim())}`).join('\\\n'));
  const counter = { n: 0 };
  const withBlocks = doc.sections.filter((s) => s.blocks.length > 0);
  const after = withBlocks.some((s) => s.key === hints.decisionAfter) ? hints.decisionAfter : withBlocks[withBlocks.length - 1]?.key;
  let decided = false;
  for (const section of doc.sections) {
    parts.push(...sectionMarkdown(section, hints.runInSections, notes, counter));
    if (!decided && section.key === after) {
      parts.push(...decisionMarkdown(doc, hints));
      decided = true;
    }
  }
  if (!decided) parts.push(...decisionMarkdown(doc, hints));
  const closing: string[] = [];
  if (doc.attachments?.trim()) closing.push(`${label2(hints.attachmentsLabel)} ${escapeMarkdown(doc.attachments.trim())}`);
  if (doc.preparedBy?.trim()) closing.push(`${label2(hints.preparedByLabel)} ${escapeMarkdown(doc.preparedBy.trim())}`);
  if (closing.length) parts.push(closing.join('\\\n'));
  if (doc.derivedFrom?.trim()) {
    const v = doc.derivedFrom.trim();
    parts.push(
      escapeLineStart(
        v.toLowerCase().startsWith(hints.derivedFromLabel.toLowerCase()) ? escapeMarkdown(v) : `${label2(hints.derivedFromLabel)} ${escapeMarkdown(v)}`,
      ),
    );
  }
  if (doc.bibliography && doc.bibliography.entries.length) {
    parts.push(`## ${escapeMarkdown(doc.bibliography.heading || 'Sources')}`);
    for (const entry of doc.bibliography.entries) parts.push(escapeLineStart(runsMarkdown(entry)));
  }
  if (notes.defs.length) parts.push(notes.defs.join('\n\n'));
  if (doc.derivationSources?.entries.length) {
    parts.push(`## ${escapeMarkdown(clean(doc.derivationSources.heading).trim())}`);
    parts.push(doc.derivationSources.entries.map((e) => `- ${escapeMarkdown(clean(e).trim())}`).join('\n'));
  }
  if (banner) parts.push(`**${escapeMarkdown(banner)}**`);
  return `${parts.join('\n\n')}\n`;
}
