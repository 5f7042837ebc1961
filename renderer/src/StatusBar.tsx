import { useApp } from './state';
import { formatCount } from './format';
import { TeamChip } from './team/TeamChip';

export function StatusBar() {
  const app = useApp();
  const c = app.counts;
  const s = app.saving;
  const saveText =
    s.pending > 0
      ? 'Saving…'
      : s.lastError
        ? `Not saved: ${s.lastError}`
        : s.lastSaved
          ? `All changes saved ${s.lastSaved.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
          : 'Ready';
  return (
    <footer className="statusbar" aria-label="Status">
      <span className="status-item" title={app.info?.path}>
        {app.info ? app.info.path : app.connected ? 'Opening library…' : 'Not connected'}
      </span>
      {c && (
        <span className="status-item">
          {formatCount(c.facts)} facts · {formatCount(c.sources)} sources · {formatCount(c.briefings)} briefings
        </span>
      )}
      {app.info && <span className="status-item">Markings: {app.info.markingScheme.name}</span>}
      <span className="status-spacer" />
      {app.info && <TeamChip />}
      <span className={`status-item${s.lastError && s.pending === 0 ? ' status-error' : ''}`} role="status" aria-live="polite" data-testid="save-status">
        {saveText}
      </span>
    </footer>
  );
}
