import type { BlockKind, ImportedBlock } from '../document';
import { cleanText } from './text-clean';

/**
 * Building blocks and their paragraph locators for formats that flow (text, Markdown, HTML,
 * Word): documents without pages are cited by paragraph number.
 *
 * Numbering counts what a reader counts as paragraphs — body paragraphs, list items and block
 * quotes — and skips headings and notes, so "para. 12" of a statement finds the 12th paragraph
 * a person would count, not the 12th line of markup. Headings carry no locator.
 */
const NUMBERED: ReadonlySet<BlockKind> = new Set(['paragraph', 'list-item', 'quote']);

/** A cleaned block, or nothing when no letter or digit survives cleaning (rules, bullets, "•••"). */
export function makeBlock(kind: BlockKind, raw: string): ImportedBlock | undefined {
  const text = cleanText(raw);
  return /[\p{L}\p{N}]/u.test(text) ? { text, kind } : undefined;
}

export function numberParagraphs(blocks: ImportedBlock[]): ImportedBlock[] {
  let n = 0;
  for (const b of blocks) {
    if (NUMBERED.has(b.kind) && !b.locator) b.locator = { label: 'paragraph', value: String(++n) };
  }
  return blocks;
}
