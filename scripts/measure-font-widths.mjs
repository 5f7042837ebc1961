/**
 * Writes export/docx/font-widths.json: for the fonts templates use, regular and bold, as
 * docx's layout engine measures them from its width tables (Word's metrics): the width of each
 * printable ASCII character, the average widths of other letters and punctuation (weighted as
 * in English text), and the single line height. The page estimate (export/docx/line-wrap.ts)
 * reads them so it need not load the engine. Run after updating docx:
 *
 *   node scripts/measure-font-widths.mjs
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Document, Paragraph, TextRun } = require('docx');
const { layoutDocument } = require('docx/layout');

const FONTS = ['Times New Roman', 'Arial', 'Calibri', 'Cambria', 'Georgia', 'Aptos', 'Verdana', 'Tahoma', 'Book Antiqua', 'Century Gothic', 'Courier New'];
/** Fonts drawn with another's widths (metric-compatible), as Word and LibreOffice substitute them. */
const ALIASES = {
  'Liberation Serif': 'Times New Roman',
  'Liberation Sans': 'Arial',
  Helvetica: 'Arial',
  Carlito: 'Calibri',
  Caladea: 'Cambria',
  'Liberation Mono': 'Courier New',
};

/** English letter frequencies (per cent), so a class's average is the average of running text. */
const LETTERS = {
  e: 12.7,
  t: 9.1,
  a: 8.2,
  o: 7.5,
  i: 7.0,
  n: 6.7,
  s: 6.3,
  h: 6.1,
  r: 6.0,
  d: 4.3,
  l: 4.0,
  c: 2.8,
  u: 2.8,
  m: 2.4,
  w: 2.4,
  f: 2.2,
  g: 2.0,
  y: 2.0,
  p: 1.9,
  b: 1.5,
  v: 1.0,
  k: 0.8,
  j: 0.15,
  x: 0.15,
  q: 0.1,
  z: 0.07,
};
const PUNCTUATION = ['.', ',', ';', ':', '(', ')', '-', '–', '’', '“', '”', '"', "'", '/', '%', '&'];
const SIZE = 12;
const REPEAT = 20;

/** The layout's lines of one paragraph of `text`, in points. */
function lines(text, font, bold) {
  const document = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun({ text, font, bold, size: SIZE * 2 })] })] }] });
  const layout = layoutDocument(document);
  if (layout.stoppedAt) throw new Error(`${font}: ${layout.stoppedAt}`);
  return layout.pages[0].body[0].lines;
}

/** One character's width in ems: a run of REPEAT of it, measured, divided. */
function width(ch, font, bold) {
  return (lines(ch.repeat(REPEAT), font, bold)[0].textWidth * 0.75) / REPEAT / SIZE;
}

const weighted = (entries, font, bold) => {
  const total = entries.reduce((n, [, w]) => n + w, 0);
  return entries.reduce((n, [ch, w]) => n + width(ch, font, bold) * w, 0) / total;
};

function measure(font, bold) {
  const letters = Object.entries(LETTERS);
  const round = (x) => Math.round(x * 10_000) / 10_000;
  // "a a" less "aa": the space between two words (a run of spaces alone is not measured).
  const space = ((lines('a a', font, bold)[0].textWidth - lines('aa', font, bold)[0].textWidth) * 0.75) / SIZE;
  const ascii = Array.from({ length: 95 }, (_, i) => (i === 0 ? space : width(String.fromCharCode(32 + i), font, bold)));
  return {
    // Thousandths of an em, for the characters U+0020 to U+007E in order.
    ascii: ascii.map((w) => Math.round(w * 1000)).join(' '),
    lower: round(weighted(letters, font, bold)),
    upper: round(
      weighted(
        letters.map(([c, w]) => [c.toUpperCase(), w]),
        font,
        bold,
      ),
    ),
    punctuation: round(
      weighted(
        PUNCTUATION.map((p) => [p, 1]),
        font,
        bold,
      ),
    ),
    lineHeight: round((lines('a', font, bold)[0].height * 0.75) / SIZE),
  };
}

const fonts = Object.fromEntries(FONTS.map((f) => [f, { regular: measure(f, false), bold: measure(f, true) }]));
const out = {
  $comment:
    'Written by scripts/measure-font-widths.mjs from docx/layout width tables: ASCII widths in thousandths of an em, other letters and punctuation as averages in ems, single line height in ems.',
  default: 'Times New Roman',
  aliases: ALIASES,
  fonts,
};
writeFileSync(new URL('../export/docx/font-widths.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
