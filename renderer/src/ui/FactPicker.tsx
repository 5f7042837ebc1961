import { useEffect, useState, type KeyboardEvent } from 'react';
import type { LibraryHit } from '../../../api/contract';
import { call, errorMessage } from '../api';
import { shortCitation } from '../format';
import { GradeBadge, Highlighted } from './bits';
import { useDebounced, useId } from './hooks';

interface Props {
  label: string;
  placeholder?: string;
  /** Facts that cannot be chosen (the fact itself, those already linked): left out of the list. */
  exclude: ReadonlySet<string>;
  onPick(hit: LibraryHit): void;
  autoFocus?: boolean;
  disabled?: boolean;
}

const LIMIT = 8;

/** A search-as-you-type fact chooser (a combobox over the library's full-text search). */
export function FactPicker(props: Props) {
  const listId = useId('fact-options');
  const [query, setQuery] = useState('');
  const debounced = useDebounced(query.trim(), 150);
  const [hits, setHits] = useState<LibraryHit[]>([]);
  const [error, setError] = useState<string>();
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const { exclude } = props;

  useEffect(() => {
    if (!debounced) {
      setHits([]);
      setError(undefined);
      return;
    }
    let live = true;
    // A few more than shown, since excluded facts are dropped afterwards.
    call('facts:search', { text: debounced, prefixLast: true, limit: LIMIT + exclude.size })
      .then((r) => {
        if (!live) return;
        setHits(r.hits.filter((h) => !exclude.has(h.fact.id)).slice(0, LIMIT));
        setError(undefined);
        setActive(0);
      })
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [debounced, exclude]);

  const choose = (hit: LibraryHit | undefined) => {
    if (!hit) return;
    props.onPick(hit);
    setQuery('');
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(0, hits.length - 1)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open) choose(hits[active]);
    } else if (e.key === 'Escape' && open && query) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  const shown = open && debounced !== '';
  return (
    <div className="combo fact-picker">
      <input
        type="search"
        role="combobox"
        aria-label={props.label}
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && hits[active] ? `${listId}-${active}` : undefined}
        placeholder={props.placeholder ?? 'Search facts…'}
        value={query}
        disabled={props.disabled}
        autoFocus={props.autoFocus}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {shown && (
        <ul className="combo-list" role="listbox" id={listId} aria-label={`${props.label} suggestions`}>
          {error && <li className="combo-empty">Search failed: {error}</li>}
          {!error && hits.length === 0 && <li className="combo-empty">No other fact matches</li>}
          {hits.map((h, i) => (
            <li
              key={h.fact.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(h);
              }}
            >
              <span className="clamp-2">
                <Highlighted text={h.fact.text} highlights={h.highlights} />
              </span>
              <span className="line-1 muted picker-meta">
                <GradeBadge reliability={h.source.reliability} credibility={h.fact.credibility} />
                {shortCitation(h.source) || h.source.title}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
