import { isAppUrl, parseUrl } from './origin';

/**
 * Where the window may go and what it may load. Dossier is offline: the renderer loads only
 * its own files, never navigates away from them, and opens web links in the user's browser —
 * http(s) only, after a click.
 */

/** `will-navigate` / `will-redirect` / `will-frame-navigate`: only within the app's own origin. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * `session.webRequest.onBeforeRequest`: the app's own files, DevTools' own pages (development
 * only — DevTools is off in packaged builds), and inline `data:` images the CSP allows. Every
 * http(s), ws(s), file, ftp, blob or unknown-scheme request is cancelled.
 */
export function isAllowedRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  const u = parseUrl(url);
  if (!u) return false;
  if (u.protocol === 'devtools:') return true;
  // data: images (img-src data: in the CSP); data: can carry no request off the machine.
  if (u.protocol === 'data:') return /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i.test(url);
  return false;
}

/**
 * A link the user clicked that may be handed to the operating system: a well-formed http: or
 * https: URL with a host and no credentials. Everything else — javascript:, file:, UNC paths
 * (\\server\share, file://server/share), ms-msdt:, search-ms:, smb:, custom app schemes — is
 * refused, because `shell.openExternal` would hand it to whatever program claims the scheme.
 */
export function externalUrlAllowed(raw: unknown): boolean {
  if (typeof raw !== 'string' || raw.length > 8192) return false;
  // Control, bidi and zero-width characters and whitespace are how scheme and host tricks hide.
  if (/[\u0000-\u0020\u007f-\u009f\\\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(raw)) return false;
  // Spelled as the user saw it: scheme, two slashes, then the host (no "https:///x" or "https:x").
  if (!/^https?:\/\/[^/]/i.test(raw)) return false;
  const u = parseUrl(raw);
  if (!u) return false;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  if (!u.hostname || u.username || u.password) return false;
  return true;
}
