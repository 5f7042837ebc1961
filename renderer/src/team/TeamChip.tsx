import { useEffect, useRef, useState } from 'react';
import { useApp } from '../state';
import { TeamDialog } from './TeamDialog';
import { chipText, useTeamStatus } from './useTeamStatus';

const WARN = new Set(['offline', 'conflicts', 'password_needed', 'password_refused', 'revoked']);

/** The status bar's team chip ("Synced 2 min ago", "3 to send", "Offline — will retry", "2 conflicts"); opens Team. */
export function TeamChip() {
  const [status, setStatus] = useTeamStatus();
  const [open, setOpen] = useState(false);
  useReloadAfterSync(status?.lastSyncAt, status?.conflicts);
  if (!status) return null;
  const text = chipText(status);
  return (
    <>
      <button
        type="button"
        className={`status-item team-chip${WARN.has(status.state) ? ' team-chip-warn' : ''}`}
        data-testid="team-chip"
        title={status.message || text}
        aria-label={status.linked ? `Team ${status.team}: ${text}. Open Team` : 'Link this library to a team'}
        onClick={() => setOpen(true)}
      >
        {status.linked ? text : 'Team: not linked'}
      </button>
      {open && <TeamDialog status={status} onStatus={setStatus} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * A background sync may have brought rows or conflicts the open views do not show yet: when
 * one ends (a new sync time, a different number of conflicts), the views read the library
 * again. Here, in the one chip, so one sync reloads once.
 */
function useReloadAfterSync(lastSyncAt: string | null | undefined, conflicts: number | undefined): void {
  const { touchData } = useApp();
  const seen = useRef<string>(undefined);
  useEffect(() => {
    const key = `${lastSyncAt ?? ''}|${conflicts ?? 0}`;
    if (seen.current !== undefined && seen.current !== key) touchData();
    seen.current = key;
  }, [lastSyncAt, conflicts, touchData]);
}
