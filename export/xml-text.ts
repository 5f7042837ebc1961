/**
 * Text that goes into an XML part of a .docx must be legal XML 1.0. Facts come from PDFs,
 * web pages and pasted e-mail, so they carry NULs, form feeds (a single `\f` makes Word refuse
 * the whole file), lone surrogates from broken UTF-16 and the non-characters U+FFFE/U+FFFF.
 * Those are removed; everything else — Korean, Arabic, emoji, combining marks, bidi controls
 * an author typed on purpose — is kept exactly as it was (no normalisation).
 */

// C0 controls other than tab, line feed and carriage return; U+FFFE and U+FFFF.
const ILLEGAL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ANY_ILLEGAL = new RegExp(ILLEGAL_CHARS.source);
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/** The text with every character XML 1.0 forbids removed. `& < >` are left for escapeXml (or docx) to escape. */
export function sanitizeXmlText(text: string): string {
  // Most text has neither: test (cheap, no copy) before replacing.
  const legal = ANY_ILLEGAL.test(text) ? text.replace(ILLEGAL_CHARS, '') : text;
  return ANY_SURROGATE.test(legal) ? legal.replace(LONE_SURROGATE, '') : legal;
}

// The five characters XML escapes. Native replaces, `&` first, rather than one replace with a
// callback: Zotero field instructions are JSON, with a quote every few characters.
const NEEDS_ESCAPE = /[&<>"']/;

/**
 * Text made safe for XML element content and attribute values (either quote), the one XML
 * escaper of Dossier. Exactly what `docx`'s escapeText writes, so the parts written as text
 * (docx/wordml.ts) are byte for byte the ones `docx` writes. Illegal characters are not
 * removed here: sanitizeXmlText does that, where text enters a document.
 */
export function escapeXml(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;') : s;
}

/**
 * An attribute value that must come back exactly as it was: escapeXml, plus tab, line feed and
 * carriage return as character references, which XML parsers would otherwise normalise to
 * spaces (a CSL prefix="&#9;" is a tab). Not for the docx parts, which must match docx's bytes.
 */
export function escapeXmlAttribute(s: string): string {
  const escaped = escapeXml(s);
  return /[\t\n\r]/.test(escaped) ? escaped.replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`) : escaped;
}

/** Whether the text has a character that XML 1.0 forbids. */
export function hasIllegalXmlChars(text: string): boolean {
  ILLEGAL_CHARS.lastIndex = 0;
  LONE_SURROGATE.lastIndex = 0;
  const found = ILLEGAL_CHARS.test(text) || LONE_SURROGATE.test(text);
  ILLEGAL_CHARS.lastIndex = 0;
  LONE_SURROGATE.lastIndex = 0;
  return found;
}

// Letters of right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic,
// Arabic supplements and presentation forms, and the RTL blocks of the supplementary planes.
const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
const STRONG_LTR = /[\p{L}\p{M}]/u;

/** Whether the text has any letter of a right-to-left script. */
export function hasRtl(text: string): boolean {
  return RTL_CHAR.test(text);
}

/** Direction of the first strongly directional letter: what Word's "auto" paragraph direction would pick. */
export function firstStrongDirection(text: string): 'ltr' | 'rtl' | undefined {
  for (const ch of text) {
    if (RTL_CHAR.test(ch)) return 'rtl';
    if (STRONG_LTR.test(ch)) return 'ltr';
  }
  return undefined;
}

export interface DirectionalSegment {
  text: string;
  rtl: boolean;
}

/**
 * Splits text into runs of one direction so a .docx run with Arabic or Hebrew can be marked
 * right-to-left (`w:rtl`) without marking the Latin text around it. Neutral characters
 * (spaces, punctuation, digits) between two right-to-left letters belong to the right-to-left
 * run; elsewhere they stay with the left-to-right text. Combining marks stay with their base.
 */
export function splitByDirection(text: string): DirectionalSegment[] {
  if (!hasRtl(text)) return text === '' ? [] : [{ text, rtl: false }];
  const chars = Array.from(text);
  const kind = chars.map((ch): 'r' | 'l' | 'n' => (RTL_CHAR.test(ch) ? 'r' : /\p{M}/u.test(ch) ? 'n' : STRONG_LTR.test(ch) ? 'l' : 'n'));
  // Combining marks take the direction of the letter they follow.
  for (let i = 1; i < chars.length; i++) if (/\p{M}/u.test(chars[i]) && kind[i - 1] !== 'n') kind[i] = kind[i - 1]!;
  // A neutral is right-to-left when the strong letters either side of it both are. The nearest
  // strong letter after each position, found in one pass from the end (searching from every
  // neutral made a long run of digits or spaces quadratic: 100,000 took seconds).
  const nextStrong = new Array<'r' | 'l' | undefined>(chars.length);
  let next: 'r' | 'l' | undefined;
  for (let i = chars.length - 1; i >= 0; i--) {
    nextStrong[i] = next;
    if (kind[i] !== 'n') next = kind[i] as 'r' | 'l';
  }
  const resolved = new Array<boolean>(chars.length).fill(false);
  let prev: 'r' | 'l' | undefined;
  for (let i = 0; i < chars.length; i++) {
    if (kind[i] === 'r') resolved[i] = true;
    else if (kind[i] === 'l') resolved[i] = false;
    else resolved[i] = prev === 'r' && nextStrong[i] === 'r';
    if (kind[i] !== 'n') prev = kind[i] as 'r' | 'l';
  }
  const out: DirectionalSegment[] = [];
  for (let i = 0; i < chars.length; i++) {
    const last = out[out.length - 1];
    if (last && last.rtl === resolved[i]) last.text += chars[i];
    else out.push({ text: chars[i], rtl: resolved[i] });
  }
  return out;
}
