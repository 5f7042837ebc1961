import type { ElectronApplication, Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../db/testing/temp-library';
import { BINDING_RELATIVE, ELECTRON_NATIVE_DIR } from '../native-binding';

/**
 * The real app, driven by Playwright's Electron support: one window, titled, no network
 * requests, navigation and new windows blocked, the bridge and nothing else. It needs
 * Electron's binary (not installed where ELECTRON_SKIP_BINARY_DOWNLOAD was set) and the
 * Electron build of better-sqlite3 (`npm run rebuild:electron`); without them it is skipped and
 * the suite's name says why. It serves a small fixture page (e2e/fixture-renderer) instead of
 * the real renderer, so it tests the shell's walls, not the UI.
 */
const root = process.cwd();

function electronBinary(): string | undefined {
  try {
    const path = createRequire(join(root, 'package.json'))('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
const nativeBuilt = existsSync(join(root, ELECTRON_NATIVE_DIR, BINDING_RELATIVE));
const skipReason = !binary
  ? "SKIPPED: Electron's binary is not installed (node_modules/electron/dist is missing: ELECTRON_SKIP_BINARY_DOWNLOAD); run `node node_modules/electron/install.js` on a machine with internet"
  : !nativeBuilt
    ? `SKIPPED: no Electron build of better-sqlite3 at ${join(ELECTRON_NATIVE_DIR, BINDING_RELATIVE)}; run \`npm run rebuild:electron\``
    : '';
if (skipReason) console.warn(`electron/e2e/app.e2e.test.ts: ${skipReason}`);

describe.skipIf(!!skipReason)(`the Electron app${skipReason ? ` — ${skipReason}` : ''}`, () => {
  let app: ElectronApplication;
  let page: Page;
  let cleanup: () => void;
  const requests: string[] = [];
  const finished: string[] = [];
  /** What the main process wrote to stderr (its `[dossier] blocked …` warnings among it). */
  const mainLog: string[] = [];

  beforeAll(async () => {
    const { buildElectron } = (await import(/* @vite-ignore */ join(root, 'scripts', 'build-electron.mjs'))) as {
      buildElectron(o: { quiet: boolean }): Promise<void>;
    };
    await buildElectron({ quiet: true });
    const t = tempDir();
    cleanup = t.cleanup;
    const { _electron } = await import('@playwright/test');
    app = await _electron.launch({
      executablePath: binary!,
      args: [join(root, 'out', 'main', 'main.js')],
      cwd: root,
      env: {
        ...(process.env as Record<string, string>),
        DOSSIER_USER_DATA: t.dir,
        DOSSIER_LIBRARY: join(t.dir, 'library.sqlite'),
        DOSSIER_RENDERER_DIR: join(root, 'electron', 'e2e', 'fixture-renderer'),
      },
    });
    app.process().stderr?.on('data', (chunk: Buffer) => mainLog.push(chunk.toString()));
    page = await app.firstWindow();
    page.on('request', (r) => requests.push(r.url()));
    page.on('requestfinished', (r) => finished.push(r.url()));
    await page.reload(); // from here on every request is seen
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    cleanup?.();
  });

  it('opens one window titled Dossier on app://dossier/', async () => {
    expect(app.windows()).toHaveLength(1);
    expect(await page.title()).toBe('Dossier');
    expect(page.url()).toBe('app://dossier/index.html');
  });

  it('exposes only the bridge: no require, no process, call/shell/on', async () => {
    const probe = await page.evaluate(() => (window as unknown as { __probe: Record<string, unknown> }).__probe);
    expect(probe).toMatchObject({
      bridgeKeys: ['call', 'on', 'shell'],
      requireType: 'undefined',
      processType: 'undefined',
      library: { ok: true, value: { state: 'open' } },
    });
  });

  it('makes no network request: everything loaded is app://dossier/', async () => {
    await page.waitForFunction(() => (window as unknown as { __probe: { fetch: string } }).__probe.fetch !== 'pending');
    expect(await page.evaluate(() => (window as unknown as { __probe: { fetch: string } }).__probe.fetch)).toBe('blocked');
    expect(await page.evaluate(() => (document.getElementById('remote') as HTMLImageElement).naturalWidth)).toBe(0);
    // Attempts may be reported (the fixture tries), but none may complete: CSP and the
    // session's request filter stop them. Only the app's own files load.
    expect(finished).toEqual(expect.arrayContaining(['app://dossier/index.html', 'app://dossier/app.js']));
    expect(finished.filter((u) => !u.startsWith('app://dossier/'))).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('app://dossier/')).every((u) => u.startsWith('https://example.com/'))).toBe(true);
  });

  it('blocks navigation away from the app and new windows', async () => {
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    // Waits for the guard's own word that it refused this navigation (not a fixed pause).
    await vi.waitFor(() => expect(mainLog.join('')).toContain('blocked navigation: https://example.com/'), { timeout: 30_000, interval: 50 });
    expect(page.url()).toBe('app://dossier/index.html');
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  it('answers core calls through the bridge', async () => {
    const r = await page.evaluate(() => (window as unknown as { dossier: { call(n: string): Promise<unknown> } }).dossier.call('library:info'));
    expect(r).toMatchObject({ ok: true, value: { counts: { facts: 0 } } });
  });
});
