/**
 * Readable aligned tables for the terminal. Width comes from the terminal when there is one;
 * the last column wraps, never the ids people copy.
 */
export function table(headers: string[], rows: string[][], width = process.stdout.columns || 120): string {
  if (rows.length === 0) return '';
  const cols = headers.length;
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const fixed = widths.slice(0, -1).reduce((a, b) => a + b + 2, 0);
  widths[cols - 1] = Math.max(20, Math.min(widths[cols - 1], width - fixed - 1));
  const lines = [line(headers, widths), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const r of rows) {
    const wrapped = wrap(r[cols - 1] ?? '', widths[cols - 1]);
    lines.push(line([...r.slice(0, -1), wrapped[0] ?? ''], widths));
    for (const cont of wrapped.slice(1)) lines.push(line([...Array<string>(cols - 1).fill(''), cont], widths));
  }
  return lines.join('\n');
}

function line(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(Math.max(0, widths[i] - displayWidth(c)))))
    .join('  ')
    .trimEnd();
}

function displayWidth(s: string): number {
  return [...s].length;
}

function wrap(text: string, width: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const out: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && displayWidth(cur) + 1 + displayWidth(w) > width) {
      out.push(cur);
      cur = w;
    } else {
      cur = cur ? `${cur} ${w}` : w;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Key: value lines with the keys aligned, for `show` commands. */
export function fields(pairs: [string, string | undefined][]): string {
  const present = pairs.filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '');
  const w = Math.max(...present.map(([k]) => k.length));
  return present.map(([k, v]) => `${(k + ':').padEnd(w + 1)}  ${v}`).join('\n');
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}
