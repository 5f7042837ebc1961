/**
 * Windows-1252, decoded correctly on every Node version.
 *
 * Node 20's TextDecoder('windows-1252') actually decodes Latin-1: bytes 0x80–0x9F — where
 * Windows-1252 keeps its curly quotes, dashes, ellipsis and euro sign — come out as invisible
 * C1 control characters, so "–" and "’" vanish from legacy Word exports and old web pages.
 * C1 controls never occur in prose, so mapping them to the characters Windows-1252 (and the
 * WHATWG Encoding standard) assigns to those bytes repairs such text exactly.
 */
/** What bytes 0x80–0x9F mean in Windows-1252 (the five unassigned ones stay as they are). */
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

export function repairC1(s: string): string {
  return /[\u0080-\u009F]/.test(s) ? s.replace(/[\u0080-\u009F]/g, (c) => HIGH[c.charCodeAt(0) - 0x80]) : s;
}

export function decodeWindows1252(bytes: Uint8Array): string {
  return repairC1(new TextDecoder('windows-1252').decode(bytes));
}
