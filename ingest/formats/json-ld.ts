import type { CslName } from '../../core/csl';
import { nameFromString, personName } from './names';
import { cleanMeta, doiFrom } from './text-clean';

/**
 * schema.org metadata from a page's `<script type="application/ld+json">` blocks. The blocks are
 * data: they are parsed with JSON.parse and never executed. Publishers describe the article as
 * one node among several (WebSite, Organization, BreadcrumbList …), often in an "@graph" with
 * cross-references by "@id"; we pick the node that describes the page's content.
 */
type LdKind = 'news' | 'report' | 'scholarly' | 'blog' | 'article' | 'webpage' | 'government';

export interface LdArticle {
  kind: LdKind;
  title?: string;
  authors: CslName[];
  published?: string;
  publisher?: string;
  siteName?: string;
  url?: string;
  doi?: string;
  language?: string;
}

type Node = Record<string, unknown>;

/** Better-describing kinds first: a NewsArticle beats the WebPage that contains it. */
const RANK: LdKind[] = ['news', 'report', 'scholarly', 'blog', 'article', 'webpage', 'government'];

export function readJsonLd(scripts: string[]): LdArticle | undefined {
  const nodes: Node[] = [];
  for (const text of scripts) collect(parse(text), nodes, 0);
  const byId = new Map<string, Node>();
  for (const n of nodes) if (typeof n['@id'] === 'string') byId.set(n['@id'], n);

  let main: { node: Node; kind: LdKind } | undefined;
  for (const node of nodes) {
    const kind = kindOf(node);
    if (kind && (!main || RANK.indexOf(kind) < RANK.indexOf(main.kind))) main = { node, kind };
  }
  if (!main) return undefined;
  const resolve = (v: unknown): unknown => (isNode(v) && typeof v['@id'] === 'string' && Object.keys(v).length === 1 ? (byId.get(v['@id']) ?? v) : v);
  const m = main.node;

  const out: LdArticle = { kind: main.kind, authors: names(m.author ?? m.creator, resolve) };
  const title = text(m.headline) ?? text(m.name);
  if (title) out.title = title;
  const published = text(m.datePublished) ?? text(m.dateCreated) ?? text(m.uploadDate);
  if (published) out.published = published;
  const publisher =
    nameOf(resolve(m.publisher), resolve) ??
    nameOf(resolve(m.provider), resolve) ??
    nameOf(resolve(m.serviceOperator), resolve) ??
    nameOf(
      nodes.find((n) => types(n).includes('GovernmentOrganization')),
      resolve,
    );
  if (publisher) out.publisher = publisher;
  const site =
    nameOf(resolve(m.isPartOf), resolve) ??
    nameOf(
      nodes.find((n) => types(n).includes('WebSite')),
      resolve,
    );
  if (site) out.siteName = site;
  const url = text(m.url) ?? text(isNode(m.mainEntityOfPage) ? m.mainEntityOfPage['@id'] : m.mainEntityOfPage);
  if (url) out.url = url;
  const doi = [m.identifier, m.sameAs, m.doi]
    .flat()
    .map((v) => doiFrom(typeof v === 'string' ? v : isNode(v) ? text(v.value) : undefined))
    .find(Boolean);
  if (doi) out.doi = doi;
  const language = text(m.inLanguage);
  if (language) out.language = language;
  return out;
}

/** Publishers wrap JSON-LD in HTML comments or CDATA; a broken block is skipped, not fatal. */
function parse(text: string): unknown {
  const s = text
    .trim()
    .replace(/^<!--|-->$/g, '')
    .replace(/^\s*(?:\/\/)?\s*<!\[CDATA\[|(?:\/\/)?\s*\]\]>\s*$/g, '');
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** Every typed object, flattening arrays, "@graph" and one level of "mainEntity". */
function collect(v: unknown, out: Node[], depth: number): void {
  if (depth > 8) return;
  if (Array.isArray(v)) {
    for (const item of v) collect(item, out, depth + 1);
  } else if (isNode(v)) {
    if (v['@type'] !== undefined) out.push(v);
    if (v['@graph'] !== undefined) collect(v['@graph'], out, depth + 1);
    if (isNode(v.mainEntity) || Array.isArray(v.mainEntity)) collect(v.mainEntity, out, depth + 1);
  }
}

function kindOf(n: Node): LdKind | undefined {
  let best: LdKind | undefined;
  for (const t of types(n)) {
    const k = typeKind(t);
    if (k && (!best || RANK.indexOf(k) < RANK.indexOf(best))) best = k;
  }
  return best;
}

function typeKind(t: string): LdKind | undefined {
  if (/NewsArticle$/.test(t)) return 'news';
  if (t === 'Report') return 'report';
  if (/ScholarlyArticle$/.test(t)) return 'scholarly';
  if (/(?:BlogPosting|SocialMediaPosting)$/.test(t)) return 'blog';
  if (/Article$/.test(t)) return 'article';
  if (/Page$/.test(t)) return 'webpage';
  if (t === 'GovernmentService') return 'government';
  return undefined;
}

/** "@type" as a list of bare names: "schema:NewsArticle" and "https://schema.org/Report" included. */
function types(n: Node): string[] {
  const t = n['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/:#]/, ''));
}

/** Authors: Person → {given, family}; Organization → {literal}; bare strings guessed. */
function names(v: unknown, resolve: (v: unknown) => unknown): CslName[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  const out: CslName[] = [];
  for (const item of list.slice(0, 100)) {
    const r = resolve(item);
    if (typeof r === 'string') {
      const n = nameFromString(r);
      if (n) out.push(n);
    } else if (isNode(r)) {
      const n = nodeName(r);
      if (n) out.push(n);
    }
  }
  return out;
}

function nodeName(n: Node): CslName | undefined {
  const t = types(n);
  const name = text(n.name);
  if (t.some((x) => /Organization$|^(?:NewsMediaOrganization|GovernmentOrganization|Corporation|NGO)$/.test(x))) return name ? { literal: name } : undefined;
  const given = text(n.givenName);
  const family = text(n.familyName);
  if (family) return given ? { family, given } : { family };
  if (!name) return undefined;
  return t.includes('Person') ? personName(name) : nameFromString(name);
}

function nameOf(v: unknown, resolve: (v: unknown) => unknown): string | undefined {
  const r = resolve(v);
  if (typeof r === 'string') return cleanMeta(r);
  if (Array.isArray(r)) return nameOf(r[0], resolve);
  return isNode(r) ? text(r.name) : undefined;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return cleanMeta(v);
  if (Array.isArray(v)) return text(v[0]);
  if (isNode(v) && typeof v['@value'] === 'string') return cleanMeta(v['@value']);
  return undefined;
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
