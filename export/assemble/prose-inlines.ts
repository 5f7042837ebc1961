import type { ProseSegment } from '../../core/citation-marks';
import type { Inline } from '../document';
import { MARK, type ProseBlock, proseBlocks } from '../prose';

/**
 * A prose item's blocks with each citation mark at its place: the marks are cut out of the
 * text first (the light Markdown never sees a prefix or suffix, so "*" in "see *Annex*" cannot
 * start an italic run), each leaving one MARK character that the block reader lays out with
 * the words around it — inside bold or italic, in a bullet or a numbered line.
 */
export function proseItemBlocks(segments: readonly ProseSegment[], mark: (k: number) => Inline): ProseBlock[] {
  return proseBlocks(maskedProse(segments), mark);
}

/** The prose as it is read aloud: marks replaced by MARK, for finding unsourced sentences. */
export function maskedProse(segments: readonly ProseSegment[]): string {
  return segments.map((s) => (s.kind === 'cite' ? MARK : s.text.replaceAll(MARK, ''))).join('');
}
