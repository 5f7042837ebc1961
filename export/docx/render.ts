import { Document, EndnotePosition, Footer, Header, NumberFormat, Paragraph, SectionType, type ParagraphChild } from 'docx';
import { createRequire } from 'node:module';
import type { ResolvedDocument } from '../document';
import type { Template } from '../template/types';
import { sanitizeXmlText } from '../xml-text';
import { bibliographyBlock, type BodyContext, endnotesHeading, headerBlock, mainBlock, newBodyContext, type ZoteroFieldPlacement } from './body';
import { numberField } from './fields';
import { zoteroPrefProperties } from './zotero-document';
import { type DirectParts, markerXml } from './body';
import { listKey } from './body-xml';
import { addLinkRelationships } from './links';
import { withNotes, withNotesBytes } from './note-part';
import type { DocxWriteCache } from './write-cache';
import { derivationSourceParagraphs } from './authority-block';
import { directPartsOn } from './docx-fast-paths';
import { compileParts, zipParts } from './package';
import { layoutCopy, PAGE_ESTIMATE_MARGIN, tooLongToLayOut } from './page-estimate';
import { measurePages, type PageMeasure } from './page-measure';
import { typesetDocument } from '../typography/typeset-document';
import { textRuns } from './runs';
import { alignmentOf, numberingFor, styleId, stylesFor, twip } from './styles';

const PAGE_SIZES = {
  letter: { width: twip(8.5), height: twip(11) },
  a4: { width: 11906, height: 16838 },
} as const;

function bannerParagraph(banner: string, template: Template): Paragraph {
  return new Paragraph({ style: styleId(template, 'banner'), children: textRuns(banner) });
}

/**
 * The page number line from the template's format ("{PAGE}", "Page {PAGE} of {NUMPAGES}").
 * Both are fields with a cached result, so readers that do not update fields still show a
 * number: PAGE caches the number of the first page the footer appears on (one footer part
 * serves many pages, so it cannot hold each page's own; Word and LibreOffice recompute it per
 * page), NUMPAGES the page count (pageCount: the document's measure, laid out near a page end).
 */
function pageNumberParagraph(template: Template, firstNumber: number, totalPages: () => string): Paragraph {
  const pos = template.pageNumbers.position;
  const parts = template.pageNumbers.format.split(/(\{PAGE\}|\{NUMPAGES\})/);
  const kids: ParagraphChild[] = [];
  for (const part of parts) {
    if (part === '{PAGE}') kids.push(...(numberField('PAGE', String(firstNumber)) as ParagraphChild[]));
    else if (part === '{NUMPAGES}') kids.push(...(numberField('NUMPAGES', totalPages()) as ParagraphChild[]));
    else if (part) kids.push(...textRuns(part));
  }
  return new Paragraph({
    style: styleId(template, 'pageNumber'),
    alignment: pos === 'bottom-right' ? alignmentOf('right') : pos === 'bottom-left' ? alignmentOf('left') : alignmentOf('center'),
    children: kids,
  });
}

export interface RenderOptions {
  /** Where each note citation's Zotero field goes; see ZoteroFieldPlacement. Default 'in-note'. */
  zoteroField?: ZoteroFieldPlacement;
  /** What the briefing's last export wrote, kept by its session: only what changed is written again. */
  cache?: DocxWriteCache;
}

interface Built {
  document: Document;
  /** With `direct`: the blocks and notes still to write as XML (see BodyContext.direct). */
  direct?: DirectParts;
  noteKind: 'footnotes' | 'endnotes';
  /** The endnotes end the first section (before the bibliography's): settings.xml must say so. */
  endnotesAtSectionEnd: boolean;
}

export function buildDocument(authored: ResolvedDocument, template: Template, totalPages: string, options: RenderOptions = {}, direct = false): Built {
  // Typographic quotes and dashes are a matter of print: the .docx gets them, the stored text does not.
  const cache = options.cache;
  const doc = typesetDocument(authored, cache && ((key, make) => cache.typesetTexts(key, make)));
  const ctx = newBodyContext(doc, options.zoteroField, direct, cache);
  const text = [...headerBlock(doc, template), ...mainBlock(doc, template, ctx, false)];
  // The derivative-classification source list is kept with the document, after its sources.
  const bibliography = [...bibliographyBlock(doc, template, ctx), ...derivationSourceParagraphs(doc, template)];
  const parts = bodyParts(text, bibliography, ctx, template);
  const banner = doc.banner ? sanitizeXmlText(doc.banner).trim() : '';
  const numbered = template.pageNumbers.position !== 'none';
  const differentFirst = numbered && template.pageNumbers.fromPage === 2;

  const headerKids = banner ? [bannerParagraph(banner, template)] : [];
  const footerKids = (withNumber: boolean, first: number) => [
    ...(withNumber ? [pageNumberParagraph(template, first, () => totalPages)] : []),
    ...(banner ? [bannerParagraph(banner, template)] : []),
  ];
  const headers = banner
    ? { default: new Header({ children: headerKids }), ...(differentFirst ? { first: new Header({ children: [bannerParagraph(banner, template)] }) } : {}) }
    : undefined;
  const defaultFooter = footerKids(numbered, differentFirst ? 2 : 1);
  const footers =
    defaultFooter.length > 0
      ? {
          default: new Footer({ children: defaultFooter }),
          ...(differentFirst ? { first: new Footer({ children: footerKids(false, 1).length ? footerKids(false, 1) : [new Paragraph({})] }) } : {}),
        }
      : undefined;

  const size = PAGE_SIZES[template.page.size];
  const m = template.page.margins;
  const page = {
    size: { width: size.width, height: size.height },
    margin: {
      top: twip(m.top),
      right: twip(m.right),
      bottom: twip(m.bottom),
      left: twip(m.left),
      header: twip(m.header),
      footer: twip(m.footer),
      gutter: 0,
    },
  };
  // Word numbers endnotes i, ii, iii unless told otherwise; briefings number every note 1, 2, 3.
  const endnotePosition = parts.endnotesAtSectionEnd ? { position: EndnotePosition.SECTION_END } : {};
  const noteProperties = {
    footnoteProperties: { numberFormat: { type: NumberFormat.DECIMAL } },
    endnoteProperties: { numberFormat: { type: NumberFormat.DECIMAL }, ...endnotePosition },
  };
  const document = new Document({
    title: sanitizeXmlText(doc.title),
    subject: sanitizeXmlText(doc.fields.find((f) => f.key === 'subject')?.value ?? ''),
    creator: 'Dossier',
    ...(doc.zotero ? { customProperties: zoteroPrefProperties(doc.zotero) } : {}),
    description: sanitizeXmlText(`${template.name} exported by Dossier`),
    styles: stylesFor(template, doc.language || 'en-US'),
    numbering: numberingFor(template),
    footnotes: ctx.footnotes,
    endnotes: ctx.endnotes,
    sections: [
      {
        properties: { page, ...(differentFirst ? { titlePage: true } : {}), ...noteProperties },
        ...(headers ? { headers } : {}),
        ...(footers ? { footers } : {}),
        children: parts.first,
      },
      // The sources after the notes: same page setup, banners and page numbers, on the same page.
      ...(parts.after.length
        ? [
            {
              properties: { type: SectionType.CONTINUOUS, page, ...noteProperties },
              ...(headers ? { headers: { default: headers.default } } : {}),
              ...(footers ? { footers: { default: footers.default } } : {}),
              children: parts.after,
            },
          ]
        : []),
    ],
  });
  addLinkRelationships(document, ctx.links);
  // The lists the directly written blocks use, numbered by docx in the order it would have met them.
  for (const list of ctx.direct?.lists ?? []) document.Numbering.createConcreteNumberingInstance(list.reference, list.instance);
  return { document, noteKind: ctx.noteKind, endnotesAtSectionEnd: parts.endnotesAtSectionEnd, ...(ctx.direct ? { direct: ctx.direct } : {}) };
}

interface BodyParts {
  first: Paragraph[];
  /** What follows the endnotes: the bibliography, in a section of its own. */
  after: Paragraph[];
  endnotesAtSectionEnd: boolean;
}

/**
 * With endnotes, a "Notes" heading ends the text and the notes follow it, before the
 * bibliography (Chicago 14.43–14.45). Word prints endnotes at the end of the document or of
 * each section, so the bibliography goes in a second, continuous section and the notes are
 * placed at the end of sections (settings.xml says so too, see endnotesAtSectionEnd).
 */
function bodyParts(text: Paragraph[], bibliography: Paragraph[], ctx: BodyContext, template: Template): BodyParts {
  const hasEndnotes = ctx.noteKind === 'endnotes' && ctx.nextNoteId > 1;
  if (!hasEndnotes) return { first: [...text, ...bibliography], after: [], endnotesAtSectionEnd: false };
  const first = [...text, endnotesHeading(template)];
  return { first, after: bibliography, endnotesAtSectionEnd: bibliography.length > 0 };
}

/**
 * Word reads where endnotes go from the document settings, not from the section: the
 * section's own w:pos is ignored, so settings.xml carries it too.
 */
function endnotesAtSectionEnd(settingsXml: string): string {
  if (/<w:endnotePr\b/.test(settingsXml)) throw new Error('settings.xml already has endnote properties; endnotesAtSectionEnd needs updating');
  const pr = '<w:endnotePr><w:pos w:val="sectEnd"/></w:endnotePr>';
  // CT_Settings order: endnotePr comes right before compat (or what follows it).
  const at =
    /<w:(?:compat|docVars|rsids|mathPr|attachedSchema|themeFontLang|clrSchemeMapping|doNotIncludeSubdocsInStats|doNotAutoCompressPictures|forceUpgrade|captions|readModeInkLockDown|smartTagType|schemaLibrary|shapeDefaults|doNotEmbedSmartTags|decimalSymbol|listSeparator)\b/.exec(
      settingsXml,
    );
  if (at) return settingsXml.slice(0, at.index) + pr + settingsXml.slice(at.index);
  return settingsXml.replace(/<\/w:settings>\s*$/, `${pr}</w:settings>`);
}

type LayoutModule = typeof import('docx/layout');
let layoutModule: LayoutModule | undefined;

/**
 * docx's layout engine, loaded the first time a page count is wanted near a page's end: it is
 * 1.7 MB of code and font metrics, a quarter of a second to compile and run, so a briefing
 * whose measure is clear of the limit never loads it (see pageCount).
 * Its CommonJS build loads synchronously and reads the Document by its structure, so the ES
 * module's objects suit it.
 */
function layoutEngine(): LayoutModule {
  layoutModule ??= createRequire(import.meta.url)('docx/layout') as LayoutModule;
  return layoutModule;
}

/** Whether this process has loaded docx's layout engine (for tests that it was not needed). */
export function layoutEngineLoaded(): boolean {
  return layoutModule !== undefined;
}

/** The page count from docx's own layout (Word's rules with the metrics of common fonts); undefined when it cannot tell. */
export function laidOutPageCount(doc: ResolvedDocument, template: Template): number | undefined {
  try {
    const { document } = buildDocument(layoutCopy(doc), template, '1');
    const pages = layoutEngine().layoutDocument(document, { guess: true }).pages.length;
    return pages > 0 ? pages : undefined;
  } catch {
    return undefined;
  }
}

export interface PageCount {
  pages: number;
  /** The document's own measure (page-measure.ts), always taken. */
  measure: PageMeasure;
  /** Whether docx's layout engine settled the count, the measure being too close to call. */
  laidOut: boolean;
}

/**
 * How many pages the briefing will have. The document's own measure answers unless it ends
 * within PAGE_ESTIMATE_MARGIN of the page end that matters — the limit's, when `limit` is
 * given (pre-flight), else the nearest (the cached NUMPAGES) — where docx's layout settles it.
 * Very long briefings are never laid out (tooLongToLayOut): past a few pages a limit is long
 * exceeded and the layout costs seconds.
 */
export function pageCount(doc: ResolvedDocument, template: Template, limit?: number): PageCount {
  const measure = measurePages(doc, template);
  const near =
    limit !== undefined
      ? Math.abs(measure.length - limit) < PAGE_ESTIMATE_MARGIN
      : measure.lastPageFill < PAGE_ESTIMATE_MARGIN || measure.lastPageFill > 1 - PAGE_ESTIMATE_MARGIN;
  if (!near || tooLongToLayOut(doc)) return { pages: measure.pages, measure, laidOut: false };
  const laidOut = laidOutPageCount(doc, template);
  return laidOut === undefined ? { pages: measure.pages, measure, laidOut: false } : { pages: laidOut, measure, laidOut: true };
}

/** pageCount's number of pages. */
export function estimatePageCount(doc: ResolvedDocument, template: Template, limit?: number): number {
  return pageCount(doc, template, limit).pages;
}

/**
 * The briefing as a .docx laid out by its template: named styles, real footnotes or endnotes
 * carrying Zotero citation fields, the banner in every header and footer, page numbers with a
 * cached value.
 */
/**
 * Puts the directly written parts into the package docx compiled: each section's blocks in
 * place of its marker paragraph (with docx's numbering ids), the notes into the notes part.
 */
export function writeDirectParts(
  parts: Map<string, string | Uint8Array>,
  document: Document,
  direct: DirectParts,
  noteKind: 'footnotes' | 'endnotes',
  cache?: DocxWriteCache,
): void {
  const ids = new Map(document.Numbering.ConcreteNumbering.map((c) => [listKey(c), c.numId]));
  const body = parts.get('word/document.xml');
  if (typeof body !== 'string') throw new Error('docx wrote no word/document.xml');
  const pieces: string[] = [];
  let from = 0;
  for (const [token, write] of direct.blocks) {
    const marker = markerXml(token);
    const at = body.indexOf(marker, from);
    if (at < 0) throw new Error(`section marker ${direct.blocks.size} missing from the document docx wrote`);
    pieces.push(body.slice(from, at), write(ids));
    from = at + marker.length;
  }
  pieces.push(body.slice(from));
  parts.set('word/document.xml', pieces.join(''));
  const path = `word/${noteKind}.xml`;
  const notes = parts.get(path);
  if (typeof notes !== 'string') throw new Error(`docx wrote no ${path}`);
  parts.set(path, cache ? withNotesBytes(notes, noteKind, direct.notes, cache) : withNotes(notes, noteKind, direct.notes));
}

export function renderDocx(doc: ResolvedDocument, template: Template, options: RenderOptions = {}): Promise<Buffer> {
  // NUMPAGES's cached value: Word and LibreOffice count the pages again on opening, so it shows
  // only in readers that do not lay pages out (pandoc, python-docx, previews); the measure
  // gives it, laid out only when the last page is nearly empty or nearly full.
  options.cache?.startRender();
  const needsTotal = template.pageNumbers.position !== 'none' && template.pageNumbers.format.includes('{NUMPAGES}');
  const total = needsTotal ? estimatePageCount(doc, template) : undefined;
  const { document, direct, noteKind, endnotesAtSectionEnd: atSectionEnd } = buildDocument(doc, template, String(total ?? 1), options, directPartsOn());
  const parts = compileParts(document);
  if (direct) writeDirectParts(parts, document, direct, noteKind, options.cache);
  const settings = parts.get('word/settings.xml');
  if (atSectionEnd && typeof settings === 'string') parts.set('word/settings.xml', endnotesAtSectionEnd(settings));
  // A promise, as the exporters await it: the layout work is synchronous today.
  return Promise.resolve(zipParts(parts));
}
