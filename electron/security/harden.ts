import type { Session, WebContents } from 'electron';
import { externalUrlAllowed, isAllowedNavigation, isAllowedRequest } from './navigation';
import type { UserGestures } from './user-gesture';

/**
 * Applies the session-wide and per-window rules. Takes Electron's objects as arguments (and
 * imports only Electron's types), so tests can hand it fakes and check each rule.
 */
export interface HardenLog {
  warn(message: string): void;
}

/** Permissions: Dossier needs none (no camera, notifications, geolocation, clipboard-read…). */
export function hardenSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest' | 'on'>,
  log: HardenLog,
): void {
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

/** How a webContents may reach the system browser: real input seen by main, and the one door to the OS. */
export interface ExternalLinks {
  gestures: UserGestures;
  openExternal(url: string): void;
}

/**
 * Navigation, new windows and <webview>, for every webContents (applied from
 * app.on('web-contents-created'), so even one created by surprise is covered).
 * A page never leaves app://dossier/. A link to the web (a plain link click arrives as
 * `will-navigate`; window.open and target=_blank as `setWindowOpenHandler`) goes to the system
 * browser only when it is a well-formed http(s) URL AND the person just clicked or pressed a key
 * in this window (user-gesture.ts); a script asking on its own opens nothing.
 */
export function hardenWebContents(contents: Pick<WebContents, 'id' | 'on' | 'setWindowOpenHandler'>, links: ExternalLinks, log: HardenLog): void {
  links.gestures.watch(contents);
  const openIfClicked = (url: string, via: string) => {
    if (!externalUrlAllowed(url)) log.warn(`blocked ${via}: ${url.slice(0, 200)}`);
    else if (!links.gestures.consume(contents.id)) log.warn(`blocked ${via} without a click: ${url.slice(0, 200)}`);
    else links.openExternal(url);
  };
  const guardNavigation = (event: { preventDefault(): void; url?: string }, url: string): boolean => {
    if (isAllowedNavigation(url)) return true;
    event.preventDefault();
    return false;
  };
  // Only will-navigate may open a link: it is the main frame's own, renderer-started navigation.
  contents.on('will-navigate', (event, url) => {
    if (!guardNavigation(event, url)) openIfClicked(url, 'navigation');
  });
  contents.on('will-redirect', (event, url) => {
    if (!guardNavigation(event, url)) log.warn(`blocked redirect: ${url.slice(0, 200)}`);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!guardNavigation(event, event.url)) log.warn(`blocked frame navigation: ${event.url.slice(0, 200)}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    openIfClicked(url, 'window.open');
    return { action: 'deny' };
  });
}
