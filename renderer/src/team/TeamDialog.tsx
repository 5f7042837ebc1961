import { useState, type FormEvent } from 'react';
import type { TeamStatus } from '../../../api/contract';
import { call, errorMessage } from '../api';
import { useApp } from '../state';
import { Dialog } from '../ui/Dialog';
import { TeamConflicts } from './Conflicts';
import { agoText, chipText } from './useTeamStatus';

const NO_KEYCHAIN =
  'This computer offers Dossier no keychain to encrypt the password with (Electron safeStorage is unavailable), so it is kept for this session only and asked for each time.';

/** Team: link this library (server, team, password), see the sync state, sync now, share, settle conflicts. */
export function TeamDialog({ status, onStatus, onClose }: { status: TeamStatus | undefined; onStatus(s: TeamStatus): void; onClose(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const run = async (work: () => Promise<TeamStatus | void>) => {
    setBusy(true);
    setError(undefined);
    try {
      const s = await work();
      if (s) onStatus(s);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Team"
      className="team-dialog"
      onClose={onClose}
      busy={busy}
      actions={
        <>
          {status?.linked && (
            <button type="button" disabled={busy || status.syncing} onClick={() => void run(() => call('team:sync'))}>
              Sync now
            </button>
          )}
          <button type="button" onClick={onClose} disabled={busy}>
            Close
          </button>
        </>
      }
    >
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      {!status || !status.linked ? <LinkForm busy={busy} run={run} /> : <Linked status={status} busy={busy} run={run} />}
    </Dialog>
  );
}

/** The line under the state: offline says why only (the State row above already says "Offline — will retry"). */
function stateLine(s: TeamStatus): string {
  if (s.state !== 'offline' || !s.lastError) return s.message;
  return s.lastError.charAt(0).toUpperCase() + s.lastError.slice(1);
}

type Run = (work: () => Promise<TeamStatus | void>) => Promise<void>;

function LinkForm({ busy, run }: { busy: boolean; run: Run }) {
  const [url, setUrl] = useState('');
  const [team, setTeam] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => call('team:link', { url, team, password }));
  };
  return (
    <form className="team-link-form" onSubmit={submit} aria-label="Link this library to a team">
      <p className="muted">
        Share facts with your team through the office’s PostgreSQL server. Everything keeps working offline; changes go up when the server can be reached.
      </p>
      <label htmlFor="team-url">Server (PostgreSQL connection string, with your user name)</label>
      <input id="team-url" type="text" value={url} placeholder="postgresql://you@db.office.example/dossier" onChange={(e) => setUrl(e.target.value)} required />
      <label htmlFor="team-name">Team</label>
      <input id="team-name" type="text" value={team} onChange={(e) => setTeam(e.target.value)} required />
      <label htmlFor="team-password">Password</label>
      <input id="team-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      <button type="submit" disabled={busy || !url.trim() || !team.trim() || !password}>
        {busy ? 'Linking…' : 'Link library'}
      </button>
    </form>
  );
}

function Linked({ status, busy, run }: { status: TeamStatus; busy: boolean; run: Run }) {
  const askPassword = status.state === 'password_needed' || status.state === 'password_refused';
  return (
    <div className="team-linked">
      <dl className="team-facts">
        <dt>Team</dt>
        <dd>{status.team}</dd>
        <dt>You</dt>
        <dd>
          {status.user}
          {status.role && <span className="muted"> · {status.role}</span>}
        </dd>
        <dt>Server</dt>
        <dd>{status.server}</dd>
        <dt>State</dt>
        <dd data-testid="team-state">{chipText(status)}</dd>
        <dt>Last sync</dt>
        <dd>{agoText(status.lastSyncAt)}</dd>
      </dl>
      {status.message && status.state !== 'synced' && (
        <p className={status.state === 'offline' || askPassword || status.state === 'revoked' ? 'field-error' : 'muted'}>{stateLine(status)}</p>
      )}
      {status.keychain === false && <p className="muted">{NO_KEYCHAIN}</p>}
      {askPassword && <PasswordForm busy={busy} run={run} />}
      <ShareForm busy={busy} />
      <h3>Conflicts</h3>
      <TeamConflicts />
    </div>
  );
}

function PasswordForm({ busy, run }: { busy: boolean; run: Run }) {
  const [password, setPassword] = useState('');
  return (
    <form
      className="team-password-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => call('team:password', password));
      }}
    >
      <label htmlFor="team-password-again">Team password</label>
      <input id="team-password-again" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit" disabled={busy || !password}>
        Use password
      </button>
    </form>
  );
}

/** Share a tag's facts or a briefing (with the facts it cites); single facts are shared from the inspector. */
function ShareForm({ busy }: { busy: boolean }) {
  const app = useApp();
  const [choice, setChoice] = useState('');
  const [working, setWorking] = useState(false);
  const share = async () => {
    const [kind, value] = [choice.slice(0, 2), choice.slice(2)];
    setWorking(true);
    try {
      const r = await call('team:share', kind === 't:' ? { tag: value } : { brief: value });
      const n = Object.values(r.shared).reduce((a, b) => a + b, 0);
      app.notify(
        n
          ? `Shared ${r.shared.fact} facts, ${r.shared.source} sources, ${r.shared.briefing} briefings with "${r.team}". They go up at the next sync.`
          : 'All of it is shared already.',
      );
      app.touchData();
    } catch (e) {
      app.notify(errorMessage(e), 'error');
    } finally {
      setWorking(false);
    }
  };
  return (
    <div className="team-share">
      <label htmlFor="team-share-what">Share with the team</label>
      <select id="team-share-what" value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">Choose a tag or a briefing…</option>
        <optgroup label="Tags">
          {app.tags.map((t) => (
            <option key={t.name} value={`t:${t.name}`}>
              {t.name} ({t.count})
            </option>
          ))}
        </optgroup>
        <optgroup label="Briefings">
          {app.briefings.map((b) => (
            <option key={b.id} value={`b:${b.id}`}>
              {b.title}
            </option>
          ))}
        </optgroup>
      </select>
      <button type="button" disabled={busy || working || !choice} onClick={() => void share()}>
        Share
      </button>
    </div>
  );
}
