import { useCallback, useEffect, useState } from 'react';
import type { Source } from '../../../core/model';
import { ApiError, call, errorMessage } from '../api';
import { formatDateTime, plural } from '../format';
import { EMPTY_FILTERS } from '../library/filters';
import { useApp } from '../state';
import { GradeBadge } from '../ui/bits';
import { Icon } from '../ui/Icon';
import { MergeSourceDialog } from './MergeSourceDialog';
import { RemoveSourceDialog } from './RemoveSourceDialog';
import { type FieldErrors, SourceFields } from '../ui/SourceFields';

interface Props {
  sourceId: string;
  /** A message about this source to keep in view (what a merge into it did). */
  notice: string | undefined;
  onRemoved(): void;
  onMerged(keptId: string, message: string): void;
}

/** The field a core error names ("source.authors.0.family" → "authors"), "_" when none. */
function errorKey(e: unknown): string {
  if (!(e instanceof ApiError) || !e.field) return '_';
  const f = e.field.startsWith('source.') ? e.field.slice(7) : e.field;
  return f.split('.')[0].replace(/\[\d+\]$/, '') || '_';
}

/** The right-hand pane of the sources manager: every field of one source, and what can be done with it. */
export function SourceEditor({ sourceId, notice, onRemoved, onMerged }: Props) {
  const app = useApp();
  const [source, setSource] = useState<Source>();
  const [loadError, setLoadError] = useState<string>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [dialog, setDialog] = useState<'merge' | 'remove'>();

  const load = useCallback(async () => {
    try {
      setSource(await call('sources:get', sourceId));
      setLoadError(undefined);
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  }, [sourceId]);

  useEffect(() => {
    void load();
  }, [load, app.dataVersion]);

  const save = async (key: string, patch: Record<string, unknown>) => {
    try {
      setSource(await app.track(call('sources:update', sourceId, patch)));
      setErrors(({ [key]: _gone, ...rest }) => rest);
      app.touchData();
    } catch (e) {
      const k = errorKey(e);
      setErrors((errs) => ({ ...errs, [k === '_' ? key : k]: errorMessage(e).replace(/^source\.[\w.[\]]+: /, '') }));
    }
  };

  if (loadError) {
    return (
      <aside className="source-editor" aria-label="Source editor">
        <div className="inspector-body">
          <p className="error-text">{loadError}</p>
        </div>
      </aside>
    );
  }
  if (!source) return <aside className="source-editor" aria-label="Source editor" aria-busy="true" />;

  const facts = app.sourceMap.get(source.id)?.factCount ?? 0;
  return (
    <aside className="source-editor" aria-label="Source editor" data-testid="source-editor">
      <header className="inspector-head">
        <h2 className="line-1" title={source.title}>
          {source.title}
        </h2>
      </header>
      <div className="inspector-body">
        {notice && (
          <p className="note-box" role="status" data-testid="source-notice">
            <Icon name="check" /> {notice}
          </p>
        )}
        <div className="inspector-summary">
          <GradeBadge reliability={source.reliability} />
          <span className="muted">
            {plural(facts, 'fact')} · added {formatDateTime(source.createdAt)}
            {source.updatedAt !== source.createdAt ? ` · edited ${formatDateTime(source.updatedAt)}` : ''}
          </span>
        </div>
        <div className="source-actions">
          <button
            type="button"
            className="button small"
            disabled={facts === 0}
            onClick={() => app.setFilters({ ...EMPTY_FILTERS, sourceId: source.id })}
            title="Open the library filtered to this source"
          >
            <Icon name="library" /> Show facts<span className="visually-hidden"> from this source</span>
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => setDialog('merge')}
            title="This source is a duplicate: move its facts to another source and delete it"
          >
            <Icon name="source" /> Merge into…
          </button>
          <button type="button" className="button small danger-outline" onClick={() => setDialog('remove')}>
            <Icon name="trash" /> Delete…
          </button>
        </div>
        {errors._ && (
          <p className="error-text" role="alert">
            {errors._}
          </p>
        )}
        <SourceFields source={source} errors={errors} onSave={save} idPrefix="source-edit" heading="Details" full />
        <p className="muted small source-id">Id {source.id}</p>
      </div>
      {dialog === 'merge' && (
        <MergeSourceDialog
          duplicate={source}
          factCount={facts}
          onClose={() => setDialog(undefined)}
          onMerged={(kept, r) => {
            setDialog(undefined);
            const moved = plural(r.movedFacts, 'fact');
            const merged = r.mergedFacts
              ? `; ${plural(r.mergedFacts, 'fact')} with the same words merged into ${r.mergedFacts === 1 ? 'its twin' : 'their twins'}`
              : '';
            const message = `Merged “${source.title}” into this source: ${moved} moved${merged}.`;
            app.notify(`Merged “${source.title}” into “${kept.title}”: ${moved} moved${merged}.`);
            // A fact merged into its twin no longer exists: do not leave it open in the library.
            if (r.mergedFacts && app.selectedFactId) app.selectFact(undefined);
            app.touchData();
            onMerged(kept.id, message);
          }}
        />
      )}
      {dialog === 'remove' && (
        <RemoveSourceDialog
          source={source}
          factCount={facts}
          onClose={() => setDialog(undefined)}
          onRemoved={(removedFacts) => {
            setDialog(undefined);
            app.notify(`Deleted “${source.title}”${removedFacts ? ` and its ${plural(removedFacts, 'fact')}` : ''}.`);
            if (app.selectedFactId) app.selectFact(undefined);
            app.touchData();
            onRemoved();
          }}
        />
      )}
    </aside>
  );
}
