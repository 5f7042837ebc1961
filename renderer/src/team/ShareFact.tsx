import { useState } from 'react';
import { call, errorMessage } from '../api';
import { useApp } from '../state';
import { useTeamStatus } from './useTeamStatus';

/**
 * The inspector's "Share with team" for the selected fact (with its source); shown only in a
 * linked library. A fact already shared says so instead.
 */
export function ShareFactButton({ factId, sharedWith }: { factId: string; sharedWith?: string | undefined }) {
  const app = useApp();
  const [status] = useTeamStatus();
  const [busy, setBusy] = useState(false);
  if (!status?.linked) return null;
  if (sharedWith) return <p className="muted">Shared with team “{sharedWith}”.</p>;
  const share = async () => {
    setBusy(true);
    try {
      const r = await call('team:share', { ids: [factId] });
      app.notify(r.shared.fact ? `Shared with "${r.team}"; it goes up at the next sync.` : `Already shared with "${r.team}".`);
      app.touchData();
    } catch (e) {
      app.notify(errorMessage(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button" disabled={busy} onClick={() => void share()} aria-label={`Share this fact with team ${status.team ?? ''}`}>
      Share with team
    </button>
  );
}
