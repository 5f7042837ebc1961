import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { FactDetail } from '../../../../api/contract';
import type { Cite } from '../../../../core/citation-marks';
import { LOCATOR_LABELS, type LocatorLabel } from '../../../../core/model';
import { shortCitation } from '../../format';
import { factSnippet } from './lookup';
import { placeNear } from './placement';
import { CiteResults } from './CiteResults';
import { useFactSearch } from './useFactSearch';

interface Props {
  cites: Cite[];
  facts: Map<string, FactDetail>;
  /** "Note 3", or the in-text citation, for the heading. */
  face: string;
  anchor: DOMRect;
  /** The whole cluster after an edit; an empty list removes the mark. */
  onChange(cites: Cite[]): void;
  onClose(): void;
}

/**
 * The popover that edits one citation mark: its cites in order (add, remove, reorder with the
 * buttons or Alt+↑/↓), and per cite the prefix, locator, suffix and "suppress author". Every
 * change goes to the prose at once and saves like typing; Escape closes.
 */
export function ClusterEditor({ cites, facts, face, anchor, onChange, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  const [focusRow, setFocusRow] = useState<number>();
  // A locator label chosen before its value is typed: kept here, as a cite has no empty locator.
  const [labels, setLabels] = useState<Record<number, LocatorLabel>>({});

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('.ce-cite')?.focus();
    const away = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', away, true);
    return () => document.removeEventListener('mousedown', away, true);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (focusRow !== undefined) rows.current[focusRow]?.focus();
  }, [focusRow, cites]);

  const patch = (i: number, next: Partial<Cite>) => {
    const c: Cite = { ...cites[i], ...next };
    for (const k of ['prefix', 'suffix'] as const) if (!c[k]) delete c[k];
    if (!c.locator?.value) delete c.locator;
    if (!c.suppressAuthor) delete c.suppressAuthor;
    onChange(cites.map((x, j) => (j === i ? c : x)));
  };
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= cites.length) return;
    const next = [...cites];
    [next[i], next[j]] = [next[j], next[i]];
    onChange(next);
    setFocusRow(j);
  };
  const remove = (i: number) => {
    onChange(cites.filter((_, j) => j !== i));
    if (cites.length <= 1) onClose();
    else setFocusRow(Math.min(i, cites.length - 2));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };
  const rowKeys = (e: KeyboardEvent<HTMLLIElement>, i: number) => {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      e.stopPropagation();
      move(i, e.key === 'ArrowUp' ? -1 : 1);
    } else if (e.target === e.currentTarget && (e.key === 'Delete' || e.key === 'Backspace')) {
      e.preventDefault();
      remove(i);
    } else if (e.target === e.currentTarget && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      rows.current[i + (e.key === 'ArrowDown' ? 1 : -1)]?.focus();
    }
  };

  return createPortal(
    <div ref={ref} className="cluster-editor" role="dialog" aria-label="Edit citation" style={placeNear(anchor, 460, 420)} onKeyDown={onKeyDown}>
      <div className="ce-head">
        <strong>{face}</strong>
        <span className="muted">
          {cites.length} fact{cites.length === 1 ? '' : 's'} in this note
        </span>
      </div>
      <ol className="ce-cites" aria-label="Facts cited">
        {cites.map((c, i) => {
          const fact = facts.get(c.factId);
          const label = c.locator?.label ?? labels[i] ?? 'page';
          return (
            <li
              key={`${c.factId}-${i}`}
              ref={(el) => void (rows.current[i] = el)}
              className="ce-cite"
              tabIndex={0}
              aria-label={`Cite ${i + 1} of ${cites.length}: ${factSnippet(fact, 60)}`}
              onKeyDown={(e) => rowKeys(e, i)}
            >
              <div className="ce-fact">
                <span className="ce-n">{i + 1}</span>
                <span className="ce-text" title={fact?.fact.text}>
                  {factSnippet(fact, 110)}
                </span>
                <span className="ce-actions">
                  <button
                    type="button"
                    className="icon-button small"
                    aria-label="Move cite up (Alt+Up)"
                    title="Move up (Alt+↑)"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button small"
                    aria-label="Move cite down (Alt+Down)"
                    title="Move down (Alt+↓)"
                    disabled={i === cites.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                  <button type="button" className="icon-button small" aria-label="Remove cite" title="Remove from this note" onClick={() => remove(i)}>
                    ×
                  </button>
                </span>
              </div>
              {fact && <div className="ce-source muted line-1">{shortCitation(fact.source) || fact.source.title}</div>}
              <div className="ce-fields">
                <label>
                  <span>Prefix</span>
                  <input value={c.prefix ?? ''} placeholder="see" aria-label="Prefix" onChange={(e) => patch(i, { prefix: e.target.value })} />
                </label>
                <label className="ce-locator">
                  <span>Locator</span>
                  <select
                    aria-label="Locator label"
                    value={label}
                    onChange={(e) => {
                      const l = e.target.value as LocatorLabel;
                      setLabels({ ...labels, [i]: l });
                      if (c.locator) patch(i, { locator: { label: l, value: c.locator.value } });
                    }}
                  >
                    {LOCATOR_LABELS.map((l) => (
                      <option key={l} value={l}>
                        {l}
                      </option>
                    ))}
                  </select>
                  <input
                    value={c.locator?.value ?? ''}
                    placeholder={fact?.fact.locator ? `${fact.fact.locator.value} (from the fact)` : 'e.g. 4'}
                    aria-label="Locator"
                    maxLength={100}
                    onChange={(e) => patch(i, { locator: { label, value: e.target.value } })}
                  />
                </label>
                <label>
                  <span>Suffix</span>
                  <input value={c.suffix ?? ''} placeholder=", emphasis added" aria-label="Suffix" onChange={(e) => patch(i, { suffix: e.target.value })} />
                </label>
                <label className="check">
                  <input type="checkbox" checked={c.suppressAuthor ?? false} onChange={(e) => patch(i, { suppressAuthor: e.target.checked })} /> Suppress author
                </label>
              </div>
            </li>
          );
        })}
      </ol>
      <AddCite onAdd={(factId) => onChange([...cites, { factId }])} exclude={new Set(cites.map((c) => c.factId))} />
      <div className="ce-foot muted">Alt+↑/↓ reorder · Delete removes a cite · Esc closes</div>
    </div>,
    document.body,
  );
}

/** Search the library and add a fact to this note. */
function AddCite({ onAdd, exclude }: { onAdd(factId: string): void; exclude: Set<string> }) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const { hits } = useFactSearch(text === '' ? undefined : text, 6);
  const shown = text === '' ? [] : hits.filter((h) => !exclude.has(h.fact.id));
  const add = (i: number) => {
    const h = shown[i];
    if (!h) return;
    onAdd(h.fact.id);
    setText('');
  };
  return (
    <div className="ce-add">
      <input
        type="text"
        role="combobox"
        aria-expanded={shown.length > 0}
        aria-controls="ce-add-list"
        aria-activedescendant={shown[active] ? `ce-add-${active}` : undefined}
        aria-label="Add a fact to this note"
        placeholder="Add a fact to this note…"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, Math.min(shown.length - 1, a + (e.key === 'ArrowDown' ? 1 : -1))));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            add(active);
          }
        }}
      />
      {shown.length > 0 && <CiteResults id="ce-add-list" optionPrefix="ce-add" hits={shown} active={active} onHover={setActive} onChoose={add} />}
    </div>
  );
}
