/**
 * One paragraph being typeset: its text (all pieces joined), which characters must stay as
 * typed, and what each character becomes so far. Each rule is a pass over the same draft, so
 * a later rule sees what an earlier one decided (a space already replaced is not replaced
 * again) and every piece can get its own characters back at the end.
 */
export interface Draft {
  readonly text: string;
  /** 1 where the character is printed as typed: a citation, an address, code. */
  readonly frozen: Uint8Array;
  /** What each character becomes: undefined is itself, '' is dropped. */
  readonly out: (string | undefined)[];
}

/** True where a rule may still change the character: not frozen, not already changed. */
export function free(d: Draft, i: number): boolean {
  return i >= 0 && i < d.text.length && !d.frozen[i] && d.out[i] === undefined;
}
