import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userDataDir } from '../core/paths';

/**
 * Where the shell finds its parts. The main bundle lives at out/main/main.js; the preload at
 * out/preload/preload.cjs; the renderer (built by Vite) in out/renderer/. userData is the same
 * folder the command line uses (core/paths.ts), so both open the same library by default.
 */
export interface AppPaths {
  /** The project folder (development) or the app's root inside app.asar (packaged). */
  appRoot: string;
  rendererDir: string;
  preload: string;
  /** The core process's entry (api/host/entry.ts bundled beside main.js). */
  coreEntry: string;
  userData: string;
  backups: string;
  stateFile: string;
  /** Team passwords encrypted by the OS keychain (electron/team-keychain.ts): here, never in a library. */
  teamPasswords: string;
}

export function appPaths(mainDir: string, env: NodeJS.ProcessEnv, packaged: boolean): AppPaths {
  const appRoot = resolve(mainDir, '..', '..');
  const userData = env.DOSSIER_USER_DATA ? resolve(env.DOSSIER_USER_DATA) : userDataDir(env);
  // A different renderer folder only for development and the e2e test's fixture page.
  const rendererDir = !packaged && env.DOSSIER_RENDERER_DIR ? resolve(env.DOSSIER_RENDERER_DIR) : join(appRoot, 'out', 'renderer');
  return {
    appRoot,
    rendererDir,
    preload: join(appRoot, 'out', 'preload', 'preload.cjs'),
    coreEntry: join(appRoot, 'out', 'main', 'core.js'),
    userData,
    backups: join(userData, 'backups'),
    stateFile: join(userData, 'shell-state.json'),
    teamPasswords: join(userData, 'team-passwords.json'),
  };
}

export function mainDirOf(moduleUrl: string): string {
  return dirname(fileURLToPath(moduleUrl));
}
