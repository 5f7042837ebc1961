import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The user's data folder, the same one Electron's app.getPath('userData') gives for an app
 * named "Dossier", so the desktop app and the command line open the same library by default.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Dossier');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Dossier');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Dossier');
}

/** `DOSSIER_LIBRARY` overrides the default library file. */
export function defaultLibraryPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOSSIER_LIBRARY || join(userDataDir(env), 'library.sqlite');
}

/** Where the user's own citation styles (.csl) live. */
export function userStyleDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOSSIER_STYLES || join(userDataDir(env), 'styles');
}

/** Where the user's own briefing templates (and letterheads) live. */
export function userTemplateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOSSIER_TEMPLATES || join(userDataDir(env), 'templates');
}
