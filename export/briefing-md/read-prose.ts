import { CitationSyntaxError, type Cite, formatCluster, splitCitations } from '../../core/citation-marks';
import { isIdPrefix } from '../../core/ids';
import { fileOffset, keyLikeAt, linkOpener, runBefore, unescapeLineStarts } from './escapes';
import { failAt } from './located-error';

/** A fact id as written in the file (full or a prefix), and where: resolved by the importer. */
export interface KeyRef {
  key: string;
  at: number;
}

/** Prose as stored, except that each key is still as written: text and keys in order. */
export type ProsePieces = (string | KeyRef)[];

/**
 * Reads one prose item's text from the file (`raw` is the slice at `base`): line-start escapes
 * undone, citation marks found with any id-like key (full or shortened), pandoc's in-text form
 * "@ID [p. 4]" turned into the cluster "[@ID, p. 4]", "\@" and "\[" escapes undone. Marks are
 * otherwise kept exactly as typed, so a briefing's prose comes back character for character.
 */
export function readProse(src: string, raw: string, base: number): ProsePieces {
  const { text, removed } = unescapeLineStarts(raw);
  const at = (t: number) => fileOffset(base, removed, t);
  let segments;
  try {
    segments = splitCitations(text, { isKey: isIdPrefix });
  } catch (e) {
    if (e instanceof CitationSyntaxError) failAt(src, at(e.offset), e.message);
    throw e;
  }
  const pieces: ProsePieces = [];
  const push = (s: string) => {
    if (!s) return;
    const last = pieces[pieces.length - 1];
    if (typeof last === 'string') pieces[pieces.length - 1] = last + s;
    else pieces.push(s);
  };
  // Openers of link syntax around citations that the writer escaped, by position: undone below.
  const escapedOpeners = new Set<number>();
  for (const seg of segments) {
    if (seg.kind !== 'cite') continue;
    const open = linkOpener(text, seg.start, seg.end);
    if (open === -1) continue;
    if (runBefore(text, open) % 2 === 0) {
      failAt(
        src,
        at(seg.start),
        'a citation inside a Markdown link ("[text [@id]](url)"): Dossier prose has no links, so the note would sit inside literal link text; put the citation after the link, or write "\\[" to keep the brackets as words',
      );
    }
    escapedOpeners.add(open);
  }
  let pos = 0;
  for (const seg of segments) {
    if (seg.kind === 'cite') {
      pushCiteGroup(text, seg.start, seg.end, at, push, pieces);
      pos = seg.end;
    } else {
      readWords(src, text, pos, pos + seg.text.length, at, escapedOpeners, push, pieces);
      pos += seg.text.length;
    }
  }
  return pieces;
}

/** A bracket group kept as typed, each key taken out as a KeyRef (exactly one unescaped "@" per cite). */
function pushCiteGroup(text: string, start: number, end: number, at: (t: number) => number, push: (s: string) => void, pieces: ProsePieces): void {
  let last = start;
  for (let k = start; k < end; k++) {
    if (text[k] === '\\') k++;
    else if (text[k] === '@') {
      const key = /^[A-Za-z0-9][A-Za-z0-9_-]*/.exec(text.slice(k + 1, end))![0];
      push(text.slice(last, k + 1));
      pieces.push({ key, at: at(k + 1) });
      last = k + 1 + key.length;
      k = last - 1;
    }
  }
  push(text.slice(last, end));
}

/** The words between citations: "\@" and "\[" escapes undone, "@ID [locator]" made a cluster. */
function readWords(
  src: string,
  text: string,
  from: number,
  to: number,
  at: (t: number) => number,
  escapedOpeners: ReadonlySet<number>,
  push: (s: string) => void,
  pieces: ProsePieces,
): void {
  let last = from;
  for (let k = from; k < to; k++) {
    const ch = text[k];
    if (ch !== '@' && !(ch === '[' && escapedOpeners.has(k))) continue;
    if (ch === '@' && !keyLikeAt(text, k)) continue;
    const n = runBefore(text, k);
    if (n % 2 === 1) {
      // Written escaped: 2n+1 backslashes stand for n.
      push(text.slice(last, k - n) + '\\'.repeat((n - 1) / 2) + ch);
      last = k + 1;
      continue;
    }
    if (ch !== '@') continue;
    const inText = inTextCitation(src, text, k, to, at);
    if (!inText) continue;
    push(text.slice(last, k));
    for (const p of inText.pieces) {
      if (typeof p === 'string') push(p);
      else pieces.push(p);
    }
    last = inText.end;
    k = last - 1;
  }
  push(text.slice(last, to));
}

/**
 * pandoc's in-text citation, "@ID [p. 4]" (the bracket right after the key, at most one space
 * between): Dossier has no author-in-text form, so it becomes the cluster "[@ID, p. 4]" at
 * that place. Anything else after "@ID" leaves it as words.
 */
function inTextCitation(src: string, text: string, k: number, to: number, at: (t: number) => number): { pieces: ProsePieces; end: number } | undefined {
  if (k > 0 && !/[\s(]/.test(text[k - 1])) return undefined;
  const key = keyLikeAt(text, k)!;
  let open = k + 1 + key.length;
  if (text[open] === ' ') open++;
  if (text[open] !== '[') return undefined;
  let close = -1;
  for (let j = open + 1; j < to; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '[' || text[j] === '@' || (text[j] === '\n' && text[j + 1] === '\n')) return undefined;
    else if (text[j] === ']') {
      close = j;
      break;
    }
  }
  if (close === -1) return undefined;
  const content = text.slice(open + 1, close).replace(/^\s*,?\s*/, '');
  const candidate = `[@${key}${content ? `, ${content}` : ''}]`;
  let segs;
  try {
    segs = splitCitations(candidate, { isKey: (x) => x === key });
  } catch (e) {
    if (e instanceof CitationSyntaxError) failAt(src, at(open), e.message);
    throw e;
  }
  const only = segs[0];
  if (segs.length !== 1 || only?.kind !== 'cite') return undefined;
  const cite: Cite = { ...only.cluster.cites[0], factId: '\0' };
  const [before, after] = formatCluster({ cites: [cite] }).split('\0') as [string, string];
  return { pieces: [before, { key, at: at(k + 1) }, after], end: close + 1 };
}
