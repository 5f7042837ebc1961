/**
 * Cuts a BibTeX/BibLaTeX file into its entries in one linear pass, before any parsing, so one
 * broken entry costs only itself: citation-js parses a whole file as one grammar, and an
 * unclosed brace there swallows every entry after it and then fails the file.
 *
 * Brace counting follows the bibtex plugin's lexer (`\{` and `\}` are text, not braces), so a
 * chunk this accepts is one the plugin can read. An entry whose braces never balance is cut
 * off at the next line that starts a new entry (`@type{` at the start of a line), or at the
 * end of the file, and reported; it is not guessed at.
 */

export interface BibChunk {
  /** `entry` for data entries, `string` for @string macro definitions. */
  kind: 'entry' | 'string';
  /** The entry type, lower-case ("article", "techreport" …). */
  type: string;
  /** The citation key as written (empty when the entry has none). */
  key: string;
  /** The entry's text from its "@" to its closing delimiter. */
  text: string;
  /** 1-based line of the "@". */
  line: number;
}

/** An entry that could not be read: left out of the import, and counted as skipped. */
export interface SkippedEntry {
  /** The entry's citation key, when it has one. */
  key?: string;
  /** 1-based line where the entry starts. */
  line?: number;
  /** One line naming the entry, its line and what is wrong. */
  problem: string;
}

export interface BibSplit {
  chunks: BibChunk[];
  /** Notes on entries that were read (text ignored after one). */
  warnings: string[];
  /** Entries cut out unread: braces that never close (an entry nested inside another one, too). */
  skipped: SkippedEntry[];
}

const HEAD = /@[ \t]*([A-Za-z][\w:.+-]*)[ \t\r\n]*([{(])/y;
const LINE_STARTS_ENTRY = /[ \t]*@[ \t]*[A-Za-z][\w:.+-]*[ \t]*[{(]/y;
const KEY = /[ \t\r\n]*([^,\s{}()]*)/y;
/** Leftover text that looks like fields: usually an entry closed early by a stray "}". */
const LOOKS_LIKE_FIELDS = /(?:^|[\s,])[A-Za-z][\w-]*[ \t]*=[ \t]*[{"\d]/;

const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;
const RPAREN = 41;
const QUOTE = 34;
const NEWLINE = 10;

function describe(chunk: { type: string; key: string; line: number }): string {
  return chunk.key ? `Entry "${chunk.key}" (@${chunk.type}, line ${chunk.line})` : `The @${chunk.type} entry at line ${chunk.line}`;
}

export function splitBibtex(text: string): BibSplit {
  const chunks: BibChunk[] = [];
  const warnings: string[] = [];
  const skipped: SkippedEntry[] = [];
  const skip = (chunk: { key: string; line: number }, problem: string) => skipped.push({ ...(chunk.key ? { key: chunk.key } : {}), line: chunk.line, problem });
  const n = text.length;
  let i = 0;
  let line = 1;
  /** The entry just closed, to blame leftover field-like text on. */
  let previous: BibChunk | undefined;

  while (i < n) {
    const at = text.indexOf('@', i);
    const junkEnd = at < 0 ? n : at;
    if (previous && junkEnd > i) {
      const junk = text.slice(i, junkEnd);
      if (LOOKS_LIKE_FIELDS.test(junk)) {
        warnings.push(`${describe(previous)}: text after its closing "}" was ignored; is there a "}" too many inside it?`);
      }
    }
    for (let k = i; k < junkEnd; k++) if (text.charCodeAt(k) === NEWLINE) line++;
    if (at < 0) break;
    previous = undefined;

    HEAD.lastIndex = at;
    const head = HEAD.exec(text);
    if (!head) {
      // A stray "@" (an e-mail address in a comment): BibTeX ignores it, so do we.
      i = at + 1;
      continue;
    }
    const type = head[1].toLowerCase();
    const parens = head[2] === '(';
    const startLine = line;
    for (let k = at; k < HEAD.lastIndex; k++) if (text.charCodeAt(k) === NEWLINE) line++;
    KEY.lastIndex = HEAD.lastIndex;
    const key = type === 'comment' || type === 'preamble' || type === 'string' ? '' : (KEY.exec(text)?.[1] ?? '');

    // Scan to the closing delimiter. Braces count everywhere; quotes matter only at the
    // entry's top level, where a ")" inside "…" must not end a parenthesised entry.
    let depth = parens ? 0 : 1;
    const top = depth;
    let quoted = false;
    let j = HEAD.lastIndex;
    let end = -1;
    let cutAt = -1;
    const recover = type !== 'comment';
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === BACKSLASH) {
        const next = text.charCodeAt(j + 1);
        if (next === LBRACE || next === RBRACE || next === BACKSLASH) {
          j += 2;
          continue;
        }
      } else if (c === LBRACE) {
        depth++;
      } else if (c === RBRACE) {
        if (depth === 0) {
          // A "}" with nothing open in a parenthesised entry: the plugin would stop here too.
          end = j;
          break;
        }
        depth--;
        if (depth === 0 && !parens) {
          end = j;
          break;
        }
      } else if (c === RPAREN && parens && depth === 0 && !quoted) {
        end = j;
        break;
      } else if (c === QUOTE && depth === top) {
        quoted = !quoted;
      } else if (c === NEWLINE) {
        line++;
        if (recover) {
          LINE_STARTS_ENTRY.lastIndex = j + 1;
          if (LINE_STARTS_ENTRY.test(text)) {
            cutAt = j + 1;
            break;
          }
        }
      }
      j++;
    }

    const chunk = { type, key, line: startLine };
    if (end >= 0) {
      for (let k = j; k <= end; k++) if (text.charCodeAt(k) === NEWLINE) line++;
      i = end + 1;
      if (type === 'comment' || type === 'preamble') continue;
      const full: BibChunk = { kind: type === 'string' ? 'string' : 'entry', ...chunk, text: text.slice(at, end + 1) };
      chunks.push(full);
      if (full.kind === 'entry') previous = full;
    } else if (cutAt >= 0) {
      skip(
        chunk,
        `${describe(chunk)} is not closed: a "${parens ? '(' : '{'}" has no matching "${parens ? ')' : '}'}" before the next entry at line ${line}; it was skipped.`,
      );
      i = cutAt;
    } else if (type === 'comment') {
      // An unclosed @comment: read on after its head instead of dropping the rest of the file.
      line = startLine;
      for (let k = at; k < HEAD.lastIndex; k++) if (text.charCodeAt(k) === NEWLINE) line++;
      i = HEAD.lastIndex;
    } else {
      skip(
        chunk,
        `${describe(chunk)} is not closed: a "${parens ? '(' : '{'}" has no matching "${parens ? ')' : '}'}" before the end of the file; it was skipped.`,
      );
      i = n;
    }
  }
  return { chunks, warnings, skipped };
}
