/**
 * Light Markdown block syntax at the start of a line: blockquote `>`, ATX headings `#`, and list
 * markers (`-`, `*`, `+`, PDF bullets such as `•`, and `1.` / `1)`). Only what matters for
 * paragraph structure is recognised; inline syntax is left to ../markdown-inline.ts.
 */

export interface LinePrefix {
  /** The line sits inside a blockquote (one or more `>` markers). */
  quote: boolean;
  heading: boolean;
  /** The line opens a list item: `bullet` for -, *, +, •…; `ordinal` for "3." / "3)". */
  list: { bullet: boolean; ordinal: number } | null;
  /** Index in the line after the blockquote markers (where a list marker would start). */
  afterQuote: number;
  /** Index in the line where the text proper starts, after every marker. */
  content: number;
  /** Index in the line where the text proper ends (a heading's closing #s removed), trimmed. */
  contentEnd: number;
}

const QUOTE_MARKER = /[ \t]{0,3}>[ \t]?/y;
const HEADING_MARKER = /[ \t]{0,3}#{1,6}(?:[ \t]+|$)/y;
// Content must follow the marker: a bare "-" or "1." is not a list item.
const LIST_MARKER = /[ \t]*(?:([-*+•‣⁃◦▪●○])|(\d{1,3})[.)])[ \t]+(?=\S)/y;
const CLOSING_HASHES = /[ \t]+#+[ \t]*$/;
const THEMATIC_BREAK = /^[ \t]{0,3}([-*_=])[ \t]*(?:\1[ \t]*){2,}$/;

/** A horizontal rule ("---", "* * *") or a setext heading underline ("==="): not content. */
export function isThematicBreak(line: string): boolean {
  return THEMATIC_BREAK.test(line);
}

export function parseLinePrefix(line: string): LinePrefix {
  let pos = 0;
  let quote = false;
  for (;;) {
    QUOTE_MARKER.lastIndex = pos;
    if (!QUOTE_MARKER.test(line)) break;
    pos = QUOTE_MARKER.lastIndex;
    quote = true;
  }
  const afterQuote = pos;
  let heading = false;
  let list: LinePrefix['list'] = null;

  HEADING_MARKER.lastIndex = pos;
  if (HEADING_MARKER.test(line)) {
    heading = true;
    pos = HEADING_MARKER.lastIndex;
  } else {
    LIST_MARKER.lastIndex = pos;
    const m = LIST_MARKER.exec(line);
    if (m) {
      list = m[1] !== undefined ? { bullet: true, ordinal: 0 } : { bullet: false, ordinal: Number(m[2]) };
      pos = LIST_MARKER.lastIndex;
    }
  }

  let contentEnd = line.length;
  if (heading) {
    const closing = CLOSING_HASHES.exec(line);
    if (closing && closing.index >= pos) contentEnd = closing.index;
  }
  while (pos < contentEnd && /\s/.test(line[pos])) pos++;
  while (contentEnd > pos && /\s/.test(line[contentEnd - 1])) contentEnd--;
  return { quote, heading, list, afterQuote, content: pos, contentEnd };
}
