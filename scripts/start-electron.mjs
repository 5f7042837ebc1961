// `npm start`: builds the Electron shell (main + preload) and launches Electron on it.
// The renderer (out/renderer/) is built by its own Vite build; the native module for
// Electron by `npm run rebuild:electron`. Missing pieces are reported in one line each.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(root, 'package.json'));

/**
 * The Electron binary's path, as `require('electron')` gives it; undefined when the package was
 * installed with ELECTRON_SKIP_BINARY_DOWNLOAD (then its index.js throws: no path.txt).
 */
export function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

async function main() {
  try {
    await buildElectron({ quiet: true });
  } catch (e) {
    console.error(`start-electron: the build failed: ${e.message}`);
    process.exit(1);
  }
  const binary = electronBinary();
  if (!binary) {
    const version = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
    console.error(
      `start-electron: Electron's binary is not installed (it was skipped with ELECTRON_SKIP_BINARY_DOWNLOAD); on a machine with internet run \`node node_modules/electron/install.js\` with ELECTRON_SKIP_BINARY_DOWNLOAD unset (it downloads Electron ${version} into node_modules/electron/dist), or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron ${version}.`,
    );
    process.exit(1);
  }

  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    console.warn('start-electron: out/renderer/index.html is missing: build the renderer (Vite) first, or the window stays empty.');
  }
  if (!existsSync(join(root, '.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))) {
    console.warn(
      'start-electron: no Electron build of better-sqlite3 in .electron-native/: run `npm run rebuild:electron` (Dossier will say so and quit otherwise).',
    );
  }

  // `electron .` runs package.json's "main"; without one, the bundle itself.
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const entry = pkg.main ? '.' : join('out', 'main', 'main.js');
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node
  const child = spawn(binary, [entry, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (fileURLToPath(import.meta.url) === process.argv[1]) await main();
