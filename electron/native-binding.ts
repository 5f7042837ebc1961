import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 is a native module built against one ABI (NODE_MODULE_VERSION): the copy in
 * node_modules is built for Node (the tests and the command line use it), Electron needs its
 * own build. scripts/rebuild-native-electron.mjs puts that build in .electron-native/; in
 * development main passes its path to Library.open as `nativeBinding`. Packaged apps need
 * none: electron-builder rebuilds node_modules/better-sqlite3 for Electron (npmRebuild).
 *
 * The ABI is read from the file without loading it: a non-N-API addon exports
 * `node_register_module_v<ABI>`, and that name is in its symbol table.
 */
export const ELECTRON_NATIVE_DIR = '.electron-native';
export const BINDING_RELATIVE = join('better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

export function moduleAbiOf(nodeFile: string): number | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(nodeFile);
  } catch {
    return undefined;
  }
  const m = /node_register_module_v(\d+)/.exec(bytes.toString('latin1'));
  return m ? Number(m[1]) : undefined;
}

export type BindingChoice = { ok: true; nativeBinding?: string } | { ok: false; problem: string };

export interface BindingContext {
  /** The project folder (development) or the app's resources (packaged). */
  appRoot: string;
  packaged: boolean;
  /** process.versions.modules of the running Electron. */
  abi: string;
}

export function chooseNativeBinding(c: BindingContext): BindingChoice {
  if (c.packaged) return { ok: true };
  const want = Number(c.abi);
  const fix = "run `npm run rebuild:electron` (needs internet access for Electron's headers the first time)";
  const separate = join(c.appRoot, ELECTRON_NATIVE_DIR, BINDING_RELATIVE);
  if (existsSync(separate)) {
    const abi = moduleAbiOf(separate);
    if (abi !== want) return { ok: false, problem: `${separate} is built for ABI ${abi ?? 'unknown'}, this Electron needs ABI ${want}: ${fix}.` };
    const versions = [
      join(c.appRoot, ELECTRON_NATIVE_DIR, 'better-sqlite3', 'package.json'),
      join(c.appRoot, 'node_modules', 'better-sqlite3', 'package.json'),
    ].map(versionOf);
    if (versions[0] !== versions[1]) return { ok: false, problem: `${separate} is better-sqlite3 ${versions[0]}, node_modules has ${versions[1]}: ${fix}.` };
    return { ok: true, nativeBinding: separate };
  }
  // Someone rebuilt node_modules itself for Electron (e.g. electron-builder install-app-deps).
  const inPlace = join(c.appRoot, 'node_modules', BINDING_RELATIVE);
  const abi = moduleAbiOf(inPlace);
  if (abi === want) return { ok: true };
  return { ok: false, problem: `better-sqlite3 has no build for Electron's ABI ${want} (node_modules has ABI ${abi ?? 'none'}, for Node): ${fix}.` };
}

function versionOf(packageJson: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}
