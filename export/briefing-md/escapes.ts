import { isIdPrefix } from '../../core/ids';

/**
 * The three escapes that make prose round-trip through a briefing file. Each one is a run of
 * backslashes before a character, written as 2n+1 backslashes for n stored ones (so the
 * character is escaped for the reader, and pandoc shows the n backslashes), and read back as
 * (m-1)/2; an even run m means the character is markup. Nothing else in prose is touched:
 * the rest of the light Markdown is written as stored.
 *
 * 1. A line starting with "#", ":::" or "<!--" would be a section heading, a fence or a comment:
 *    "\#", "\:::", "\<!--".
 * 2. An "@" followed by something that looks like a fact id (6–36 of a uuid's characters) in
 *    the words of a paragraph — not in a citation — would be read as a citation: "\@".
 * 3. The "[" opening Markdown link syntax around a citation ("[text [@id]](url)") would make
 *    the importer refuse the citation (Dossier prose has no links): "\[".
 */

const KEY = /[A-Za-z0-9][A-Za-z0-9_-]*/y;

/** The key after an "@" at `at`, when it looks like a fact id. */
export function keyLikeAt(text: string, at: number): string | undefined {
  KEY.lastIndex = at + 1;
  const m = KEY.exec(text);
  return m && isIdPrefix(m[0]) ? m[0] : undefined;
}

/** How many backslashes come right before `at`. */
export function runBefore(text: string, at: number): number {
  let n = 0;
  while (at - n - 1 >= 0 && text[at - n - 1] === '\\') n++;
  return n;
}

function isEscaped(text: string, at: number): boolean {
  return runBefore(text, at) % 2 === 1;
}

/**
 * The "[" that opens Markdown link syntax around the span [start, end) — "[… span …](" — or
 * -1. The opener may itself be escaped (that is how the writer marks it as words); the other
 * brackets count only unescaped. Looks no further than the paragraph.
 */
export function linkOpener(text: string, start: number, end: number): number {
  let depth = 0;
  let open = -1;
  for (let k = start - 1; k >= 0; k--) {
    const ch = text[k];
    if (ch === '\n' && text[k - 1] === '\n') return -1;
    if (ch === '[') {
      if (depth === 0) {
        open = k;
        break;
      }
      if (!isEscaped(text, k)) depth--;
    } else if (ch === ']' && !isEscaped(text, k)) depth++;
  }
  if (open === -1) return -1;
  depth = 0;
  for (let k = end; k < text.length; k++) {
    const ch = text[k];
    if (ch === '\\') k++;
    else if (ch === '\n' && text[k + 1] === '\n') return -1;
    else if (ch === '[') depth++;
    else if (ch === ']') {
      if (depth === 0) return text[k + 1] === '(' ? open : -1;
      depth--;
    }
  }
  return -1;
}

/** Writes each backslash run before the positions given as 2n+1 (positions sorted, unique). */
export function escapeRunsBefore(text: string, positions: readonly number[]): string {
  let out = '';
  let last = 0;
  for (const p of positions) {
    const n = runBefore(text, p);
    out += text.slice(last, p) + '\\'.repeat(n + 1);
    last = p;
  }
  return out + text.slice(last);
}

const STRUCTURAL_LINE = /^(\\*)(#|:::|<!--)/gm;

export function escapeLineStarts(text: string): string {
  return text.replace(STRUCTURAL_LINE, '\\$1$2');
}

/**
 * Removes the escape of escaped line starts; `removed` holds, for each backslash taken out,
 * the offset in the result of the character after it, so offsets map back to the file.
 */
export function unescapeLineStarts(raw: string): { text: string; removed: number[] } {
  const removed: number[] = [];
  let shift = 0;
  const text = raw.replace(/^\\(\\*)(#|:::|<!--)/gm, (_m, rest: string, mark: string, offset: number) => {
    removed.push(offset - shift);
    shift++;
    return rest + mark;
  });
  return { text, removed };
}

/** The file offset of offset `t` in unescaped text that started at `base`. */
export function fileOffset(base: number, removed: readonly number[], t: number): number {
  let n = 0;
  while (n < removed.length && removed[n] <= t) n++;
  return base + t + n;
}
