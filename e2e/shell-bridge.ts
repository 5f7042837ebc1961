import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { holdCall, type Harness } from './fixtures';

type Core = Harness['core'];

export interface BoundShell {
  /** Paths the app asked the (fake) operating system to open or reveal. */
  opened: string[];
  shown: string[];
  /** Every event the shell sent to the page, in order. */
  events: { type: string; payload: unknown }[];
  desktop: InstanceType<Core['Desktop']>;
}

export interface ShellOptions {
  /** The native save dialog: resolve with a path, or undefined for "Cancel". */
  saveDialog(o: { title: string; defaultPath: string }): Promise<string | undefined>;
}

/**
 * Gives the page the desktop shell's bridge as the preload does — `shell(name, …args)` and
 * `on(event, cb)` beside the harness's `call` — backed by the real shell logic (Desktop,
 * its operations, write grants and the shell contract's validating dispatcher) over the
 * harness's library. Only the native parts (dialogs, opening files) are stand-ins. Call
 * before `app.open()`.
 */
export async function bindShell(page: Page, app: Harness, o: ShellOptions): Promise<BoundShell> {
  const { Desktop, createShellDispatcher, StateStore, WrittenFiles } = app.core;
  const opened: string[] = [];
  const shown: string[] = [];
  const events: BoundShell['events'] = [];
  const emit = (type: string, payload: unknown) => {
    events.push({ type, payload });
    void page
      .evaluate(([t, p]) => (window as unknown as { __dossierShellEmit?(t: string, p: unknown): void }).__dossierShellEmit?.(t, p), [type, payload] as const)
      .catch(() => undefined);
  };
  const desktop = new Desktop({
    // The harness's core process: the shell's calls reach the same core the page's do.
    core: app.coreProcess,
    state: new StateStore(join(app.dir, 'state.json')),
    written: new WrittenFiles(),
    native: {
      saveDialog: (d) => o.saveDialog(d),
      openDialog: async () => undefined,
      choose: async () => 0,
      openPath: async (p) => {
        opened.push(p);
        return '';
      },
      showItemInFolder: (p) => void shown.push(p),
      openExternal: async () => undefined,
      documentsDir: () => app.exportDir,
    },
    // The stand-in browser never opens web links: no real input reaches a main process here.
    userGesture: () => false,
    emit,
  });
  // The core's team states reach the window as a shell event, as electron/main.ts sends them.
  app.onCoreEvent = (e) => emit(e.name, e.value);
  await desktop.openLibraryAt(app.lib.path);
  const dispatch = createShellDispatcher(desktop, {
    name: 'Dossier',
    version: '0.1.0',
    versions: { electron: '-', chrome: '-', node: process.versions.node },
    platform: process.platform,
    packaged: false,
  });
  await page.exposeBinding('__dossierShell', async (_source, name: string, args: unknown[]) => {
    await holdCall(app.coreDelayMs);
    return dispatch(name, args);
  });
  await page.addInitScript(() => {
    const w = window as unknown as {
      dossier: { call: unknown };
      __dossierShell(name: string, args: unknown[]): Promise<unknown>;
      __dossierShellEmit(type: string, payload: unknown): void;
    };
    const listeners = new Map<string, Set<(p: unknown) => void>>();
    const shell = w.__dossierShell;
    w.__dossierShellEmit = (type, payload) => listeners.get(type)?.forEach((cb) => cb(payload));
    w.dossier = Object.freeze({
      call: w.dossier.call,
      shell: (name: string, ...args: unknown[]) => shell(name, args),
      on: (event: string, cb: (p: unknown) => void) => {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)!.add(cb);
        return () => listeners.get(event)?.delete(cb);
      },
    });
  });
  return { opened, shown, events, desktop };
}

/** A promise with its resolve function outside: holds a step (a dialog) open until the test lets go. */
export function gate<T>(): { promise: Promise<T>; release(v: T): void } {
  let release!: (v: T) => void;
  const promise = new Promise<T>((r) => (release = r));
  return { promise, release };
}
