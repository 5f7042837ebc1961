/**
 * The app's one origin. The renderer is served from `app://dossier/` (see protocol-files.ts);
 * every check that asks "is this us?" parses the URL and compares scheme, host, port and
 * user-info exactly. A `startsWith('app://dossier')` test would let `app://dossier.evil/` and
 * `app://dossier@evil/` through.
 *
 * Note: for a scheme Node's URL parser does not know as "special", `URL.origin` is "null", so
 * the origin is compared field by field rather than through `origin`.
 */
export const APP_SCHEME = 'app';
const APP_HOST = 'dossier';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export function parseUrl(raw: unknown): URL | undefined {
  if (typeof raw !== 'string' || raw.length > 32_768) return undefined;
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/** True only for `app://dossier/…` exactly: no user-info, no port, host spelled as ours. */
export function isAppUrl(raw: unknown): boolean {
  const u = parseUrl(raw);
  return !!u && u.protocol === `${APP_SCHEME}:` && u.hostname === APP_HOST && u.host === APP_HOST && u.username === '' && u.password === '' && u.port === '';
}
