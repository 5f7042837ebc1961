// Builds a SEPARATE copy of better-sqlite3 for Electron's ABI into .electron-native/, leaving
// node_modules/better-sqlite3 (built for Node: tests, command line) untouched. In development
// the Electron main process passes .electron-native/better-sqlite3/build/Release/
// better_sqlite3.node to Library.open as `nativeBinding` (electron/native-binding.ts).
// Packaged builds do not use this: electron-builder's npmRebuild rebuilds the app's own copy.
//
// It runs node-gyp directly (the documented manual way: --target=<electron version>
// --dist-url=https://electronjs.org/headers) rather than @electron/rebuild, which rebuilds
// node_modules in place and has been seen to report success while building for Node's ABI.
// Whatever built it, the result's ABI is checked before it is installed.
//
// Needs Electron's headers: downloaded once into ~/.electron-gyp (or $ELECTRON_GYP_DIR), or
// given unpacked with ELECTRON_HEADERS_DIR=<dir> (node-gyp --nodedir) to build offline.
// Prints one line on success or failure; node-gyp's output goes to .electron-native/rebuild.log.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(root, 'package.json'));
const OUT = join(root, '.electron-native');
const LOG = join(OUT, 'rebuild.log');
const DIST_URL = 'https://electronjs.org/headers';

const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));

function fail(message) {
  console.error(`rebuild-native-electron: ${message}`);
  process.exit(1);
}

/** NODE_MODULE_VERSION of a non-N-API addon, read from its exported node_register_module_v<N>. */
export function moduleAbiOf(file) {
  const m = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return m ? Number(m[1]) : undefined;
}

/** Electron's own binary, if installed: `require('electron')` gives its path or throws. */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function electronAbi(electronDir, version, binary) {
  // Best: ask the Electron binary itself (ELECTRON_RUN_AS_NODE works unpackaged; the fuse
  // that disables it applies to packaged apps only).
  if (binary) {
    const r = spawnSync(binary, ['-p', 'process.versions.modules'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8', timeout: 30_000 });
    if (r.status === 0 && /^\d+$/.test(r.stdout.trim())) return { abi: Number(r.stdout.trim()), from: 'process.versions.modules of the Electron binary' };
  }
  const file = join(electronDir, 'abi_version');
  if (existsSync(file)) return { abi: Number(readFileSync(file, 'utf8').trim()), from: 'node_modules/electron/abi_version' };
  try {
    return { abi: Number(require('node-abi').getAbi(version, 'electron')), from: 'node-abi' };
  } catch {
    return undefined;
  }
}

function main() {
  const electronDir = join(root, 'node_modules', 'electron');
  const sqliteDir = join(root, 'node_modules', 'better-sqlite3');
  if (!existsSync(join(electronDir, 'package.json'))) fail('node_modules/electron is missing: run `npm ci` first.');
  if (!existsSync(join(sqliteDir, 'binding.gyp'))) fail('node_modules/better-sqlite3 (with its sources) is missing: run `npm ci` first.');
  let nodeGyp;
  try {
    nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    fail('node-gyp is not installed (it comes with npm and with electron-builder): run `npm ci` first.');
  }

  const electronVersion = readJson(join(electronDir, 'package.json')).version;
  const sqliteVersion = readJson(join(sqliteDir, 'package.json')).version;
  const binary = electronBinary();
  const want = electronAbi(electronDir, electronVersion, binary);
  if (!want) fail(`cannot tell which ABI Electron ${electronVersion} needs (no abi_version file, no node-abi).`);

  // A fresh copy of the package sources, without the Node build.
  mkdirSync(OUT, { recursive: true });
  const work = join(OUT, `.build-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(sqliteDir, work, {
    recursive: true,
    filter: (src) => {
      const parts = relative(sqliteDir, src).split(sep);
      return !parts.includes('build') && !parts.includes('node_modules');
    },
  });

  const devdir = process.env.ELECTRON_GYP_DIR || join(homedir(), '.electron-gyp');
  const nodedir = process.env.ELECTRON_HEADERS_DIR;
  const args = [
    nodeGyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${process.env.npm_config_arch || process.arch}`,
    `--dist-url=${DIST_URL}`,
    `--devdir=${devdir}`,
    ...(nodedir ? [`--nodedir=${nodedir}`] : []),
  ];
  const r = spawnSync(process.execPath, args, {
    cwd: work,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion, npm_config_disturl: DIST_URL },
  });
  writeFileSync(LOG, `$ node ${args.join(' ')}\n\n${r.stdout ?? ''}\n${r.stderr ?? ''}\n${r.error ? String(r.error) : ''}\n`);

  const what = `better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (ABI ${want.abi})`;
  if (r.error) {
    rmSync(work, { recursive: true, force: true });
    fail(`could not run node-gyp to build ${what}: ${r.error.message}. Log: ${relative(root, LOG)}`);
  }
  if (r.status !== 0) {
    rmSync(work, { recursive: true, force: true });
    const headers = nodedir || existsSync(join(devdir, electronVersion, 'include', 'node', 'node_version.h'));
    if (!headers) {
      const out = `${r.stdout}\n${r.stderr}`;
      const cause = /network connectivity/i.test(out)
        ? 'no network connection'
        : (/(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|self[- ]signed|certificate|40[34])/i.exec(out)?.[1] ?? 'download failed');
      fail(
        `cannot build ${what}: Electron's headers could not be downloaded from ${DIST_URL} (${cause}). Run \`npm run rebuild:electron\` on a machine with internet access, or set ELECTRON_HEADERS_DIR to the unpacked node-v${electronVersion}-headers to build offline. Log: ${relative(root, LOG)}`,
      );
    }
    const lastError =
      `${r.stderr}`
        .split('\n')
        .filter((l) => /error/i.test(l))
        .slice(-1)[0]
        ?.trim() ?? `exit ${r.status}`;
    fail(`node-gyp could not build ${what}: ${lastError.slice(0, 200)}. Log: ${relative(root, LOG)}`);
  }

  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  const got = existsSync(built) ? moduleAbiOf(built) : undefined;
  if (got !== want.abi) {
    rmSync(work, { recursive: true, force: true });
    fail(
      `the build reports success but ${relative(root, built)} has ABI ${got ?? 'unknown'}, not Electron's ${want.abi} (from ${want.from}); it was not installed. Log: ${relative(root, LOG)}`,
    );
  }

  // Where the binary exists, load the module in Electron for real.
  if (binary) {
    const probe = `const D = require(${JSON.stringify(join(sqliteDir, 'lib', 'index.js'))}); const db = new D(':memory:', { nativeBinding: ${JSON.stringify(built)} }); db.prepare('select 1').get(); db.close();`;
    const p = spawnSync(binary, ['-e', probe], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8', timeout: 60_000 });
    if (p.status !== 0) {
      rmSync(work, { recursive: true, force: true });
      fail(`the Electron build of better-sqlite3 does not load in Electron ${electronVersion}: ${(p.stderr || '').split('\n')[0]}`);
    }
  }

  // Install: only the package metadata, its JS and the one .node file are kept.
  for (const dir of [
    'deps',
    'src',
    join('build', 'Release', 'obj'),
    join('build', 'Release', 'obj.target'),
    join('build', 'Release', '.deps'),
    join('build', 'deps'),
  ])
    rmSync(join(work, dir), { recursive: true, force: true });
  const dest = join(OUT, 'better-sqlite3');
  rmSync(dest, { recursive: true, force: true });
  renameSync(work, dest);
  writeFileSync(
    join(OUT, 'better-sqlite3.json'),
    `${JSON.stringify({ electron: electronVersion, abi: want.abi, abiFrom: want.from, betterSqlite3: sqliteVersion, builtAt: new Date().toISOString() }, null, 2)}\n`,
  );
  console.log(
    `rebuild-native-electron: built ${what} into ${relative(root, join(dest, 'build', 'Release', 'better_sqlite3.node'))} (ABI checked: ${want.abi}, from ${want.from}${binary ? '; loaded in Electron' : '; Electron binary not installed, so not test-loaded'}).`,
  );
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href || fileURLToPath(import.meta.url) === process.argv[1]) main();
