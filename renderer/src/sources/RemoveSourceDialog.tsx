import { useState } from 'react';
import type { Source } from '../../../core/model';
import { call, errorMessage } from '../api';
import { plural } from '../format';
import { useApp } from '../state';
import { Dialog } from '../ui/Dialog';

interface Props {
  source: Source;
  factCount: number;
  onClose(): void;
  onRemoved(removedFacts: number): void;
}

/**
 * Deleting a source. With facts, the dialog names how many will be deleted with it and asks for
 * that explicitly (the core refuses a source with facts unless told to cascade); the core also
 * refuses while a briefing cites one of them, and says so here.
 */
export function RemoveSourceDialog({ source, factCount, onClose, onRemoved }: Props) {
  const app = useApp();
  const [cascade, setCascade] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const remove = async () => {
    setBusy(true);
    try {
      const r = await app.track(call('sources:remove', source.id, factCount > 0 ? { cascade } : {}));
      onRemoved(r.removedFacts);
    } catch (e) {
      setError(errorMessage(e).replace(/ or ask to cascade \(--cascade\)/, ''));
      setBusy(false);
    }
  };

  const n = plural(factCount, 'fact');
  return (
    <Dialog
      title="Delete source"
      onClose={onClose}
      busy={busy}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy} data-autofocus>
            Cancel
          </button>
          <button type="button" className="button danger" disabled={busy || (factCount > 0 && !cascade)} onClick={() => void remove()}>
            {busy ? 'Deleting…' : factCount > 0 ? `Delete source and ${n}` : 'Delete source'}
          </button>
        </>
      }
    >
      {factCount === 0 ? (
        <p className="dialog-text">
          Delete <strong>“{source.title}”</strong>? It has no facts. This cannot be undone.
        </p>
      ) : (
        <>
          <p className="dialog-text">
            <strong>“{source.title}”</strong> has <strong>{n}</strong>. Deleting the source deletes {factCount === 1 ? 'that fact' : `all ${n}`} too; this
            cannot be undone. If it is a duplicate, merge it into the source you keep instead.
          </p>
          <label className="check confirm-check">
            <input type="checkbox" checked={cascade} onChange={(e) => setCascade(e.target.checked)} /> Also delete its {n}
          </label>
        </>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
