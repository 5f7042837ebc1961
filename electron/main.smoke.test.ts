import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/temp-library';
import { CONTENT_SECURITY_POLICY } from '../api/csp';

/**
 * The real main bundle (out/main/main.js, as scripts/build-electron.mjs builds it) run under
 * plain Node with `electron` replaced by testing/fake-electron.mjs: checks the wiring main.ts
 * does — privileged scheme, sandbox, window options, CSP from the protocol, the three IPC
 * channels with their sender checks, the request filter — without Electron's binary.
 */
type Line = { kind: string; data: unknown };

let lines: Line[];
let cleanup: () => void;
let dir: string;
beforeAll(async () => {
  const root = process.cwd();
  const script = join(root, 'scripts', 'build-electron.mjs');
  const { buildElectron } = (await import(/* @vite-ignore */ script)) as { buildElectron(o: { quiet: boolean }): Promise<void> };
  await buildElectron({ quiet: true });
  ({ dir, cleanup } = tempDir());
  const r = spawnSync(process.execPath, ['--import', join(root, 'electron', 'testing', 'register-fake-electron.mjs'), join(root, 'out', 'main', 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      DOSSIER_USER_DATA: dir,
      DOSSIER_LIBRARY: join(dir, 'library.sqlite'),
      DOSSIER_RENDERER_DIR: join(root, 'electron', 'e2e', 'fixture-renderer'),
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`main exited ${r.status}: ${r.stderr}`);
  lines = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);
}, 120_000);
afterAll(() => cleanup?.());

const get = (kind: string) => lines.find((l) => l.kind === kind)?.data as never;

describe('the main bundle (under a fake Electron)', () => {
  it('registers app:// as a privileged standard scheme and sandboxes every renderer', () => {
    expect(get('schemes')).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    expect(get('enableSandbox')).toBe(true);
    expect(get('setPath')).toEqual(['userData', dir]);
  });

  it('opens one window with the hardened preferences and loads app://dossier/', () => {
    const w = get('window') as { webPreferences: Record<string, unknown> };
    expect(w.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(String(w.webPreferences.preload)).toMatch(/out[\\/]preload[\\/]preload\.cjs$/);
    expect(get('loadURL')).toBe('app://dossier/index.html');
    expect(get('page')).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, type: 'text/html; charset=utf-8' });
    expect(get('traversal')).toEqual({ status: 404 });
  });

  it('opens the library, and answers IPC only from the app main frame', () => {
    expect(existsSync(join(dir, 'library.sqlite'))).toBe(true);
    expect(get('library:info')).toMatchObject({ ok: true, value: { path: join(dir, 'library.sqlite') } });
    // The team state reaches the window marked with whether the OS keychain keeps the password.
    expect(get('team:status')).toMatchObject({ ok: true, value: { linked: false, state: 'unlinked', keychain: true } });
    expect(get('bad-args')).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(get('unknown')).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(get('subframe')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(get('foreign')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(get('shell')).toMatchObject({ ok: true, value: { state: 'open', healthy: true } });
    expect(get('export-unchosen')).toMatchObject({ ok: false, error: { field: 'out' } });
    expect(get('channels')).toEqual(['dossier:call', 'dossier:shell', 'dossier:cancel']);
  });

  it('blocks navigation, new windows, network requests and permissions', () => {
    expect(get('navigation')).toEqual([
      ['https://evil.example/', true],
      ['app://dossier/index.html', false],
    ]);
    expect(get('window-open')).toEqual({ action: 'deny' });
    expect(get('request')).toEqual({ cancelled: true });
    expect(get('permission')).toEqual({ granted: false });
  });

  it('opens a link in the browser only right after real input in the window, once per click', () => {
    expect(get('link-unclicked')).toMatchObject({ open: { action: 'deny' }, ipc: { ok: false, error: { code: 'forbidden', field: 'url' } } });
    expect(get('link-clicked')).toEqual({ ok: true, value: null });
    expect(get('link-spent')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(get('window-open-clicked')).toEqual({ action: 'deny' });
    expect(lines.filter((l) => l.kind === 'openExternal').map((l) => l.data)).toEqual(['https://example.org/clicked-ipc', 'https://example.org/clicked-open']);
  });

  it('tells the renderer the library state once the page has loaded, and builds the menu', () => {
    expect(lines.filter((l) => l.kind === 'event').map((l) => l.data)).toContainEqual({ channel: 'dossier:event', type: 'library:changed' });
    expect(get('menu')).toEqual(
      process.platform === 'darwin' ? ['appMenu', '&File', '&Edit', '&View', 'windowMenu', '&Help'] : ['&File', '&Edit', '&View', '&Help'],
    );
  });

  it('runs the core in its own process, restarts it when it dies, and tells the window in one line', () => {
    expect(get('core-processes')).toBe(1);
    expect(get('core-restarted')).toMatchObject({
      message: expect.stringMatching(/^Dossier's core stopped \(exit code \d+\) and was restarted\. Your library and drafts are safe/),
    });
    expect(get('library:info-after-restart')).toMatchObject({ ok: true, value: { path: join(dir, 'library.sqlite') } });
    expect(get('core-processes-after-restart')).toBe(2);
    // Quitting waits for the core to close the library.
    expect(get('quit-waits-for-core')).toBe(true);
    expect(get('core-stopped')).toBe(true);
  });
});
