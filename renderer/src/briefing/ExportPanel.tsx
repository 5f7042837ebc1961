import { useEffect, useRef, useState } from 'react';
import type { ExportResult } from '../../../api/contract';
import type { Briefing } from '../../../core/model';
import { ApiError, call, errorMessage, hasShell, onShellEvent, shellCall } from '../api';
import { formatCount, stripInvisibles } from '../format';
import { useApp } from '../state';
import { Icon } from '../ui/Icon';

export type Format = 'docx' | 'markdown' | 'text';
const EXT: Record<Format, string> = { docx: 'docx', markdown: 'md', text: 'txt' };
export const LABEL: Record<Format, string> = { docx: 'Word document (.docx)', markdown: 'Markdown (.md)', text: 'Plain text (.txt)' };

/** A file name from a title: no path separators, reserved characters, controls or trailing dots. */
function exportFileName(title: string, format: Format): string {
  const base =
    stripInvisibles(title)
      .replace(/[\u0000-\u001f<>:"/\\|?*]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[. ]+$/, '')
      .slice(0, 120) || 'Briefing';
  return `${base}.${EXT[format]}`;
}

/** Where the export went in the briefing's history: the version it recorded, or why none. */
export function exportRecord(result: Pick<ExportResult, 'version'>): string {
  return result.version !== undefined ? `Version ${result.version} in this briefing’s history` : 'Not recorded in history: the library is open read-only.';
}

/** Where the end-to-end harness has files written (no shell, so no save dialog). */
function harnessTarget(b: Briefing, format: Format): string | undefined {
  const dir = window.__dossierTestExportDir;
  return dir ? `${dir.replace(/[\\/]+$/, '')}/${exportFileName(b.title, format)}` : undefined;
}

/**
 * An id for a shell operation, chosen here so its progress events can be followed from the
 * start. getRandomValues, not randomUUID: the latter exists only in secure contexts.
 */
function newOpId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `export-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

interface Running {
  /** The shell's operation id; undefined when exporting without the shell (nothing to cancel). */
  opId?: string;
  phase: string;
  /** 0–1 when the shell reports steps; undefined shows an indeterminate bar. */
  fraction?: number;
  cancelling?: boolean;
}

interface ProgressEvent {
  opId: string;
  phase: string;
  done: number;
  total?: number;
}

/**
 * Export: format, then — in the desktop app — the shell's export operation (its save dialog,
 * the export, the written file recorded as openable) with its phases shown as they come and a
 * Cancel that stops it at the next step. Without the shell (the end-to-end harness) the core
 * export runs directly into the harness's folder with an indeterminate bar; it cannot be
 * cancelled, and opening or revealing the file is the shell's, so those controls say why not.
 */
export function ExportPanel({ briefing, onClose }: { briefing: Briefing; onClose(): void }) {
  const app = useApp();
  const shell = hasShell();
  const [format, setFormat] = useState<Format>('docx');
  const [running, setRunning] = useState<Running>();
  const [result, setResult] = useState<ExportResult>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const busy = running !== undefined;

  const ref = useRef<HTMLDivElement>(null);
  const busyRef = useRef(busy);
  busyRef.current = busy;
  // Escape or a click elsewhere closes the panel — not while exporting: the progress and its
  // Cancel stay in view until the export ends.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !busyRef.current && onClose();
    const onDown = (e: MouseEvent) => {
      const t = e.target as Node;
      if (busyRef.current) return;
      if (ref.current && !ref.current.contains(t) && !(t instanceof Element && t.closest('.popover-anchor'))) onClose();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, [onClose]);

  const viaShell = async () => {
    const opId = newOpId();
    setRunning({ opId, phase: 'Starting' });
    const off = onShellEvent('operation:progress', (payload) => {
      const p = payload as ProgressEvent | null;
      if (!p || p.opId !== opId) return;
      setRunning((r) => r && { ...r, phase: p.phase, ...(p.total ? { fraction: Math.max(0, Math.min(1, p.done / p.total)) } : {}) });
    });
    try {
      const r = await shellCall('export:briefing', { opId, briefingId: briefing.id, format });
      if (r && !('canceled' in r)) setResult(r);
    } finally {
      off();
    }
  };

  const direct = async () => {
    const out = harnessTarget(briefing, format);
    if (!out) throw new Error('Exporting needs the desktop app’s save dialog.');
    setRunning({ phase: 'Exporting' });
    setResult(await call('briefings:export', briefing.id, { format, out }));
  };

  const run = async () => {
    setError(undefined);
    setNotice(undefined);
    setResult(undefined);
    try {
      await app.track(shell ? viaShell() : direct());
    } catch (e) {
      if (e instanceof ApiError && e.code === 'cancelled') setNotice('Export cancelled. No file was written.');
      else setError(errorMessage(e));
    } finally {
      setRunning(undefined);
    }
  };

  const cancel = async () => {
    const opId = running?.opId;
    if (!opId) return;
    setRunning((r) => r && { ...r, cancelling: true });
    try {
      const r = await shellCall('operation:cancel', opId);
      // Already finished: the result (or error) arrives with the export's own answer.
      if (r && !r.cancelled) setRunning((x) => x && { ...x, cancelling: false });
    } catch (e) {
      app.notify(errorMessage(e), 'error');
    }
  };

  const fileAction = (name: 'file:open' | 'file:showInFolder', path: string) =>
    void shellCall(name, path).catch((e: unknown) => app.notify(errorMessage(e), 'error'));

  return (
    <div ref={ref} className="popover export-panel" role="dialog" aria-label="Export briefing" aria-busy={busy}>
      <fieldset className="export-formats" disabled={busy}>
        <legend>Format</legend>
        {(Object.keys(LABEL) as Format[]).map((f) => (
          <label key={f} className="radio">
            <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} autoFocus={f === format} /> {LABEL[f]}
          </label>
        ))}
      </fieldset>
      {running && (
        <div className="export-progress" data-testid="export-progress">
          <div className="export-phase" role="status" aria-live="polite">
            {running.cancelling ? 'Cancelling…' : `${running.phase}…`}
          </div>
          <div
            className="progress"
            role="progressbar"
            aria-label="Export progress"
            aria-valuetext={running.phase}
            aria-valuemin={0}
            aria-valuemax={100}
            {...(running.fraction !== undefined ? { 'aria-valuenow': Math.round(running.fraction * 100) } : {})}
          >
            <div
              className={`progress-bar${running.fraction === undefined ? ' indeterminate' : ''}`}
              style={running.fraction !== undefined ? { width: `${running.fraction * 100}%` } : undefined}
            />
          </div>
          <div className="export-progress-actions">
            {running.opId ? (
              <button type="button" className="button small" disabled={running.cancelling} onClick={() => void cancel()}>
                Cancel export
              </button>
            ) : (
              <>
                <button type="button" className="button small" disabled aria-describedby="export-nocancel">
                  Cancel export
                </button>
                <span id="export-nocancel" className="muted small">
                  Only the desktop app can stop an export under way.
                </span>
              </>
            )}
          </div>
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="export-notice" role="status">
          {notice}
        </p>
      )}
      {result && (
        <div className="export-result" role="status" data-testid="export-result">
          <div>
            <Icon name="check" /> Exported {formatCount(result.notes)} note{result.notes === 1 ? '' : 's'}, {formatCount(Math.ceil(result.bytes / 1024))} KB
          </div>
          <div className="export-path" title={result.path}>
            {result.path}
          </div>
          <div className="export-record" data-testid="export-record">
            {exportRecord(result)}
          </div>
          <div className="export-hash">
            SHA-256 <code data-testid="export-sha256">{result.sha256}</code>
          </div>
          {result.warnings.length > 0 && (
            <div className="muted">
              {result.warnings.length} pre-flight warning{result.warnings.length === 1 ? '' : 's'} — see Checks.
            </div>
          )}
          <div className="export-actions">
            <button
              type="button"
              className="button small"
              disabled={!shell}
              aria-describedby={shell ? undefined : 'export-noshell'}
              onClick={() => fileAction('file:open', result.path)}
            >
              <Icon name="open" /> Open
            </button>
            <button
              type="button"
              className="button small"
              disabled={!shell}
              aria-describedby={shell ? undefined : 'export-noshell'}
              onClick={() => fileAction('file:showInFolder', result.path)}
            >
              <Icon name="folder" /> Show in folder
            </button>
          </div>
          {!shell && (
            <div id="export-noshell" className="muted small">
              Opening the file or its folder needs the Dossier desktop app.
            </div>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" disabled={busy} onClick={onClose} title={busy ? 'Cancel or wait for the export first' : undefined}>
          Close
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={() => void run()}>
          {busy ? 'Exporting…' : shell ? 'Export…' : 'Export'}
        </button>
      </div>
    </div>
  );
}
