import type { DocSection, Inline, ResolvedDocument, Run } from './document';
import { layoutHints, type LayoutHints } from './template/hints';
import type { Template } from './template/types';
import { sanitizeXmlText } from './xml-text';

/**
 * A briefing as plain text for the body of an e-mail: no markup at all, citations in notes
 * shown as "[1]" in the text and listed under "Notes" at the end, the banner as the first and
 * last line. Lines are not wrapped; mail clients do that.
 */

function clean(text: string): string {
  // Tabs and odd spaces become plain spaces; control characters go.
  return sanitizeXmlText(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\u000B\u000C]/g, ' ');
}

const runsText = (runs: readonly Run[]): string => runs.map((r) => clean(r.text)).join('');

function label(text: string): string {
  const l = clean(text).trim();
  return /[:：]$/.test(l) ? l : `${l}:`;
}

function portion(p: string | undefined): string {
  const v = p === undefined ? '' : clean(p).trim();
  return v ? `(${v}) ` : '';
}

function inlinesText(inlines: readonly Inline[], notes: string[]): string {
  let out = '';
  for (const inl of inlines) {
    if (inl.type === 'text') out += clean(inl.run.text);
    else if (inl.type === 'cite') out += runsText(inl.runs);
    else {
      notes.push(runsText(inl.runs).trim());
      out += `[${notes.length}]`;
    }
  }
  return out;
}

/** Continuation lines line up under the first line's text. */
function hang(prefix: string, text: string): string {
  const pad = ' '.repeat(prefix.length);
  return prefix + text.replace(/\n/g, `\n${pad}`);
}

function sectionText(section: DocSection, runInSections: ReadonlySet<string>, notes: string[], counter: { n: number }): string[] {
  if (section.blocks.length === 0) return [];
  const heading = clean(section.heading).trim();
  const runIn = section.showHeading && heading !== '' && runInSections.has(section.key);
  const parts: string[] = [];
  if (section.showHeading && heading && !runIn) parts.push(`${portion(section.headingPortion)}${heading}`);
  section.blocks.forEach((block, i) => {
    const lead = runIn && i === 0 ? `${label(heading)} ` : '';
    const text = `${portion(block.portion)}${lead}${inlinesText(block.inlines, notes)}`.trim();
    if (block.kind === 'bullet') parts.push(hang('\u2022 ', text));
    else if (block.kind === 'numbered') parts.push(hang(`${++counter.n}. `, text));
    else parts.push(text);
  });
  return parts;
}

function decisionText(doc: ResolvedDocument, hints: LayoutHints): string[] {
  if (!doc.decision || doc.decision.lines.length === 0) return [];
  const lines: string[] = [];
  if (hints.decisionHeading.trim()) lines.push(clean(hints.decisionHeading).trim());
  if (doc.decision.decideBy?.trim()) lines.push(`${hints.decideByLabel} ${clean(doc.decision.decideBy).trim()}`);
  for (const l of doc.decision.lines) lines.push(`${clean(l).trim()}${/_{3}/.test(l) ? '' : ' __________'}`);
  return [lines.join('\n')];
}

/**
 * The briefing as plain text for an e-mail. Give the template to follow its run-in headings,
 * decision placement and closing labels; without it the built-in memo conventions apply.
 */
export function renderPlainText(doc: ResolvedDocument, template?: Template): string {
  const hints = layoutHints(template);
  const notes: string[] = [];
  const parts: string[] = [];
  const banner = doc.banner ? clean(doc.banner).trim() : '';
  if (banner) parts.push(banner);
  const head = [`${portion(doc.headingPortion)}${clean(doc.heading || doc.title).trim()}`.trim(), clean(doc.date).trim()].filter(Boolean);
  if (head.length) parts.push(head.join('\n'));
  const fields = doc.fields.filter((f) => f.value.trim());
  if (fields.length) {
    const width = Math.max(...fields.map((f) => label(f.label).length)) + 2;
    parts.push(fields.map((f) => hang(label(f.label).padEnd(width), `${portion(f.portion)}${clean(f.value).trim()}`)).join('\n'));
  }
  const block = (doc.markingBlock?.lines ?? []).filter((l) => l.value.trim());
  if (block.length) parts.push(block.map((l) => `${label(l.label)} ${clean(l.value).trim()}`).join('\n'));
  const counter = { n: 0 };
  const withBlocks = doc.sections.filter((s) => s.blocks.length > 0);
  const after = withBlocks.some((s) => s.key === hints.decisionAfter) ? hints.decisionAfter : withBlocks[withBlocks.length - 1]?.key;
  let decided = false;
  for (const section of doc.sections) {
    parts.push(...sectionText(section, hints.runInSections, notes, counter));
    if (!decided && section.key === after) {
      parts.push(...decisionText(doc, hints));
      decided = true;
    }
  }
  if (!decided) parts.push(...decisionText(doc, hints));
  const closing: string[] = [];
  if (doc.attachments?.trim()) closing.push(hang(`${label(hints.attachmentsLabel)} `, clean(doc.attachments).trim()));
  if (doc.preparedBy?.trim()) closing.push(hang(`${label(hints.preparedByLabel)} `, clean(doc.preparedBy).trim()));
  if (closing.length) parts.push(closing.join('\n'));
  if (doc.derivedFrom?.trim()) {
    const v = clean(doc.derivedFrom).trim();
    parts.push(v.toLowerCase().startsWith(hints.derivedFromLabel.toLowerCase()) ? v : `${label(hints.derivedFromLabel)} ${v}`);
  }
  if (notes.length) parts.push(['Notes', ...notes.map((n, i) => hang(`[${i + 1}] `, n))].join('\n'));
  if (doc.bibliography && doc.bibliography.entries.length) {
    parts.push([clean(doc.bibliography.heading || 'Sources').trim(), ...doc.bibliography.entries.map((e) => runsText(e).trim())].join('\n'));
  }
  if (doc.derivationSources?.entries.length)
    parts.push([clean(doc.derivationSources.heading).trim(), ...doc.derivationSources.entries.map((e) => clean(e).trim())].join('\n'));
  if (banner) parts.push(banner);
  return `${parts.join('\n\n')}\n`;
}
