import { Document, Packer, Paragraph, PatchType, patchDetector, patchDocument, type IPatch, type ParagraphChild } from 'docx';
import { DossierError } from '../../core/errors';
import type { ResolvedDocument } from '../document';
import type { Template } from '../template/types';
import { escapeXml, sanitizeXmlText } from '../xml-text';
import { headerBlock, mainBlock, newBodyContext } from './body';
import type { RenderOptions } from './render';
import { textRuns } from './runs';
import { numberingFor, stylesFor } from './styles';
import { checkZip } from '../../core/zip/policy';
import { readZip, writeZip, zipTexts, type ZipEntry } from './zip';

/**
 * A briefing poured into an office's own letterhead (.docx): its {{placeholders}} are filled,
 * and everything else — styles, logo, headers, footers, page setup — is kept as the office made
 * it. Recognised placeholders:
 *
 *   {{body}}      required: the sections, decision lines, closing and sources
 *   {{heading}}   the title line ("INFO MEMO"); {{title}} the briefing's title
 *   {{date}}      the date
 *   {{<field>}}   a header field by its key: {{for}}, {{from}}, {{through}}, {{subject}} …
 *   {{fields}}    every header field not placed on its own, as the FOR/FROM/SUBJECT block
 *   {{banner}}    the marking banner (otherwise it is added to every header and footer)
 *   {{preparedBy}}, {{attachments}}
 *
 * Parts of the briefing that have no placeholder (a field, the title, the date) are put at
 * the top of {{body}} so nothing is lost. Unknown placeholders are left visible for the author.
 */

const BODY_STYLE_ROLES = ['FootnoteText', 'FootnoteTextChar', 'FootnoteReference', 'EndnoteText', 'EndnoteTextChar', 'EndnoteReference'];

const paragraphPatch = (children: ParagraphChild[]): IPatch => ({ type: PatchType.PARAGRAPH, children });

export async function renderIntoLetterhead(doc: ResolvedDocument, template: Template, letterheadDocx: Buffer, options: RenderOptions = {}): Promise<Buffer> {
  let placeholders: readonly string[];
  try {
    // docx opens the file with JSZip, which inflates every part uncapped: the zip-bomb policy first.
    checkZip(letterheadDocx);
    placeholders = await patchDetector({ data: letterheadDocx });
  } catch (e) {
    throw new DossierError('validation', `letterhead: not a readable .docx (${(e as Error).message})`, 'letterhead');
  }
  const has = new Set(placeholders);
  if (!has.has('body')) {
    throw new DossierError('validation', 'letterhead: has no {{body}} placeholder; put {{body}} on a line of its own where the memo text goes', 'letterhead');
  }

  const ctx = newBodyContext(doc, options.zoteroField);
  const patches: Record<string, IPatch> = {};
  const top = headerBlock(doc, template, false);
  // headerBlock gives title, date, then one paragraph per non-empty field, in that order.
  const title = sanitizeXmlText(doc.heading || doc.title).trim();
  const showDate = template.showDate && doc.date.trim() !== '';
  const titleParas = title ? top.slice(0, 1) : [];
  const dateParas = showDate ? top.slice(titleParas.length, titleParas.length + 1) : [];
  const fieldParas = top.slice(titleParas.length + dateParas.length);
  const shownFields = doc.fields.filter((f) => f.value.trim());
  const lead: Paragraph[] = [];

  if (has.has('heading') || has.has('title')) {
    if (has.has('heading')) patches.heading = paragraphPatch(textRuns(`${doc.headingPortion ? `(${doc.headingPortion}) ` : ''}${title}`));
    if (has.has('title')) patches.title = paragraphPatch(textRuns(sanitizeXmlText(doc.title).trim()));
  } else lead.push(...titleParas);
  if (has.has('date')) patches.date = paragraphPatch(textRuns(doc.date.trim()));
  else lead.push(...dateParas);

  const unplaced: Paragraph[] = [];
  shownFields.forEach((f, i) => {
    if (has.has(f.key)) {
      const mark = f.portion?.trim() ? `(${f.portion.trim()}) ` : '';
      patches[f.key] = paragraphPatch(textRuns(`${mark}${f.value.trim()}`));
    } else if (fieldParas[i]) unplaced.push(fieldParas[i]);
  });
  // A field placeholder with no value in this briefing is emptied rather than left showing.
  for (const f of template.headerFields) if (has.has(f.key) && !patches[f.key]) patches[f.key] = paragraphPatch([]);
  if (has.has('fields')) patches.fields = { type: PatchType.DOCUMENT, children: unplaced.length ? unplaced : [new Paragraph({})] };
  else lead.push(...unplaced);

  const banner = doc.banner ? sanitizeXmlText(doc.banner).trim() : '';
  if (has.has('banner')) patches.banner = paragraphPatch(textRuns(banner));
  if (has.has('preparedBy')) patches.preparedBy = paragraphPatch(textRuns(doc.preparedBy?.trim() ?? ''));
  if (has.has('attachments')) patches.attachments = paragraphPatch(textRuns(doc.attachments?.trim() ?? ''));

  const rest: ResolvedDocument = {
    ...doc,
    ...(has.has('preparedBy') ? { preparedBy: undefined } : {}),
    ...(has.has('attachments') ? { attachments: undefined } : {}),
  };
  patches.body = { type: PatchType.DOCUMENT, children: [...lead, ...mainBlock(rest, template, ctx)] };

  const patched = await patchDocument({
    outputType: 'nodebuffer',
    data: letterheadDocx,
    patches,
    keepOriginalStyles: true,
    footnotes: ctx.footnotes,
    endnotes: ctx.endnotes,
    numbering: numberingFor(template),
    properties: { title: sanitizeXmlText(doc.title), subject: sanitizeXmlText(doc.fields.find((f) => f.key === 'subject')?.value ?? '') },
  });

  const entries = readZip(Buffer.from(patched));
  const styleXml = await templateStyleElements(template, doc.language || 'en-US');
  return writeZip(postProcess(entries, { styleXml, banner: has.has('banner') ? '' : banner, bannerStyle: template.styles.banner.id }));
}

/** The <w:style> elements Dossier's own styles.xml would have for this template, by style id. */
async function templateStyleElements(template: Template, language: string): Promise<Map<string, string>> {
  const probe = new Document({ styles: stylesFor(template, language), sections: [{ children: [] }] });
  const entries = readZip(await Packer.toBuffer(probe));
  const styles = zipTexts(entries).get('word/styles.xml') ?? '';
  const out = new Map<string, string>();
  for (const m of styles.matchAll(/<w:style\b[^>]*\bw:styleId="([^"]+)"[^>]*>[\s\S]*?<\/w:style>/g)) out.set(m[1], m[0]);
  const wanted = new Set([...Object.values(template.styles).map((s) => s.id), ...BODY_STYLE_ROLES]);
  for (const id of [...out.keys()]) if (!wanted.has(id)) out.delete(id);
  return out;
}

interface PostOptions {
  styleXml: Map<string, string>;
  /** Banner text to add to every header and footer ('' for none). */
  banner: string;
  bannerStyle: string;
}

function bannerParagraph(text: string, styleId: string): string {
  return `<w:p><w:pPr><w:pStyle w:val="${escapeXml(sanitizeXmlText(styleId))}"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">${escapeXml(sanitizeXmlText(text))}</w:t></w:r></w:p>`;
}

const HDR_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

/**
 * Adds the Dossier styles the letterhead lacks (so "Dossier Bullet" & co. exist and can be
 * restyled), puts the banner at the top of every header and the bottom of every footer
 * (creating a header or footer where a page would otherwise have none), and numbers endnotes
 * 1, 2, 3 where the letterhead does not say otherwise.
 */
function postProcess(entries: ZipEntry[], options: PostOptions): ZipEntry[] {
  const files = new Map(entries.map((e) => [e.name, e.data]));
  const text = (name: string) => files.get(name)?.toString('utf8');
  const put = (name: string, value: string) => files.set(name, Buffer.from(value, 'utf8'));

  const styles = text('word/styles.xml');
  if (styles) {
    const existing = new Set([...styles.matchAll(/\bw:styleId="([^"]+)"/g)].map((m) => m[1]));
    const missing = [...options.styleXml].filter(([id]) => !existing.has(id)).map(([, xml]) => xml);
    if (missing.length) put('word/styles.xml', styles.replace(/<\/w:styles>\s*$/, `${missing.join('')}</w:styles>`));
  }

  for (const name of [...files.keys()]) {
    if (/^word\/(header|footer)\d*\.xml$/.test(name)) put(name, cachePageFields(text(name)!));
  }

  let documentXml = text('word/document.xml') ?? '';
  if (options.banner) {
    const para = bannerParagraph(options.banner, options.bannerStyle);
    for (const name of [...files.keys()]) {
      if (/^word\/header\d*\.xml$/.test(name)) put(name, text(name)!.replace(/(<w:hdr\b[^>]*>)/, `$1${para}`));
      if (/^word\/footer\d*\.xml$/.test(name)) put(name, text(name)!.replace(/<\/w:ftr>\s*$/, `${para}</w:ftr>`));
    }
    documentXml = addMissingHeaderFooters(documentXml, files, para);
  }
  documentXml = documentXml.replace(/<w:sectPr\b[^>]*?(?:\/>|>[\s\S]*?<\/w:sectPr>)/g, (sect) => decimalEndnotes(sect));
  put('word/document.xml', documentXml);

  const order = entries.map((e) => e.name);
  for (const name of files.keys()) if (!order.includes(name)) order.push(name);
  return order.map((name) => ({ name, data: files.get(name)! }));
}

function addMissingHeaderFooters(documentXml: string, files: Map<string, Buffer>, para: string): string {
  const settings = files.get('word/settings.xml')?.toString('utf8') ?? '';
  const evenOdd = /<w:evenAndOddHeaders(?![^>]*w:val="(?:false|0)")[^>]*\/>/.test(settings);
  let rels = files.get('word/_rels/document.xml.rels')?.toString('utf8') ?? '';
  let types = files.get('[Content_Types].xml')?.toString('utf8') ?? '';
  let nextRel = Math.max(0, ...[...rels.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]))) + 1;
  const newPart = (kind: 'header' | 'footer'): string => {
    let n = 1;
    while (files.has(`word/${kind}${n}.xml`)) n++;
    const name = `${kind}${n}.xml`;
    const root = kind === 'header' ? 'w:hdr' : 'w:ftr';
    files.set(`word/${name}`, Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${root} ${HDR_NS}>${para}</${root}>`, 'utf8'));
    const id = `rId${nextRel++}`;
    rels = rels.replace(/<\/Relationships>\s*$/, `<Relationship Id="${id}" Type="${REL_TYPE}/${kind}" Target="${name}"/></Relationships>`);
    types = types.replace(/<\/Types>\s*$/, `<Override PartName="/word/${name}" ContentType="${CT}.${kind}+xml"/></Types>`);
    return id;
  };
  const out = documentXml.replace(/<w:sectPr\b([^>]*?)(\/>|>([\s\S]*?)<\/w:sectPr>)/g, (whole, attrs: string, _end: string, inner: string | undefined) => {
    const body = inner ?? '';
    const titlePg = /<w:titlePg(?![^>]*w:val="(?:false|0)")[^>]*\/>/.test(body);
    const wanted = ['default', ...(titlePg ? ['first'] : []), ...(evenOdd ? ['even'] : [])];
    let refs = '';
    for (const kind of ['header', 'footer'] as const) {
      const tag = kind === 'header' ? 'headerReference' : 'footerReference';
      for (const type of wanted) {
        if (!new RegExp(`<w:${tag}\\b[^>]*w:type="${type}"`).test(body)) refs += `<w:${tag} w:type="${type}" r:id="${newPart(kind)}"/>`;
      }
    }
    if (!refs) return whole;
    return `<w:sectPr${attrs}>${refs}${body}</w:sectPr>`;
  });
  files.set('word/_rels/document.xml.rels', Buffer.from(rels, 'utf8'));
  files.set('[Content_Types].xml', Buffer.from(types, 'utf8'));
  return out;
}

const RPR = '(?:<w:rPr>(?:(?!<\\/w:rPr>)[\\s\\S])*<\\/w:rPr>)?';
const EMPTY_PAGE_FIELD = new RegExp(
  `(<w:instrText\\b[^>]*>\\s*PAGE\\b[^<]*<\\/w:instrText>\\s*<\\/w:r>\\s*<w:r\\b[^>]*>\\s*(${RPR})\\s*<w:fldChar\\b[^>]*w:fldCharType="separate"[^>]*\\/>\\s*<\\/w:r>)(\\s*<w:r\\b[^>]*>\\s*${RPR}\\s*<w:fldChar\\b[^>]*w:fldCharType="end")`,
  'g',
);

/**
 * A letterhead's own PAGE fields often have no result (docx and other generators write none),
 * so a reader that does not update fields shows no number: give each a cached "1", formatted
 * like the field.
 */
function cachePageFields(xml: string): string {
  return xml.replace(EMPTY_PAGE_FIELD, (_m, fieldStart: string, rPr: string, end: string) => `${fieldStart}<w:r>${rPr}<w:t>1</w:t></w:r>${end}`);
}

/** Word numbers endnotes i, ii, iii by default; a section without endnote settings gets 1, 2, 3. */
function decimalEndnotes(sect: string): string {
  if (/<w:endnotePr\b/.test(sect) || sect.endsWith('/>')) return sect;
  const pr = '<w:endnotePr><w:numFmt w:val="decimal"/></w:endnotePr>';
  // endnotePr follows the header/footer references and footnotePr.
  const after = /(<w:footnotePr\b[\s\S]*?<\/w:footnotePr>|<w:footnotePr\b[^>]*\/>)/.exec(sect);
  if (after) return sect.replace(after[0], after[0] + pr);
  const refs = [...sect.matchAll(/<w:(?:header|footer)Reference\b[^>]*\/>/g)];
  if (refs.length) {
    const last = refs[refs.length - 1];
    const at = last.index + last[0].length;
    return sect.slice(0, at) + pr + sect.slice(at);
  }
  return sect.replace(/^(<w:sectPr\b[^>]*>)/, `$1${pr}`);
}
