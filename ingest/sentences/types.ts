/**
 * A piece of the input: its display text plus where it came from.
 *
 * `start`/`end` are UTF-16 offsets into the ORIGINAL input string, pointing at the trimmed text
 * (never at surrounding whitespace, never at a stripped Markdown block marker).
 *
 * `text` equals `input.slice(start, end)` except for two documented normalisations:
 *  - Markdown block markers inside the span (a `>` blockquote marker at the start of a wrapped
 *    line) are removed;
 *  - for sentences only, every run of whitespace (including soft-wrap newlines) is collapsed to a
 *    single space. Paragraph text keeps its original line breaks.
 */
export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

/** One paragraph-level block and the sentences inside it (sentences never cross blocks). */
export interface SegmentedParagraph {
  paragraph: TextSpan;
  sentences: TextSpan[];
}
