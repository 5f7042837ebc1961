import type { Block, Inline, ResolvedDocument, Run } from '../document';

/**
 * What the page-count estimate hands docx's layout engine, and when it does not bother.
 *
 * The engine lays out a word that is longer than its line one character at a time, measuring
 * the whole line again for each: a fact of 20,000 characters with no space in it (a pasted
 * hash, a URL list, text from a PDF that lost its spaces) took half a minute, and pre-flight
 * runs on every edit in the app. Ordinary text costs it about 40 µs a character, so past a few
 * pages the layout costs more than it tells: a page limit of 1–3 pages is long exceeded, and
 * the document's own measure (page-measure.ts) counts the pages.
 */

/** Beyond this many blocks a full layout takes seconds; the measure is close enough. */
const LAYOUT_BLOCK_LIMIT = 250;
/** Beyond this many characters (about five memo pages) the measure alone counts too. */
const LAYOUT_CHAR_LIMIT = 15_000;

/** Runs of this many characters without a space are cut for the layout (see layoutCopy). */
const LONG_WORD = /\S{25,}/gu;
/** Eight characters: Word breaks an over-long word at any character, so a line ends at most seven short. */
const WORD_PIECE = /[^]{1,8}/gu;
const ZERO_WIDTH_SPACE = '\u200B';

function breakable(text: string): string {
  LONG_WORD.lastIndex = 0;
  if (!LONG_WORD.test(text)) return text;
  return text.replace(LONG_WORD, (word) => word.match(WORD_PIECE)!.join(ZERO_WIDTH_SPACE));
}

const runs = (rs: readonly Run[]): Run[] => rs.map((r) => ({ ...r, text: breakable(r.text) }));

function inline(i: Inline): Inline {
  if (i.type === 'text') return { ...i, run: { ...i.run, text: breakable(i.run.text) } };
  return { ...i, runs: runs(i.runs) };
}

const block = (b: Block): Block => ({ ...b, inlines: b.inlines.map(inline) });

/**
 * The document as the layout should see it: every word longer than 24 characters cut into
 * pieces of eight with zero-width spaces, where Word may break a line as it breaks the word
 * itself (at any character), so the engine places pieces instead of characters. The lines come
 * out as many as Word's, give or take one where a piece does not fit at a line's end.
 */
export function layoutCopy(doc: ResolvedDocument): ResolvedDocument {
  const { decision, bibliography, banner, attachments, preparedBy, derivedFrom } = doc;
  return {
    ...doc,
    heading: breakable(doc.heading),
    title: breakable(doc.title),
    date: breakable(doc.date),
    fields: doc.fields.map((f) => ({ ...f, label: breakable(f.label), value: breakable(f.value) })),
    sections: doc.sections.map((s) => ({ ...s, heading: breakable(s.heading), blocks: s.blocks.map(block) })),
    ...(decision
      ? {
          decision: {
            ...decision,
            lines: decision.lines.map(breakable),
            ...(decision.decideBy !== undefined ? { decideBy: breakable(decision.decideBy) } : {}),
          },
        }
      : {}),
    ...(bibliography ? { bibliography: { ...bibliography, entries: bibliography.entries.map(runs) } } : {}),
    ...(banner !== undefined ? { banner: breakable(banner) } : {}),
    ...(attachments !== undefined ? { attachments: breakable(attachments) } : {}),
    ...(preparedBy !== undefined ? { preparedBy: breakable(preparedBy) } : {}),
    ...(derivedFrom !== undefined ? { derivedFrom: breakable(derivedFrom) } : {}),
  };
}

const inlineLength = (i: Inline): number =>
  i.type === 'text' ? i.run.text.length : i.runs.reduce((n, r) => n + r.text.length, 0) + (i.type === 'note' ? 40 : 0);
const entryLength = (e: readonly Run[]): number => e.reduce((n, r) => n + r.text.length, 0) + 40;

/** The body's characters, with 40 for each note and bibliography entry (their number and spacing). */
function bodyLength(doc: ResolvedDocument): number {
  let chars = 0;
  for (const s of doc.sections) for (const b of s.blocks) for (const i of b.inlines) chars += inlineLength(i);
  for (const e of doc.bibliography?.entries ?? []) chars += entryLength(e);
  return chars;
}

/** Whether the document is too long for the layout to be worth its time (see the limits above). */
export function tooLongToLayOut(doc: ResolvedDocument): boolean {
  const blocks = doc.sections.reduce((n, s) => n + s.blocks.length, 0) + (doc.bibliography?.entries.length ?? 0);
  return blocks > LAYOUT_BLOCK_LIMIT || bodyLength(doc) > LAYOUT_CHAR_LIMIT;
}

/**
 * How near a page's end (in pages) the document's own measure must end for docx's layout to
 * settle the count. Against LibreOffice's pages on the built-in templates, every length from
 * the sample alone to six pages with footnotes and with endnotes (410 documents,
 * page-accuracy.test.ts with PAGE_ACCURACY_SWEEP=1), the measure counted 401 exactly, and its
 * largest error was 0.073 of a page (three or four lines), always just short of a page's end:
 * twice that leaves room for briefings unlike the samples.
 */
export const PAGE_ESTIMATE_MARGIN = 0.15;
