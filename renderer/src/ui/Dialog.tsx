import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useId } from './hooks';

interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** The buttons at the bottom, right-aligned (the primary one last). */
  actions: ReactNode;
  className?: string;
  /** Set while a write runs: Escape and the backdrop do not close the dialog then. */
  busy?: boolean;
}

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: focus moves into it (the first field, else the first button), Tab stays inside,
 * Escape cancels, and focus goes back to what had it before, so keyboard users land where they were.
 */
export function Dialog({ title, onClose, children, actions, className, busy }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId('dialog-title');
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const el = ref.current;
    const first =
      el?.querySelector<HTMLElement>('[data-autofocus]') ??
      el?.querySelector<HTMLElement>('input:not(:disabled), select:not(:disabled), textarea:not(:disabled)') ??
      el?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => {
      if (before && document.contains(before)) before.focus();
    };
  }, []);

  // Escape cancels wherever focus is, even when it fell to the page (a button that was clicked
  // and disabled while a write ran).
  const busyRef = useRef(busy);
  busyRef.current = busy;
  useEffect(() => {
    const onEscape = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      // An open combobox list closes first; the next Escape closes the dialog.
      if (e.target instanceof HTMLElement && e.target.getAttribute('aria-expanded') === 'true') return;
      e.preventDefault();
      e.stopImmediatePropagation();
      if (!busyRef.current) closeRef.current();
    };
    // Capture phase on the window: before the workspace's own Escape handlers (e.g. the inspector's).
    window.addEventListener('keydown', onEscape, true);
    return () => window.removeEventListener('keydown', onEscape, true);
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Tab' || !ref.current) return;
    const items = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div ref={ref} className={`dialog${className ? ` ${className}` : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <h2 id={titleId}>{title}</h2>
        {children}
        <div className="dialog-actions">{actions}</div>
      </div>
    </div>
  );
}
