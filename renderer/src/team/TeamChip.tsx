import { useState } from 'react';
import { TeamDialog } from './TeamDialog';
import { chipText, useTeamStatus } from './useTeamStatus';

const WARN = new Set(['offline', 'conflicts', 'password_needed', 'password_refused', 'revoked']);

/** The status bar's team chip ("Synced 2 min ago", "3 to send", "Offline — will retry", "2 conflicts"); opens Team. */
export function TeamChip() {
  const [status, setStatus] = useTeamStatus();
  const [open, setOpen] = useState(false);
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
