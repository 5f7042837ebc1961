import { useEffect, useState } from 'react';
import type { FactContext } from '../../../api/contract';
import { call, errorMessage } from '../api';
import { useApp } from '../state';

const LABELS: Record<string, string> = { page: 'p.', paragraph: 'para.' };

/**
 * "In source": the passage of the source's stored original this fact was taken from, its
 * words marked. Read only when opened (an original may be a large PDF); a damaged original
 * is never shown, only named.
 */
export function InSourceSection({ factId }: { factId: string }) {
  const app = useApp();
  const [open, setOpen] = useState(false);
  const [context, setContext] = useState<FactContext>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    setContext(undefined);
    setError(undefined);
    if (!open) return;
    let live = true;
    call('facts:context', factId)
      .then((c) => live && setContext(c))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [factId, open, app.dataVersion]);

  return (
    <details className="inspector-section in-source" data-testid="in-source" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h3>In source</h3>
      </summary>
      {error && <div className="field-error">{error}</div>}
      {!error && !context && open && <p className="muted">Reading the stored original…</p>}
      {context && <ContextBody context={context} />}
    </details>
  );
}

function ContextBody({ context }: { context: FactContext }) {
  if (context.status === 'none') return <p className="muted">No stored original: this source was not captured from a file.</p>;
  const o = context.original;
  const file = `${o.fileName ?? 'the captured file'}, captured ${o.capturedAt.slice(0, 10)}`;
  if (context.status === 'damaged') {
    return (
      <p className="field-error">
        The stored original ({file}) is damaged: its hash no longer matches, so it is not shown. Check the library and restore a backup.
      </p>
    );
  }
  const where = context.locator ? ` · ${LABELS[context.locator.label] ?? context.locator.label} ${context.locator.value}` : '';
  return (
    <>
      <p className="muted small" title={`sha256 ${o.sha256}`}>
        From the stored original ({file}){where}
        {context.found === 'elsewhere' && ' — found here, not at the fact’s own locator'}
        {context.found === 'not-found' && ' — the fact’s words were not found in it'}
      </p>
      <blockquote className="in-source-passage">
        {context.before}
        {context.match && <mark>{context.match}</mark>}
        {context.after}
      </blockquote>
    </>
  );
}
