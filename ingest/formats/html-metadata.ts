import type { CslName } from '../../core/csl';
import type { SourceInput, SourceType } from '../../core/model';
import { normaliseDate } from './dates';
import type { LdArticle } from './json-ld';
import { readJsonLd } from './json-ld';
import { bylineNames } from './bylines';
import { headlineOf, siteFromTitle } from './html-title';
import type { VisibleFacts } from './html-visible';
import { readVisible } from './html-visible';
import { namesFromList, personName } from './names';
import { cleanMeta, doiFrom, firstText, httpUrl, titleFromFileName } from './text-clean';

/**
 * A web page's bibliographic metadata, from the vocabularies publishers actually use, in order
 * of how precise they tend to be:
 *   1. Highwire/Google Scholar `citation_*` tags — written for citation, by journals and think tanks;
 *   2. Dublin Core `DC.*` / `DCTERMS.*` — government and library sites, written for cataloguing;
 *   3. schema.org JSON-LD — what news sites maintain for search engines;
 *   4. Open Graph `og:*` / `article:*` — present everywhere, written for social previews;
 *   5. what the page shows: its headline, byline and dateline (html-visible.ts), and what
 *      Readability infers (title, byline, site name), then `<title>`.
 * A "byline" that is the site's own name ("lefigaro.fr", "Ediciones El País" as DC.creator) is
 * not an author, and a site name that is a URL is reduced to its host.
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
  visible: VisibleFacts;
}

/** What Readability found, when it ran. */
export interface ArticleFacts {
  title?: string | null | undefined;
  byline?: string | null | undefined;
  siteName?: string | null | undefined;
  publishedTime?: string | null | undefined;
  /** The wire-style dateline opening the text: "DUBLIN, July 2, 2014 —", "Feb. 23, 2015 --". */
  dateline?: string | undefined;
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
  const facts: PageFacts = { meta, ld: readJsonLd(scripts), visible: readVisible(doc) };
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

  const headlines = [m('og:title'), m('twitter:title'), strong?.title, m('citation_title'), ...page.visible.headings].filter((h): h is string => !!h);
  const siteName = firstText(
    siteLabel(m('og:site_name')),
    ld?.siteName,
    siteLabel(article?.siteName),
    siteLabel(m('application-name')),
    siteFromTitle(page.titleTag, headlines),
  );
  const type = sourceType(page, siteName);
  const source: Partial<SourceInput> = { type };

  const title = firstText(
    m('citation_title'),
    m('dc.title'),
    m('dcterms.title'),
    strong?.title,
    m('og:title'),
    m('twitter:title'),
    weak?.title,
    article?.title,
    page.titleTag,
    titleFromFileName(opts.fileName),
  );
  if (title) source.title = headlineOf(title, page.visible.headings, siteName);

  // The site's own name is never an author. The publisher's is, for an institution's own report,
  // but not when the page prints a byline of people: "Ediciones El País" as DC.creator above
  // the journalists' names is the company, not the writer.
  const outlets = [siteName, m('dc.publisher'), m('dcterms.publisher'), ld?.publisher].filter((p): p is string => !!p);
  const byline = (text: string) => bylineNames(text, outlets);
  const printedPeople = page.visible.bylines.flatMap(byline).some((n) => !n.literal);
  const notAuthors = printedPeople ? outlets : siteName ? [siteName] : [];
  const people = (names: (CslName | undefined)[]) =>
    names.filter((n) => n && !isSiteName(n.literal ?? [n.given, n.family].filter(Boolean).join(' '), notAuthors));
  const raw = (values: string[]) => values.filter((v) => !isSiteName(v, notAuthors));
  const authors = firstNonEmpty(
    people(all('citation_author').map((a) => personName(a))),
    people(raw([...all('dc.creator'), ...all('dcterms.creator')]).flatMap(namesFromList)),
    people(strong?.authors ?? []),
    people(weak?.authors ?? []),
    people(raw(all('article:author').filter((a) => !/^https?:/i.test(a))).flatMap(namesFromList)),
    people(raw(BYLINE_META.flatMap((k) => all(k)).filter((a) => !a.startsWith('@'))).flatMap(byline)),
    people(raw(page.visible.bylines).flatMap(byline)),
    people(raw(article?.byline ? [article.byline] : []).flatMap(byline)),
    people(raw(all('author')).flatMap(byline)),
  );
  if (authors.length) source.authors = authors;

  const issued = firstDate(
    m('citation_publication_date'),
    m('citation_date'),
    m('citation_online_date'),
    m('dc.date.issued'),
    m('dcterms.issued'),
    m('dc.date'),
    m('dcterms.date'),
    m('dcterms.created'),
    ld?.published,
    m('article:published_time'),
    m('og:article:published_time'),
    m('datepublished'),
    ...DATE_META.map(m),
    m('date'),
    ...page.visible.datelines.filter((d) => normaliseDate(d)?.length === 10),
    article?.dateline,
    m('sailthru.date'),
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

/** Meta tags that news systems fill with the byline (Sailthru, Parse.ly, CNBC's search tags, TIME). */
const BYLINE_META = ['sailthru.author', 'parsely-author', 'search.byline', 'byline', 'dc.creator.personalname'];
/** Publication dates under the names content systems give them, after the standard ones. */
const DATE_META = [
  'article:publicationdate',
  'publishdate',
  'publish_date',
  'publish-date',
  'pub_date',
  'publication_date',
  'parsely-pub-date',
  'pubdate',
  'dc.date.created',
];

/** og:site_name is sometimes the site's address: "http://www.tmz.com" → "tmz.com"; "www.liberation.fr" → "liberation.fr". */
function siteLabel(v: string | null | undefined): string | undefined {
  const s = cleanMeta(v);
  if (!s) return undefined;
  const host = /^(?:https?:\/\/)?(?:www\.)?([a-z0-9.-]+\.[a-z]{2,})\/?$/i.exec(s);
  return host ? host[1] : s;
}

/** "lefigaro.fr", or the site's or publisher's own name, in an author field. */
function isSiteName(name: string, sites: (string | undefined)[]): boolean {
  const text = name.trim().toLowerCase();
  if (/^(?:https?:\/\/)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\/?$/.test(text)) return true;
  const key = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return sites.some((s) => s !== undefined && key(s) !== '' && key(s) === key(text));
}
