import { parseAuthors } from './selection';

/** The capture form's source fields, as typed (authors "Family, Given; …", tags comma-separated). */
export interface Meta {
  title: string;
  authors: string;
  containerTitle: string;
  publisher: string;
  issued: string;
  url: string;
  type: string;
  reliability: string;
  tags: string;
}

export const EMPTY_META: Meta = {
  title: '',
  authors: '',
  containerTitle: '',
  publisher: '',
  issued: '',
  url: '',
  type: 'article-newspaper',
  reliability: '',
  tags: '',
};

/** The source the core is sent for the form's fields. */
export function sourceFromMeta(m: Meta): Record<string, unknown> {
  // An empty title is left out: a file's own title then stands, and the core names the field
  // if there is none at all when saving.
  const s: Record<string, unknown> = { type: m.type };
  if (m.title.trim()) s.title = m.title.trim();
  const authors = parseAuthors(m.authors);
  if (authors.length) s.authors = authors;
  for (const k of ['containerTitle', 'publisher', 'issued', 'url', 'reliability'] as const) if (m[k].trim()) s[k] = m[k].trim();
  return s;
}

/** The form's empty fields, filled from what the file says (CSL-JSON as the preview returns it). */
export function metaFromSource(src: Record<string, unknown>, m: Meta): Partial<Meta> {
  const out: Partial<Meta> = {};
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  if (!m.title && str(src.title) && src.title !== 'Untitled') out.title = str(src.title);
  const names = Array.isArray(src.author) ? (src.author as { family?: string; given?: string; literal?: string }[]) : [];
  if (!m.authors && names.length) out.authors = names.map((n) => n.literal ?? [n.family, n.given].filter(Boolean).join(', ')).join('; ');
  if (!m.containerTitle && str(src['container-title'])) out.containerTitle = str(src['container-title']);
  if (!m.publisher && str(src.publisher)) out.publisher = str(src.publisher);
  const parts = (src.issued as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0];
  if (!m.issued && parts?.length) out.issued = parts.map((p, i) => (i === 0 ? String(p) : String(p).padStart(2, '0'))).join('-');
  if (!m.url && str(src.URL)) out.url = str(src.URL);
  if (typeof src.type === 'string') out.type = src.type;
  return out;
}
