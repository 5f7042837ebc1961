import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { SourceWithCount } from '../../../api/contract';
import { formatCount, formatPartialDate, shortAuthors, SOURCE_TYPE_LABELS } from '../format';
import { GradeBadge } from '../ui/bits';
import { Icon } from '../ui/Icon';
import { FIRST_DIRECTION, type SourceSort, type SourceSortKey } from './sort';

interface Props {
  sources: SourceWithCount[];
  selectedId: string | undefined;
  onSelect(id: string): void;
  /** Enter on a row: move into its editor. */
  onActivate(id: string): void;
  sort: SourceSort;
  onSort(sort: SourceSort): void;
  empty: string;
}

const ROW = 44;
const COLUMNS: { key: SourceSortKey; label: string; className: string }[] = [
  { key: 'title', label: 'Title', className: 'col-title' },
  { key: 'author', label: 'Author', className: 'col-author' },
  { key: 'type', label: 'Type', className: 'col-type' },
  { key: 'issued', label: 'Issued', className: 'col-issued' },
  { key: 'reliability', label: 'Grade', className: 'col-grade' },
  { key: 'facts', label: 'Facts', className: 'col-facts' },
];

/**
 * The sources as a keyboard listbox (arrows, Page Up/Down, Home/End move the selection) under
 * column headers that sort. Virtualized: a library may hold tens of thousands of sources.
 */
export function SourceList(props: Props) {
  const { sources, selectedId } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: sources.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 10,
    useFlushSync: false,
  });
  const index = sources.findIndex((s) => s.id === selectedId);

  // Keep the selected row in view (after a sort, or when chosen from elsewhere).
  useEffect(() => {
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [index, virtualizer]);

  const move = (i: number) => {
    const n = Math.max(0, Math.min(sources.length - 1, i));
    const s = sources[n];
    if (s) props.onSelect(s.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (sources.length === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW) - 1);
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in steps) {
      e.preventDefault();
      move((index < 0 ? -1 : index) + steps[e.key]);
    } else if (e.key === 'Home') {
      e.preventDefault();
      move(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      move(sources.length - 1);
    } else if (e.key === 'Enter' && index >= 0) {
      e.preventDefault();
      props.onActivate(sources[index].id);
    }
  };

  const sortBy = (key: SourceSortKey) =>
    props.onSort(props.sort.key === key ? { key, descending: !props.sort.descending } : { key, descending: FIRST_DIRECTION[key] });

  return (
    <>
      <div className="source-head" role="group" aria-label="Sort sources by">
        {COLUMNS.map((c) => {
          const on = props.sort.key === c.key;
          return (
            <button
              key={c.key}
              type="button"
              className={`col-sort ${c.className}${on ? ' is-on' : ''}`}
              aria-pressed={on}
              aria-label={`Sort by ${c.label.toLowerCase()}${on ? (props.sort.descending ? ', descending' : ', ascending') : ''}`}
              onClick={() => sortBy(c.key)}
            >
              {c.label}
              {on && <Icon name={props.sort.descending ? 'chevron-down' : 'chevron-up'} size={12} />}
            </button>
          );
        })}
      </div>
      <div
        ref={scrollRef}
        className="source-list"
        role="listbox"
        aria-label="Sources"
        tabIndex={0}
        aria-activedescendant={index >= 0 ? `source-row-${index}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="source-list"
      >
        {sources.length === 0 ? (
          <div className="list-empty">{props.empty}</div>
        ) : (
          <div className="fact-list-inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((v) => {
              const s = sources[v.index];
              const selected = s.id === selectedId;
              return (
                <div
                  key={s.id}
                  id={`source-row-${v.index}`}
                  role="option"
                  aria-selected={selected}
                  data-source-id={s.id}
                  className={`source-row${selected ? ' is-selected' : ''}`}
                  style={{ transform: `translateY(${v.start}px)`, height: ROW }}
                  onClick={() => props.onSelect(s.id)}
                  onDoubleClick={() => props.onActivate(s.id)}
                >
                  <span className="col-title">
                    <span className="line-1 source-title">{s.title}</span>
                    <span className="line-1 muted">{[s.containerTitle, s.publisher].filter(Boolean).join(' · ') || '\u00a0'}</span>
                  </span>
                  <span className="col-author line-1">{shortAuthors(s.authors)}</span>
                  <span className="col-type line-1 muted">{SOURCE_TYPE_LABELS[s.type] ?? s.type}</span>
                  <span className="col-issued line-1">{formatPartialDate(s.issued)}</span>
                  <span className="col-grade">
                    <GradeBadge reliability={s.reliability} />
                  </span>
                  <span className="col-facts">{formatCount(s.factCount)}</span>
                </div>
              );
            })}
          </div>
        )}
      </div>
    </>
  );
}
