import { isBullet } from './chars';

/**
 * List labels: the "1", "b", "iv" of "1.", "b)", "iv." — numbers and letters that mark items
 * rather than end sentences.
 */

// Roman numerals up to 399 in one case: "ii", "XIV" (but not "ill" or "civil").
const ROMAN = /^(?:(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})|(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))$/;

/**
 * True when `word` (the token before a full stop) is a list marker such as "1", "b", "iv" or
 * "⁃9", so that the full stop belongs to the marker. Callers check that the token opens the
 * current sentence.
 */
export function isLabelWord(word: string): boolean {
  let w = word;
  while (w.length > 0 && isBullet(w[0])) w = w.slice(1);
  if (w.startsWith('(')) w = w.slice(1);
  return /^(?:\d{1,3}|[A-Za-z])$/.test(w) || ROMAN.test(w);
}
