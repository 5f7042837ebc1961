import { useEffect, useMemo, useRef, useState } from 'react';
import { FACT_KINDS, RELIABILITY_GRADES, type FactKind, type Reliability } from '../../../core/model';
import { plural, KIND_LABELS } from '../format';
import { SourceTypeOptions } from '../ui/SourceTypeOptions';
import { Inspector } from '../inspector/Inspector';
import type { ViewRequest } from '../shell/menu-command';
import { useApp } from '../state';
import { useDebounced } from '../ui/hooks';
import { Icon } from '../ui/Icon';
import { SearchField } from '../ui/SearchField';
import { SourcePicker } from '../ui/SourcePicker';
import { FactList } from './FactList';
import { activeFilterCount, EMPTY_FILTERS, invalidDates, type LibraryFilters, type SortKey, toQuery } from './filters';
import { usePagedSearch } from './usePagedSearch';
import { errorMessage } from '../api';

const SORTS: { value: SortKey | ''; label: string }[] = [
  { value: '', label: 'Best match' },
  { value: 'newest', label: 'Newest added' },
  { value: 'oldest', label: 'Oldest added' },
  { value: 'event', label: 'Event date' },
  { value: 'issued', label: 'Source date' },
];

/** `request`: Edit ▸ Find… from the native menu, taken by focusing the search box. */
export function LibraryView({ request, onRequestTaken }: { request?: ViewRequest | undefined; onRequestTaken?(seq: number): void } = {}) {
  const app = useApp();
  const { filters, setFilters } = app;
  const [text, setText] = useState(filters.text);
  // One search per keystroke: a search answers in a few milliseconds, an older answer is
  // dropped, and the list keeps its rows until the new ones arrive (usePagedSearch).
  const debounced = useDebounced(text, 0);
  /** Texts this box recently put into the filters, to tell their echoes from a change made elsewhere. */
  const pushed = useRef<string[]>([filters.text]);
  const searchRef = useRef<HTMLInputElement>(null);
  const [showFilters, setShowFilters] = useState(activeFilterCount(filters) > 0);
  const [active, setActive] = useState(0);
  const [saving, setSaving] = useState<string | null>(null);

  // Text typed here flows into the shared filters; filters set elsewhere (sidebar) flow back.
  useEffect(() => {
    pushed.current = [...pushed.current.slice(-19), debounced];
    setFilters((f) => (f.text === debounced ? f : { ...f, text: debounced }));
  }, [debounced, setFilters]);
  useEffect(() => {
    // Only a change from elsewhere (a saved search, the sidebar) replaces what is in the box:
    // the echo of an earlier keystroke would otherwise overwrite the keys typed since.
    if (pushed.current.includes(filters.text)) return;
    pushed.current = [filters.text];
    setText(filters.text);
  }, [filters.text]);
  useEffect(() => {
    // In step again: only what happens from here on can be an echo.
    if (text === filters.text) pushed.current = [text];
  }, [text, filters.text]);
  useEffect(() => {
    if (activeFilterCount(filters) > 0) setShowFilters(true);
  }, [filters]);

  const query = useMemo(() => toQuery(filters), [filters]);
  const unfiltered = Object.keys(query).every((k) => k === 'sort');
  const search = usePagedSearch(query, app.dataVersion, unfiltered ? app.counts?.facts : undefined);
  useEffect(() => setActive(0), [query]);

  const focusSearch = () => {
    searchRef.current?.focus();
    searchRef.current?.select();
  };
  useEffect(() => {
    if (request?.action !== 'find') return;
    focusSearch();
    onRequestTaken?.(request.seq);
  }, [request, onRequestTaken]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        focusSearch();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const nFilters = activeFilterCount(filters);
  const totalText = search.loading ? 'Searching…' : plural(search.total, 'fact', search.totalCapped);
  const heading = describe(filters, app.sourceMap.get(filters.sourceId ?? '')?.title);

  return (
    <div className="library">
      <section className="library-main" aria-label="Library">
        <header className="toolbar">
          <h1 className="view-title">{heading}</h1>
          <SearchField
            inputRef={searchRef}
            label="Search facts"
            placeholder='Search facts — words, "phrases", -exclude'
            value={text}
            onChange={setText}
            onArrowDown={() => document.getElementById('library-list')?.focus()}
          />
          <label className="inline-field">
            <span>Sort</span>
            <select aria-label="Sort by" value={filters.sort} onChange={(e) => setFilters({ ...filters, sort: e.target.value as SortKey | '' })}>
              {SORTS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className={`button${nFilters ? ' has-badge' : ''}`}
            aria-expanded={showFilters}
            aria-controls="filter-bar"
            onClick={() => setShowFilters(!showFilters)}
          >
            <Icon name="filter" /> Filters{nFilters ? <span className="badge">{nFilters}</span> : null}
          </button>
          {saving === null ? (
            <button
              type="button"
              className="button"
              onClick={() => setSaving(defaultName(filters))}
              disabled={!text && nFilters === 0}
              title="Save this search in the sidebar"
            >
              <Icon name="star" /> Save search
            </button>
          ) : (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                const name = saving.trim();
                if (!name) return;
                void app.saveSearch(name, { ...filters, text }).then(
                  () => {
                    setSaving(null);
                    app.notify(`Saved search "${name}"`);
                  },
                  (err: unknown) => app.notify(`Could not save the search: ${errorMessage(err)}`, 'error'),
                );
              }}
            >
              <input
                aria-label="Name of the saved search"
                autoFocus
                value={saving}
                onChange={(e) => setSaving(e.target.value)}
                onKeyDown={(e) => e.key === 'Escape' && setSaving(null)}
              />
              <button type="submit" className="button primary">
                Save
              </button>
              <button type="button" className="button" onClick={() => setSaving(null)}>
                Cancel
              </button>
            </form>
          )}
          <span className="toolbar-spacer" />
          <span className="total" role="status" aria-live="polite" data-testid="library-total">
            {totalText}
          </span>
        </header>
        {showFilters && <FilterBar filters={filters} onChange={setFilters} />}
        <div className="list-head" aria-hidden="true">
          <span>Fact</span>
          <span>Source</span>
          <span>Grade</span>
          <span>Kind · tags</span>
        </div>
        <FactList
          id="library-list"
          label="Facts"
          variant="full"
          search={search}
          sourceMap={app.sourceMap}
          activeIndex={active}
          onActiveIndex={setActive}
          selectedId={app.selectedFactId}
          onSelect={(hit) => app.selectFact(hit.fact.id)}
          onActivate={(hit) => {
            app.selectFact(hit.fact.id);
            window.setTimeout(() => document.getElementById('inspector-text')?.focus(), 0);
          }}
          draggable
          empty={
            text || nFilters
              ? 'No facts match. Try fewer words or clear the filters.'
              : 'The library is empty. Use Capture to add facts from an article or report.'
          }
        />
      </section>
      {app.selectedFactId && (
        <Inspector
          key={app.libraryEpoch}
          factId={app.selectedFactId}
          onClose={() => {
            app.selectFact(undefined);
            document.getElementById('library-list')?.focus();
          }}
          onChanged={() => search.reload()}
        />
      )}
    </div>
  );
}

function describe(f: LibraryFilters, sourceTitle: string | undefined): string {
  if (f.notVerifiedSince && activeFilterCount(f) === 1) return 'Needs verification';
  if (f.sourceId && sourceTitle && activeFilterCount(f) === 1) return sourceTitle;
  if (f.tags.length === 1 && activeFilterCount(f) === 1) return `Tag: ${f.tags[0]}`;
  if (f.sort === 'newest' && activeFilterCount(f) === 0 && !f.text) return 'Recently added';
  return 'Library';
}

function defaultName(f: LibraryFilters): string {
  return (
    [f.text.trim() && `"${f.text.trim()}"`, ...f.tags.map((t) => `#${t}`), ...f.reliability.map((r) => `grade ${r}`)].filter(Boolean).join(' ') ||
    'Saved search'
  );
}

function FilterBar({ filters, onChange }: { filters: LibraryFilters; onChange(f: LibraryFilters): void }) {
  const app = useApp();
  const bad = new Set(invalidDates(filters));
  const toggle = <T,>(list: T[], v: T): T[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const date = (key: 'eventFrom' | 'eventTo' | 'issuedFrom' | 'issuedTo' | 'notVerifiedSince', label: string) => (
    <label className="filter-date">
      <span>{label}</span>
      <input
        type="text"
        inputMode="numeric"
        placeholder="YYYY-MM-DD"
        aria-label={label}
        aria-invalid={bad.has(key) || undefined}
        title={bad.has(key) ? 'Use YYYY, YYYY-MM or YYYY-MM-DD' : undefined}
        value={filters[key]}
        onChange={(e) => onChange({ ...filters, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <div className="filter-bar" id="filter-bar" role="group" aria-label="Filters">
      <div className="filter-row">
        <label className="filter-select">
          <span>Tag</span>
          <select aria-label="Add tag filter" value="" onChange={(e) => e.target.value && onChange({ ...filters, tags: [...filters.tags, e.target.value] })}>
            <option value="">Any tag…</option>
            {app.tags
              .filter((t) => !filters.tags.includes(t.name))
              .map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name} ({t.count})
                </option>
              ))}
          </select>
        </label>
        {filters.tags.map((t) => (
          <button
            key={t}
            type="button"
            className="chip is-on"
            aria-label={`Remove tag filter ${t}`}
            onClick={() => onChange({ ...filters, tags: filters.tags.filter((x) => x !== t) })}
          >
            #{t} <span aria-hidden="true">×</span>
          </button>
        ))}
        <label className="filter-select filter-source">
          <span>Source</span>
          <SourcePicker
            sources={app.sources}
            value={filters.sourceId}
            label="Source filter"
            allowClear
            onChange={(id) => onChange({ ...filters, ...(id ? { sourceId: id } : { sourceId: undefined }) })}
          />
        </label>
        <label className="filter-select">
          <span>Type</span>
          <select
            aria-label="Source type filter"
            value={filters.sourceTypes[0] ?? ''}
            onChange={(e) => onChange({ ...filters, sourceTypes: e.target.value ? [e.target.value] : [] })}
          >
            <SourceTypeOptions any />
          </select>
        </label>
        <fieldset className="chip-group">
          <legend>Kind</legend>
          {FACT_KINDS.map((k: FactKind) => (
            <button
              key={k}
              type="button"
              className={`chip${filters.kinds.includes(k) ? ' is-on' : ''}`}
              aria-pressed={filters.kinds.includes(k)}
              onClick={() => onChange({ ...filters, kinds: toggle(filters.kinds, k) })}
            >
              {KIND_LABELS[k]}
            </button>
          ))}
          <button
            type="button"
            className={`chip${filters.hasFigure ? ' is-on' : ''}`}
            aria-pressed={Boolean(filters.hasFigure)}
            title="Facts that carry a figure (e.g. 3.2 bn)"
            onClick={() => onChange({ ...filters, hasFigure: !filters.hasFigure })}
          >
            With figure
          </button>
        </fieldset>
        <fieldset className="chip-group">
          <legend>Reliability</legend>
          {RELIABILITY_GRADES.map((r: Reliability) => (
            <button
              key={r}
              type="button"
              className={`chip chip-grade${filters.reliability.includes(r) ? ' is-on' : ''}`}
              aria-pressed={filters.reliability.includes(r)}
              aria-label={`Reliability ${r}`}
              onClick={() => onChange({ ...filters, reliability: toggle(filters.reliability, r) })}
            >
              {r}
            </button>
          ))}
        </fieldset>
      </div>
      <div className="filter-row">
        <span className="filter-label">Event date</span>
        {date('eventFrom', 'Event from')}
        {date('eventTo', 'Event to')}
        <span className="filter-label">Source date</span>
        {date('issuedFrom', 'Issued from')}
        {date('issuedTo', 'Issued to')}
        {date('notVerifiedSince', 'Not verified since')}
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button link"
          onClick={() => onChange({ ...EMPTY_FILTERS, text: filters.text, sort: filters.sort })}
          disabled={activeFilterCount(filters) === 0}
        >
          Clear filters
        </button>
      </div>
    </div>
  );
}
