/**
 * Web and mail addresses in running text: printed as they are (never retypeset) and, in the
 * .docx notes and bibliography, made real hyperlinks. A trailing stop, comma, bracket or quote
 * is the sentence's, not the address's.
 */
const URL_PATTERN = /\b(?:(?:https?|ftp):\/\/|www\.|mailto:)[^\s<>]*[^\s<>.,;:!?'")\]}’”»]/giu;

/** Where a text's addresses are: [start, end) offsets and the address to link to. */
export function findUrls(text: string): Array<{ start: number; end: number; href: string }> {
  return [...text.matchAll(URL_PATTERN)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    href: /^www\./i.test(m[0]) ? `http://${m[0]}` : m[0],
  }));
}
