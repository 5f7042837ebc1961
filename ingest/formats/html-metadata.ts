import type { CslName } from '../../core/csl';
import type { SourceInput, SourceType } from '../../core/model';
import { normaliseDate } from './dates';
import type { LdArticle } from './json-ld';
import { readJsonLd } from './json-ld';
import { bylineNames, namesFromList, personName } from './names';
import { cleanMeta, doiFrom, firstText, httpUrl, titleFromFileName } from './text-clean';

/**
 * A web page's bibliographic metadata, from the vocabularies publishers actually use, in order
 * of how precise they tend to be:
 *   1. Highwire/Google Scholar `citation_*` tags — written for citation, by journals and think tanks;
 *   2. schema.org JSON-LD — what news sites maintain for search engines;
 *   3. Dublin Core `DC.*` / `DCTERMS.*` — government and library sites;
 *   4. Open Graph `og:*` / `article:*` — present everywhere, written for social previews;
 *   5. what Readability infers from the page (title, byline, site name), then `<title>`.
 * Read BEFORE the page is cleaned, because cleaning removes the JSON-LD scripts.
 */
export interface PageFacts {
  /** meta name/property (lowercased) → every content value, in page order. */
  meta: Map<string, string[]>;
  ld: LdArticle | undefined;
  canonical?: string;
  titleTag?: string;
  lang?: string;
  /** "<!-- saved from url=(0049)https://… -->": where a browser-saved page came from. */
  savedFrom?: string;
}

/** What Readability found, when it ran. */
export interface ArticleFacts {
  title?: string | null | undefined;
  byline?: string | null | undefined;
  siteName?: string | null | undefined;
  publishedTime?: string | null | undefined;
}

export function readPageFacts(doc: Document): PageFacts {
  const meta = new Map<string, string[]>();
  for (const el of Array.from(doc.querySelectorAll('meta[content]'))) {
    const key = (el.getAttribute('name') ?? el.getAttribute('property') ?? el.getAttribute('itemprop') ?? '').trim().toLowerCase();
    const value = el.getAttribute('content');
    if (!key || !value) continue;
    const values = meta.get(key);
    if (values) values.push(value);
    else meta.set(key, [value]);
  }
  const scripts = Array.from(doc.querySelectorAll('script'))
    .filter((s) => (s.getAttribute('type') ?? '').trim().toLowerCase() === 'application/ld+json')
    .map((s) => s.textContent ?? '');
  const facts: PageFacts = { meta, ld: readJsonLd(scripts) };
  const canonical = Array.from(doc.querySelectorAll('link[rel][href]')).find((l) => /(?:^|\s)canonical(?:\s|$)/i.test(l.getAttribute('rel') ?? ''));
  if (canonical) facts.canonical = canonical.getAttribute('href') ?? undefined;
  const titleTag = cleanMeta(doc.querySelector('title')?.textContent);
  if (titleTag) facts.titleTag = titleTag;
  const lang = cleanMeta(doc.documentElement?.getAttribute('lang'));
  if (lang) facts.lang = lang;
  const savedFrom = savedFromComment(doc);
  if (savedFrom) facts.savedFrom = savedFrom;
  return facts;
}

/** Combines everything into the source the user will confirm. */
export function composeSource(
  page: PageFacts,
  article: ArticleFacts | undefined,
  opts: { fileName?: string; baseUrl?: string; archiveUrl?: string },
): Partial<SourceInput> {
  const m = (k: string) => page.meta.get(k)?.[0];
  const all = (k: string) => page.meta.get(k) ?? [];
  const ld = page.ld;
  // An article-like JSON-LD node describes the page's content; a WebPage or GovernmentService
  // node often names a service or section, so page-level tags outrank it.
  const strong = ld && ld.kind !== 'webpage' && ld.kind !== 'government' ? ld : undefined;
  const weak = strong ? undefined : ld;

  const siteName = firstText(m('og:site_name'), ld?.siteName, article?.siteName, m('application-name'));
  const type = sourceType(page, siteName);
  const source: Partial<SourceInput> = { type };

  const title = firstText(
    m('citation_title'),
    strong?.title,
    m('dc.title'),
    m('dcterms.title'),
    m('og:title'),
    m('twitter:title'),
    weak?.title,
    article?.title,
    page.titleTag,
    titleFromFileName(opts.fileName),
  );
  if (title) source.title = stripSiteSuffix(title, siteName);

  const authors = firstNonEmpty(
    all('citation_author').map((a) => personName(a)),
    strong?.authors ?? [],
    [...all('dc.creator'), ...all('dcterms.creator')].flatMap(namesFromList),
    weak?.authors ?? [],
    all('article:author').filter((a) => !/^https?:/i.test(a)).flatMap(namesFromList),
    bylineNames(article?.byline ?? ''),
    all('author').flatMap(namesFromList),
  );
  if (authors.length) source.authors = authors;

  const issued = firstDate(
    m('citation_publication_date'),
    m('citation_date'),
    m('citation_online_date'),
    ld?.published,
    m('dc.date'),
    m('dcterms.issued'),
    m('dcterms.date'),
    m('dcterms.created'),
    m('article:published_time'),
    m('datepublished'),
    m('pubdate'),
    m('date'),
    article?.publishedTime,
  );
  if (issued) source.issued = issued;

  const publisher = firstText(
    m('citation_publisher'),
    m('citation_technical_report_institution'),
    strong?.publisher,
    m('dc.publisher'),
    m('dcterms.publisher'),
    weak?.publisher,
  );
  if (publisher) source.publisher = publisher;
  const container = type === 'article-journal' ? firstText(m('citation_journal_title')) : type === 'report' ? undefined : siteName;
  if (container && container !== title) source.containerTitle = container;
  if (type === 'report' && !source.publisher && siteName) source.publisher = siteName;

  const number = firstText(m('citation_technical_report_number'));
  if (number) source.number = number;
  const doi = doiFrom(m('citation_doi')) ?? doiFrom(m('dc.identifier')) ?? doiFrom(m('prism.doi')) ?? ld?.doi;
  if (doi) source.doi = doi;

  const base = opts.baseUrl ?? opts.archiveUrl ?? page.savedFrom;
  const url =
    httpUrl(page.canonical, base) ??
    httpUrl(m('og:url'), base) ??
    httpUrl(m('citation_abstract_html_url'), base) ??
    httpUrl(m('citation_fulltext_html_url'), base) ??
    httpUrl(ld?.url, base) ??
    httpUrl(base);
  if (url) source.url = url;

  const language = firstText(m('citation_language'), ld?.language, m('dc.language'), page.lang);
  if (language && language.length <= 35) source.language = language;

  const pdf = httpUrl(m('citation_pdf_url'), base);
  if (pdf) source.extra = { 'pdf-url': pdf };
  return source;
}

/**
 * CSL type: news for NewsArticle (or an Open Graph article on a named site), report for
 * schema.org Reports and technical-report tags, journal article for scholarly tags, blog post
 * for BlogPosting; otherwise a web page.
 */
function sourceType(page: PageFacts, siteName: string | undefined): SourceType {
  const kind = page.ld?.kind;
  const has = (k: string) => page.meta.has(k);
  if (kind === 'news') return 'article-newspaper';
  if (kind === 'report' || has('citation_technical_report_institution') || has('citation_technical_report_number')) return 'report';
  if (kind === 'scholarly' || has('citation_journal_title')) return 'article-journal';
  if (kind === 'blog') return 'post-weblog';
  const ogArticle = page.meta.get('og:type')?.[0]?.trim().toLowerCase() === 'article';
  if ((kind === 'article' || ogArticle) && siteName) return 'article-newspaper';
  return 'webpage';
}

/** "Headline | The Daily" → "Headline", when the suffix is the site's name. */
function stripSiteSuffix(title: string, siteName: string | undefined): string {
  if (!siteName) return title;
  // Whitespace collapsed first (as a browser shows a title): a `\s+` before the separator
  // would make the match quadratic on a long run of spaces.
  const flat = title.replace(/\s+/g, ' ').trim();
  const escaped = siteName.replace(/\s+/g, ' ').trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const stripped = flat.replace(new RegExp(` [|–—:·•-] ${escaped}$`, 'i'), '').trim();
  return stripped || title;
}

/** The first value that is a recognisable date, normalised; later ones are not even parsed. */
function firstDate(...values: (string | null | undefined)[]): string | undefined {
  for (const v of values) {
    const d = normaliseDate(v);
    if (d) return d;
  }
  return undefined;
}

function firstNonEmpty(...lists: (CslName | undefined)[][]): CslName[] {
  for (const list of lists) {
    const names = list.filter((n): n is CslName => n !== undefined);
    if (names.length) return names;
  }
  return [];
}

/** The "Mark of the Web" comment browsers put at the top of saved pages. */
function savedFromComment(doc: Document): string | undefined {
  const walker = [...Array.from(doc.childNodes), ...Array.from(doc.documentElement?.childNodes ?? [])];
  for (const node of walker) {
    if (node.nodeType !== 8) continue;
    const m = /saved from url=\(\d+\)(\S+)/i.exec((node as Comment).data);
    if (m) return m[1];
  }
  return undefined;
}
