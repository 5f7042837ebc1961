import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../db/testing/temp-library';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, SECURITY_HEADERS } from '../../api/csp';
import { checkEvent, checkSender } from './ipc-guard';
import { externalUrlAllowed, isAllowedNavigation, isAllowedRequest } from './navigation';
import { isAppUrl } from './origin';
import { resolveAppFile, serveAppRequest } from './protocol-files';
import { spellcheckAllowed, webPreferences, windowOptions } from './web-preferences';

describe('window settings', () => {
  const prefs = webPreferences({ preload: '/app/out/preload/preload.cjs', devTools: false, spellcheck: true });

  it('sandboxes and isolates the renderer, with no Node and no way around web security', () => {
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.preload).toBe('/app/out/preload/preload.cjs');
  });

  it('puts the same preferences in the window options and starts hidden until ready', () => {
    const w = windowOptions({ preload: 'p', devTools: true, spellcheck: false, bounds: { width: 1000, height: 700 } });
    expect(w.webPreferences).toEqual(webPreferences({ preload: 'p', devTools: true, spellcheck: false }));
    expect(w.show).toBe(false);
  });

  it('spell-checks only where the OS does it (Linux would download dictionaries)', () => {
    expect(spellcheckAllowed('darwin')).toBe(true);
    expect(spellcheckAllowed('win32')).toBe(true);
    expect(spellcheckAllowed('linux')).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  const directive = (name: string) => CSP_DIRECTIVES.find((d) => d[0] === name)?.slice(1);

  it('denies by default and allows scripts only from the app itself', () => {
    expect(directive('default-src')).toEqual(["'none'"]);
    expect(directive('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|unsafe-hashes|strict-dynamic|\*|https?:|blob:/);
  });

  it('has no network, frames, plugins, base or form targets', () => {
    for (const d of ['connect-src', 'frame-src', 'child-src', 'object-src', 'base-uri', 'form-action', 'frame-ancestors', 'media-src']) {
      expect(directive(d), d).toEqual(["'none'"]);
    }
    expect(directive('img-src')).toEqual(["'self'", 'data:']);
    expect(directive('font-src')).toEqual(["'self'"]);
    expect(directive('style-src')).toEqual(["'self'"]);
  });

  it('is sent as a header with nosniff', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; media-src 'none'; worker-src 'self'; manifest-src 'none'; frame-src 'none'; child-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });
});

describe('navigation and requests', () => {
  const foreign = [
    'https://evil.example/',
    'http://evil.example/',
    'file:///etc/passwd',
    'file:///C:/Windows/System32/calc.exe',
    'app://dossier.evil/',
    'app://dossier.evil/index.html',
    'app://evil/index.html',
    'app://dossier@evil/index.html',
    'app://user:pw@dossier/index.html',
    'app://dossier:8080/index.html',
    'apps://dossier/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
  ];

  it('allows navigation only within app://dossier/', () => {
    expect(isAllowedNavigation('app://dossier/index.html')).toBe(true);
    expect(isAllowedNavigation('app://dossier/')).toBe(true);
    expect(isAllowedNavigation('app://dossier/index.html#/briefings/1')).toBe(true);
    for (const url of foreign) expect(isAllowedNavigation(url), url).toBe(false);
  });

  it('cancels every request that is not the app, DevTools or an inline image', () => {
    expect(isAllowedRequest('app://dossier/assets/index-abc.js')).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'http://localhost/',
      'ws://localhost:8080/',
      'wss://example.com/socket',
      'file:///etc/passwd',
      'ftp://example.com/',
      'blob:app://dossier/123',
      'data:text/html,<b>x</b>',
      'app://dossier.evil/x.js',
      'chrome-extension://abc/x.js',
    ]) {
      expect(isAllowedRequest(url), url).toBe(false);
    }
  });

  it('opens externally only well-formed http(s) links', () => {
    expect(externalUrlAllowed('https://www.gov.uk/government/publications')).toBe(true);
    expect(externalUrlAllowed('http://example.com/a?b=c#d')).toBe(true);
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'file:///C:/Windows/System32/calc.exe',
      'file://server/share/x.exe',
      '\\\\server\\share\\x.exe',
      '//server/share',
      'ms-msdt:/id PCWDiagnostic /skip force',
      'search-ms:query=x&crumb=location:\\\\evil\\share',
      'smb://server/share',
      'ms-officecmd:{}',
      'vscode://file/x',
      'app://dossier/index.html',
      'data:text/html,x',
      'https://user:pw@example.com/',
      'https:///nohost',
      'https://exa mple.com/',
      'https://example.com/\u202e',
      'https://example.com\\@evil.example/',
      42,
      undefined,
    ]) {
      expect(externalUrlAllowed(url), String(url)).toBe(false);
    }
  });

  it('compares the parsed origin, not a string prefix', () => {
    expect(isAppUrl('app://dossier/x')).toBe(true);
    expect(isAppUrl('app://dossier.evil/x')).toBe(false);
    expect(isAppUrl('app://dossierx/')).toBe(false);
  });
});

describe('the app:// protocol', () => {
  let root: string;
  let outside: string;
  let cleanup: () => void;
  beforeAll(() => {
    const t = tempDir();
    cleanup = t.cleanup;
    root = join(t.dir, 'renderer');
    outside = join(t.dir, 'secret');
    mkdirSync(join(root, 'assets'), { recursive: true });
    mkdirSync(outside);
    mkdirSync(join(t.dir, 'renderer-evil'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Dossier</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'data.bin'), 'x');
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    writeFileSync(join(t.dir, 'renderer-evil', 'x.js'), 'evil');
    try {
      symlinkSync(join(outside, 'secret.txt'), join(root, 'assets', 'link.txt'));
    } catch {
      // no symlinks on this file system; the containment check is still tested lexically
    }
  });
  afterAll(() => cleanup());

  it('serves the built renderer, with index.html for /', () => {
    expect(resolveAppFile(root, 'app://dossier/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://dossier/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://dossier/assets/app.js?v=1#x')).toBe(join(root, 'assets', 'app.js'));
  });

  it('refuses traversal however it is spelled, and everything outside the folder', () => {
    for (const url of [
      'app://dossier/../secret/secret.txt',
      'app://dossier/..%2fsecret%2fsecret.txt',
      'app://dossier/%2e%2e/secret/secret.txt',
      'app://dossier/%2e%2e%2fsecret%2fsecret.txt',
      'app://dossier/assets/..%2f..%2fsecret%2fsecret.txt',
      'app://dossier/..%5csecret%5csecret.txt',
      'app://dossier/assets%5c..%5c..%5csecret%5csecret.txt',
      'app://dossier/%252e%252e%252fsecret%252fsecret.txt',
      'app://dossier/..%2frenderer-evil%2fx.js',
      'app://dossier/index.html%00.js',
      'app://dossier/C:%5cWindows%5cwin.ini',
      'app://dossier//etc/passwd',
      'app://dossier/%E0%A4%A',
      'app://dossier/assets/link.txt',
      'app://dossier/assets/data.bin',
      'app://dossier/assets',
      'app://dossier/missing.js',
      'app://dossier.evil/index.html',
      'file:///etc/passwd',
    ]) {
      expect(resolveAppFile(root, url), url).toBeUndefined();
    }
  });

  it('answers with the CSP header and a content type, 404 for unknown files, 405 for writes', async () => {
    const ok = await serveAppRequest(root, { url: 'app://dossier/index.html', method: 'GET' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(ok.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await ok.text()).toContain('<title>Dossier</title>');

    const missing = await serveAppRequest(root, { url: 'app://dossier/..%2fsecret%2fsecret.txt', method: 'GET' });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await missing.text()).not.toContain('secret');
    expect((await serveAppRequest(root, { url: 'app://dossier/index.html', method: 'POST' })).status).toBe(405);
  });
});

describe('IPC sender checks', () => {
  const main = { url: 'app://dossier/index.html', parent: null };

  it('accepts the main frame of the app origin', () => {
    expect(checkSender(main)).toEqual({ ok: true });
    expect(checkEvent({ senderFrame: main, sender: { id: 7 } }, 7)).toEqual({ ok: true });
  });

  it('refuses subframes, foreign origins, vanished frames and other windows', () => {
    expect(checkSender({ url: 'app://dossier/index.html', parent: main })).toMatchObject({ ok: false, reason: 'not the main frame' });
    expect(checkSender({ url: 'https://evil.example/', parent: null })).toMatchObject({ ok: false, reason: 'not the app origin' });
    expect(checkSender({ url: 'app://dossier.evil/', parent: null })).toMatchObject({ ok: false });
    expect(checkSender({ url: 'file:///etc/passwd', parent: null })).toMatchObject({ ok: false });
    expect(checkSender({ url: 'about:blank', parent: null })).toMatchObject({ ok: false });
    expect(checkSender(null)).toMatchObject({ ok: false, reason: 'the sending frame is gone' });
    expect(checkEvent({ senderFrame: main, sender: { id: 8 } }, 7)).toMatchObject({ ok: false, reason: 'not the Dossier window' });
    expect(checkEvent({ senderFrame: main, sender: { id: 7 } }, undefined)).toMatchObject({ ok: false });
  });
});
