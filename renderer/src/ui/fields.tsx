import { useEffect, useRef, useState, type ReactNode } from 'react';
import { FieldError } from './bits';

/**
 * Form fields that save themselves: a field keeps its draft while focused and commits on blur
 * (or Enter in one-line fields); a validation error from the core stays next to the field with
 * the typed value kept, until the next successful save. Escape reverts the draft.
 */
interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onCommit(value: string): Promise<unknown> | void;
  error?: string | undefined;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  hint?: string;
  className?: string;
  inputMode?: 'text' | 'numeric' | 'url';
  disabled?: boolean;
}

export function TextField(p: TextFieldProps) {
  const [draft, setDraft] = useState(p.value);
  const focused = useRef(false);
  // A new stored value replaces the draft (unless the user is typing); a refused one keeps it.
  useEffect(() => {
    if (!focused.current) setDraft(p.value);
  }, [p.value]);
  const errId = `${p.id}-error`;
  const hintId = `${p.id}-hint`;
  const commit = () => {
    if (draft !== p.value) void p.onCommit(draft);
  };
  const common = {
    id: p.id,
    value: draft,
    placeholder: p.placeholder,
    disabled: p.disabled,
    'aria-invalid': p.error ? true : undefined,
    'aria-describedby': [p.error ? errId : '', p.hint ? hintId : ''].filter(Boolean).join(' ') || undefined,
    onFocus: () => {
      focused.current = true;
    },
    onBlur: () => {
      focused.current = false;
      commit();
    },
  };
  return (
    <div className={`field${p.error ? ' has-error' : ''}${p.className ? ` ${p.className}` : ''}`}>
      <label htmlFor={p.id}>{p.label}</label>
      {p.multiline ? (
        <textarea
          {...common}
          rows={p.rows ?? 3}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setDraft(p.value);
            } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              commit();
            }
          }}
        />
      ) : (
        <input
          {...common}
          type="text"
          inputMode={p.inputMode}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Escape') setDraft(p.value);
          }}
        />
      )}
      {p.hint && !p.error && (
        <div className="field-hint" id={hintId}>
          {p.hint}
        </div>
      )}
      <FieldError id={errId} message={p.error} />
    </div>
  );
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onCommit(value: string): Promise<unknown> | void;
  error?: string | undefined;
  className?: string;
}

export function SelectField(p: SelectFieldProps) {
  const errId = `${p.id}-error`;
  return (
    <div className={`field${p.error ? ' has-error' : ''}${p.className ? ` ${p.className}` : ''}`}>
      <label htmlFor={p.id}>{p.label}</label>
      <select
        id={p.id}
        value={p.value}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ? errId : undefined}
        onChange={(e) => void p.onCommit(e.target.value)}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={errId} message={p.error} />
    </div>
  );
}

export function FieldRow({ children }: { children: ReactNode }) {
  return <div className="field-row">{children}</div>;
}
