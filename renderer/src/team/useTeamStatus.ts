import { useEffect, useState } from 'react';
import type { TeamStatus } from '../../../api/contract';
import { call, onShellEvent } from '../api';
import { useApp } from '../state';

/** The team library's state: read when the library opens, then kept current by the core's `team:state` events. */
export function useTeamStatus(): [TeamStatus | undefined, (s: TeamStatus) => void] {
  const app = useApp();
  const [status, setStatus] = useState<TeamStatus>();
  useEffect(() => {
    let live = true;
    call('team:status')
      .then((s) => live && setStatus(s))
      .catch(() => live && setStatus(undefined));
    const off = onShellEvent('team:state', (s) => {
      if (s && typeof s.state === 'string') setStatus(s);
    });
    return () => {
      live = false;
      off();
    };
  }, [app.libraryEpoch, app.dataVersion]);
  return [status, setStatus];
}

/** "just now", "2 min ago", "3 h ago", else the date. */
export function agoText(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return new Date(iso).toLocaleDateString();
}

/** The chip's words for a state. */
export function chipText(s: TeamStatus, now = Date.now()): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (s.syncing) return 'Syncing…';
  switch (s.state) {
    case 'unlinked':
      return 'Personal library';
    case 'synced':
      return `Synced ${agoText(s.lastSyncAt, now)}`;
    case 'pending':
      return `${s.pending} to send`;
    case 'offline':
      return 'Offline — will retry';
    case 'conflicts':
      return plural(s.conflicts, 'conflict', 'conflicts');
    case 'password_needed':
      return 'Team password needed';
    case 'password_refused':
      return 'Password refused';
    case 'revoked':
      return 'No longer a team member';
  }
}
