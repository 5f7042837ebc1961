import { realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from '../../api/csp';
import { isAppUrl } from './origin';

/**
 * The `app://dossier/` protocol: serves the built renderer folder and nothing else.
 *
 * A request path is decoded once, refused if it holds anything a path could escape with
 * (`..` segments after decoding — `%2e%2e%2f` included — backslashes, NUL, drive letters),
 * resolved under the root, and checked for containment twice: lexically (path.relative) and
 * after following symlinks (realpath), so a link inside the folder cannot point outside it.
 * Only files with a known type are served; anything else is a 404.
 */

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

function contentTypeOf(path: string): string | undefined {
  return TYPES[extname(path).toLowerCase()];
}

/** The file a request URL names inside `root`, or undefined when it is not ours to serve. */
export function resolveAppFile(root: string, requestUrl: string): string | undefined {
  if (!isAppUrl(requestUrl)) return undefined;
  const url = new URL(requestUrl);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined; // malformed escapes
  }
  if (path === '/' || path === '') path = '/index.html';
  if (path.includes('\0') || path.includes('\\') || /(^|\/)\.\.?(\/|$)/.test(path) || /^\/*[A-Za-z]:/.test(path) || path.includes('//')) return undefined;
  if (!contentTypeOf(path)) return undefined;

  const base = resolve(root);
  const file = resolve(join(base, ...path.split('/').filter(Boolean)));
  if (!isInside(base, file)) return undefined;
  try {
    if (!statSync(file).isFile()) return undefined;
    if (!isInside(realpathSync(base), realpathSync(file))) return undefined;
  } catch {
    return undefined;
  }
  return file;
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/** The whole protocol handler as a function of (root, request) → Response, so tests can call it. */
export async function serveAppRequest(root: string, request: { url: string; method: string }): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = resolveAppFile(root, request.url);
  if (!file) return plain(404, 'Not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'Not found');
  }
  const headers = { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file)!, 'Content-Length': String(body.length) };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}
