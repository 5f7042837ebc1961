/**
 * Rule-based English sentence and paragraph segmentation for news and policy prose.
 *
 * - splitParagraphs(text): blocks separated by blank lines (\n, \r\n or \r). Markdown is handled
 *   lightly: a `#` heading is its own paragraph, every list item (`-`, `*`, `+`, `•`, `1.`, `1)`)
 *   is its own paragraph, and `>` blockquote lines group together. Single newlines are soft wraps.
 * - splitSentences(text): sentences in document order, never crossing a paragraph
 *   (exactly the sentences of segment(text), flattened).
 * - segment(text): each paragraph with its sentences.
 *
 * Module map: paragraphs.ts + markdown.ts find blocks; split.ts scans a block, cluster.ts reads a
 * run of sentence punctuation, boundary.ts decides whether it ends the sentence using
 * abbreviations.ts, context.ts (surrounding words) and labels.ts; enumerators.ts splits inline
 * lists, line-lists.ts one-item-per-line lists, and quotations.ts joins the sentences of an
 * attributed quotation. Everything is linear in the input length.
 *
 * Offsets (`start`, `end`) index the ORIGINAL string and point at the trimmed text, after any
 * stripped block marker. `text` is `input.slice(start, end)` except that:
 *  - blockquote markers at the start of wrapped lines are removed;
 *  - sentence text has every whitespace run (soft-wrap newlines included) collapsed to one
 *    space; paragraph text keeps its original line breaks.
 *
 * Deliberate behaviours worth knowing:
 *  - A quotation closed by an attribution is one sentence however many it quotes:
 *    `"We won. We always do," she said.` and `"We won," she said.` are one each (quotations.ts);
 *    `"We won." She left.` is two.
 *  - Inline lists ("1. … 2. …", "1) … 2) …", "a. … b. …", "(a) … (b) …", "• 9. … • 10. …") are
 *    split into items when the block starts with the first marker. A list item's marker is never
 *    part of its sentence: the Markdown marker of a list-item paragraph is stripped, and so is
 *    every inline item's.
 *  - An abbreviation that may also end a sentence (U.S., Inc., Jr., Jan.) ends it only before a
 *    typical sentence opener (The, He, It, However, …): "I live in the U.S. How about you?"
 *    splits, "the U.S. Government" does not — nor, unavoidably, "…in the U.S. Congress voted".
 *  - Numbered captions ("Table 2. Funding by year") stay one sentence.
 *  - Three or more short unpunctuated lines (menus, keyword lists, table columns) are split one
 *    sentence per line instead of being joined.
 *
 * The accuracy target is the English "Golden Rules" set (see golden-rules.ts).
 */
export type { TextSpan } from './types';
export { segment, splitParagraphs, splitSentences } from './segment';
