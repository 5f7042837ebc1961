import { useCallback, useEffect, useState } from 'react';
import type { Briefing } from '../../../core/model';
import type { VersionDiff } from '../../../core/version-diff';
import type { VersionReason, VersionSummary } from '../../../core/versions';
import { call, errorMessage } from '../api';
import { formatDateTime, plural } from '../format';
import { useApp } from '../state';
import { Icon } from '../ui/Icon';
import { type Format, LABEL as FORMAT_LABEL } from './ExportPanel';
import { type WordPart, wordDiff } from './word-diff';

const REASONS: Record<VersionReason, string> = { edit: 'Editing session', export: 'Exported', restore: 'Restored', import: 'Imported' };

/** "4 Dec. 2026, 14:05" in the machine's time zone: when the version was stored. */
function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${formatDateTime(iso)}, ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** A written file's name, and the folder it is in (either separator: the library may have travelled). */
export function splitPath(path: string): { name: string; folder: string } {
  const at = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return { name: path.slice(at + 1), folder: at > 0 ? path.slice(0, at) : '' };
}

/** Up to two versions picked to compare; a third pick drops the older pick. */
export function togglePick(picked: readonly number[], n: number): number[] {
  if (picked.includes(n)) return picked.filter((x) => x !== n);
  return [...picked, n].slice(-2);
}

/**
 * The briefing's history, a tab beside Preview and Checks: every stored version (each export
 * with its file and SHA-256 — "what did we send on Tuesday" — and each editing session), what
 * changed between two of them or between one and the briefing as it is now, and putting an
 * old version back as a new one after a confirm. `onRestored` gets the briefing as restored.
 */
export function HistoryPanel({ briefing, onRestored }: { briefing: Briefing; onRestored(b: Briefing): void }) {
  const app = useApp();
  const [versions, setVersions] = useState<VersionSummary[]>();
  const [error, setError] = useState<string>();
  const [picked, setPicked] = useState<number[]>([]);
  const [diff, setDiff] = useState<{ from: number; to?: number; diff: VersionDiff }>();
  const [diffError, setDiffError] = useState<string>();
  const [confirm, setConfirm] = useState<number>();
  const [restoring, setRestoring] = useState(false);

  // Reload when the briefing changes: an export or the end of an editing session adds versions.
  useEffect(() => {
    let live = true;
    call('briefings:history', briefing.id)
      .then((v) => {
        if (!live) return;
        setVersions(v);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (live) setError(errorMessage(e));
      });
    return () => {
      live = false;
    };
  }, [briefing.id, briefing.updatedAt, app.dataVersion]);

  // The diff of the picked versions: older to newer, or one version to the briefing as it is now.
  const [from, to] = [...picked].sort((a, b) => a - b) as [number?, number?];
  useEffect(() => {
    if (from === undefined) return setDiff(undefined);
    let live = true;
    (to === undefined ? call('briefings:diff', briefing.id, from) : call('briefings:diff', briefing.id, from, to))
      .then((d) => {
        if (!live) return;
        setDiff({ from, ...(to === undefined ? {} : { to }), diff: d });
        setDiffError(undefined);
      })
      .catch((e: unknown) => {
        if (live) setDiffError(errorMessage(e));
      });
    return () => {
      live = false;
    };
  }, [briefing.id, briefing.updatedAt, from, to]);

  const restore = useCallback(
    async (n: number) => {
      setRestoring(true);
      try {
        const r = await app.track(call('briefings:restoreVersion', briefing.id, n));
        app.notify(
          r.changed
            ? `Restored version ${n} as version ${r.number}; what it replaced is version ${r.previous}.`
            : `The briefing already reads as version ${n}.`,
        );
        setPicked([]);
        onRestored(r.briefing);
        app.touchData();
      } catch (e) {
        app.notify(errorMessage(e), 'error');
      } finally {
        setRestoring(false);
        setConfirm(undefined);
      }
    },
    [app, briefing.id, onRestored],
  );

  if (error)
    return (
      <div className="history" role="tabpanel" id="panel-history" aria-labelledby="tab-history">
        <p className="error-text">{error}</p>
      </div>
    );
  if (!versions)
    return (
      <div className="history" role="tabpanel" id="panel-history" aria-labelledby="tab-history" aria-busy>
        <p className="muted list-empty">Reading the history…</p>
      </div>
    );

  return (
    <div className="history" role="tabpanel" id="panel-history" aria-labelledby="tab-history" data-testid="history">
      {versions.length === 0 ? (
        <p className="muted list-empty">No versions yet. One is stored at each export, and when you come back to editing after a pause.</p>
      ) : (
        <>
          <p className="muted small history-hint">Tick one version to see what changed since, or two to compare them.</p>
          <ol className="version-list" aria-label="Versions">
            {[...versions].reverse().map((v) => (
              <li key={v.number} className={`version${picked.includes(v.number) ? ' picked' : ''}`} data-version={v.number}>
                <div className="version-head">
                  <label className="version-pick">
                    <input
                      type="checkbox"
                      checked={picked.includes(v.number)}
                      onChange={() => setPicked((p) => togglePick(p, v.number))}
                      aria-label={`Compare version ${v.number}`}
                    />
                    <span className="version-number">v{v.number}</span>
                  </label>
                  <span className={`version-reason reason-${v.reason}`}>{REASONS[v.reason]}</span>
                  <span className="muted small">{when(v.createdAt)}</span>
                  <span className="toolbar-spacer" />
                  <span className="muted small">
                    {plural(v.counts.items, 'item')}, {plural(v.counts.notes, 'note')}
                  </span>
                  <button type="button" className="button link small" disabled={restoring} onClick={() => setConfirm(v.number)}>
                    Restore…
                  </button>
                </div>
                {v.title !== briefing.title && <div className="version-title small">“{v.title}”</div>}
                {v.exports.map((e, i) => (
                  <div key={i} className="version-export small">
                    <div className="version-export-head">
                      <Icon name="export" /> Exported as {FORMAT_LABEL[e.format as Format] ?? e.format} · {when(e.createdAt)}
                    </div>
                    <div className="version-file" title={e.path}>
                      <span className="version-file-name">{splitPath(e.path).name}</span>
                      {splitPath(e.path).folder && <span className="version-file-folder"> in {splitPath(e.path).folder}</span>}
                    </div>
                    <div className="version-sha" title={`SHA-256 of the file as written: ${e.sha256}`}>
                      SHA-256 {e.sha256}
                    </div>
                  </div>
                ))}
                {confirm === v.number && (
                  <div className="confirm-row" role="alertdialog" aria-label={`Restore version ${v.number}`}>
                    <span>Restore version {v.number}? The briefing as it is now is kept as a version first; undo starts afresh from the restored text.</span>
                    <button type="button" className="button primary small" disabled={restoring} onClick={() => void restore(v.number)} autoFocus>
                      Restore
                    </button>
                    <button type="button" className="button small" disabled={restoring} onClick={() => setConfirm(undefined)}>
                      Cancel
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {diffError && <p className="error-text">{diffError}</p>}
      {diff && <DiffView {...diff} />}
    </div>
  );
}

function DiffView({ from, to, diff }: { from: number; to?: number; diff: VersionDiff }) {
  return (
    <section className="version-diff" aria-label="Changes" data-testid="version-diff">
      <h3 className="version-diff-title">
        Version {from} → {to === undefined ? 'now' : `version ${to}`}
      </h3>
      {diff.unchanged && (
        <p className="checks-ok">
          <Icon name="check" /> No changes.
        </p>
      )}
      {diff.settings.length > 0 && (
        <ul className="diff-list" aria-label="Settings">
          {diff.settings.map((s) => (
            <li key={s.setting} className="diff-changed">
              <span className="diff-label">{s.setting.replace(/^fields\./, '')}</span> <del>{s.before ?? '—'}</del> → <ins>{s.after ?? '—'}</ins>
            </li>
          ))}
        </ul>
      )}
      {diff.sections.map((s) => (
        <div key={`${s.status}-${s.key}`} className={`diff-section diff-section-${s.status}`}>
          <h4>
            {s.heading}
            {s.headingBefore !== undefined && <span className="muted small"> (was “{s.headingBefore}”)</span>}
            {s.status !== 'changed' && <span className="muted small"> — section {s.status}</span>}
          </h4>
          <ul className="diff-list">
            {s.changes.map((c, i) => (
              <li key={i} className={`diff-${c.kind}`}>
                <span className="diff-at" aria-hidden>
                  {c.kind === 'added' ? '+' : c.kind === 'removed' ? '−' : '~'}
                </span>
                {c.kind === 'changed' ? <Changed before={c.before} after={c.after} /> : c.kind === 'added' ? <ins>{c.after}</ins> : <del>{c.before}</del>}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {diff.notes.length > 0 && (
        <div className="diff-section">
          <h4>Notes</h4>
          <ul className="diff-list">
            {diff.notes.map((n) => (
              <li key={n.clusterId} className={`diff-${n.kind}`}>
                <span className="diff-at" aria-hidden>
                  {n.kind === 'added' ? '+' : n.kind === 'removed' ? '−' : '~'}
                </span>
                {n.before && n.after ? (
                  <Changed label={noteLabel(n.before, n.after)} before={n.before.text} after={n.after.text} />
                ) : (
                  <span>
                    <span className="diff-label">{noteLabel(n.before, n.after)}</span>
                    {n.before && <del>{n.before.text}</del>}
                    {n.after && <ins>{n.after.text}</ins>}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** A changed paragraph or note: the text before and after, the words that differ marked on each side. */
function Changed({ before, after, label }: { before: string; after: string; label?: string }) {
  const d = wordDiff(before, after);
  return (
    <span className="diff-changed-text">
      {label && <span className="diff-label">{label}</span>}
      <del>
        <Parts parts={d.before} />
      </del>
      <ins>
        <Parts parts={d.after} />
      </ins>
    </span>
  );
}

function Parts({ parts }: { parts: WordPart[] }) {
  return parts.map((p, i) =>
    p.changed ? (
      <span key={i} className="diff-word">
        {p.text}
      </span>
    ) : (
      p.text
    ),
  );
}

function noteLabel(before?: { number?: number }, after?: { number?: number }): string {
  const a = before?.number;
  const b = after?.number;
  if (a === undefined && b === undefined) return 'Citation';
  if (a !== undefined && b !== undefined && a !== b) return `Note ${a} (now ${b})`;
  return `Note ${a ?? b}`;
}
