import type { Inline, NoteMode } from '../document';

/**
 * Where a citation stands against the punctuation around it. One rule for placed facts and
 * for citation marks in prose; the template's `citation.notesAfterPunctuation` and the style
 * class (notes or in-text) choose it, never the writer:
 *
 * - Notes, after punctuation (US and British English, Chicago): the marker follows the full
 *   stop, comma, semicolon, colon and closing quote next to it — "… in January.¹",
 *   "“We won,”² she said". No space before a marker.
 * - Notes, before punctuation (many German and French houses): "… im Januar¹."
 * - In-text citations: the parenthetical goes before the sentence's final full stop (and
 *   after a closing quote): "… rose (Lee 2024, 3).", "… “a test” (Lee 2024)."
 *
 * A mark in mid-sentence stays where it is; punctuation is moved, never doubled.
 */
export interface PunctuationRule {
  mode: NoteMode;
  notesAfterPunctuation: boolean;
}

type TextInline = Extract<Inline, { type: 'text' }>;

const isCitation = (i: Inline | undefined): boolean => i?.type === 'note' || i?.type === 'cite';
const isText = (i: Inline | undefined): i is TextInline => i?.type === 'text';
const isBlank = (i: Inline | undefined): boolean => isText(i) && i.run.text.trim() === '';
const withText = (i: TextInline, text: string): TextInline => ({ type: 'text', run: { ...i.run, text } });

/** What a note marker moves past: clause and sentence punctuation, and closing quotes. */
const FOLLOWING = /^[.,;:!?…"”’»]+/;
/** What a note marker set before punctuation moves in front of. */
const PRECEDING = /[.,;:!?…]+$/;
/** The sentence's final stop (and a closing quote after it), for in-text citations. */
const FINAL_STOP = /([.!?…])(["”’»]?)$/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export function placeCitations(inlines: readonly Inline[], rule: PunctuationRule): Inline[] {
  if (!inlines.some(isCitation)) return [...inlines];
  const notes = rule.mode !== 'in-text';
  const src = [...inlines];
  const out: Inline[] = [];
  let i = 0;
  while (i < src.length) {
    if (!isCitation(src[i])) {
      out.push(src[i]);
      i++;
      continue;
    }
    // Citations next to each other (with only spaces between) move as one.
    const group: Inline[] = [];
    while (i < src.length) {
      if (isCitation(src[i])) group.push(src[i++]);
      else if (isBlank(src[i]) && isCitation(src[i + 1])) {
        if (!notes) group.push(src[i]);
        i++;
      } else break;
    }
    const next = isText(src[i]) ? (src[i] as TextInline) : undefined;
    const setNext = (text: string) => {
      if (next) src[i] = withText(next, text);
    };
    if (notes) {
      trimBefore(out);
      const prev = lastText(out);
      if (rule.notesAfterPunctuation) {
        const m = next ? FOLLOWING.exec(next.run.text) : null;
        const after = m ? next!.run.text.slice(m[0].length) : '';
        if (m && !LETTER_OR_DIGIT.test(after.charAt(0))) {
          // "January. [@A]." would give "January..¹": the stop already there stands.
          const chunk = prev && /[.!?…]$/.test(prev.run.text) && m[0].startsWith('.') ? m[0].slice(1) : m[0];
          if (chunk) out.push(withText(next!, chunk));
          setNext(after);
        }
        out.push(...group);
      } else {
        const m = prev ? PRECEDING.exec(prev.run.text) : null;
        if (m && prev) {
          replaceLast(out, withText(prev, prev.run.text.slice(0, m.index)));
          out.push(...group);
          if (!(next && /^[.,;:!?…]/.test(next.run.text))) out.push(withText(prev, m[0]));
        } else out.push(...group);
      }
    } else {
      const prev = lastText(out);
      const trimmed = prev?.run.text.trimEnd() ?? '';
      const stop = FINAL_STOP.exec(trimmed);
      const endsSentence = !next || /^(?:$|\s|[.!?…])/.test(next.run.text);
      if (prev && stop && endsSentence) {
        // "… rose. [@A]" → "… rose (Lee 2024, 3)."; a quote stays with its words: "“a test” (Lee)."
        replaceLast(out, withText(prev, `${trimmed.slice(0, stop.index)}${stop[2]} `));
        out.push(...group);
        if (!(next && /^[.!?…]/.test(next.run.text))) out.push(withText(prev, stop[1]));
      } else {
        if (prev && prev.run.text !== '' && !/[\s([{“‘"'«—–-]$/.test(prev.run.text)) replaceLast(out, withText(prev, `${prev.run.text} `));
        out.push(...group);
      }
    }
  }
  return out.filter((x) => !isText(x) || x.run.text !== '');
}

/** A note marker sits on the word before it: the spaces before it go. */
function trimBefore(out: Inline[]): void {
  while (isBlank(out[out.length - 1])) out.pop();
  const prev = out[out.length - 1];
  if (isText(prev)) out[out.length - 1] = withText(prev, prev.run.text.trimEnd());
}

function lastText(out: Inline[]): TextInline | undefined {
  const last = out[out.length - 1];
  return isText(last) ? last : undefined;
}

function replaceLast(out: Inline[], inl: Inline): void {
  out[out.length - 1] = inl;
}
