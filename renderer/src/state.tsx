import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LibraryInfo, SourceWithCount, TagCount } from '../../api/contract';
import type { BriefingSummary } from '../../core/model';
import { call, type CaptureFile, errorMessage, hasBridge } from './api';
import { EMPTY_FILTERS, type LibraryFilters } from './library/filters';
import { fromStored, moveLegacySearches, type SavedSearch, toStoredQuery } from './library/saved-searches';

export type View =
  | { name: 'library' }
  | { name: 'capture' }
  | { name: 'briefing'; id: string }
  /** The sources manager, with a source selected (or none). */
  | { name: 'sources'; id?: string }
  | { name: 'tags' };

/** A file handed to Capture from outside it (dropped on the window, or read by the shell); `seq` tells two apart. */
export interface IncomingFile {
  seq: number;
  file: CaptureFile;
}

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  message: string;
}

export interface AppState {
  connected: boolean;
  view: View;
  navigate(view: View): void;
  /** Path and marking scheme, read once (library:info runs an integrity check: not for every refresh). */
  info: LibraryInfo | undefined;
  /** Live counts, derived from the lists below after every refresh. */
  counts: { facts: number; sources: number; briefings: number; tags: number } | undefined;
  tags: TagCount[];
  sources: SourceWithCount[];
  sourceMap: Map<string, SourceWithCount>;
  briefings: BriefingSummary[];
  /** Re-reads counts, tags, sources and briefings (after a write elsewhere). */
  refresh(): Promise<void>;
  /** Bumped after any fact or source write: lists re-query. */
  dataVersion: number;
  touchData(): void;
  /**
   * Bumped when the shell opened, switched or restored the library (`library:changed`): views
   * re-read what they hold beyond the lists (the open briefing, the selected fact).
   */
  libraryEpoch: number;
  /** Re-reads everything shown after the library under the window changed. */
  reloadLibrary(): Promise<void>;
  filters: LibraryFilters;
  setFilters(f: LibraryFilters | ((f: LibraryFilters) => LibraryFilters)): void;
  /** Kept in the library (shared with `dossier searches`); re-read with the other lists. */
  savedSearches: SavedSearch[];
  /** Saves filters under a name (replacing the search with this id, or of this name). */
  saveSearch(name: string, filters: LibraryFilters, id?: string): Promise<void>;
  removeSavedSearch(id: string): Promise<void>;
  selectedFactId: string | undefined;
  selectFact(id: string | undefined): void;
  /** A file waiting for the Capture view to show it (see openInCapture). */
  incoming: IncomingFile | undefined;
  /** Opens Capture with this file's preview, as if the user had chosen it there. */
  openInCapture(file: CaptureFile): void;
  /** Capture took the file: it is no longer waiting. */
  takeIncoming(seq: number): void;
  /**
   * Wraps a write so the status bar shows "Saving…" and any failure; `expected` marks refusals
   * the view answers where the user is looking (e.g. a tag clash offered as a merge), which are
   * then not reported as unsaved work.
   */
  track<T>(p: Promise<T>, opts?: { expected?(e: unknown): boolean }): Promise<T>;
  saving: { pending: number; lastSaved?: Date; lastError?: string };
  toasts: Toast[];
  notify(message: string, kind?: Toast['kind']): void;
  dismiss(id: number): void;
}

const Ctx = createContext<AppState | null>(null);

export function useApp(): AppState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useApp outside AppProvider');
  return v;
}

export function AppProvider({ children }: { children: ReactNode }) {
  const connected = hasBridge();
  const [view, setView] = useState<View>({ name: 'library' });
  const [info, setInfo] = useState<LibraryInfo>();
  const [tags, setTags] = useState<TagCount[]>([]);
  const [sources, setSources] = useState<SourceWithCount[]>([]);
  const [briefings, setBriefings] = useState<BriefingSummary[]>([]);
  const [dataVersion, setDataVersion] = useState(0);
  const [libraryEpoch, setLibraryEpoch] = useState(0);
  const [filters, setFiltersState] = useState<LibraryFilters>(EMPTY_FILTERS);
  const [savedSearches, setSaved] = useState<SavedSearch[]>([]);
  const [selectedFactId, setSelectedFactId] = useState<string>();
  const [saving, setSaving] = useState<AppState['saving']>({ pending: 0 });
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [loaded, setLoaded] = useState(false);
  const toastId = useRef(0);
  const [incoming, setIncoming] = useState<IncomingFile>();
  const incomingSeq = useRef(0);

  const notify = useCallback((message: string, kind: Toast['kind'] = 'info') => {
    const id = ++toastId.current;
    setToasts((t) => [...t.slice(-3), { id, kind, message }]);
    window.setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), kind === 'error' ? 9000 : 4500);
  }, []);
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);

  const refresh = useCallback(async () => {
    if (!connected) return;
    try {
      const [t, s, b, saved] = await Promise.all([call('tags:list'), call('sources:list', { limit: 100_000 }), call('briefings:list'), call('searches:list')]);
      setTags(t);
      setSources(s);
      setBriefings(b);
      setSaved(saved.map(fromStored));
      setLoaded(true);
    } catch (e) {
      notify(`Could not read the library: ${errorMessage(e)}`, 'error');
    }
  }, [connected, notify]);

  useEffect(() => {
    if (!connected) return;
    call('library:info')
      .then(setInfo)
      .catch((e: unknown) => notify(`Could not open the library: ${errorMessage(e)}`, 'error'));
    void refresh();
    // Searches an earlier version kept in this window move into the library, once.
    moveLegacySearches(localStorage, { list: () => call('searches:list'), save: (name, query) => call('searches:save', name, query) })
      .then((moved) => (moved > 0 ? refresh() : undefined))
      .catch((e: unknown) => notify(`Could not move saved searches into the library: ${errorMessage(e)}`, 'error'));
  }, [connected, refresh, notify]);

  const touchData = useCallback(() => {
    setDataVersion((v) => v + 1);
    void refresh();
  }, [refresh]);

  const selectedRef = useRef(selectedFactId);
  selectedRef.current = selectedFactId;
  const reloadLibrary = useCallback(async () => {
    if (!connected) return;
    setLibraryEpoch((e) => e + 1);
    setDataVersion((v) => v + 1);
    // A fact selected in the old library (or before a restore) may not exist any more.
    const selected = selectedRef.current;
    if (selected) void call('facts:get', selected).catch(() => setSelectedFactId((id) => (id === selected ? undefined : id)));
    const info = call('library:info')
      .then(setInfo)
      .catch((e: unknown) => notify(`Could not open the library: ${errorMessage(e)}`, 'error'));
    await Promise.all([info, refresh()]);
  }, [connected, refresh, notify]);

  const track = useCallback(<T,>(p: Promise<T>, opts?: { expected?(e: unknown): boolean }): Promise<T> => {
    setSaving((s) => ({ ...s, pending: s.pending + 1 }));
    return p.then(
      (v) => {
        setSaving((s) => ({ pending: s.pending - 1, lastSaved: new Date() }));
        return v;
      },
      (e: unknown) => {
        const expected = opts?.expected?.(e) ?? false;
        setSaving((s) => ({ ...s, pending: s.pending - 1, ...(expected ? {} : { lastError: errorMessage(e) }) }));
        throw e;
      },
    );
  }, []);

  const setFilters = useCallback((f: LibraryFilters | ((f: LibraryFilters) => LibraryFilters)) => {
    setFiltersState(f);
    setView((v) => (v.name === 'library' ? v : { name: 'library' }));
  }, []);

  const loadSaved = useCallback(async () => setSaved((await call('searches:list')).map(fromStored)), []);
  const saveSearch = useCallback(
    async (name: string, f: LibraryFilters, id?: string) => {
      await track(call('searches:save', name, toStoredQuery(f), ...(id ? [id] : [])));
      await loadSaved();
    },
    [track, loadSaved],
  );
  const removeSavedSearch = useCallback(
    async (id: string) => {
      await track(call('searches:remove', id));
      await loadSaved();
    },
    [track, loadSaved],
  );

  const openInCapture = useCallback((file: CaptureFile) => {
    setIncoming({ seq: ++incomingSeq.current, file });
    setView({ name: 'capture' });
  }, []);
  const takeIncoming = useCallback((seq: number) => setIncoming((i) => (i?.seq === seq ? undefined : i)), []);

  const sourceMap = useMemo(() => new Map(sources.map((s) => [s.id, s])), [sources]);
  const counts = useMemo(
    () =>
      loaded ? { facts: sources.reduce((n, s) => n + s.factCount, 0), sources: sources.length, briefings: briefings.length, tags: tags.length } : undefined,
    [loaded, sources, briefings, tags],
  );

  const value: AppState = {
    connected,
    view,
    navigate: setView,
    info,
    counts,
    tags,
    sources,
    sourceMap,
    briefings,
    refresh,
    dataVersion,
    touchData,
    libraryEpoch,
    reloadLibrary,
    filters,
    setFilters,
    savedSearches,
    saveSearch,
    removeSavedSearch,
    selectedFactId,
    selectFact: setSelectedFactId,
    incoming,
    openInCapture,
    takeIncoming,
    track,
    saving,
    toasts,
    notify,
    dismiss,
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
