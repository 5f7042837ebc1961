import { DOMParser } from 'linkedom';
import type { SourceInput } from '../../core/model';
import { normaliseDate } from './dates';
import { namesFromList } from './names';
import { firstText } from './text-clean';
import { readZipEntry, type ZipEntry } from '../../core/zip/policy';

/**
 * A Word file's document properties: docProps/core.xml (dc:title, dc:creator, dc:subject,
 * dcterms:created, dcterms:modified, cp:keywords) and docProps/app.xml (Company). They are
 * parsed as XML by linkedom's DOMParser, which does not expand custom entities or load external
 * ones, so neither "billion laughs" nor XXE applies.
 */
export interface DocxProperties {
  title?: string;
  creators: string[];
  subject?: string;
  keywords?: string;
  created?: string;
  modified?: string;
  company?: string;
}

/** Entries are inflated here (under the same budget the zip guard checked), never by trusting sizes. */
export function readDocxProperties(bytes: Uint8Array, entries: ZipEntry[]): DocxProperties {
  const core = xml(bytes, entries, 'docProps/core.xml');
  const app = xml(bytes, entries, 'docProps/app.xml');
  const text = (doc: Document | undefined, local: string) => (doc ? byLocalName(doc, local).map((e) => e.textContent ?? '') : []);
  const props: DocxProperties = { creators: text(core, 'creator') };
  const set = <K extends keyof DocxProperties>(k: K, v: DocxProperties[K] | undefined) => {
    if (v !== undefined) props[k] = v;
  };
  set('title', firstText(...text(core, 'title')));
  set('subject', firstText(...text(core, 'subject'), ...text(core, 'description')));
  set('keywords', firstText(...text(core, 'keywords')));
  set('created', firstText(...text(core, 'created')));
  set('modified', firstText(...text(core, 'modified')));
  set('company', firstText(...text(app, 'Company')));
  return props;
}

/** The metadata part of the source: the user confirms it, so a template's leftover author is only a suggestion. */
export function docxSource(p: DocxProperties): Partial<SourceInput> {
  const source: Partial<SourceInput> = {};
  if (p.title) source.title = p.title;
  const authors = p.creators.flatMap(namesFromList);
  if (authors.length) source.authors = authors;
  const issued = normaliseDate(p.created) ?? normaliseDate(p.modified);
  if (issued) source.issued = issued;
  if (p.company) source.publisher = p.company;
  const extra: Record<string, unknown> = {};
  if (p.subject) extra.abstract = p.subject;
  if (p.keywords) extra.keyword = p.keywords;
  if (Object.keys(extra).length) source.extra = extra;
  return source;
}

function xml(bytes: Uint8Array, entries: ZipEntry[], name: string): Document | undefined {
  const entry = entries.find((e) => e.name === name);
  try {
    const raw = entry && readZipEntry(bytes, entry, 1024 * 1024);
    if (!raw) return undefined;
    return new DOMParser().parseFromString(new TextDecoder('utf-8').decode(raw), 'text/xml') as unknown as Document;
  } catch {
    return undefined; // broken properties are not a reason to refuse the document
  }
}

/** Elements by local name, whatever prefix the writer chose for the namespace. */
function byLocalName(doc: Document, local: string): Element[] {
  const out: Element[] = [];
  // An explicit stack, not recursion: linkedom's XML documents do not answer
  // getElementsByTagName('*'), and a hostile file may nest elements thousands deep.
  const stack: Element[] = doc.documentElement ? [doc.documentElement] : [];
  while (stack.length) {
    const el = stack.pop()!;
    if (el.tagName.replace(/^.*:/, '') === local) out.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
  }
  return out;
}
