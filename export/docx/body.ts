import { EndnoteReferenceRun, FootnoteReferenceRun, LeaderType, Paragraph, Tab, TabStopType, TextRun, type IParagraphOptions, type ParagraphChild } from 'docx';
import type { Block, DocSection, Inline, ResolvedDocument } from '../document';
import type { Template, TemplateSection } from '../template/types';
import { sanitizeXmlText } from '../xml-text';
import { complexField, fieldEnd, fieldStart } from './fields';
import { derivationSourceParagraphs, markingBlockParagraphs } from './authority-block';
import { ZOTERO_BIBLIOGRAPHY_INSTRUCTION } from './zotero-document';
import { paragraphStyleFor, portionText, withColon } from './block-style';
import { bibliographyEntriesXml, type BlockKeep, type BlockSink, blockWriter, type EntryLayout, type ListRef, type NumberingIds } from './body-xml';
import type { NoteContent } from './note-part';
import type { DocxWriteCache } from './write-cache';
import { type Link, linkedRuns, linksOf } from './links';
import { formattedRuns, isRtlParagraph, textRuns } from './runs';
import { BULLET_LIST, NUMBERED_LIST, pointTwips, styleId, twip } from './styles';

type NoteMap = Record<string, { children: Paragraph[] }>;

/** What building the body collects besides its paragraphs: the notes its references point to. */
export interface BodyContext {
  noteKind: 'footnotes' | 'endnotes';
  footnotes: NoteMap;
  endnotes: NoteMap;
  nextNoteId: number;
  /** Numbered sections restart at 1 when the template says so; each restart is a new list instance. */
  listInstance: number;
  zoteroField: ZoteroFieldPlacement;
  /** Hyperlinks in the notes and bibliography, whose relationships the package needs. */
  links: Link[];
  /**
   * When set, the section blocks and the notes are written as XML text (body-xml.ts,
   * note-part.ts) instead of `docx` objects: each section's blocks stand in the document as
   * a marker paragraph whose XML `blocks` writes once docx has numbered the lists.
   */
  direct?: DirectParts;
  /** Pieces kept from the briefing's last export (a warm session), see write-cache.ts. */
  cache?: DocxWriteCache;
}

export interface DirectParts {
  notes: NoteContent[];
  lists: ListRef[];
  blocks: Map<string, (ids: NumberingIds) => string>;
}

/**
 * The marker paragraph standing for a section's blocks, as docx writes it: an unstyled
 * paragraph no briefing text can produce (every real paragraph has a style, and the token
 * is made of private-use characters).
 */
function markerToken(n: number): string {
  return `\uE000DOSSIER-BLOCKS-${n}\uE000`;
}
/** A marker paragraph for XML written once docx has numbered the lists (writeDirectParts). */
function directMarker(direct: DirectParts, write: (ids: NumberingIds) => string): Paragraph {
  const token = markerToken(direct.blocks.size);
  direct.blocks.set(token, write);
  return new Paragraph({ children: [new TextRun(token)] });
}
export function markerXml(token: string): string {
  return `<w:p><w:r><w:t xml:space="preserve">${token}</w:t></w:r></w:p>`;
}

/**
 * Where a note citation's Zotero field goes. `in-note` (default) wraps the citation text inside
 * the footnote, as Zotero's Word plugin writes note styles, so Zotero refreshes the note in
 * place and pandoc versions that read Zotero fields keep the footnote. `around-reference` wraps
 * the footnote reference mark in the text instead.
 */
export type ZoteroFieldPlacement = 'in-note' | 'around-reference';

export function newBodyContext(doc: ResolvedDocument, zoteroField: ZoteroFieldPlacement = 'in-note', direct = false, cache?: DocxWriteCache): BodyContext {
  return {
    noteKind: doc.notes === 'endnotes' ? 'endnotes' : 'footnotes',
    footnotes: {},
    endnotes: {},
    nextNoteId: 1,
    listInstance: 0,
    zoteroField,
    links: [],
    ...(direct ? { direct: { notes: [], lists: [], blocks: new Map() } } : {}),
    ...(cache ? { cache } : {}),
  };
}

const children = (xs: readonly unknown[]): ParagraphChild[] => xs as ParagraphChild[];

function inlineText(inl: Inline): string {
  return inl.type === 'text' ? inl.run.text : inl.runs.map((r) => r.text).join('');
}

/**
 * A note citation: a footnote (or endnote) reference in the text, and in the note the
 * citation's runs wrapped in the Zotero field — where Zotero itself keeps the field for note
 * styles, so its Word plugin can refresh the note in place.
 */
function noteReference(inl: Extract<Inline, { type: 'note' }>, ctx: BodyContext): ParagraphChild[] {
  const id = ctx.nextNoteId++;
  const kind = ctx.noteKind;
  const inNote = ctx.zoteroField === 'in-note';
  const noteRuns = linkedRuns(inl.runs, `N${id}`);
  ctx.links.push(...linksOf(inl.runs, kind, `N${id}`));
  const paragraph = new Paragraph({
    style: kind === 'endnotes' ? 'EndnoteText' : 'FootnoteText',
    ...(isRtlParagraph(inl.runs.map((r) => r.text)) ? { bidirectional: true } : {}),
    children: children([new TextRun(' '), ...(inNote ? complexField(inl.field.instruction, noteRuns) : noteRuns)]),
  });
  (kind === 'endnotes' ? ctx.endnotes : ctx.footnotes)[String(id)] = { children: [paragraph] };
  const reference = kind === 'endnotes' ? new EndnoteReferenceRun(id) : new FootnoteReferenceRun(id);
  return children(inNote ? [reference] : complexField(inl.field.instruction, [reference]));
}

function inlineChildren(inl: Inline, ctx: BodyContext): ParagraphChild[] {
  switch (inl.type) {
    case 'text':
      return formattedRuns([inl.run]);
    case 'cite':
      return children(complexField(inl.field.instruction, formattedRuns(inl.runs)));
    case 'note':
      return noteReference(inl, ctx);
  }
}

function blockParagraph(
  block: Block,
  section: TemplateSection | undefined,
  runIn: string | undefined,
  template: Template,
  ctx: BodyContext,
  keep: BlockKeep = {},
): Paragraph {
  const texts = block.inlines.map(inlineText);
  const options: IParagraphOptions = {
    style: paragraphStyleFor(block, section, template),
    ...(keep.next ? { keepNext: true } : {}),
    ...(keep.lines ? { keepLines: true } : {}),
    ...(block.kind === 'bullet' ? { numbering: { reference: BULLET_LIST, level: 0 } } : {}),
    ...(block.kind === 'numbered'
      ? { numbering: { reference: NUMBERED_LIST, level: 0, ...(template.numbering === 'restart' ? { instance: ctx.listInstance } : {}) } }
      : {}),
    ...(isRtlParagraph(texts) ? { bidirectional: true } : {}),
    children: [
      ...textRuns(portionText(block.portion)),
      ...(runIn ? textRuns(`${withColon(runIn)} `, { style: styleId(template, 'runInHeading') }) : []),
      ...block.inlines.flatMap((inl) => inlineChildren(inl, ctx)),
    ],
  };
  return new Paragraph(options);
}

/**
 * What holds a block to its neighbours on the page. A run-in heading's paragraph keeps its
 * lines together, so the heading never ends a page alone. The paragraphs before the decision
 * block (the recommendation) keep with it and with each other, so the RECOMMENDATION and the
 * Approve / Disapprove lines are on one page.
 */
function keepFor(index: number, runIn: boolean, beforeDecision: boolean): BlockKeep {
  if (beforeDecision) return { next: true, lines: true };
  return runIn && index === 0 ? { lines: true } : {};
}

function sectionParagraphs(section: DocSection, template: Template, ctx: BodyContext, beforeDecision = false): Paragraph[] {
  if (section.blocks.length === 0) return [];
  const def = template.sections.find((s) => s.key === section.key);
  const heading = sanitizeXmlText(section.heading).trim();
  const runIn = section.showHeading && heading !== '' && def?.runIn === true;
  const out: Paragraph[] = [];
  if (section.showHeading && heading !== '' && !runIn) {
    out.push(new Paragraph({ style: styleId(template, 'heading'), children: textRuns(`${portionText(section.headingPortion)}${heading}`) }));
  }
  if (template.numbering === 'restart' && section.blocks.some((b) => b.kind === 'numbered')) ctx.listInstance += 1;
  const direct = ctx.direct;
  if (direct) {
    const writers = section.blocks.map((block, i) =>
      blockWriter(block, def, runIn && i === 0 ? heading : undefined, template, ctx as BlockSink, keepFor(i, runIn, beforeDecision)),
    );
    out.push(directMarker(direct, (ids) => writers.map((w) => w(ids)).join('')));
    return out;
  }
  section.blocks.forEach((block, i) => {
    out.push(blockParagraph(block, def, runIn && i === 0 ? heading : undefined, template, ctx, keepFor(i, runIn, beforeDecision)));
  });
  return out;
}

/**
 * The title line, the date and the FOR / FROM / THROUGH / SUBJECT block. The first page's
 * larger top margin (room for a pre-printed letterhead) is space before the title, since a
 * section has one top margin for all its pages; a real letterhead sets its own, so
 * `firstPageSpace` is off there.
 */
export function headerBlock(doc: ResolvedDocument, template: Template, firstPageSpace = true): Paragraph[] {
  const out: Paragraph[] = [];
  const title = sanitizeXmlText(doc.heading || doc.title).trim();
  const extraTop = firstPageSpace && template.page.firstPageTop !== undefined ? Math.max(0, template.page.firstPageTop - template.page.margins.top) : 0;
  if (title) {
    out.push(
      new Paragraph({
        style: styleId(template, 'title'),
        ...(extraTop > 0 ? { spacing: { before: twip(extraTop) } } : {}),
        children: textRuns(`${portionText(doc.headingPortion)}${title}`),
      }),
    );
  }
  if (template.showDate && doc.date.trim()) {
    out.push(new Paragraph({ style: styleId(template, 'date'), children: textRuns(doc.date.trim()) }));
  }
  for (const field of doc.fields) {
    if (!field.value.trim()) continue;
    out.push(
      new Paragraph({
        style: styleId(template, 'headerField'),
        ...(isRtlParagraph([field.value]) ? { bidirectional: true } : {}),
        children: [
          ...textRuns(withColon(field.label), { style: styleId(template, 'headerLabel') }),
          new TextRun({ children: [new Tab()] }),
          ...textRuns(portionText(field.portion)),
          ...textRuns(field.value.trim()),
        ],
      }),
    );
  }
  return out;
}

/** Approve ____ / Disapprove ____ / Other ____, with the decide-by date when there is one. */
function decisionBlock(doc: ResolvedDocument, template: Template): Paragraph[] {
  const decision = doc.decision;
  if (!decision || decision.lines.length === 0) return [];
  const def = template.decision;
  const style = styleId(template, 'decision');
  const out: Paragraph[] = [];
  const heading = def?.heading ?? 'DECISION:';
  // The block is one unit on the page whatever the template's decision style says: every
  // paragraph keeps its lines and keeps with the next, but the last (see below).
  const held = { keepNext: true, keepLines: true };
  if (heading.trim()) {
    out.push(new Paragraph({ style, ...held, spacing: { after: pointTwips(6) }, children: textRuns(heading.trim(), { bold: true }) }));
  }
  if (decision.decideBy?.trim()) {
    const label = def?.decideByLabel ?? 'Decision requested by';
    out.push(new Paragraph({ style, ...held, children: textRuns(`${label.trim()} ${decision.decideBy.trim()}`, { italics: true }) }));
  }
  const lineEnd = template.styles.decision.tabStop ?? 3;
  if ((def?.layout ?? 'stacked') === 'inline') {
    const runs: ParagraphChild[] = [];
    decision.lines.forEach((line, i) => {
      runs.push(...textRuns(`${i > 0 ? '\u2003\u2003' : ''}${line.trim()}${/_{3}/.test(line) ? '' : ' __________'}`));
    });
    out.push(new Paragraph({ style, keepNext: false, keepLines: true, children: runs }));
  } else {
    // Each option, a gap, then a line to initial on: a tab to where the lines start, then a tab
    // with an underscore leader to where they end, so every line starts and ends in the same place.
    const lineStart = Math.max(0.5, Math.min(1.25, lineEnd - 1));
    decision.lines.forEach((line, i) => {
      const hasBlank = /_{3}/.test(line);
      out.push(
        new Paragraph({
          style,
          // The block holds together but not onto what follows.
          keepNext: i < decision.lines.length - 1,
          keepLines: true,
          tabStops: [
            { type: TabStopType.LEFT, position: twip(lineStart) },
            { type: TabStopType.LEFT, position: twip(lineEnd), leader: LeaderType.UNDERSCORE },
          ],
          children: [...textRuns(line.trim()), ...(hasBlank ? [] : [new TextRun({ children: [new Tab(), new Tab()] })])],
        }),
      );
    });
  }
  return out;
}

function closingParagraph(label: string, value: string, template: Template, first: boolean): Paragraph {
  return new Paragraph({
    style: styleId(template, 'closing'),
    ...(first ? { spacing: { before: pointTwips(12) } } : {}),
    children: [...textRuns(withColon(label)), new TextRun({ children: [new Tab()] }), ...textRuns(value.trim())],
  });
}

/** Attachments, Prepared by and the Derived From line. */
function closingBlock(doc: ResolvedDocument, template: Template): Paragraph[] {
  const out: Paragraph[] = [];
  const c = template.closing;
  if (doc.attachments?.trim()) out.push(closingParagraph(c.attachments?.label ?? 'Attachments', doc.attachments, template, out.length === 0));
  if (doc.preparedBy?.trim()) out.push(closingParagraph(c.preparedBy?.label ?? 'Prepared by', doc.preparedBy, template, out.length === 0));
  if (doc.derivedFrom?.trim()) {
    const value = doc.derivedFrom.trim();
    const label = c.derivedFromLabel;
    const prefixed = value.toLowerCase().startsWith(label.toLowerCase());
    out.push(
      prefixed
        ? new Paragraph({ style: styleId(template, 'closing'), spacing: { before: pointTwips(12) }, children: textRuns(value) })
        : closingParagraph(label, value, template, true),
    );
  }
  return out;
}

/**
 * The "Notes" heading the endnotes follow (Chicago 14.43): the last paragraph before the notes,
 * so Word and LibreOffice print the notes right under it.
 */
export function endnotesHeading(template: Template): Paragraph {
  return new Paragraph({ style: styleId(template, 'sourcesHeading'), children: textRuns(template.citation.endnotesHeading) });
}

/**
 * A numbered bibliography (citeproc's second-field-align: "[1]", a tab, the entry) hangs its
 * label: the number flush left, every line of the entry at the tab. Other entries hang by the
 * entry style's own indent when the style asks for a hanging indent, and sit flush otherwise.
 */
function entryIndent(bib: NonNullable<ResolvedDocument['bibliography']>, template: Template): Pick<IParagraphOptions, 'indent' | 'tabStops'> {
  if (bib.secondFieldAlign) {
    const labelWidth = numberColumnWidth(bib.entries.length, template.styles.sourcesEntry.size ?? template.fonts.body.size);
    return { indent: { left: twip(labelWidth), hanging: twip(labelWidth) }, tabStops: [{ type: TabStopType.LEFT, position: twip(labelWidth) }] };
  }
  return bib.hangingIndent ? {} : { indent: { left: 0, hanging: 0 } };
}

/** The bibliography entries as XML (entryIndent's layout), kept by a warm session while they read the same. */
function bibliographyXml(bib: NonNullable<ResolvedDocument['bibliography']>, template: Template, cache?: DocxWriteCache): string {
  const layout: EntryLayout = { style: styleId(template, 'sourcesEntry') };
  if (bib.secondFieldAlign) layout.labelColumn = twip(numberColumnWidth(bib.entries.length, template.styles.sourcesEntry.size ?? template.fonts.body.size));
  else if (!bib.hangingIndent) layout.flush = true;
  const make = () => bibliographyEntriesXml(bib.entries, layout, ZOTERO_BIBLIOGRAPHY_INSTRUCTION);
  return cache ? cache.bibliographyXml(JSON.stringify([layout, bib.entries]), make) : make();
}

/** Inches for a label such as "[12]" and the gap after it, at this font size: 0.4 in at 11 pt up to 99 entries. */
export function numberColumnWidth(entries: number, sizePt: number): number {
  const digits = String(Math.max(1, entries)).length;
  const em = sizePt / 72;
  return Math.round((digits * 0.5 + 1.6) * em * 20) / 20;
}

export function bibliographyBlock(doc: ResolvedDocument, template: Template, ctx: BodyContext): Paragraph[] {
  const bib = doc.bibliography;
  if (!bib || bib.entries.length === 0) return [];
  const out: Paragraph[] = [
    new Paragraph({ style: styleId(template, 'sourcesHeading'), children: textRuns(bib.heading || template.citation.bibliographyHeading) }),
  ];
  for (const [i, entry] of bib.entries.entries()) ctx.links.push(...linksOf(entry, 'document', `B${i + 1}`));
  if (ctx.direct) {
    // Written as XML like the sections' blocks: 2,000 notes' bibliography is hundreds of
    // paragraphs docx would build and compile again on every re-export.
    out.push(directMarker(ctx.direct, () => bibliographyXml(bib, template, ctx.cache)));
    return out;
  }
  const indent = entryIndent(bib, template);
  for (const [i, entry] of bib.entries.entries()) {
    out.push(
      new Paragraph({
        style: styleId(template, 'sourcesEntry'),
        ...indent,
        ...(isRtlParagraph(entry.map((r) => r.text)) ? { bidirectional: true } : {}),
        // Zotero's bibliography field: begins in the first entry, ends in the last (zotero-document.ts).
        children: children([
          ...(i === 0 ? fieldStart(ZOTERO_BIBLIOGRAPHY_INSTRUCTION) : []),
          ...linkedRuns(entry, `B${i + 1}`),
          ...(i === bib.entries.length - 1 ? [fieldEnd()] : []),
        ]),
      }),
    );
  }
  return out;
}

/**
 * The sections in order, the decision block after its section, then the closing and (unless
 * the caller places it itself, see render.ts) the sources.
 */
export function mainBlock(doc: ResolvedDocument, template: Template, ctx: BodyContext, withBibliography = true): Paragraph[] {
  const out: Paragraph[] = [...markingBlockParagraphs(doc, template)];
  const decisionAfter = template.decision?.after;
  const lastWithBlocks = [...doc.sections].reverse().find((s) => s.blocks.length > 0)?.key;
  let decisionPlaced = false;
  const hasDecision = (doc.decision?.lines.length ?? 0) > 0;
  for (const section of doc.sections) {
    const here =
      decisionAfter !== undefined && doc.sections.some((s) => s.key === decisionAfter) ? section.key === decisionAfter : section.key === lastWithBlocks;
    out.push(...sectionParagraphs(section, template, ctx, hasDecision && here && !decisionPlaced));
    if (here && !decisionPlaced) {
      out.push(...decisionBlock(doc, template));
      decisionPlaced = true;
    }
  }
  if (!decisionPlaced) out.push(...decisionBlock(doc, template));
  out.push(...closingBlock(doc, template));
  if (withBibliography) out.push(...bibliographyBlock(doc, template, ctx), ...derivationSourceParagraphs(doc, template));
  return out;
}
