import type { Session, WebContents } from 'electron';
import { externalUrlAllowed, isAllowedNavigation, isAllowedRequest } from './navigation';

/**
 * Applies the session-wide and per-window rules. Takes Electron's objects as arguments (and
 * imports only Electron's types), so tests can hand it fakes and check each rule.
 */
export interface HardenLog {
  warn(message: string): void;
}

/** Permissions: Dossier needs none (no camera, notifications, geolocation, clipboard-read…). */
export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest' | 'on'>, log: HardenLog): void {
  session.setPermissionRequestHandler((_wc, permission, callback) => {
    log.warn(`denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Files are written only by the main process, to paths the user chose: no browser downloads
  // (an <a download> would otherwise save whatever the page made into the Downloads folder).
  session.on('will-download', (event) => {
    event.preventDefault();
    log.warn('blocked a download');
  });
  // The app makes no network request of its own: anything not app://dossier/ is cancelled,
  // whatever asked for it (a stray <img src=https://…>, a library phoning home, a prefetch).
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url);
    if (!allowed) log.warn(`blocked request: ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
}

/**
 * Navigation, new windows and <webview>, for every webContents (applied from
 * app.on('web-contents-created'), so even one created by surprise is covered).
 * `openExternal` is called only for an http(s) link the user clicked (window.open / target=_blank
 * arrive here as setWindowOpenHandler); it never receives anything else.
 */
export function hardenWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, openExternal: (url: string) => void, log: HardenLog): void {
  const guardNavigation = (event: { preventDefault(): void; url?: string }, url: string) => {
    if (!isAllowedNavigation(url)) {
      event.preventDefault();
      log.warn(`blocked navigation: ${url.slice(0, 200)}`);
    }
  };
  contents.on('will-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);
  contents.on('will-frame-navigate', (event) => guardNavigation(event, event.url));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (externalUrlAllowed(url)) openExternal(url);
    else log.warn(`blocked window.open: ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
}
