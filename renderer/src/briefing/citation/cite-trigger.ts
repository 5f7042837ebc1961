import type { EditorState } from '@tiptap/pm/state';

/** `[@` typed just before the cursor, and the search text after it: the inline cite popup is open. */
export interface CiteTrigger {
  /** Where "[@" starts and where the cursor is: the text to replace with the chip. */
  from: number;
  to: number;
  query: string;
}

const TRIGGER = /\[@([^[\]@;\n\uFFFC]{0,60})$/;

/** The trigger at the cursor, unless the analyst dismissed the one starting at `dismissedFrom` (Escape). */
export function findTrigger(state: EditorState, dismissedFrom: number | undefined): CiteTrigger | undefined {
  const sel = state.selection;
  if (!sel.empty || !sel.$from.parent.isTextblock) return undefined;
  const $from = sel.$from;
  const start = Math.max(0, $from.parentOffset - 64);
  const before = $from.parent.textBetween(start, $from.parentOffset, undefined, '\uFFFC');
  const m = TRIGGER.exec(before);
  if (!m) return undefined;
  const from = sel.from - m[0].length;
  if (from === dismissedFrom) return undefined;
  return { from, to: sel.from, query: m[1] };
}
