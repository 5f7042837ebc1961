import { useEffect, useRef, useState } from 'react';
import type { BriefingSection } from '../../../core/model';
import type { TemplateSection } from '../../../api/contract';
import { errorMessage } from '../api';
import { Icon } from '../ui/Icon';

export interface AddSectionProps {
  sections: BriefingSection[];
  /** Template sections the briefing no longer has (removed optional ones): offered back. */
  missing: TemplateSection[];
  /** Resolves once stored; rejects with the core's message naming the field. */
  onAdd(heading: string, index: number, key?: string): Promise<void>;
}

/**
 * "Add section" below the last section: a heading of the analyst's own, placed after any
 * section (default: at the end); removed optional template sections can be put back.
 */
export function AddSection({ sections, missing, onAdd }: AddSectionProps) {
  const [open, setOpen] = useState(false);
  const [heading, setHeading] = useState('');
  const [after, setAfter] = useState<number>(sections.length - 1);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) {
      setAfter(sections.length - 1);
      input.current?.focus();
    }
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const add = async (h: string, key?: string) => {
    setBusy(true);
    try {
      await onAdd(h, Math.min(after + 1, sections.length), key);
      setHeading('');
      setError(undefined);
      setOpen(false);
    } catch (e) {
      setError(errorMessage(e).replace(/^section\.heading: /, ''));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <div className="add-section">
        <button type="button" className="button small" onClick={() => setOpen(true)}>
          <Icon name="plus" /> Add section
        </button>
      </div>
    );
  }
  return (
    <form
      className="add-section is-open"
      aria-label="Add section"
      onSubmit={(e) => {
        e.preventDefault();
        void add(heading);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <div className="add-section-row">
        <label className="add-section-field">
          <span>Heading</span>
          <input
            ref={input}
            value={heading}
            maxLength={200}
            placeholder="e.g. Risks and mitigations"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'add-section-error' : undefined}
            onChange={(e) => {
              setHeading(e.target.value);
              setError(undefined);
            }}
          />
        </label>
        <label className="add-section-field">
          <span>Place after</span>
          <select value={after} onChange={(e) => setAfter(Number(e.target.value))}>
            <option value={-1}>At the top</option>
            {sections.map((s, i) => (
              <option key={s.id} value={i}>
                {s.heading}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button small primary" disabled={busy}>
          Add
        </button>
        <button type="button" className="button small" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {error && (
        <div className="field-error" id="add-section-error" role="alert">
          {error}
        </div>
      )}
      {missing.length > 0 && (
        <div className="add-section-restore">
          <span className="muted small">From the template:</span>
          {missing.map((t) => (
            <button key={t.key} type="button" className="button link small" disabled={busy} onClick={() => void add(t.heading, t.key)}>
              <Icon name="plus" /> {t.heading}
            </button>
          ))}
        </div>
      )}
    </form>
  );
}
