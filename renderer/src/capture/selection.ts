/** A set of 1-based candidate numbers as the compact selection the core reads: "1-3,5,7-9". */
export function selectionString(chosen: Iterable<number>): string {
  const nums = [...new Set(chosen)].filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b);
  if (nums.length === 0) return 'none';
  const parts: string[] = [];
  let start = nums[0];
  let prev = start;
  for (const n of nums.slice(1).concat([Number.NaN])) {
    if (n === prev + 1) {
      prev = n;
      continue;
    }
    parts.push(start === prev ? String(start) : `${start}-${prev}`);
    start = prev = n;
  }
  return parts.join(',');
}

/** Shift-click: every number between the anchor and the clicked one takes the clicked one's new state. */
export function applyRange(selected: ReadonlySet<number>, anchor: number, clicked: number, checked: boolean): Set<number> {
  const out = new Set(selected);
  const [lo, hi] = anchor < clicked ? [anchor, clicked] : [clicked, anchor];
  for (let i = lo; i <= hi; i++) {
    if (checked) out.add(i);
    else out.delete(i);
  }
  return out;
}

/** "Okafor, Adaeze; Institute for Trade Studies" → CSL names (no comma: an institution). */
export function parseAuthors(text: string): { family?: string; given?: string; literal?: string }[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const i = s.indexOf(',');
      if (i < 0) return { literal: s };
      const family = s.slice(0, i).trim();
      const given = s.slice(i + 1).trim();
      return given ? { family, given } : { family };
    });
}
