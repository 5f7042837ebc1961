import { useEffect, useRef, useState } from 'react';

const TYPING_DELAY = 400;

interface Props {
  value: string;
  /** `leaving`: the page is going away (pagehide, beforeunload), so the save must go out at once. */
  onSave(v: string, before: string, leaving: boolean): unknown;
  label: string;
  className?: string;
  placeholder?: string | undefined;
  id?: string;
  /** A text area (several lines) instead of a one-line input; Enter then types a line break. */
  multiline?: boolean;
}

/** A text input that saves after typing pauses and on blur, reporting the value before the edit. */
export function DraftInput({ value, onSave, label, className, placeholder, id, multiline }: Props) {
  const [draft, setDraft] = useState(value);
  const focused = useRef(false);
  const saved = useRef(value);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!focused.current && timer.current === undefined) {
      setDraft(value);
      saved.current = value;
    }
  }, [value]);
  const flush = (v: string, leaving = false) => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    if (v !== saved.current) {
      const before = saved.current;
      saved.current = v;
      onSave(v, before, leaving);
    }
  };
  const latest = useRef({ draft, flush });
  latest.current = { draft, flush };
  useEffect(() => {
    const onHide = () => latest.current.flush(latest.current.draft, true);
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
      if (timer.current !== undefined) onHide();
    };
  }, []);
  const common = {
    id,
    className,
    'aria-label': label,
    placeholder,
    value: draft,
    onFocus: () => (focused.current = true),
    onChange: (e: { target: { value: string } }) => {
      const v = e.target.value;
      setDraft(v);
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => flush(v), TYPING_DELAY);
    },
    onBlur: () => {
      focused.current = false;
      flush(draft);
    },
  };
  if (multiline) return <textarea {...common} rows={3} />;
  return <input {...common} onKeyDown={(e) => e.key === 'Enter' && flush(draft)} />;
}
