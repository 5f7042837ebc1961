/** What the editor can do to the prose item that last had focus: Ctrl+K cites there. */
export interface ProseHandle {
  /** Inserts a citation of the fact at the cursor (joining the chip right before the cursor, if any). */
  insertCite(factId: string): void;
  /**
   * Takes the caret from the page into the editor's state, before the focus leaves for the
   * palette: ProseMirror reads caret moves late, and would cite where the caret was a key ago.
   */
  syncCaret(): void;
  /** Whether the editor still exists and had the focus last. */
  readonly alive: boolean;
}
