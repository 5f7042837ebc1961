import { useEffect, useRef, useState } from 'react';
import type { ExportResult } from '../../../export/export-briefing';
import type { Briefing } from '../../../core/model';
import { call, errorMessage, hasShell, onShellEvent, shellCall } from '../api';
import { formatCount, stripInvisibles } from '../format';
import { useApp } from '../state';
import { Icon } from '../ui/Icon';

type Format = 'docx' | 'markdown' | 'text';
const EXT: Record<Format, string> = { docx: 'docx', markdown: 'md', text: 'txt' };
const LABEL: Record<Format, string> = { docx: 'Word document (.docx)', markdown: 'Markdown (.md)', text: 'Plain text (.txt)' };

/** A file name from a title: no path separators, reserved characters, controls or trailing dots. */
export function exportFileName(title: string, format: Format): string {
  const base =
    stripInvisibles(title)
      .replace(/[\u0000-\u001f<>:"/\\|?*]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[. ]+$/, '')
      .slice(0, 120) || 'Briefing';
  return `${base}.${EXT[format]}`;
}

/**
 * Where the file goes: in the desktop app the user picks it in the native save dialog (the
 * main process then allows exactly that path); the end-to-end harness names a folder instead.
 */
async function chooseTarget(b: Briefing, format: Format): Promise<string | undefined | null> {
  const name = exportFileName(b.title, format);
  if (hasShell()) {
    const r = await shellCall<string | { path?: string; canceled?: boolean } | null>('dialog:saveFile', { purpose: 'export', defaultName: name, format });
    if (!r) return null;
    if (typeof r === 'string') return r;
    return r.canceled || !r.path ? null : r.path;
  }
  const dir = window.__dossierTestExportDir;
  if (dir) return `${dir.replace(/[\\/]+$/, '')}/${name}`;
  return undefined;
}

export function ExportPanel({ briefing, onClose }: { briefing: Briefing; onClose(): void }) {
  const app = useApp();
  const [format, setFormat] = useState<Format>('docx');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number>();
  const [result, setResult] = useState<ExportResult>();
  const [error, setError] = useState<string>();

  const ref = useRef<HTMLDivElement>(null);
  // Escape or a click elsewhere closes the panel (focus may have left it while exporting).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    const onDown = (e: MouseEvent) => {
      const t = e.target as Node;
      if (ref.current && !ref.current.contains(t) && !(t instanceof Element && t.closest('.popover-anchor'))) onClose();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, [onClose]);

  useEffect(
    () =>
      onShellEvent('operation:progress', (p) => {
        const e = p as { done?: number; total?: number } | null;
        if (e && typeof e.done === 'number' && e.total) setProgress(Math.max(0, Math.min(1, e.done / e.total)));
      }),
    [],
  );

  const run = async () => {
    setError(undefined);
    setResult(undefined);
    try {
      const out = await chooseTarget(briefing, format);
      if (out === null) return;
      if (out === undefined) {
        setError('Exporting needs the desktop app’s save dialog.');
        return;
      }
      setBusy(true);
      setProgress(undefined);
      const r = await call('briefings:export', briefing.id, { format, out });
      setResult(r);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div ref={ref} className="popover export-panel" role="dialog" aria-label="Export briefing">
      <fieldset className="export-formats">
        <legend>Format</legend>
        {(Object.keys(LABEL) as Format[]).map((f) => (
          <label key={f} className="radio">
            <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} autoFocus={f === format} /> {LABEL[f]}
          </label>
        ))}
      </fieldset>
      {busy && (
        <div className="progress" role="progressbar" aria-label="Exporting" aria-valuemin={0} aria-valuemax={100} {...(progress !== undefined ? { 'aria-valuenow': Math.round(progress * 100) } : {})}>
          <div className={`progress-bar${progress === undefined ? ' indeterminate' : ''}`} style={progress !== undefined ? { width: `${progress * 100}%` } : undefined} />
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
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
          {result.warnings.length > 0 && <div className="muted">{result.warnings.length} pre-flight warning{result.warnings.length === 1 ? '' : 's'} — see Checks.</div>}
          {hasShell() && (
            <div className="export-actions">
              <button type="button" className="button small" onClick={() => void shellCall('file:open', result.path).catch((e: unknown) => app.notify(errorMessage(e), 'error'))}>
                <Icon name="open" /> Open
              </button>
              <button type="button" className="button small" onClick={() => void shellCall('file:showInFolder', result.path).catch((e: unknown) => app.notify(errorMessage(e), 'error'))}>
                <Icon name="folder" /> Show in folder
              </button>
            </div>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={() => void run()}>
          {busy ? 'Exporting…' : hasShell() ? 'Export…' : 'Export'}
        </button>
      </div>
    </div>
  );
}
