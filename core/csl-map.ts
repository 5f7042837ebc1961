import type { CslItem } from './csl';
import { fromDateParts, toDateParts } from './dates';
import type { Source, SourceInput, SourceType } from './model';
import { SOURCE_TYPES } from './model';

/** Source → CSL-JSON item for citeproc-js and for export to other reference managers. */
export function sourceToCsl(s: Source): CslItem {
  const item: CslItem = { ...s.extra, id: s.id, type: s.type, title: s.title };
  if (s.authors.length) item.author = s.authors;
  if (s.editors.length) item.editor = s.editors;
  if (s.containerTitle) item['container-title'] = s.containerTitle;
  if (s.publisher) item.publisher = s.publisher;
  if (s.publisherPlace) item['publisher-place'] = s.publisherPlace;
  if (s.issued) item.issued = { 'date-parts': [toDateParts(s.issued)] };
  if (s.accessed) item.accessed = { 'date-parts': [toDateParts(s.accessed)] };
  if (s.url) item.URL = s.url;
  if (s.doi) item.DOI = s.doi;
  if (s.pages) item.page = s.pages;
  if (s.volume) item.volume = s.volume;
  if (s.issue) item.issue = s.issue;
  if (s.number) item.number = s.number;
  if (s.language) item.language = s.language;
  if (s.notes) item.note = s.notes;
  return item;
}

const KNOWN = new Set([
  'id',
  'type',
  'title',
  'author',
  'editor',
  'container-title',
  'publisher',
  'publisher-place',
  'issued',
  'accessed',
  'URL',
  'DOI',
  'page',
  'volume',
  'issue',
  'number',
  'language',
  'note',
]);

/** CSL-JSON item → source input (validated later by the repository); unknown fields kept. */
export function cslToSourceInput(item: CslItem): SourceInput {
  const type = (SOURCE_TYPES as readonly string[]).includes(item.type) ? (item.type as SourceType) : 'document';
  const input: SourceInput = { type, title: item.title ?? '' };
  const date = (d: CslItem['issued']) => (d?.['date-parts']?.[0] ? fromDateParts(d['date-parts'][0]) : undefined);
  if (item.author) input.authors = item.author;
  if (item.editor) input.editors = item.editor;
  if (item['container-title']) input.containerTitle = item['container-title'];
  if (item.publisher) input.publisher = item.publisher;
  if (item['publisher-place']) input.publisherPlace = item['publisher-place'];
  const issued = date(item.issued);
  if (issued) input.issued = issued;
  const accessed = date(item.accessed);
  if (accessed) input.accessed = accessed;
  if (item.URL) input.url = item.URL;
  if (item.DOI) input.doi = item.DOI;
  if (item.page) input.pages = item.page;
  if (item.volume) input.volume = String(item.volume);
  if (item.issue) input.issue = String(item.issue);
  if (item.number) input.number = String(item.number);
  if (item.language) input.language = item.language;
  if (item.note) input.notes = item.note;
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!KNOWN.has(k)) extra[k] = v;
  if (type !== item.type) extra['original-type'] = item.type;
  if (Object.keys(extra).length) input.extra = extra;
  return input;
}
