import { useMemo, useState } from 'react';
import { FactList } from '../library/FactList';
import { usePagedSearch } from '../library/usePagedSearch';
import { useApp } from '../state';
import { useDebounced } from '../ui/hooks';
import { Icon } from '../ui/Icon';

/** The compact library on the left of the editor: search, then drag a fact into a section or press Enter. */
export function FactPicker({ onInsert }: { onInsert(factId: string): void }) {
  const app = useApp();
  const [text, setText] = useState('');
  const q = useDebounced(text, 180);
  const query = useMemo(() => (q.trim() ? { text: q, prefixLast: true } : {}), [q]);
  const search = usePagedSearch(query, app.dataVersion);
  const [active, setActive] = useState(0);
  return (
    <aside className="picker" aria-label="Facts to insert">
      <div className="picker-head">
        <div className="search-field small">
          <Icon name="search" />
          <input
            type="search"
            aria-label="Search facts to insert"
            placeholder="Search facts…"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => e.key === 'ArrowDown' && document.getElementById('picker-list')?.focus()}
          />
        </div>
        <div className="muted small picker-hint">Drag into a section, or Enter to insert</div>
      </div>
      <FactList
        id="picker-list"
        label="Facts to insert"
        variant="compact"
        search={search}
        sourceMap={app.sourceMap}
        activeIndex={active}
        onActiveIndex={setActive}
        onActivate={(hit) => onInsert(hit.fact.id)}
        draggable
        empty="No facts match."
      />
    </aside>
  );
}
