import { CONTENT_SECURITY_POLICY } from '../api/csp';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import type * as CoreModule from './harness/core';

type Core = typeof CoreModule;
type Library = ReturnType<Core['Library']['open']>;

export const ORIGIN = 'http://dossier.test';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RENDERER = join(ROOT, 'out', 'renderer');
export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');
/** The core process's entry, bundled by global-setup.ts. */
const CORE_HOST = join(ROOT, 'e2e', '.cache', 'core-host.mjs');

/** The Content-Security-Policy the desktop shell sends (the very same string): the harness sends it too. */
const CSP = CONTENT_SECURITY_POLICY;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * E2E_CORE_DELAY_MS=N holds every API and shell call N ms before the core answers it: a slow,
 * loaded machine on demand. A spec that waits on conditions passes with it; one that reads a
 * count or a value once (before the page has caught up) fails, so this finds such waits quickly.
 * A spec can set `app.coreDelayMs` itself to hold calls from one step on.
 */
const CORE_DELAY_MS = Number(process.env.E2E_CORE_DELAY_MS ?? 0);

/** Holds a call `ms` (the harness's stand-in for a slow core); returns at once for 0. */
export async function holdCall(ms: number): Promise<void> {
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
}

let corePromise: Promise<Core> | undefined;
function loadCore(): Promise<Core> {
  corePromise ??= import(pathToFileURL(join(ROOT, 'e2e', '.cache', 'core.mjs')).href) as Promise<Core>;
  return corePromise;
}

export interface Harness {
  core: Core;
  lib: Library;
  /** The core process the page's calls go to (its library is the same file as `lib`). */
  coreProcess: InstanceType<Core['CoreClient']>;
  dir: string;
  /** The only folder the page may have files written to (the stand-in for the save dialog). */
  exportDir: string;
  /** Every request the page made, by URL. */
  requests: string[];
  /** Every API call the page made, by name. */
  calls: string[];
  /** Every API call the page made, with its arguments, in order: what a test waits on when the screen cannot show it. */
  log: { name: string; args: unknown[] }[];
  /** How long each API and shell call is held before the core answers it (E2E_CORE_DELAY_MS, else 0). */
  coreDelayMs: number;
  /**
   * Test hook: how far ahead of the real clock the core's clock runs, in ms (0 at first). Moving
   * it on stands in for a pause in editing (ten minutes end a session: EDIT_PAUSE_MS) without
   * waiting for one. Only the core's "now" reads it; stored times stay the real clock's.
   */
  testClockAheadMs: number;
  /** Uncaught errors in the page. */
  errors: string[];
  /** Where the core's news goes (the team sync's state); bindShell() sends it to the page as the shell does. */
  onCoreEvent?: (e: { name: string; value: unknown }) => void;
  /** Opens the app and waits until it has read the library. */
  open(): Promise<void>;
  /** Fills the library with the sample grain-corridor sources, facts and action memo. */
  loadSample(): string;
}

export const test = base.extend<{ app: Harness }>({
  app: async ({ page }, use) => {
    const core = await loadCore();
    const dir = mkdtempSync(join(tmpdir(), 'dossier-e2e-'));
    const exportDir = join(dir, 'exports');
    mkdirSync(exportDir);
    const lib = core.Library.open(join(dir, 'library.sqlite'));
    // Set once the harness exists (events come from the core's first 'open' on).
    const coreEvents: { to?: Harness['onCoreEvent'] } = {};
    // The core in its own process, as the app runs it (a utilityProcess there, a Node child here);
    // `lib` is the test's own connection to the same file, for setting up and checking.
    const coreProcess = new core.CoreClient({
      spawn: () => core.nodeCoreChannel(CORE_HOST),
      options: { backupRoot: join(dir, 'backups'), testWritableFolder: exportDir },
      // The team sync's states, handed on as the app's main process does (shell-bridge.ts binds them).
      onEvent: (e) => coreEvents.to?.(e),
    });
    await coreProcess.request('open', [lib.path]);
    const dispatch = (name: string, args: unknown[]) =>
      coreProcess.request('call', [name, args]).catch((e: unknown) => {
        if (e instanceof core.CoreCallError) return { ok: false as const, error: e.error };
        throw e;
      });
    let clockAheadMs = 0;
    const requests: string[] = [];
    const calls: string[] = [];
    const log: Harness['log'] = [];
    const errors: string[] = [];

    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // Chromium reports every inline handler it refuses under the CSP, even while parsing pasted
      // HTML in an inert DOMParser document; those reports are the wall working, not page errors.
      if (m.type() === 'error' && !m.text().includes('Content Security Policy')) errors.push(`console: ${m.text()}`);
    });

    // The app's origin serves the built renderer; everything else is refused (and recorded).
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) return route.abort('blockedbyclient');
      const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
      const file = resolve(RENDERER, rel);
      if (!file.startsWith(RENDERER + sep)) return route.fulfill({ status: 403, body: 'forbidden' });
      try {
        if (!statSync(file).isFile()) throw new Error('not a file');
      } catch {
        return route.fulfill({ status: 404, body: 'not found' });
      }
      return route.fulfill({
        status: 200,
        body: readFileSync(file),
        headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' },
      });
    });

    await page.exposeBinding('__dossierCall', async (_source, name: string, args: unknown[]) => {
      calls.push(name);
      log.push({ name, args });
      await holdCall(harness.coreDelayMs);
      return dispatch(name, args);
    });
    await page.addInitScript((folder: string) => {
      const w = window as unknown as { dossier: unknown; __dossierCall(name: string, args: unknown[]): Promise<unknown>; __dossierTestExportDir: string };
      const call = w.__dossierCall;
      w.dossier = Object.freeze({ call: (name: string, ...args: unknown[]) => call(name, args) });
      w.__dossierTestExportDir = folder;
    }, exportDir);

    const harness: Harness = {
      core,
      lib,
      dir,
      exportDir,
      requests,
      calls,
      log,
      coreProcess,
      coreDelayMs: CORE_DELAY_MS,
      // The core's clock (an editing pause, see api HandlerOptions.now) runs this far ahead.
      get testClockAheadMs() {
        return clockAheadMs;
      },
      set testClockAheadMs(ms: number) {
        clockAheadMs = ms;
        void coreProcess.request('setClockAhead', [ms]);
      },
      errors,
      get onCoreEvent() {
        return coreEvents.to;
      },
      set onCoreEvent(to) {
        coreEvents.to = to;
      },
      async open() {
        await page.goto(`${ORIGIN}/index.html`);
        await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible();
        await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('facts ·');
      },
      loadSample: () => core.loadSample(lib),
    };
    try {
      await use(harness);
      const foreign = requests.filter((u) => !u.startsWith(`${ORIGIN}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
      expect(foreign, 'the page requested something outside the app').toEqual([]);
      expect(errors, 'errors in the page').toEqual([]);
    } finally {
      await coreProcess.stop();
      lib.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

export { expect };

/** Saves a screenshot of the whole window to e2e/artifacts/. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** Texts of the notes in the live preview, in order. */
export async function previewNotes(page: Page): Promise<string[]> {
  return page.locator('[data-testid="preview"] .pv-note-list li').allInnerTexts();
}
