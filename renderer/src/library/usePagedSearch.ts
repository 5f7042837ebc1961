import { useCallback, useEffect, useRef, useState } from 'react';
import type { LibraryHit as FactHit } from '../../../api/contract';
import { call, errorMessage } from '../api';
import type { FactQuery } from './filters';

const PAGE_SIZE = 50;

export interface PagedSearch {
  /** Rows the list should have: exact, or (when the total is capped) what is known plus a page. */
  count: number;
  total: number;
  totalCapped: boolean;
  /** True until the first page of a new query arrives. */
  loading: boolean;
  error: string | undefined;
  row(index: number): FactHit | undefined;
  /** Loads the pages covering rows start..end (inclusive) that are not loaded yet. */
  ensure(start: number, end: number): void;
  /** Re-reads every loaded page (after an edit), keeping the scroll position. */
  reload(): void;
  /** Incremented whenever a page arrives: a render key for consumers. */
  version: number;
}

/**
 * Pages through search results with limit/offset as the user scrolls. The core counts at most
 * 1,000 matches ("1,000+"); past that the list grows a page at a time until a page comes back
 * short, so 100,000 facts scroll without ever being loaded at once. When the caller knows the
 * exact total (an unfiltered library), the list has its full length at once.
 */
export function usePagedSearch(query: FactQuery | null, deps: unknown = 0, exactTotal?: number): PagedSearch {
  const key = query ? JSON.stringify(query) : '';
  const gen = useRef(0);
  const pages = useRef(new Map<number, FactHit[]>());
  const inflight = useRef(new Set<number>());
  const [state, setState] = useState({
    total: 0,
    totalCapped: false,
    end: undefined as number | undefined,
    furthest: 0,
    loading: true,
    error: undefined as string | undefined,
    version: 0,
  });
  const queryRef = useRef(query);
  queryRef.current = query;
  /**
   * A new query is on its way: the rows and count of the previous one stay on screen until
   * its first page arrives, then are replaced at once. Typing a search then changes the list
   * once per keystroke, with no flash of an empty list or "Searching…" in between.
   */
  const replacing = useRef(false);

  const fetchPage = useCallback((page: number, g: number) => {
    const q = queryRef.current;
    if (!q || inflight.current.has(page)) return;
    inflight.current.add(page);
    call('facts:search', { ...q, limit: PAGE_SIZE, offset: page * PAGE_SIZE })
      .then((r) => {
        if (g !== gen.current) return;
        if (replacing.current) {
          replacing.current = false;
          pages.current = new Map([[page, r.hits]]);
          const got = page * PAGE_SIZE + r.hits.length;
          setState((s) => ({
            total: r.total,
            totalCapped: r.totalCapped,
            end: r.hits.length < PAGE_SIZE ? got : undefined,
            furthest: got,
            loading: false,
            error: undefined,
            version: s.version + 1,
          }));
          return;
        }
        pages.current.set(page, r.hits);
        setState((s) => {
          const got = page * PAGE_SIZE + r.hits.length;
          const end = r.hits.length < PAGE_SIZE ? got : s.end !== undefined && got > s.end ? undefined : s.end;
          return {
            total: r.total,
            totalCapped: r.totalCapped,
            end,
            furthest: Math.max(s.furthest, got),
            loading: false,
            error: undefined,
            version: s.version + 1,
          };
        });
      })
      .catch((e: unknown) => {
        if (g !== gen.current) return;
        if (replacing.current) {
          replacing.current = false;
          pages.current = new Map();
        }
        setState((s) => ({ ...s, loading: false, error: errorMessage(e), version: s.version + 1 }));
      })
      .finally(() => {
        if (g === gen.current) inflight.current.delete(page);
      });
  }, []);

  useEffect(() => {
    const g = ++gen.current;
    inflight.current = new Set();
    if (pages.current.size > 0 && key) {
      replacing.current = true;
    } else {
      replacing.current = false;
      pages.current = new Map();
      setState((s) => ({ total: 0, totalCapped: false, end: undefined, furthest: 0, loading: true, error: undefined, version: s.version + 1 }));
    }
    if (key) fetchPage(0, g);
  }, [key, fetchPage]);

  const reload = useCallback(() => {
    const g = ++gen.current;
    const loaded = replacing.current ? [] : [...pages.current.keys()];
    inflight.current = new Set();
    for (const p of loaded.length ? loaded : [0]) fetchPage(p, g);
  }, [fetchPage]);

  // Re-read after edits elsewhere (deps changes), without resetting scroll.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    reload();
  }, [deps, reload]);

  const ensure = useCallback(
    (start: number, end: number) => {
      // Rows on screen belong to the previous query until the new one's first page arrives.
      if (replacing.current) return;
      const g = gen.current;
      for (let p = Math.floor(Math.max(0, start) / PAGE_SIZE); p <= Math.floor(Math.max(0, end) / PAGE_SIZE); p++) {
        if (!pages.current.has(p)) fetchPage(p, g);
      }
    },
    [fetchPage],
  );

  const row = useCallback((i: number) => pages.current.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE], []);

  let count: number;
  // An unfiltered query counts every fact: the library's own count is exact, so the scroll bar is true from the start.
  if (exactTotal !== undefined && !state.loading) count = exactTotal;
  else if (state.end !== undefined) count = state.end;
  else if (state.totalCapped) count = Math.max(state.total, state.furthest) + PAGE_SIZE;
  else count = state.total;

  const exact = exactTotal !== undefined && !state.loading;
  return {
    count,
    total: exact ? exactTotal : state.total,
    totalCapped: exact ? false : state.totalCapped,
    loading: state.loading,
    error: state.error,
    row,
    ensure,
    reload,
    version: state.version,
  };
}
