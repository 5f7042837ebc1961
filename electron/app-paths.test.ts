import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appPaths, mainDirOf } from './app-paths';

describe('app paths', () => {
  const mainDir = resolve('/app/out/main');

  it('finds the preload and renderer next to the main bundle, and uses the shared data folder', () => {
    const p = appPaths(mainDir, { XDG_CONFIG_HOME: '/home/u/.config', APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, true);
    expect(p.appRoot).toBe(resolve('/app'));
    expect(p.preload).toBe(join(resolve('/app'), 'out', 'preload', 'preload.cjs'));
    expect(p.rendererDir).toBe(join(resolve('/app'), 'out', 'renderer'));
    expect(p.backups).toBe(join(p.userData, 'backups'));
  });

  it('lets development and tests point at another renderer folder and data folder, never a packaged app', () => {
    const env = { DOSSIER_RENDERER_DIR: '/tmp/fixture', DOSSIER_USER_DATA: '/tmp/data' };
    expect(appPaths(mainDir, env, false)).toMatchObject({ rendererDir: resolve('/tmp/fixture'), userData: resolve('/tmp/data') });
    expect(appPaths(mainDir, env, true).rendererDir).toBe(join(resolve('/app'), 'out', 'renderer'));
  });

  it('reads the bundle folder from import.meta.url', () => {
    expect(mainDirOf(pathToFileURL(join(mainDir, 'main.js')).href)).toBe(mainDir);
  });
});
