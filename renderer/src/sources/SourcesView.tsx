import { useEffect, useMemo, useRef, useState } from 'react';
import type { SourceWithCount } from '../../../api/contract';
import { call, errorMessage } from '../api';
import { plural } from '../format';
import { SourceTypeOptions } from '../ui/SourceTypeOptions';
import { useApp } from '../state';
import { useDebounced } from '../ui/hooks';
import { SearchField } from '../ui/SearchField';
import { SourceEditor } from './SourceEditor';
import { SourceList } from './SourceList';
import { type SourceSort, sortSources } from './sort';

/**
 * The sources manager: every source with its fact count, found by title, author or outlet and
 * by type, sorted by any column; the selected one is edited on the right, merged into another
 * or deleted.
 */
export function SourcesView({ selectedId }: { selectedId: string | undefined }) {
  const app = useApp();
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 150);
  const [type, setType] = useState('');
  const [sort, setSort] = useState<SourceSort>({ key: 'title', descending: false });
  const [found, setFound] = useState<SourceWithCount[]>();
  const [error, setError] = useState<string>();
  const searchRef = useRef<HTMLInputElement>(null);
  /** What the last merge did, shown on the kept source until another is chosen. */
  const [notice, setNotice] = useState<{ sourceId: string; text: string }>();

  useEffect(() => {
    let live = true;
    call('sources:list', { ...(search ? { search } : {}), ...(type ? { type } : {}), limit: 100_000 })
      .then((list) => {
        if (!live) return;
        setFound(list);
        setError(undefined);
      })
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [search, type, app.dataVersion]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const sorted = useMemo(() => sortSources(found ?? [], sort), [found, sort]);
  const select = (id: string | undefined) => app.navigate(id ? { name: 'sources', id } : { name: 'sources' });
  const filtered = Boolean(search || type);
  // The editor that had focus (its dialog's opener) is gone after a merge or delete: continue in the list.
  const focusList = () => window.setTimeout(() => document.querySelector<HTMLElement>('[data-testid="source-list"]')?.focus(), 0);

  return (
    <div className="sources">
      <section className="sources-main" aria-label="Sources">
        <header className="toolbar">
          <h1 className="view-title">Sources</h1>
          <SearchField
            inputRef={searchRef}
            label="Search sources"
            placeholder="Title, author or outlet"
            value={text}
            onChange={setText}
            onArrowDown={() => {
              document.querySelector<HTMLElement>('[data-testid="source-list"]')?.focus();
              if (!sorted.some((s) => s.id === selectedId) && sorted[0]) select(sorted[0].id);
            }}
          />
          <label className="inline-field">
            <span>Type</span>
            <select aria-label="Source type" value={type} onChange={(e) => setType(e.target.value)}>
              <SourceTypeOptions any />
            </select>
          </label>
          <span className="toolbar-spacer" />
          <span className="total" role="status" aria-live="polite" data-testid="sources-total">
            {found === undefined ? 'Loading…' : plural(found.length, 'source')}
          </span>
        </header>
        {error && (
          <p className="error-text banner" role="alert">
            {error}
          </p>
        )}
        <div className="source-list-box" id="source-list-box">
          <SourceList
            sources={sorted}
            selectedId={selectedId}
            onSelect={select}
            onActivate={(id) => {
              select(id);
              window.setTimeout(() => document.getElementById('source-edit-title')?.focus(), 0);
            }}
            sort={sort}
            onSort={setSort}
            empty={
              found === undefined
                ? ''
                : filtered
                  ? 'No source matches. Try other words or any type.'
                  : 'No sources yet. Capture an article or report to add one.'
            }
          />
        </div>
      </section>
      {selectedId ? (
        <SourceEditor
          key={selectedId}
          sourceId={selectedId}
          notice={notice?.sourceId === selectedId ? notice.text : undefined}
          onRemoved={() => {
            select(undefined);
            focusList();
          }}
          onMerged={(keptId, text) => {
            setNotice({ sourceId: keptId, text });
            select(keptId);
            focusList();
          }}
        />
      ) : (
        <aside className="source-editor is-empty" aria-label="Source editor">
          <p className="muted">Choose a source to edit it, merge a duplicate into another, or delete it.</p>
        </aside>
      )}
    </div>
  );
}
