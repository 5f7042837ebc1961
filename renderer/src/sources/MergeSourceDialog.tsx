import { useState } from 'react';
import type { CallResults } from '../../../api/contract';
import type { Source } from '../../../core/model';
import { call, errorMessage } from '../api';
import { plural, shortCitation } from '../format';
import { useApp } from '../state';
import { Dialog } from '../ui/Dialog';
import { SourcePicker } from '../ui/SourcePicker';

type MergeResult = CallResults['sources:merge'];

interface Props {
  /** The source being folded into another (it is deleted). */
  duplicate: Source;
  factCount: number;
  onClose(): void;
  onMerged(kept: Source, result: MergeResult): void;
}

/** "Merge into…": choose the source to keep, see what will move, confirm. One transaction in the core. */
export function MergeSourceDialog({ duplicate, factCount, onClose, onMerged }: Props) {
  const app = useApp();
  const [keepId, setKeepId] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const others = app.sources.filter((s) => s.id !== duplicate.id);
  const keep = others.find((s) => s.id === keepId);

  const merge = async () => {
    if (!keep) return;
    setBusy(true);
    try {
      const r = await app.track(call('sources:merge', keep.id, duplicate.id));
      onMerged(r.source, r);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Merge into another source"
      onClose={onClose}
      busy={busy}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="button primary" disabled={!keep || busy} onClick={() => void merge()}>
            {busy ? 'Merging…' : keep ? `Merge and move ${plural(factCount, 'fact')}` : 'Merge'}
          </button>
        </>
      }
    >
      <p className="dialog-text">
        Use this when <strong>“{duplicate.title}”</strong> is a duplicate of a source you keep. Choose the source to keep:
      </p>
      <div className="field">
        <label htmlFor="merge-keep">Keep</label>
        <SourcePicker
          id="merge-keep"
          sources={others}
          value={keepId}
          label="Source to keep"
          placeholder="Type part of its title, author or outlet"
          onChange={setKeepId}
        />
      </div>
      {keep && (
        <div className="confirm-summary" role="status" data-testid="merge-summary">
          <p>
            {factCount === 0 ? (
              <>“{duplicate.title}” has no facts to move.</>
            ) : (
              <>
                <strong>{plural(factCount, 'fact')}</strong> will move from “{duplicate.title}” to “{keep.title}”
                {keep.factCount ? ` (which has ${plural(keep.factCount, 'fact')})` : ''}. Facts with the same words in both become one, and briefings citing
                them follow.
              </>
            )}
          </p>
          <p className="muted small">
            Empty fields of “{keep.title}”{shortCitation(keep) ? ` (${shortCitation(keep)})` : ''} are filled from the duplicate; then “{duplicate.title}” is
            deleted.
          </p>
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
