/**
 * The Content-Security-Policy the app protocol sends with every response (a header, so it
 * covers the document before any of it is parsed and cannot be removed by injected markup).
 *
 * - script-src 'self': only the bundled scripts; no inline script, no eval (pdf.js must run with
 *   isEvalSupported: false anyway), no wasm-eval.
 * - style-src 'self' WITHOUT 'unsafe-inline': Vite emits CSS as files and React's `style={…}`
 *   sets styles through the CSSOM, which CSP does not block. What it does block is `<style>`
 *   elements and `style="…"` attributes written as markup: Tiptap's `injectCSS` must be false
 *   (import its CSS into the bundle instead). Were it ever needed, 'unsafe-inline' for styles
 *   would be a small loss here (no network to exfiltrate to), but it is not needed.
 * - img-src 'self' data:: bundled images and inline data: images (e.g. a pasted logo preview).
 * - connect-src 'none': the renderer talks to the core only through the preload bridge.
 * - worker-src 'self': a worker (pdf.js) from the bundle, never blob: or data:.
 * - frame-src/child-src/object-src 'none', base-uri 'none', form-action 'none',
 *   frame-ancestors 'none'.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, ...string[]]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self'", 'data:'],
  ['font-src', "'self'"],
  ['connect-src', "'none'"],
  ['media-src', "'none'"],
  ['worker-src', "'self'"],
  ['manifest-src', "'none'"],
  ['frame-src', "'none'"],
  ['child-src', "'none'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map((d) => d.join(' ')).join('; ');

/**
 * The directives a `<meta http-equiv>` policy cannot carry: browsers ignore them there (and log
 * an error), so they stay in the header only. Everything else is said in both places.
 */
export const HEADER_ONLY_DIRECTIVES: ReadonlySet<string> = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/**
 * The same policy for the page's own `<meta>`, written into the built index.html by
 * renderer/csp-meta.ts: a copy of the page opened any other way is held to the same rules.
 */
export const META_CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.filter((d) => !HEADER_ONLY_DIRECTIVES.has(d[0]))
  .map((d) => d.join(' '))
  .join('; ');

/** Headers on every response of the app protocol. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};
