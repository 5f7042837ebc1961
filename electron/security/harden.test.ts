import { describe, expect, it, vi } from 'vitest';
import { hardenSession, hardenWebContents } from './harden';
import { GESTURE_MS, UserGestures } from './user-gesture';

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

/** A webContents as hardenWebContents sees it: events by name, input it can be sent. */
function fakeContents(id = 7) {
  type Handler = (event: { preventDefault(): void; url?: string }, arg?: unknown) => void;
  const handlers = new Map<string, Handler>();
  const c = {
    id,
    openHandler: undefined as undefined | ((d: { url: string }) => { action: string }),
    on: (name: string, h: Handler) => {
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
    /** What Electron emits when the OS delivers input to the page. */
    input(type: string) {
      handlers.get('input-event')!({ preventDefault: () => undefined }, { type });
    },
    handlers,
  };
  return c;
}

/** hardenWebContents with a controllable clock and a recording browser. */
function hardened() {
  const c = fakeContents();
  let now = 1_000;
  const gestures = new UserGestures(() => now);
  const open = vi.fn();
  hardenWebContents(c as never, { gestures, openExternal: open }, log);
  return { c, open, tick: (ms: number) => void (now += ms) };
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
    const { c, open } = hardened();
    expect(c.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(c.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(c.fire('will-navigate', 'app://dossier.evil/')).toBe(true);
    expect(c.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(c.fire('will-frame-navigate', 'javascript:alert(1)')).toBe(true);
    expect(c.fire('will-navigate', 'app://dossier/index.html')).toBe(false);
    expect(c.fire('will-attach-webview', 'app://dossier/index.html')).toBe(true);
    expect(open).not.toHaveBeenCalled();
  });

  it('denies every new window; without a click, window.open and navigation open nothing in the browser', () => {
    const { c, open, tick } = hardened();
    expect(c.openHandler!({ url: 'https://www.example.org/report' })).toEqual({ action: 'deny' });
    expect(c.fire('will-navigate', 'https://www.example.org/report')).toBe(true);
    // Moving, scrolling or pressing the mouse (the start of a drag) is not a click.
    for (const type of ['mouseMove', 'mouseWheel', 'mouseEnter', 'mouseDown', 'contextMenu']) c.input(type);
    expect(c.openHandler!({ url: 'https://www.example.org/report' })).toEqual({ action: 'deny' });
    // A click that is too old no longer counts.
    c.input('mouseUp');
    tick(GESTURE_MS + 1);
    expect(c.openHandler!({ url: 'https://www.example.org/report' })).toEqual({ action: 'deny' });
    expect(open).not.toHaveBeenCalled();
  });

  it('after a click, opens one http(s) link in the browser, from window.open or a link navigation', () => {
    const { c, open, tick } = hardened();
    c.input('mouseDown');
    c.input('mouseUp');
    tick(50);
    expect(c.openHandler!({ url: 'https://www.example.org/report' })).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledWith('https://www.example.org/report');
    // The click is spent: a script following it up with more links opens none.
    expect(c.openHandler!({ url: 'https://www.example.org/second' })).toEqual({ action: 'deny' });
    expect(c.fire('will-navigate', 'https://www.example.org/third')).toBe(true);
    expect(open).toHaveBeenCalledTimes(1);
    // A key press (Enter on a focused link) is a gesture too; a plain link click arrives as will-navigate.
    c.input('rawKeyDown');
    expect(c.fire('will-navigate', 'http://www.example.org/fourth')).toBe(true);
    expect(open).toHaveBeenLastCalledWith('http://www.example.org/fourth');
    // Redirects and subframe navigations never open anything, click or not.
    c.input('mouseUp');
    expect(c.fire('will-redirect', 'https://www.example.org/fifth')).toBe(true);
    expect(c.fire('will-frame-navigate', 'https://www.example.org/fifth')).toBe(true);
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('never opens anything but a well-formed http(s) link, even right after a click', () => {
    const { c, open } = hardened();
    for (const url of [
      'javascript:alert(1)',
      'file:///C:/x.exe',
      'ms-msdt:/id x',
      'search-ms:query=x',
      'app://dossier/index.html',
      '\\\\server\\share',
      'https://user:pw@example.org/',
    ]) {
      c.input('mouseUp');
      expect(c.openHandler!({ url })).toEqual({ action: 'deny' });
      c.input('mouseUp');
      c.fire('will-navigate', url);
    }
    expect(open).not.toHaveBeenCalled();
  });

  it('keeps gestures per window: a click in one webContents does not let another open links', () => {
    const gestures = new UserGestures(() => 0);
    const a = fakeContents();
    const b = fakeContents(8);
    const open = vi.fn();
    hardenWebContents(a as never, { gestures, openExternal: open }, log);
    hardenWebContents(b as never, { gestures, openExternal: open }, log);
    a.input('mouseUp');
    b.openHandler!({ url: 'https://www.example.org/' });
    expect(open).not.toHaveBeenCalled();
    a.openHandler!({ url: 'https://www.example.org/' });
    expect(open).toHaveBeenCalledTimes(1);
  });
});
