import { useState } from 'react';
import type { TagCount } from '../../../api/contract';
import { ApiError, call, errorMessage } from '../api';
import { formatCount, plural } from '../format';
import { useApp } from '../state';
import { Icon } from '../ui/Icon';

interface Props {
  tag: TagCount;
  others: TagCount[];
  onShow(): void;
  onRenamed(from: string, to: TagCount): void;
}

type Mode = { kind: 'view' } | { kind: 'rename'; draft: string } | { kind: 'merge'; target: string };

/** The core's refusal, without the command-line hint ("--merge"): the button next to it is the way here. */
function conflictText(e: unknown): string {
  return errorMessage(e)
    .replace(/;? ?merge the two with --merge\.?/, '.')
    .replace(/\.\./g, '.');
}

/** One tag: its count, and inline forms to rename it or merge it into another tag. */
export function TagRow({ tag, others, onShow, onRenamed }: Props) {
  const app = useApp();
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [error, setError] = useState<string>();
  /** The existing tag a rename ran into: offered as a merge. */
  const [conflict, setConflict] = useState<string>();
  const [busy, setBusy] = useState(false);
  const inputId = `tag-rename-${tag.name.replace(/\W+/g, '-')}`;

  const reset = () => {
    setMode({ kind: 'view' });
    setError(undefined);
    setConflict(undefined);
  };

  const rename = async (to: string, merge: boolean) => {
    const target = to.trim();
    if (!target) {
      setError('A tag needs a name.');
      return;
    }
    if (target === tag.name && !merge) {
      reset();
      return;
    }
    setBusy(true);
    try {
      const r = await app.track(call('tags:rename', tag.name, target, merge ? { merge: true } : {}), {
        expected: (e) => e instanceof ApiError && e.code === 'conflict',
      });
      const searches = r.savedSearches.length ? ` Saved searches now filtering by it: ${r.savedSearches.map((n) => `“${n}”`).join(', ')}.` : '';
      app.notify(
        (merge ? `Merged “${tag.name}” into “${r.name}”: ${plural(r.count, 'fact')} now tagged “${r.name}”.` : `Renamed “${tag.name}” to “${r.name}”.`) +
          searches,
      );
      reset();
      onRenamed(tag.name, r);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'conflict') {
        setConflict(others.find((o) => o.name.toLowerCase() === target.toLowerCase())?.name ?? target);
        setError(conflictText(e));
      } else {
        setError(errorMessage(e).replace(/^tag: /, ''));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`tag-item${mode.kind !== 'view' ? ' is-editing' : ''}`} data-tag={tag.name}>
      <div className="tag-line">
        <Icon name="tag" />
        <span className="tag-name line-1">{tag.name}</span>
        <span className="tag-count">{formatCount(tag.count)}</span>
        <span className="tag-actions">
          <button type="button" className="button link small" aria-label={`Show facts tagged ${tag.name}`} onClick={onShow}>
            Show facts
          </button>
          <button
            type="button"
            className="button link small tag-rename"
            aria-label={`Rename tag ${tag.name}`}
            onClick={() => setMode({ kind: 'rename', draft: tag.name })}
          >
            Rename
          </button>
          <button
            type="button"
            className="button link small"
            aria-label={`Merge tag ${tag.name} into another tag`}
            disabled={others.length === 0}
            onClick={() => setMode({ kind: 'merge', target: '' })}
          >
            Merge into…
          </button>
        </span>
      </div>

      {mode.kind === 'rename' && (
        <form
          className="tag-form"
          onSubmit={(e) => {
            e.preventDefault();
            void rename(mode.draft, false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              reset();
            }
          }}
        >
          <label htmlFor={inputId}>New name</label>
          <input
            id={inputId}
            autoFocus
            value={mode.draft}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
            onChange={(e) => {
              setMode({ kind: 'rename', draft: e.target.value });
              setError(undefined);
              setConflict(undefined);
            }}
          />
          <button type="submit" className="button primary small" disabled={busy}>
            Rename
          </button>
          <button type="button" className="button small" onClick={reset}>
            Cancel
          </button>
        </form>
      )}

      {mode.kind === 'merge' && (
        <form
          className="tag-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (mode.target) void rename(mode.target, true);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              reset();
            }
          }}
        >
          <label htmlFor={`${inputId}-into`}>Merge into</label>
          <select id={`${inputId}-into`} autoFocus value={mode.target} onChange={(e) => setMode({ kind: 'merge', target: e.target.value })}>
            <option value="">Choose a tag…</option>
            {others.map((o) => (
              <option key={o.name} value={o.name}>
                {o.name} ({formatCount(o.count)})
              </option>
            ))}
          </select>
          <button type="submit" className="button primary small" disabled={busy || !mode.target}>
            Merge
          </button>
          <button type="button" className="button small" onClick={reset}>
            Cancel
          </button>
          {mode.target && (
            <span className="muted small tag-form-note" role="status">
              The {plural(tag.count, 'fact')} tagged “{tag.name}” will be tagged “{mode.target}”; “{tag.name}” disappears.
            </span>
          )}
        </form>
      )}

      {error && (
        <div className="tag-error" role="alert" id={`${inputId}-error`}>
          <span className="error-text">{error}</span>
          {conflict && (
            <button type="button" className="button small" disabled={busy} onClick={() => void rename(conflict, true)}>
              Merge “{tag.name}” into “{conflict}”
            </button>
          )}
        </div>
      )}
    </li>
  );
}
