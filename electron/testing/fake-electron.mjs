// A stand-in for Electron's main-process API, just deep enough to run out/main/main.js under
// Node: it records what main registers, then plays a scenario through the real handlers and
// prints one JSON line per observation for electron/main.smoke.test.ts.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';

const report = (kind, data) => process.stdout.write(`${JSON.stringify({ kind, data })}\n`);
const handlers = new Map();
const protocols = new Map();
const sessionHandlers = {};
let nextId = 1;

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextId++;
    this.sent = [];
  }
  send(channel, message) {
    this.sent.push({ channel, message });
    report('event', { channel, type: message.type });
  }
  setWindowOpenHandler(h) {
    this.openHandler = h;
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    app.emit('web-contents-created', {}, this.webContents);
    report('window', options);
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  isFullScreen() {
    return false;
  }
  maximize() {}
  show() {}
  focus() {}
  restore() {}
  getNormalBounds() {
    return { x: 0, y: 0, width: 1280, height: 820 };
  }
  async loadURL(url) {
    report('loadURL', url);
    const handler = protocols.get('app');
    const page = await handler(new Request(url));
    report('page', { status: page.status, csp: page.headers.get('content-security-policy'), type: page.headers.get('content-type') });
    const traversal = await handler(new Request('app://dossier/..%2f..%2fpackage.json'));
    report('traversal', { status: traversal.status });
    this.webContents.emit('did-finish-load');
    await scenario(this);
  }
}

async function scenario(win) {
  const frame = { url: 'app://dossier/index.html', parent: null };
  const ours = { sender: { id: win.webContents.id }, senderFrame: frame };
  const call = (event, ...args) => handlers.get('dossier:call')(event, ...args);
  report('library:info', await call(ours, 'library:info', []));
  report('team:status', await call(ours, 'team:status', []));
  report('bad-args', await call(ours, 'facts:get', [42]));
  report('unknown', await call(ours, 'shell:exec', ['rm -rf /']));
  report('subframe', await call({ ...ours, senderFrame: { url: frame.url, parent: frame } }, 'library:info', []));
  report('foreign', await call({ ...ours, senderFrame: { url: 'https://evil.example/', parent: null } }, 'library:info', []));
  report('shell', await handlers.get('dossier:shell')(ours, 'libraries:current', []));
  report('export-unchosen', await call(ours, 'briefings:export', ['x', { format: 'docx', out: '/tmp/x.docx' }]));
  const prevented = [];
  for (const url of ['https://evil.example/', 'app://dossier/index.html']) {
    let p = false;
    win.webContents.emit('will-navigate', { preventDefault: () => (p = true) }, url);
    prevented.push([url, p]);
  }
  report('navigation', prevented);
  report('window-open', win.webContents.openHandler({ url: 'javascript:alert(1)' }));
  // Links to the browser: refused when the page asks on its own, opened once after real input.
  const wc = win.webContents;
  const click = () => wc.emit('input-event', {}, { type: 'mouseUp' });
  const link = (url) => handlers.get('dossier:shell')(ours, 'link:open', [url]);
  report('link-unclicked', { open: wc.openHandler({ url: 'https://example.org/open' }), ipc: await link('https://example.org/ipc') });
  click();
  report('link-clicked', await link('https://example.org/clicked-ipc'));
  report('link-spent', await link('https://example.org/spent'));
  click();
  report('window-open-clicked', wc.openHandler({ url: 'https://example.org/clicked-open' }));
  let cancelled;
  sessionHandlers.beforeRequest({ url: 'https://example.com/' }, (r) => (cancelled = r.cancel));
  report('request', { cancelled });
  let granted;
  sessionHandlers.permission({}, 'media', (g) => (granted = g));
  report('permission', { granted });
  report('channels', [...handlers.keys()]);
  // The core process dies (a parser crashed it): main restarts it, tells the window, and the
  // library answers again from the new core.
  report('core-processes', children.length);
  children.at(-1).kill('SIGKILL');
  while (!win.webContents.sent.some((m) => m.message.type === 'core:restarted')) await new Promise((r) => setTimeout(r, 20));
  report('core-restarted', win.webContents.sent.find((m) => m.message.type === 'core:restarted').message.payload);
  report('library:info-after-restart', await call(ours, 'library:info', []));
  report('core-processes-after-restart', children.length);
  app.emit('will-quit', { preventDefault: () => report('quit-waits-for-core', true) });
  await new Promise((r) => children.at(-1).once('exit', r));
  report('core-stopped', true);
  process.exit(0);
}

class App extends EventEmitter {
  isPackaged = false;
  paths = {};
  enableSandbox() {
    report('enableSandbox', true);
  }
  setName(n) {
    this.name = n;
  }
  setAppUserModelId() {}
  getName() {
    return this.name ?? 'Electron';
  }
  getVersion() {
    return '0.0.0-test';
  }
  setPath(k, v) {
    this.paths[k] = v;
    report('setPath', [k, v]);
  }
  getPath(k) {
    return this.paths[k] ?? process.env.DOSSIER_USER_DATA;
  }
  requestSingleInstanceLock(data) {
    report('singleInstance', data);
    return true;
  }
  whenReady() {
    return Promise.resolve();
  }
  quit() {
    report('quit', true);
  }
  exit(code) {
    report('exit', code);
    process.exit(code);
  }
}
export const app = new App();

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => report('schemes', schemes),
  handle: (scheme, handler) => protocols.set(scheme, handler),
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => (sessionHandlers.permission = h),
    setPermissionCheckHandler: (h) => (sessionHandlers.check = h),
    setDevicePermissionHandler: (h) => (sessionHandlers.device = h),
    webRequest: { onBeforeRequest: (h) => (sessionHandlers.beforeRequest = h) },
    on: (name, h) => (sessionHandlers[name] = h),
  },
};
// The OS keychain: a reversible stand-in, never the plain text.
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(s, 'utf8').reverse(),
  decryptString: (b) => Buffer.from(b).reverse().toString('utf8'),
};
export const ipcMain = { handle: (channel, h) => handlers.set(channel, h) };
export const Menu = {
  buildFromTemplate: (t) => t,
  setApplicationMenu: (m) =>
    report(
      'menu',
      m.map((i) => i.label ?? i.role),
    ),
};
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const dialog = {
  showErrorBox: (title, body) => report('errorBox', { title, body }),
  showMessageBox: async (...a) => (report('messageBox', a.at(-1)), { response: a.at(-1).cancelId ?? 0 }),
  showSaveDialog: async () => ({ canceled: true }),
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
};
export const shell = { openPath: async () => '', showItemInFolder: () => {}, openExternal: async (u) => report('openExternal', u) };
// The core's utilityProcess, played by a Node child process with the same structured-clone messages.
const children = [];
export const utilityProcess = {
  fork(modulePath, args = []) {
    const child = fork(modulePath, args, { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(child);
    const emitter = new EventEmitter();
    child.on('message', (m) => emitter.emit('message', m));
    child.on('exit', (code) => emitter.emit('exit', code ?? 1));
    emitter.postMessage = (m) => child.connected && child.send(m);
    emitter.kill = () => child.kill('SIGTERM');
    return emitter;
  },
};
export default { app, protocol, session, ipcMain, Menu, screen, dialog, shell, BrowserWindow, utilityProcess };
