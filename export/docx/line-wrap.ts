import WIDTHS from './font-widths.json';

/**
 * How many lines a paragraph's text takes, from the widths of its characters in its font
 * (font-widths.json, measured once from docx's layout engine's width tables, that is Word's
 * metrics): each ASCII character's own, other letters and punctuation an average of their
 * kind. Cheap enough to run on every edit: no layout engine, no font files.
 */

interface Face {
  /** Ems of U+0020–U+007E. */
  ascii: number[];
  lower: number;
  upper: number;
  punctuation: number;
  lineHeight: number;
}

export interface FontSpec {
  family: string;
  /** Points. */
  size: number;
  bold?: boolean;
}

type StoredFace = (typeof WIDTHS.fonts)['Times New Roman']['regular'];

const face = (f: StoredFace): Face => ({ ...f, ascii: f.ascii.split(' ').map((w) => Number(w) / 1000) });
const FONTS = new Map(Object.entries(WIDTHS.fonts).map(([name, f]) => [name, { regular: face(f.regular), bold: face(f.bold) }]));
const ALIASES: Record<string, string | undefined> = WIDTHS.aliases;

/** The font's widths; a font not in the table is measured as the default (Times New Roman), as docx's layout guesses too. */
function faceOf(font: FontSpec): Face {
  const family = FONTS.get(font.family) ?? FONTS.get(ALIASES[font.family] ?? '') ?? FONTS.get(WIDTHS.default)!;
  return font.bold ? family.bold : family.regular;
}

/** A line's height in points, single spaced, in this font. */
export function lineHeight(font: FontSpec): number {
  return faceOf(font).lineHeight * font.size;
}

/** Ems of one character: its own width, or its kind's average (wide East Asian characters are a full em). */
function charEms(ch: string, face: Face): number {
  const code = ch.codePointAt(0)!;
  if (code >= 0x20 && code <= 0x7e) return face.ascii[code - 0x20];
  if (code === 0xa0) return face.ascii[0];
  if (code >= 0x2e80 && code <= 0xffdc) return 1;
  if (/\p{L}/u.test(ch)) return ch === ch.toLowerCase() ? face.lower : face.upper;
  return face.punctuation;
}

/** Width in points of text in this font. */
export function textWidth(text: string, font: FontSpec): number {
  const face = faceOf(font);
  let ems = 0;
  for (const ch of text) ems += charEms(ch, face);
  return ems * font.size;
}

/** A piece of a paragraph: text in one font, or a note reference (a point the line is recorded for). */
export type Piece = { text: string; font: FontSpec } | { note: number; width: number };

export interface Wrapped {
  readonly lines: number;
  /** For each note reference, in order, the line (from 0) it falls on. */
  readonly noteLines: readonly number[];
}

/**
 * Wraps already measured, by the pieces' text, fonts and note widths (not the notes' numbers,
 * which do not change the lines) and the widths: pre-flight's page count and the live preview
 * measure a 2,000-note briefing after every edit, and an edit changes a paragraph or two.
 * Two generations of at most WRAPS_KEPT each; a wrap in use moves to the newer.
 */
const WRAPS_KEPT = 20_000;
let wrapsNow = new Map<string, Wrapped>();
let wrapsBefore = new Map<string, Wrapped>();

function wrapKey(pieces: readonly Piece[], first: number, rest: number): string {
  let key = `${first}|${rest}`;
  for (const p of pieces) key += 'note' in p ? `\u0001${p.width}` : `\u0002${p.font.family}\u0003${p.font.size}\u0003${p.font.bold ? 'b' : ''}\u0003${p.text}`;
  return key;
}

/**
 * Greedy word wrap, as Word breaks lines: at spaces, a word longer than a whole line broken at
 * any character. `first` is the first line's width, `rest` every other's, in points.
 */
export function wrap(pieces: readonly Piece[], first: number, rest: number): Wrapped {
  const key = wrapKey(pieces, first, rest);
  let hit = wrapsNow.get(key);
  if (hit) return hit;
  hit = wrapsBefore.get(key) ?? wrapAnew(pieces, first, rest);
  if (wrapsNow.size >= WRAPS_KEPT) {
    wrapsBefore = wrapsNow;
    wrapsNow = new Map();
  }
  wrapsNow.set(key, hit);
  return hit;
}

function wrapAnew(pieces: readonly Piece[], first: number, rest: number): Wrapped {
  let line = 0;
  let used = 0; // width of the line up to the last space
  let word = 0; // width of the word being read
  let space = 0; // width of the spaces before it
  const noteLines: number[] = [];
  const pendingNotes: number[] = []; // notes inside the word being read
  const room = () => (line === 0 ? first : rest);
  const endWord = () => {
    if (used + space + word > room() && used > 0) {
      line += 1;
      used = 0;
      space = 0;
    }
    used += space + word;
    while (used > room() && room() > 0) {
      // A word longer than the line goes on, broken, over the next.
      used -= room();
      line += 1;
    }
    noteLines.push(...pendingNotes.map(() => line));
    pendingNotes.length = 0;
    word = 0;
    space = 0;
  };
  for (const piece of pieces) {
    if ('note' in piece) {
      word += piece.width;
      pendingNotes.push(piece.note);
      continue;
    }
    const face = faceOf(piece.font);
    const size = piece.font.size;
    for (const ch of piece.text) {
      if (ch === ' ') {
        if (word > 0) endWord();
        space += face.ascii[0] * size;
      } else word += charEms(ch, face) * size;
    }
  }
  endWord();
  return { lines: line + 1, noteLines };
}
