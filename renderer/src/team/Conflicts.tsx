import { useCallback, useEffect, useState } from 'react';
import type { TeamConflict } from '../../../api/contract';
import { call, errorMessage } from '../api';
import { useApp } from '../state';
import { formatDateTime } from '../format';

/**
 * Open team conflicts: both values side by side, who made the one that stands on the server,
 * and "Keep mine" / "Keep theirs". With a fact id, that fact's only (the inspector).
 */
export function TeamConflicts({ factId, onResolved }: { factId?: string; onResolved?(): void }) {
  const app = useApp();
  const [conflicts, setConflicts] = useState<TeamConflict[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();

  const load = useCallback(async () => {
    try {
      setConflicts(await (factId ? call('team:conflicts', factId) : call('team:conflicts')));
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [factId]);

  useEffect(() => {
    void load();
  }, [load, app.dataVersion, app.libraryEpoch]);

  const resolve = async (c: TeamConflict, keep: 'mine' | 'theirs') => {
    setBusy(c.id);
    try {
      await call('team:resolve', c.id, keep);
      app.notify(keep === 'mine' ? 'Kept your value; it goes to the team at the next sync.' : "Kept the team's value.");
      app.touchData();
      onResolved?.();
      await load();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  if (error) return <div className="field-error">{error}</div>;
  if (!conflicts) return null;
  if (!conflicts.length) return factId ? null : <p className="muted">No open conflicts.</p>;
  return (
    <ul className="team-conflicts" aria-label="Team conflicts">
      {conflicts.map((c) => (
        <li key={c.id} className="team-conflict" data-testid="team-conflict">
          {!factId && <p className="team-conflict-what">{c.what}</p>}
          <p className="team-conflict-kind">
            <strong>{c.fieldLabel}</strong> · {c.kindLabel}
          </p>
          <div className="team-conflict-sides">
            <div className="team-conflict-side">
              <span className="team-conflict-label">Yours</span>
              <span className="team-conflict-value">{c.mine}</span>
            </div>
            <div className="team-conflict-side">
              <span className="team-conflict-label">Team{c.byUser ? ` (${c.byUser})` : ''}</span>
              <span className="team-conflict-value">{c.theirs}</span>
            </div>
          </div>
          <p className="muted">Found {formatDateTime(c.createdAt)}</p>
          <div className="team-conflict-actions">
            <button type="button" disabled={busy === c.id} onClick={() => void resolve(c, 'mine')} aria-label={`Keep mine for ${c.fieldLabel}: ${c.mine}`}>
              Keep mine
            </button>
            <button
              type="button"
              disabled={busy === c.id}
              onClick={() => void resolve(c, 'theirs')}
              aria-label={`Keep theirs for ${c.fieldLabel}: ${c.theirs}`}
            >
              Keep theirs
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The inspector's section: shown only when the fact has open conflicts. */
export function FactConflictsSection({ factId, onResolved }: { factId: string; onResolved(): void }) {
  const app = useApp();
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    call('team:conflicts', factId)
      .then((c) => live && setCount(c.length))
      .catch(() => live && setCount(0));
    return () => {
      live = false;
    };
  }, [factId, app.dataVersion, app.libraryEpoch]);
  if (!count) return null;
  return (
    <section className="inspector-section team-conflicts-section" aria-label="Conflicts with the team">
      <h3>Conflicts with the team</h3>
      <TeamConflicts factId={factId} onResolved={onResolved} />
    </section>
  );
}
