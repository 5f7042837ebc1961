import { useEffect, useMemo, useRef, useState } from 'react';
import type { TagCount } from '../../../api/contract';
import { plural } from '../format';
import { EMPTY_FILTERS } from '../library/filters';
import { useApp } from '../state';
import { SearchField } from '../ui/SearchField';
import { TagRow } from './TagRow';

/**
 * The tags manager: every tag with the number of facts carrying it; rename one, or merge one
 * into another (every fact tagged with the first gets the second). Keyboard: Tab through the
 * rows' buttons, Enter saves a rename, Escape cancels it.
 */
export function TagsView() {
  const app = useApp();
  const [text, setText] = useState('');
  const [sortByCount, setSortByCount] = useState(false);
  const focusAfter = useRef<string | undefined>(undefined);

  const shown = useMemo(() => {
    const q = text.trim().toLowerCase();
    const list = q ? app.tags.filter((t) => t.name.toLowerCase().includes(q)) : app.tags;
    return sortByCount ? [...list].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)) : list;
  }, [app.tags, text, sortByCount]);

  // After a rename or merge the row is re-created under its new name: put focus back on it.
  useEffect(() => {
    const name = focusAfter.current;
    if (!name) return;
    const row = Array.from(document.querySelectorAll<HTMLElement>('[data-tag]')).find((el) => el.dataset.tag === name);
    if (row) {
      focusAfter.current = undefined;
      row.querySelector<HTMLElement>('.tag-rename')?.focus();
    }
  }, [app.tags]);

  /** Saved searches follow a renamed tag, so they keep finding the same facts. */
  // The library renamed the tag in the saved searches too (one transaction); reloading shows them.
  const followRename = (_from: string, to: TagCount) => {
    focusAfter.current = to.name;
    app.touchData();
  };

  return (
    <div className="tags-view">
      <header className="toolbar">
        <h1 className="view-title">Tags</h1>
        <SearchField label="Filter tags" placeholder="Filter tags" value={text} onChange={setText} />
        <label className="inline-field">
          <span>Sort</span>
          <select aria-label="Sort tags by" value={sortByCount ? 'count' : 'name'} onChange={(e) => setSortByCount(e.target.value === 'count')}>
            <option value="name">Name</option>
            <option value="count">Most used</option>
          </select>
        </label>
        <span className="toolbar-spacer" />
        <span className="total" role="status" aria-live="polite" data-testid="tags-total">
          {plural(shown.length, 'tag')}
        </span>
      </header>
      <div className="tags-scroll">
        {app.tags.length === 0 ? (
          <p className="list-empty">No tags yet. Tag facts in the inspector or when capturing.</p>
        ) : shown.length === 0 ? (
          <p className="list-empty">No tag matches “{text.trim()}”.</p>
        ) : (
          <ul className="tag-table" aria-label="Tags">
            {shown.map((t) => (
              <TagRow
                key={t.name}
                tag={t}
                others={app.tags.filter((o) => o.name !== t.name)}
                onShow={() => app.setFilters({ ...EMPTY_FILTERS, tags: [t.name] })}
                onRenamed={followRename}
              />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
