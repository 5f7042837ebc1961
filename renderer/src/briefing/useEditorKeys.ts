import { useEffect, useRef } from 'react';

export interface EditorKeyHandlers {
  /** Ctrl+K; `inProse`: the key was pressed in a prose item (cite there, not place an item). */
  palette(inProse: boolean): void;
  exportPanel(): void;
  switcher(): void;
  undo(): void;
  redo(): void;
}

/**
 * The editor's shortcuts, on the window: Ctrl+K insert or cite a fact, Ctrl+E export, Ctrl+O
 * open another briefing, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo — the app's, except in a
 * text field, which keeps its own (prose edits reach the app's stack once saved).
 */
export function useEditorKeys(handlers: EditorKeyHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const h = latest.current;
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const key = e.key.toLowerCase();
      const t = e.target as HTMLElement | null;
      const editing = !!t && (t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');
      if (key === 'k' && !e.shiftKey) {
        e.preventDefault();
        h.palette(!!t?.closest?.('.ProseMirror'));
      } else if (key === 'e' && !e.shiftKey) {
        e.preventDefault();
        h.exportPanel();
      } else if (key === 'o' && !e.shiftKey && !e.altKey) {
        e.preventDefault();
        h.switcher();
      } else if ((key === 'z' || key === 'y') && !editing && !e.defaultPrevented) {
        e.preventDefault();
        if (key === 'y' || e.shiftKey) h.redo();
        else h.undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
