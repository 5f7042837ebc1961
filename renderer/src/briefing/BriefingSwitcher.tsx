import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { BriefingSummary } from '../../../core/model';
import type { TemplateSummary } from '../../../api/contract';
import { call, errorMessage } from '../api';
import { formatCount } from '../format';
import { useApp } from '../state';
import { Icon } from '../ui/Icon';
import { PaletteInput, stepActive, useActiveInView, usePaletteFocus } from '../ui/palette';
import { matchesWords, modifiedLabel } from './modified';

/**
 * Open briefing (Ctrl+O): every briefing in the library, the most recently changed first, with
 * its template, when it changed and how much is in it. Typing filters; ↑/↓ and Enter open;
 * Delete (or the row's bin) asks once, then deletes — the facts stay in the library.
 */
export function BriefingSwitcher({ currentId, onClose }: { currentId?: string | undefined; onClose(): void }) {
  const app = useApp();
  const [list, setList] = useState<BriefingSummary[]>();
  const [templates, setTemplates] = useState<Map<string, string>>(new Map());
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [confirm, setConfirm] = useState<BriefingSummary>();
  const [error, setError] = useState<string>();
  const inputRef = useRef<HTMLInputElement>(null);
  usePaletteFocus(inputRef);

  const load = () =>
    call('briefings:list')
      .then((l) => {
        setList(l);
        setError(undefined);
      })
      .catch((e: unknown) => setError(errorMessage(e)));

  useEffect(() => {
    void load();
    call('templates:list')
      .then((t: TemplateSummary[]) => setTemplates(new Map(t.map((x) => [x.id, x.name]))))
      .catch(() => undefined); // the ids are shown instead
  }, []);

  const shown = useMemo(() => (list ?? []).filter((b) => matchesWords(text, b.title, templates.get(b.templateId) ?? b.templateId)), [list, text, templates]);
  useEffect(() => setActive(0), [text]);
  useActiveInView('switcher-opt', active);

  const open = (b: BriefingSummary | undefined) => {
    if (!b) return;
    onClose();
    if (b.id !== currentId) app.navigate({ name: 'briefing', id: b.id });
  };

  const remove = async (b: BriefingSummary) => {
    try {
      await app.track(call('briefings:remove', b.id));
      setConfirm(undefined);
      app.notify(`Deleted “${b.title}”`);
      await app.refresh();
      if (b.id === currentId) {
        onClose();
        app.navigate({ name: 'library' });
        return;
      }
      await load();
      setActive((a) => Math.max(0, Math.min(a, shown.length - 2)));
      inputRef.current?.focus();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (confirm || stepActive(e, shown.length, setActive)) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      open(shown[active]);
    } else if (e.key === 'Delete' && shown[active]) {
      e.preventDefault();
      setConfirm(shown[active]);
    }
  };

  return (
    <div
      className="modal-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          if (confirm) {
            setConfirm(undefined);
            inputRef.current?.focus();
          } else onClose();
        }
      }}
    >
      <div className="palette switcher" role="dialog" aria-modal="true" aria-label="Open briefing">
        <PaletteInput
          inputRef={inputRef}
          listId="switcher-list"
          optionPrefix="switcher-opt"
          active={shown[active] ? active : undefined}
          label="Find a briefing"
          placeholder="Find a briefing by title or template…"
          value={text}
          onChange={setText}
          onKeyDown={onKeyDown}
        />
        {error && (
          <p className="error-text switcher-error" role="alert">
            {error}
          </p>
        )}
        <ul className="palette-list switcher-list" id="switcher-list" role="listbox" aria-label="Briefings">
          {list === undefined && !error && <li className="palette-empty">Reading briefings…</li>}
          {list && shown.length === 0 && (
            <li className="palette-empty">{list.length === 0 ? 'No briefings yet. Press Ctrl+N to start one.' : 'No briefing matches.'}</li>
          )}
          {shown.map((b, i) => (
            <li
              key={b.id}
              id={`switcher-opt-${i}`}
              role="option"
              aria-selected={i === active}
              aria-current={b.id === currentId ? 'true' : undefined}
              data-briefing-id={b.id}
              className={`switcher-row${i === active ? ' is-active' : ''}`}
              onMouseMove={() => setActive(i)}
              onMouseDown={(e) => {
                if ((e.target as Element).closest('button')) return;
                e.preventDefault();
                open(b);
              }}
            >
              <Icon name="doc" />
              <span className="switcher-main">
                <span className="switcher-title line-1">
                  {b.title}
                  {b.id === currentId && <span className="switcher-current"> · open</span>}
                </span>
                <span className="switcher-meta line-1">
                  {templates.get(b.templateId) ?? b.templateId} · {formatCount(b.itemCount)} item{b.itemCount === 1 ? '' : 's'}, {formatCount(b.factCount)} fact
                  {b.factCount === 1 ? '' : 's'}
                  {b.changedFacts > 0 && (
                    <span className="changed-flag">
                      {' '}
                      · {formatCount(b.changedFacts)} fact{b.changedFacts === 1 ? '' : 's'} changed since you used {b.changedFacts === 1 ? 'it' : 'them'}
                    </span>
                  )}
                </span>
              </span>
              <time className="switcher-time" dateTime={b.updatedAt} title={`Modified ${new Date(b.updatedAt).toLocaleString()}`}>
                {modifiedLabel(b.updatedAt)}
              </time>
              <button
                type="button"
                className="icon-button switcher-delete"
                tabIndex={-1}
                aria-label={`Delete ${b.title}`}
                title="Delete briefing (Delete)"
                onClick={() => setConfirm(b)}
              >
                <Icon name="trash" />
              </button>
            </li>
          ))}
        </ul>
        {confirm ? (
          <div className="palette-foot switcher-confirm" role="alertdialog" aria-label="Delete briefing?">
            <span>
              {confirm.itemCount > 0
                ? `Delete “${confirm.title}” and its ${formatCount(confirm.itemCount)} item${confirm.itemCount === 1 ? '' : 's'}? The facts stay in the library.`
                : `Delete “${confirm.title}”? It is empty.`}{' '}
              This cannot be undone.
            </span>
            <span className="switcher-confirm-actions">
              <button
                type="button"
                className="button small"
                onClick={() => {
                  setConfirm(undefined);
                  inputRef.current?.focus();
                }}
              >
                Cancel
              </button>
              <button type="button" className="button danger small" autoFocus onClick={() => void remove(confirm)}>
                Delete briefing
              </button>
            </span>
          </div>
        ) : (
          <div className="palette-foot">
            <span className="muted">
              {list ? `${formatCount(shown.length)} of ${formatCount(list.length)} briefing${list.length === 1 ? '' : 's'} · newest first` : ''}
            </span>
            <span className="muted">↑↓ choose · Enter open · Delete delete · Esc close</span>
          </div>
        )}
      </div>
    </div>
  );
}
