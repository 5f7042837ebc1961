import { describe, expect, it, vi } from 'vitest';
import { hardenSession, hardenWebContents } from './harden';

const log = { warn: vi.fn() };

type RequestHandler = (wc: unknown, permission: string, cb: (granted: boolean) => void) => void;
type Check = (...a: unknown[]) => boolean;
type BeforeRequest = (details: { url: string }, cb: (r: { cancel: boolean }) => void) => void;

function fakeSession() {
  const s: {
    request?: RequestHandler;
    check?: Check;
    device?: Check;
    beforeRequest?: BeforeRequest;
    [k: string]: unknown;
  } = {};
  Object.assign(s, {
    setPermissionRequestHandler: (h: RequestHandler) => void (s.request = h),
    setPermissionCheckHandler: (h: Check) => void (s.check = h),
    setDevicePermissionHandler: (h: Check) => void (s.device = h),
    webRequest: { onBeforeRequest: (h: BeforeRequest) => void (s.beforeRequest = h) },
    on: (name: string, h: (e: { preventDefault(): void }) => void) => void (s[`on:${name}`] = h),
  });
  return s;
}

function fakeContents() {
  const handlers = new Map<string, (event: { preventDefault(): void; url?: string }, url?: string) => void>();
  const c = {
    openHandler: undefined as undefined | ((d: { url: string }) => { action: string }),
    on: (name: string, h: (event: { preventDefault(): void; url?: string }, url?: string) => void) => {
      handlers.set(name, h);
      return c;
    },
    setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => void (c.openHandler = h),
    fire(name: string, url: string): boolean {
      let prevented = false;
      const event = { preventDefault: () => void (prevented = true), url };
      handlers.get(name)!(event, url);
      return prevented;
    },
    handlers,
  };
  return c;
}

describe('session hardening', () => {
  it('denies every permission request and check', () => {
    const s = fakeSession();
    hardenSession(s as never, log);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fileSystem']) {
      let granted: boolean | undefined;
      s.request!({}, p, (g) => (granted = g));
      expect(granted, p).toBe(false);
      expect(s.check!({}, p, 'app://dossier', {})).toBe(false);
    }
    expect(s.device!({})).toBe(false);
  });

  it('prevents every browser download', () => {
    const s = fakeSession();
    hardenSession(s as never, log);
    let prevented = false;
    (s['on:will-download'] as (e: { preventDefault(): void }) => void)({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('cancels every request that is not the app itself', () => {
    const s = fakeSession();
    hardenSession(s as never, log);
    const cancel = (url: string) => {
      let r: { cancel: boolean } | undefined;
      s.beforeRequest!({ url }, (x) => (r = x));
      return r!.cancel;
    };
    expect(cancel('app://dossier/index.html')).toBe(false);
    for (const url of ['https://example.com/', 'http://localhost:5173/', 'ws://localhost/', 'file:///etc/passwd']) expect(cancel(url), url).toBe(true);
  });
});

describe('webContents hardening', () => {
  it('blocks navigation and redirects away from the app, and every <webview>', () => {
    const c = fakeContents();
    hardenWebContents(c as never, vi.fn(), log);
    expect(c.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(c.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(c.fire('will-navigate', 'app://dossier.evil/')).toBe(true);
    expect(c.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(c.fire('will-frame-navigate', 'javascript:alert(1)')).toBe(true);
    expect(c.fire('will-navigate', 'app://dossier/index.html')).toBe(false);
    expect(c.fire('will-attach-webview', 'app://dossier/index.html')).toBe(true);
  });

  it('denies every new window, opening only http(s) links in the browser', () => {
    const c = fakeContents();
    const open = vi.fn();
    hardenWebContents(c as never, open, log);
    expect(c.openHandler!({ url: 'https://www.example.org/report' })).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledWith('https://www.example.org/report');
    open.mockClear();
    for (const url of ['javascript:alert(1)', 'file:///C:/x.exe', 'ms-msdt:/id x', 'search-ms:query=x', 'app://dossier/index.html', '\\\\server\\share']) {
      expect(c.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(open).not.toHaveBeenCalled();
  });
});
