import { type Dispatch, type KeyboardEvent, type RefObject, type SetStateAction, useEffect, useRef } from 'react';

/**
 * The pieces the keyboard palettes share (Insert fact, Ctrl+K; Open briefing, Ctrl+O): a
 * combobox input over a listbox whose options are `${prefix}-${index}`, focus that comes back
 * to where it was, and ↑/↓ moving the active option.
 */

/** Focuses the palette's input when it opens; gives focus back to where it was when it closes. */
export function usePaletteFocus(inputRef: RefObject<HTMLInputElement | null>): void {
  const restore = useRef<Element | null>(document.activeElement);
  useEffect(() => {
    inputRef.current?.focus();
    const el = restore.current;
    return () => {
      if (el instanceof HTMLElement && el.isConnected) el.focus();
    };
  }, [inputRef]);
}

/** Keeps the active option scrolled into view. */
export function useActiveInView(prefix: string, active: number): void {
  useEffect(() => {
    document.getElementById(`${prefix}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [prefix, active]);
}

/** ↑/↓ move the active option among `count`; true when the key was one of them. */
export function stepActive(e: KeyboardEvent, count: number, setActive: Dispatch<SetStateAction<number>>): boolean {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return false;
  e.preventDefault();
  setActive((a) => (e.key === 'ArrowDown' ? Math.min(a + 1, count - 1) : Math.max(a - 1, 0)));
  return true;
}

interface PaletteInputProps {
  inputRef: RefObject<HTMLInputElement | null>;
  /** Id of the listbox; options are `${optionPrefix}-${index}`. */
  listId: string;
  optionPrefix: string;
  /** The active option's index, or undefined when there is none. */
  active: number | undefined;
  label: string;
  placeholder: string;
  value: string;
  onChange(text: string): void;
  onKeyDown(e: KeyboardEvent<HTMLInputElement>): void;
}

export function PaletteInput(p: PaletteInputProps) {
  return (
    <input
      ref={p.inputRef}
      className="palette-input"
      type="text"
      role="combobox"
      aria-expanded="true"
      aria-controls={p.listId}
      aria-activedescendant={p.active !== undefined ? `${p.optionPrefix}-${p.active}` : undefined}
      aria-label={p.label}
      placeholder={p.placeholder}
      value={p.value}
      onChange={(e) => p.onChange(e.target.value)}
      onKeyDown={p.onKeyDown}
    />
  );
}
