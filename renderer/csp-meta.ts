import type { Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from '../api/csp';

/**
 * Writes the app's Content-Security-Policy into the built index.html as a `<meta>`, from the
 * same directives the app:// protocol sends as a header (api/csp.ts), so the two
 * can never say different things. index.html itself holds no policy of its own.
 *
 * Build only: the Vite dev server needs inline scripts and a websocket for hot reloading, which
 * this policy forbids (the header does not apply there either: it is sent by the desktop shell).
 */
export const CSP_META_MARKER = '<!-- content-security-policy -->';

export function cspMeta(): Plugin {
  return {
    name: 'dossier-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(CSP_META_MARKER))
          throw new Error(`renderer/index.html: the ${CSP_META_MARKER} marker is missing; put it first in <head> so the policy precedes every script`);
        // The policy has no quotes or angle brackets of its own beyond "'", which is safe in a double-quoted attribute.
        return html.replace(CSP_META_MARKER, `<meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}" />`);
      },
    },
  };
}
