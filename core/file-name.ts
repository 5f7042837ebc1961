/**
 * Export file names come from briefing titles, which people type freely. A name must be safe
 * on Windows, macOS and Linux alike: no folder parts, nothing Windows reserves, no characters
 * that hide or reorder what the name shows (Trojan-Source bidi controls, zero-width marks).
 */

const MAX_BASE_LENGTH = 150;
const FALLBACK = 'briefing';

// Reserved by Windows (and path syntax everywhere): < > : " / \ | ? *
const RESERVED = /[<>:"/\\|?*]/g;
// C0 and C1 controls, DEL.
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;
// Bidi embeddings, overrides and isolates, marks, zero-width characters, word joiner,
// invisible operators, byte-order mark, interlinear annotation and object replacement chars.
// eslint-disable-next-line no-misleading-character-class -- the variation selectors are listed one by one, on purpose, to be removed
const INVISIBLE = /[\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFFC]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

/** Cuts a string to at most `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

function cleanPart(text: string): string {
  return text.normalize('NFC').replace(LONE_SURROGATE, '').replace(CONTROLS, ' ').replace(INVISIBLE, '').replace(RESERVED, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * A file name (no folder) for `name` with extension `ext` ("docx" or ".docx"): reserved and
 * invisible characters removed, no leading dots (no hidden files, no `..`), no trailing dots or
 * spaces, Windows device names (CON, NUL, COM1 …) suffixed with "_", the base cut to about 150
 * characters, and never empty ("briefing" when nothing is left).
 */
export function safeFileName(name: string, ext: string): string {
  const extension = cleanPart(ext)
    .replace(/^\.+/, '')
    .replace(/[.\s]+$/, '')
    .replace(/\s/g, '');
  let base = cleanPart(name)
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  base = cut(base, MAX_BASE_LENGTH).replace(/[.\s]+$/, '');
  if (base === '') base = FALLBACK;
  // "CON", "con.tar" and "nul " are all the device on Windows: judge the part before the first dot.
  const stem = base.split('.')[0] ?? base;
  if (WINDOWS_RESERVED.test(stem.trim())) base = `${stem}_${base.slice(stem.length)}`;
  return extension ? `${base}.${cut(extension, 16)}` : base;
}
