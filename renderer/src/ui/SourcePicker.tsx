import { useMemo, useState, type KeyboardEvent } from 'react';
import type { SourceWithCount } from '../../../api/contract';
import { shortCitation } from '../format';
import { useId } from './hooks';

interface Props {
  sources: SourceWithCount[];
  value: string | undefined;
  onChange(id: string | undefined): void;
  label: string;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  describedBy?: string | undefined;
  invalid?: boolean;
}

/** A searchable source chooser (a combobox): type part of a title, author or outlet. */
export function SourcePicker(props: Props) {
  const listId = useId('source-options');
  const inputId = props.id ?? listId + '-input';
  const selected = props.sources.find((s) => s.id === props.value);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const open = query !== null;

  const matches = useMemo(() => {
    if (query === null) return [];
    const q = query.trim().toLowerCase();
    const out: SourceWithCount[] = [];
    for (const s of props.sources) {
      if (
        !q ||
        s.title.toLowerCase().includes(q) ||
        (s.containerTitle ?? '').toLowerCase().includes(q) ||
        s.authors.some((a) => (a.family ?? a.literal ?? '').toLowerCase().includes(q))
      ) {
        out.push(s);
        if (out.length >= 12) break;
      }
    }
    return out;
  }, [query, props.sources]);

  const choose = (s: SourceWithCount | undefined) => {
    props.onChange(s?.id);
    setQuery(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setQuery('');
      setActive((a) => Math.min(a + 1, Math.max(0, matches.length - 1)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      if (matches[active]) choose(matches[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setQuery(null);
    }
  };

  return (
    <div className="combo">
      <input
        id={inputId}
        type="text"
        role="combobox"
        aria-label={props.label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid || undefined}
        placeholder={props.placeholder ?? 'Any source'}
        value={query ?? selected?.title ?? ''}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onFocus={(e) => e.target.select()}
        onBlur={() => window.setTimeout(() => setQuery(null), 150)}
        onKeyDown={onKeyDown}
      />
      {props.allowClear && selected && query === null && (
        <button type="button" className="combo-clear icon-button" aria-label={`Clear ${props.label}`} onClick={() => choose(undefined)}>
          ×
        </button>
      )}
      {open && (
        <ul className="combo-list" role="listbox" id={listId} aria-label={`${props.label} suggestions`}>
          {matches.length === 0 && <li className="combo-empty">No source matches</li>}
          {matches.map((s, i) => (
            <li
              key={s.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(s);
              }}
            >
              <span className="line-1">{s.title}</span>
              <span className="line-1 muted">
                {shortCitation(s)} · {s.factCount} fact{s.factCount === 1 ? '' : 's'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
