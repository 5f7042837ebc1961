/**
 * Dossier's Electron main process: wiring only. Each concern lives in its own module —
 * security/ (window settings, CSP, navigation, protocol, IPC sender checks), desktop.ts (what
 * the shell does), library/ (open, check, backups, restore), menu.ts, ipc/register.ts.
 *
 * Order matters here: the app:// scheme must be registered as privileged, userData set and the
 * single-instance lock taken before `ready`.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, shell, utilityProcess } from 'electron';
import { mkdirSync } from 'node:fs';
import { defaultLibraryPath, userStyleDir, userTemplateDir } from '../core/paths';
import { appPaths, mainDirOf } from './app-paths';
import { Desktop } from './desktop';
import { CHANNELS, type DossierEvents } from '../api/shell/events';
import { CoreClient } from '../api/host/client';
import { utilityCoreChannel } from './core-process';
import { registerIpc } from './ipc/register';
import { filesFromArgv, filesFromSecondInstance } from './launch-files';
import { menuTemplate } from './menu';
import { chooseNativeBinding } from './native-binding';
import { nativeShell } from './native-shell';
import { isAbort } from './operations';
import { hardenSession, hardenWebContents } from './security/harden';
import { APP_INDEX_URL, APP_SCHEME } from './security/origin';
import { serveAppRequest } from './security/protocol-files';
import { UserGestures } from './security/user-gesture';
import { spellcheckAllowed, windowOptions } from './security/web-preferences';
import { createShellDispatcher } from './shell-handlers';
import { StateStore } from './state-store';
import { restoreBounds } from './window-state';
import { WrittenFiles } from '../api/host/write-grants';
import { TeamKeychain } from './team-keychain';
import { TeamPasswords } from './team-passwords';

const log = {
  info: (m: string) => console.log(`[dossier] ${m}`),
  warn: (m: string) => console.warn(`[dossier] ${m}`),
};

const paths = appPaths(mainDirOf(import.meta.url), process.env, app.isPackaged);

// ── Before ready ────────────────────────────────────────────────────────────────────────
protocol.registerSchemesAsPrivileged([
  // standard: real origin and relative URLs; secure: treated like https (no mixed-content
  // downgrade). No bypassCSP, no CORS, no service workers.
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();
app.setName('Dossier');
if (process.platform === 'win32') app.setAppUserModelId('org.dossier.desktop');
mkdirSync(paths.userData, { recursive: true });
app.setPath('userData', paths.userData);

const launchFiles = filesFromArgv(process.argv, process.cwd(), app.isPackaged);
if (!app.requestSingleInstanceLock({ files: launchFiles })) {
  // Another Dossier is running: it got our files through 'second-instance'.
  app.quit();
} else {
  main();
}

function main(): void {
  let win: BrowserWindow | undefined;
  let rendererReady = false;
  const pendingFiles: string[] = [...launchFiles];

  const emit = <K extends keyof DossierEvents>(type: K, payload: DossierEvents[K]) => {
    if (win && !win.isDestroyed()) win.webContents.send(CHANNELS.event, { type, payload });
  };

  const state = new StateStore(paths.stateFile, log);
  const written = new WrittenFiles();
  let desktop: Desktop | undefined;
  let core: CoreClient | undefined;

  const importWhenReady = (files: string[]) => {
    pendingFiles.push(...files);
    if (!rendererReady || !desktop || desktop.status.state !== 'open') return;
    const batch = pendingFiles.splice(0);
    if (batch.length) void desktop.importPaths(batch);
  };

  app.on('second-instance', (_event, _argv, _cwd, data) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    }
    importWhenReady(filesFromSecondInstance(data));
  });
  // macOS: a document dropped on the dock icon or opened with Dossier.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    importWhenReady(filesFromSecondInstance({ files: [path] }));
  });

  // Every webContents, even one created unexpectedly, gets the navigation rules; the system
  // browser opens only right after a real click or key press in that webContents.
  const gestures = new UserGestures();
  const openExternal = (url: string) =>
    void shell.openExternal(url, { activate: true }).catch((e: unknown) => log.warn(`opening a link: ${(e as Error)?.message ?? String(e)}`));
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { gestures, openExternal }, log);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!win && desktop?.status.state === 'open') createWindow();
  });
  app.on('before-quit', () => {
    desktop?.ops.cancelAll();
  });
  // The core closes its library before it exits (a backup still copying: SQLite keeps the file
  // consistent; the .partial file is pruned later). Quitting waits for it, at most five seconds.
  let coreStopped = false;
  app.on('will-quit', (event) => {
    if (!core || coreStopped) return;
    event.preventDefault();
    void core.stop().finally(() => {
      coreStopped = true;
      app.quit();
    });
  });

  void app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      dialog.showErrorBox('Dossier could not start', (e as Error)?.stack ?? String(e));
      app.exit(1);
    });

  async function start(): Promise<void> {
    hardenSession(session.defaultSession, log);
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(paths.rendererDir, request));

    const binding = chooseNativeBinding({ appRoot: paths.appRoot, packaged: app.isPackaged, abi: process.versions.modules });
    if (!binding.ok) {
      dialog.showErrorBox('Dossier cannot open its database engine', binding.problem);
      app.exit(1);
      return;
    }

    // The core (library, parsers, citations, export) in its own process: a crash or a hang
    // there never takes the window with it (api/host/client.ts restarts it).
    const c = new CoreClient({
      spawn: () => utilityCoreChannel(utilityProcess, paths.coreEntry),
      options: {
        backupRoot: paths.backups,
        templateDir: userTemplateDir(),
        styleDir: userStyleDir(),
        ...(binding.nativeBinding ? { nativeBinding: binding.nativeBinding } : {}),
      },
      onRestart: (r) => desktop?.coreRestarted(r),
      // The team sync's state, marked with whether the keychain keeps the password.
      onEvent: (e) => emit('team:state', team.mark(e.value)),
      log,
    });
    core = c;
    const team = new TeamPasswords(new TeamKeychain(paths.teamPasswords, safeStorage, log), c, log);
    desktop = new Desktop({
      core: c,
      state,
      written,
      native: nativeShell(() => win),
      userGesture: () => gestures.consume(win && !win.isDestroyed() ? win.webContents.id : undefined),
      emit,
      onChange: () => buildMenu(),
      team,
    });
    const d = desktop;

    registerIpc(ipcMain, {
      windowId: () => (win && !win.isDestroyed() ? win.webContents.id : undefined),
      core: (name, args) => d.call(name, args),
      shell: createShellDispatcher(d, {
        name: app.getName(),
        version: app.getVersion(),
        versions: { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node },
        platform: process.platform,
        packaged: app.isPackaged,
      }),
      log,
    });

    // DOSSIER_LIBRARY (as for the command line), else the last library used, else the default.
    const first = process.env.DOSSIER_LIBRARY || state.get().libraries[0]?.path || defaultLibraryPath();
    await d.openLibraryAt(first);
    if ((await d.recoverAtStart()) === 'quit') {
      app.quit();
      return;
    }
    buildMenu();
    createWindow();

    // The daily backup: shortly after start, then checked every hour.
    const daily = () =>
      void d.backupIfDue().then(
        (r) => log.info('skipped' in r ? `daily backup skipped: ${r.skipped}` : `daily backup ${r.name}`),
        (e: unknown) => log.warn(`daily backup failed: ${(e as Error).message}`),
      );
    setTimeout(daily, 15_000).unref();
    setInterval(daily, 60 * 60_000).unref();
  }

  function createWindow(): void {
    const saved = state.get().window;
    const bounds = restoreBounds(
      saved,
      screen.getAllDisplays().map((s) => s.workArea),
    );
    const w = new BrowserWindow(windowOptions({ preload: paths.preload, devTools: !app.isPackaged, spellcheck: spellcheckAllowed(process.platform), bounds }));
    win = w;
    if (saved?.maximized) w.maximize();
    w.once('ready-to-show', () => w.show());

    let timer: NodeJS.Timeout | undefined;
    const saveBounds = () => {
      if (w.isDestroyed() || w.isFullScreen() || w.isMinimized()) return;
      const b = w.getNormalBounds();
      state.update((s) => ({ ...s, window: { x: b.x, y: b.y, width: b.width, height: b.height, maximized: w.isMaximized() } }));
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(saveBounds, 500);
    };
    w.on('resize', later);
    w.on('move', later);
    w.on('close', () => {
      clearTimeout(timer);
      saveBounds();
    });
    w.on('closed', () => {
      win = undefined;
      rendererReady = false;
    });

    w.webContents.on('did-finish-load', () => {
      rendererReady = true;
      emit('library:changed', desktop!.status);
      importWhenReady([]);
    });
    w.webContents.on('render-process-gone', (_e, details) => log.warn(`renderer gone: ${details.reason}`));
    void w.loadURL(APP_INDEX_URL);
  }

  /** After the menu opened a library that turned out damaged: the same dialog as at start. */
  async function recoverIfNeeded(_result: unknown): Promise<void> {
    if (desktop && desktop.status.state !== 'open' && (await desktop.recoverAtStart()) === 'quit') app.quit();
  }

  function buildMenu(): void {
    const d = desktop;
    if (!d) return;
    // Menu actions run asynchronously; a failure becomes a message box, a cancel is silent.
    const act =
      <A extends unknown[]>(fn: (...args: A) => unknown) =>
      (...args: A) => {
        Promise.resolve()
          .then(() => fn(...args))
          .catch((e: unknown) => {
            if (isAbort(e)) return;
            void dialog.showMessageBox({ type: 'error', title: 'Dossier', message: (e as Error)?.message ?? String(e) });
          });
      };
    const template = menuTemplate({
      platform: process.platform,
      dev: !app.isPackaged,
      libraryOpen: d.status.state === 'open',
      recentBriefings: d.recentBriefings(),
      recentLibraries: d.recentLibraries(),
      actions: {
        newBriefing: () => emit('menu:command', { command: 'briefing:new' }),
        switchBriefing: () => emit('menu:command', { command: 'briefing:switch' }),
        openRecentBriefing: (briefingId) => emit('menu:command', { command: 'briefing:open', briefingId }),
        exportBriefing: () => emit('menu:command', { command: 'export' }),
        find: () => emit('menu:command', { command: 'find' }),
        openLibrary: act(async () => recoverIfNeeded(await d.chooseLibrary())),
        newLibrary: act(async () => recoverIfNeeded(await d.createLibrary())),
        openRecentLibrary: act(async (path: string) => recoverIfNeeded(await d.switchLibrary(path))),
        importFile: act(async () => {
          const opId = d.ops.newId();
          const r = await d.importFromDialog(opId);
          if (!('canceled' in r)) emit('import:ready', { ...r, opId });
        }),
        backupNow: act(() => d.backupNow()),
        restoreBackup: act(() => d.restoreFromDialog()),
        showLibraryInFolder: () => {
          if (d.status.state !== 'closed') shell.showItemInFolder(d.status.path);
        },
        showBackupsFolder: act(async () => {
          const dir = await d.backupDir();
          mkdirSync(dir, { recursive: true });
          const error = await shell.openPath(dir);
          if (error) throw new Error(error);
        }),
        about: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: 'About Dossier',
            message: `Dossier ${app.getVersion()}`,
            detail: `Sourced facts into cited briefings, offline.\n\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}\nData folder: ${paths.userData}`,
          }),
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }
}
