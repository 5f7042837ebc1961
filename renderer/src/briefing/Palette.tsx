import { useEffect, useRef, useState } from 'react';
import type { FactHit } from '../../../api/contract';
import type { BriefingSection } from '../../../core/model';
import { call, errorMessage } from '../api';
import { shortCitation } from '../format';
import { useApp } from '../state';
import { GradeBadge, Highlighted } from '../ui/bits';
import { useDebounced } from '../ui/hooks';
import { PaletteInput, stepActive, useActiveInView, usePaletteFocus } from '../ui/palette';

interface Props {
  /** 'place': insert a fact item into a section; 'cite': cite the fact at the cursor in the prose being edited. */
  mode?: 'place' | 'cite';
  sections: BriefingSection[];
  section: string;
  onSection(id: string): void;
  onInsert(hit: FactHit): void;
  onClose(): void;
}

/** Ctrl+K: find a fact by typing and insert it where the cursor was, without touching the mouse. */
export function Palette({ mode = 'place', sections, section, onSection, onInsert, onClose }: Props) {
  const app = useApp();
  const [text, setText] = useState('');
  const q = useDebounced(text, 120);
  const [hits, setHits] = useState<FactHit[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string>();
  const inputRef = useRef<HTMLInputElement>(null);
  usePaletteFocus(inputRef);
  useActiveInView('palette-opt', active);

  useEffect(() => {
    let live = true;
    call('facts:search', { ...(q.trim() ? { text: q, prefixLast: true } : {}), limit: 30 })
      .then((r) => {
        if (!live) return;
        setHits(r.hits);
        setActive(0);
        setError(undefined);
      })
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [q]);

  const choose = (hit: FactHit | undefined) => {
    if (!hit) return;
    onInsert(hit);
    onClose();
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label={mode === 'cite' ? 'Cite fact' : 'Insert fact'}>
        <PaletteInput
          inputRef={inputRef}
          listId="palette-list"
          optionPrefix="palette-opt"
          active={hits[active] ? active : undefined}
          label={mode === 'cite' ? 'Search facts to cite' : 'Search facts to insert'}
          placeholder={mode === 'cite' ? 'Search facts to cite here…' : 'Search facts to insert…'}
          value={text}
          onChange={setText}
          onKeyDown={(e) => {
            if (stepActive(e, hits.length, setActive)) return;
            if (e.key === 'Enter') {
              e.preventDefault();
              choose(hits[active]);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              onClose();
            } else if (e.key === 'Tab' && mode === 'place') {
              e.preventDefault();
              document.getElementById('palette-section')?.focus();
            }
          }}
        />
        <ul className="palette-list" id="palette-list" role="listbox" aria-label="Matching facts">
          {error && <li className="palette-empty">{error}</li>}
          {!error && hits.length === 0 && <li className="palette-empty">No facts match.</li>}
          {hits.map((h, i) => {
            const src = app.sourceMap.get(h.source.id);
            return (
              <li
                key={h.fact.id}
                id={`palette-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'is-active' : undefined}
                onMouseMove={() => setActive(i)}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(h);
                }}
              >
                <span className="palette-text">
                  <Highlighted text={h.fact.text} highlights={h.highlights} />
                </span>
                <span className="palette-meta">
                  <GradeBadge reliability={h.source.reliability} credibility={h.fact.credibility} />
                  <span className="muted line-1">
                    {shortCitation({ title: h.source.title, issued: h.source.issued, authors: src?.authors ?? [] }) || h.source.title}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
        <div className="palette-foot">
          {mode === 'cite' ? (
            <span>Cites the fact at the cursor; right after a citation, it joins that note.</span>
          ) : (
            <label>
              Insert into{' '}
              <select
                id="palette-section"
                value={section}
                onChange={(e) => onSection(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') onClose();
                  if (e.key === 'Tab') {
                    e.preventDefault();
                    inputRef.current?.focus();
                  }
                }}
              >
                {sections.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.heading}
                  </option>
                ))}
              </select>
            </label>
          )}
          <span className="muted">↑↓ choose · Enter {mode === 'cite' ? 'cite' : 'insert'} · Esc close</span>
        </div>
      </div>
    </div>
  );
}
