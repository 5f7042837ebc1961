import { cleanMeta } from './text-clean';

/**
 * What a reader sees at the top of an article, for pages whose tags say little: the headline
 * (<h1>), the byline and the dateline, found by the markup conventions publishers share
 * (hAtom/vcard classes, schema.org microdata, rel=author, <time datetime>). Read from the whole
 * page before it is cleaned; comment sections are skipped, because their authors and dates are
 * readers', not the article's.
 */
export interface VisibleFacts {
  /** <h1> texts in page order (the site's logo is often one of them). */
  headings: string[];
  /** Byline texts in page order. */
  bylines: string[];
  /** Dates as the page marks them: machine-readable values first, then printed datelines. */
  datelines: string[];
}

const LIMIT = 5;

// Microdata and rel=author name the article's author on purpose; the class names are conventions
// that sidebars of other articles reuse, so they are looked at only when the first find nothing.
const AUTHOR_MARKUP = '[itemprop~="author"], [rel~="author"]';
const BYLINE = [
  '.byline',
  '.by-line',
  '.author',
  '.byline__author',
  '.author-name',
  '.story-byline',
  '.article-byline',
  '.post-author',
  '.entry-author',
  // Spanish, French, Italian newsrooms.
  '.firma',
  '.autor',
  '.auteur',
  '.autore',
].join(', ');

const MACHINE_DATE = 'time[datetime], [itemprop~="datePublished"], abbr.published[title]';
// Substrings of class names: "post_byline", "article-posted-date", "asset-metabar-time".
const PRINTED_DATE = [
  'time',
  '.dateline',
  '.timestamp',
  '.published',
  '.pubdate',
  ...['date', 'Date', 'posted', 'byline', 'Byline', 'metabar-time', 'post-time', 'fecha'].map((c) => `[class*="${c}"]`),
].join(', ');

/** Comments, related links and the page chrome: their bylines and dates belong to other texts. */
// References cite other works, with their own dates ("Retrieved 2010-01-25").
const ELSEWHERE =
  /\b(?:comments?|reply|replies|related|sidebar|widget|footer|nav|menu|promo|recommend|most-?read|popular|trending|references?|reflist|citation|accessdate)\b/i;

export function readVisible(doc: Document): VisibleFacts {
  const headings = take(doc.querySelectorAll('h1'), (el) => cleanMeta(el.textContent));
  // A marked author inside a credit line stands for the whole line: "By <a rel=author>A</a> and B".
  const marked = unique(bylineGroup(doc, AUTHOR_MARKUP).map((el) => el.closest(BYLINE) ?? el));
  const bylines = take(marked.length ? marked : bylineGroup(doc, BYLINE), (el) => cleanMeta(textOf(el)));
  const machine = take(doc.querySelectorAll(MACHINE_DATE), (el) =>
    inMainText(el) ? cleanMeta(el.getAttribute('datetime') ?? el.getAttribute('content') ?? el.getAttribute('title')) : undefined,
  );
  const printed = take(headlineFirst(doc), (el) => (inMainText(el) ? cleanMeta(textOf(el)) : undefined));
  return { headings, bylines, datelines: [...machine, ...printed] };
}

/**
 * The first byline in the text and its siblings ("Bertille Bayart" and "Marie Visot" in two
 * spans of one credit line) — not a later one in a box of other articles.
 */
function bylineGroup(doc: Document, selector: string): Element[] {
  const all = Array.from(doc.querySelectorAll(selector)).filter(inMainText);
  const first = all[0];
  if (!first) return [];
  const area = first.parentElement ?? first;
  return all.filter((el) => area.contains(el) && !all.some((other) => other !== el && other.contains(el)));
}

/**
 * A dateline follows its headline; a date above it is often the masthead's "today", which on a
 * saved page is the day it was saved. The headline is the first <h1> longer than a logo.
 */
function headlineFirst(doc: Document): Element[] {
  // One query over both keeps document order (linkedom's compareDocumentPosition is unreliable).
  const inOrder = Array.from(doc.querySelectorAll(`h1, ${PRINTED_DATE}`));
  const at = inOrder.findIndex((el) => el.tagName.toLowerCase() === 'h1' && (cleanMeta(el.textContent)?.length ?? 0) >= 15);
  const dates = (list: Element[]) => list.filter((el) => el.matches(PRINTED_DATE));
  return at < 0 ? dates(inOrder) : [...dates(inOrder.slice(at + 1)), ...dates(inOrder.slice(0, at))];
}

function take(list: ArrayLike<Element>, read: (el: Element) => string | undefined): string[] {
  const out: string[] = [];
  for (const el of Array.from(list)) {
    const text = read(el);
    if (text && text.length <= 300 && !out.includes(text)) out.push(text);
    if (out.length >= LIMIT) break;
  }
  return out;
}

function unique<T>(list: T[]): T[] {
  return list.filter((x, i) => list.indexOf(x) === i);
}

/** The text a reader sees: without the code of scripts that some bylines carry (e-mail obfuscators). */
function textOf(el: Element): string {
  let out = '';
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === 3) out += node.textContent ?? '';
    else if (node.nodeType === 1 && !/^(?:script|style|noscript|template)$/i.test((node as Element).tagName)) out += ` ${textOf(node as Element)} `;
  }
  return out;
}

/** Not inside a comment thread, a related-links box or the page's navigation. */
function inMainText(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    const tag = node.tagName.toLowerCase();
    if (tag === 'nav' || tag === 'footer' || tag === 'aside') return false;
    if (ELSEWHERE.test(`${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`)) return false;
  }
  return true;
}
