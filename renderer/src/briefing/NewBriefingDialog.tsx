import { useEffect, useRef, useState } from 'react';
import type { TemplateSummary } from '../../../api/contract';
import { call, errorMessage } from '../api';
import { useApp } from '../state';

export function NewBriefingDialog({ onClose }: { onClose(): void }) {
  const app = useApp();
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    call('templates:list')
      .then((t) => {
        setTemplates(t);
        setTemplateId((id) => id || t[0]?.id || '');
      })
      .catch((e: unknown) => setError(errorMessage(e)));
    titleRef.current?.focus();
  }, []);

  const create = async () => {
    if (!title.trim()) {
      setError('Give the briefing a title.');
      titleRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const t = await call('templates:get', templateId);
      const b = await app.track(
        call('briefings:create', { title: title.trim(), templateId, portionMarks: t.markings.portionMarks, fields: { subject: title.trim() } }),
      );
      await app.refresh();
      app.navigate({ name: 'briefing', id: b.id });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="new-briefing-h"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <h2 id="new-briefing-h">New briefing</h2>
        <div className="field">
          <label htmlFor="new-briefing-title">Title</label>
          <input
            id="new-briefing-title"
            ref={titleRef}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="e.g. Funding Storage for Danube Grain Ports"
          />
        </div>
        <fieldset className="template-choice">
          <legend>Template</legend>
          {templates.map((t) => (
            <div key={t.id} className={`template-option${t.id === templateId ? ' is-on' : ''}`} onClick={() => setTemplateId(t.id)}>
              <input
                type="radio"
                id={`tpl-${t.id}`}
                name="template"
                value={t.id}
                checked={t.id === templateId}
                onChange={() => setTemplateId(t.id)}
                aria-describedby={`tpl-${t.id}-desc`}
              />
              <label className="template-name" htmlFor={`tpl-${t.id}`}>
                {t.name}
              </label>
              <span className="template-desc" id={`tpl-${t.id}-desc`}>
                {t.description}
              </span>
            </div>
          ))}
        </fieldset>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || !templateId}>
            Create briefing
          </button>
        </div>
      </form>
    </div>
  );
}
