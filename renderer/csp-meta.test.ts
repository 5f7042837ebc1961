import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, HEADER_ONLY_DIRECTIVES, META_CONTENT_SECURITY_POLICY } from '../api/csp';
import { CSP_META_MARKER } from './csp-meta';
import config from './vite.config';

/** "a b; c d" → [['a', 'b'], ['c', 'd']], as a browser splits a policy. */
const directives = (policy: string) =>
  policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .filter((d) => d[0]);

const indexHtml = readFileSync(new URL('./index.html', import.meta.url), 'utf8');

/** The built page's <head>, as the renderer's own Vite config transforms index.html. */
function builtPolicy(): string | null {
  const plugin = (config.plugins ?? []).flat().find((p): p is Plugin => !!p && typeof p === 'object' && 'name' in p && p.name === 'dossier-csp-meta');
  expect(plugin, 'renderer/vite.config.ts registers the CSP <meta> plugin').toBeDefined();
  expect(plugin!.apply).toBe('build');
  const hook = plugin!.transformIndexHtml as { handler: (html: string) => string };
  const html = hook.handler(indexHtml);
  const { document } = parseHTML(html);
  const metas = document.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]');
  expect(metas.length).toBe(1);
  // A <meta> policy covers only what follows it: it must precede every script.
  expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf('<script'));
  return metas[0].getAttribute('content');
}

describe("the page's <meta> Content-Security-Policy", () => {
  it('is not written by hand in index.html: one source, api/csp.ts', () => {
    expect(indexHtml).not.toMatch(/http-equiv\s*=\s*["']?Content-Security-Policy/i);
    expect(indexHtml.split(CSP_META_MARKER).length - 1).toBe(1);
  });

  it('says in the built page exactly what the header says (bar what a <meta> cannot carry)', () => {
    const meta = directives(builtPolicy()!);
    const header = directives(CONTENT_SECURITY_POLICY);
    expect(meta).toEqual(header.filter((d) => !HEADER_ONLY_DIRECTIVES.has(d[0])));
    // Only frame-ancestors is header-only today, and the header does carry it.
    expect(header.filter((d) => HEADER_ONLY_DIRECTIVES.has(d[0]))).toEqual([['frame-ancestors', "'none'"]]);
    expect(builtPolicy()).toBe(META_CONTENT_SECURITY_POLICY);
  });

  it('refuses to build an index.html without the marker, so a page can never ship without the policy', () => {
    const plugin = (config.plugins ?? []).flat().find((p): p is Plugin => !!p && typeof p === 'object' && 'name' in p && p.name === 'dossier-csp-meta')!;
    const hook = plugin.transformIndexHtml as { handler: (html: string) => string };
    expect(() => hook.handler('<!doctype html><html><head></head><body></body></html>')).toThrow(
      /renderer\/index\.html: the <!-- content-security-policy --> marker is missing/,
    );
  });
});
