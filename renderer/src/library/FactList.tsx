import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type DragEvent, type KeyboardEvent } from 'react';
import type { LibraryHit as FactHit, SourceWithCount } from '../../../api/contract';
import { formatDateTime, KIND_LABELS, shortCitation } from '../format';
import { GradeBadge, Highlighted } from '../ui/bits';
import { Icon } from '../ui/Icon';
import type { PagedSearch } from './usePagedSearch';

export const FACT_DRAG_TYPE = 'application/x-dossier-fact';

interface Props {
  search: PagedSearch;
  label: string;
  variant: 'full' | 'compact';
  sourceMap: Map<string, SourceWithCount>;
  activeIndex: number;
  onActiveIndex(i: number): void;
  selectedId?: string | undefined;
  onSelect?(hit: FactHit, index: number): void;
  onActivate?(hit: FactHit, index: number): void;
  draggable?: boolean;
  empty: string;
  id: string;
}

/** The virtualized fact list: only the rows on screen exist in the DOM, pages load as they scroll in. */
export function FactList(props: Props) {
  const { search, variant } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowHeight = variant === 'full' ? 54 : 50;
  const virtualizer = useVirtualizer({
    count: search.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (search.count > 0) search.ensure(first, last);
  }, [first, last, search.count, search.version, search]);

  // A row chosen by keyboard before its page arrived is selected when it does.
  const pendingSelect = useRef<number | null>(null);
  useEffect(() => {
    const n = pendingSelect.current;
    if (n === null) return;
    const hit = search.row(n);
    if (hit) {
      pendingSelect.current = null;
      props.onSelect?.(hit, n);
    }
  });

  const move = (i: number) => {
    const n = Math.max(0, Math.min(search.count - 1, i));
    props.onActiveIndex(n);
    virtualizer.scrollToIndex(n, { align: 'auto' });
    const hit = search.row(n);
    pendingSelect.current = hit ? null : n;
    if (hit) props.onSelect?.(hit, n);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (search.count === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 1);
    const keys: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in keys) {
      e.preventDefault();
      move(props.activeIndex + keys[e.key]);
    } else if (e.key === 'Home') {
      e.preventDefault();
      move(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      move(search.count - 1);
    } else if (e.key === 'Enter') {
      const hit = search.row(props.activeIndex);
      if (hit) {
        e.preventDefault();
        props.onActivate?.(hit, props.activeIndex);
      }
    }
  };

  const onDragStart = (e: DragEvent, hit: FactHit) => {
    e.dataTransfer.setData(FACT_DRAG_TYPE, hit.fact.id);
    e.dataTransfer.setData('text/plain', hit.fact.text);
    e.dataTransfer.effectAllowed = 'copy';
  };

  const activeHit = search.row(props.activeIndex);
  return (
    <div
      ref={scrollRef}
      className={`fact-list fact-list-${variant}`}
      role="listbox"
      aria-label={props.label}
      tabIndex={0}
      id={props.id}
      aria-activedescendant={activeHit ? `${props.id}-row-${props.activeIndex}` : undefined}
      onKeyDown={onKeyDown}
      data-testid={`${props.id}`}
    >
      {search.count === 0 && !search.loading ? (
        <div className="list-empty">{search.error ? `Search failed: ${search.error}` : props.empty}</div>
      ) : (
        <div className="fact-list-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => {
            const hit = search.row(v.index);
            const style = { transform: `translateY(${v.start}px)`, height: rowHeight };
            if (!hit) {
              return (
                <div key={v.key} className="fact-row fact-row-loading" style={style} aria-hidden="true">
                  <span className="skeleton" />
                </div>
              );
            }
            const src = props.sourceMap.get(hit.source.id);
            const selected = props.selectedId === hit.fact.id;
            return (
              <div
                key={v.key}
                id={`${props.id}-row-${v.index}`}
                className={`fact-row${selected ? ' is-selected' : ''}${v.index === props.activeIndex ? ' is-active' : ''}`}
                style={style}
                role="option"
                aria-selected={selected}
                data-fact-id={hit.fact.id}
                draggable={props.draggable}
                onDragStart={props.draggable ? (e) => onDragStart(e, hit) : undefined}
                onClick={() => {
                  props.onActiveIndex(v.index);
                  props.onSelect?.(hit, v.index);
                }}
                onDoubleClick={() => props.onActivate?.(hit, v.index)}
              >
                {variant === 'full' ? <FullRow hit={hit} src={src} /> : <CompactRow hit={hit} src={src} />}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

function FullRow({ hit, src }: { hit: FactHit; src: SourceWithCount | undefined }) {
  const { fact, source } = hit;
  return (
    <>
      <div className="cell cell-text">
        <span className="clamp-2">
          <Highlighted text={fact.text} highlights={hit.highlights} />
        </span>
      </div>
      <div className="cell cell-source">
        <span className="line-1 source-title">{source.title}</span>
        <span className="line-1 muted">
          {shortCitation({
            title: source.title,
            issued: source.issued,
            authors: src?.authors ?? [],
            ...(src?.containerTitle ? { containerTitle: src.containerTitle } : {}),
          })}
        </span>
      </div>
      <div className="cell cell-grade">
        <GradeBadge reliability={source.reliability} credibility={fact.credibility} />
        <span className="grade-line">
          <span
            className={`verified-flag${fact.verifiedAt ? ' is-verified' : ''}`}
            title={fact.verifiedAt ? `Verified ${formatDateTime(fact.verifiedAt)}` : 'Not verified'}
          >
            {fact.verifiedAt ? 'Verified' : 'Unverified'}
          </span>
          {hit.corroboration > 0 && (
            <span
              className="corrob-count"
              title={`Corroborated by ${hit.corroboration} other fact${hit.corroboration === 1 ? '' : 's'}`}
              data-testid="corroboration-count"
            >
              <Icon name="link" size={11} />
              <span className="visually-hidden">corroborated by </span>
              {hit.corroboration}
            </span>
          )}
        </span>
      </div>
      <div className="cell cell-kind">
        <span className={`kind kind-${fact.kind}`}>{KIND_LABELS[fact.kind]}</span>
        <span className="line-1 tags-inline">
          {fact.tags.map((t) => (
            <span key={t} className="tag-chip">
              {t}
            </span>
          ))}
        </span>
      </div>
    </>
  );
}

function CompactRow({ hit, src }: { hit: FactHit; src: SourceWithCount | undefined }) {
  const { fact, source } = hit;
  return (
    <>
      <span className="compact-text line-1">
        <Highlighted text={fact.text} highlights={hit.highlights} />
      </span>
      <span className="compact-meta line-1">
        <GradeBadge reliability={source.reliability} credibility={fact.credibility} />
        <span className="muted">{shortCitation({ title: source.title, issued: source.issued, authors: src?.authors ?? [] }) || source.title}</span>
      </span>
    </>
  );
}
