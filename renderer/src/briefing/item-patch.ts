/** `leaving`: the page is going away, the patch must be sent at once (UndoStack.executeBeforeLeaving). */
export type ItemPatchHandler = (before: Record<string, unknown>, after: Record<string, unknown>, label: string, leaving?: boolean) => unknown;
