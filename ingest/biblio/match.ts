import type { CslName } from '../../core/csl';
import { isUuid } from '../../core/ids';
import type { Source } from '../../core/model';
import type { Db } from '../../db/open';
import { allSourceKeys } from '../../db/repo/capture-write';

/**
 * Which existing source an imported record describes. db/repo/source-match.ts compares DOI
 * (ignoring case), the URL exactly and the title (ignoring case) with the exact issued date,
 * one query per record. A bibliography import needs looser keys and speed, so this matcher
 * loads the library's keys once and matches in memory, on:
 *   1. the Dossier id (a CSL-JSON file exported from this library carries it);
 *   2. the DOI, ignoring case and any https://doi.org/ or doi: prefix;
 *   3. the URL ignoring http/https, "www.", a trailing slash, the #fragment and utm_* tracking
 *      parameters;
 *   4. the title ignoring case, accents, punctuation and markup, with the same issued year
 *      (or both without a date).
 * Vetoes, because a wrong merge silently loses a source while a missed one is easy to see:
 * - rules 3 and 4 never match two records whose DOIs both exist and differ (a report and its
 *   second edition);
 * - rule 4 also not when both have URLs that differ, dates that contradict each other
 *   (2024-03-07 and 2024-03-09; 2024 and 2024-03 agree), or different first authors: the
 *   State Department issues many "Statement on Ukraine"s a year;
 * - two items of one file that carry different Dossier ids (UUIDs) were two sources of the
 *   library that exported them, so they never merge with each other.
 */

export interface MatchKeys {
  id?: string;
  doi?: string;
  url?: string;
  title: string;
  issued?: string;
  authors?: CslName[];
}

export type MatchRule = 'id' | 'doi' | 'url' | 'title';

interface Entry {
  id: string;
  doi: string | undefined;
  url: string | undefined;
  issued: string | undefined;
  author: string | undefined;
  /** The Dossier id the item that created this source carried in the file being imported. */
  fileId: string | undefined;
}

export class SourceMatcher {
  private readonly byId = new Map<string, Entry>();
  /** Key → the sources with that key, oldest first: the first compatible one is the match. */
  private readonly byDoi = new Map<string, Entry[]>();
  private readonly byUrl = new Map<string, Entry[]>();
  private readonly byTitle = new Map<string, Entry[]>();

  /** Every source of the library, oldest first, so the oldest of equals is the match. */
  static fromLibrary(db: Db): SourceMatcher {
    const m = new SourceMatcher();
    for (const keys of allSourceKeys(db)) m.add(keys);
    return m;
  }

  /** Indexes a source, or re-indexes it after an import filled some of its fields. */
  add(s: MatchKeys & { id: string }, fileId?: string): void {
    const previous = this.byId.get(s.id);
    const entry: Entry = previous ?? { id: s.id, doi: undefined, url: undefined, issued: undefined, author: undefined, fileId: undefined };
    entry.doi = s.doi ? doiKey(s.doi) : undefined;
    entry.url = s.url ? urlKey(s.url) : undefined;
    entry.issued = s.issued;
    entry.author = authorKey(s.authors);
    if (fileId && isUuid(fileId)) entry.fileId = fileId;
    this.byId.set(s.id, entry);
    const put = (map: Map<string, Entry[]>, key: string | undefined) => {
      if (!key) return;
      const list = map.get(key);
      if (!list) map.set(key, [entry]);
      else if (!list.includes(entry)) list.push(entry);
    };
    put(this.byDoi, entry.doi);
    put(this.byUrl, entry.url);
    put(this.byTitle, titleKey(s.title, s.issued));
  }

  addSource(s: Source, fileId?: string): void {
    this.add({ id: s.id, title: s.title, doi: s.doi, url: s.url, issued: s.issued, authors: s.authors }, fileId);
  }

  find(k: MatchKeys): { id: string; rule: MatchRule } | undefined {
    if (k.id) {
      const hit = this.byId.get(k.id);
      if (hit) return { id: hit.id, rule: 'id' };
    }
    const fileId = k.id && isUuid(k.id) ? k.id : undefined;
    const doi = k.doi ? doiKey(k.doi) : undefined;
    const url = k.url ? urlKey(k.url) : undefined;
    const author = authorKey(k.authors);
    const sameFileConflict = (e: Entry) => Boolean(fileId && e.fileId && e.fileId !== fileId);
    const doiConflict = (e: Entry) => Boolean(doi && e.doi && e.doi !== doi);

    const byDoi = doi ? this.byDoi.get(doi)?.find((e) => e.doi === doi && !sameFileConflict(e)) : undefined;
    if (byDoi) return { id: byDoi.id, rule: 'doi' };

    const byUrl = url ? this.byUrl.get(url)?.find((e) => e.url === url && !sameFileConflict(e) && !doiConflict(e)) : undefined;
    if (byUrl) return { id: byUrl.id, rule: 'url' };

    const tk = titleKey(k.title, k.issued);
    const byTitle = tk
      ? this.byTitle.get(tk)?.find(
          (e) =>
            // Entries are updated in place when an import fills a date: check the year still agrees.
            year(e.issued) === year(k.issued) &&
            !sameFileConflict(e) &&
            !doiConflict(e) &&
            !(url && e.url && url !== e.url) &&
            !(k.issued && e.issued && !k.issued.startsWith(e.issued) && !e.issued.startsWith(k.issued)) &&
            !(author && e.author && author !== e.author),
        )
      : undefined;
    return byTitle ? { id: byTitle.id, rule: 'title' } : undefined;
  }
}

const year = (issued: string | undefined) => issued?.slice(0, 4) ?? '';

function authorKey(names: CslName[] | undefined): string | undefined {
  const n = names?.[0];
  const key = n ? normaliseTitle(n.family ?? n.literal ?? '') : '';
  return key || undefined;
}

function doiKey(doi: string): string {
  return doi
    .trim()
    .replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '')
    .toLowerCase();
}

const TRACKING = /^(?:utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)$/i;

/** The URL without what does not change the page: scheme, "www.", trailing "/", fragment, tracking. */
function urlKey(url: string): string {
  const s = url.trim();
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return s.toLowerCase().replace(/\/+$/, '');
  }
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const params = [...u.searchParams].filter(([k]) => !TRACKING.test(k));
  const query = params.length ? '?' + new URLSearchParams(params).toString() : '';
  const path = u.pathname.replace(/\/+$/, '');
  return `${host}${u.port ? ':' + u.port : ''}${path}${query}`;
}

/** Title words only: no markup, accents, punctuation or case; "&" reads as "and". */
function normaliseTitle(title: string): string {
  return title
    .replace(/<[^>]*>/g, ' ')
    .replace(/&/g, ' and ')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function titleKey(title: string, issued: string | undefined): string | undefined {
  const t = normaliseTitle(title);
  return t ? `${t}\u0000${year(issued)}` : undefined;
}
