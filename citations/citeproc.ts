/**
 * The slice of citeproc-js (the `citeproc` package, CommonJS, untyped) that Dossier uses,
 * with types. Loaded through createRequire so neither TypeScript nor a bundler has to
 * understand the 25,000-line CommonJS file.
 *
 * Besides the public API (Engine, processCitationCluster, updateItems, makeBibliography)
 * the fast paths in citeproc-fast.ts reach a few internals (registry, process_CitationCluster,
 * disambiguate); they are typed here too so every use is visible in one place. The package
 * version is pinned in package.json, checked when citeproc is loaded (citeprocFastPaths: any
 * other version turns the fast paths off, core/fast-paths.ts) and equivalence tests compare
 * the fast paths with citeproc's own rebuildProcessorState.
 */
import { createRequire } from 'node:module';
import { fastPathsOn } from '../core/fast-paths';
import type { CiteprocModule } from './citeproc-types';
import { installCaseShortcut, installEscapeShortcut } from './citeproc-string-shortcuts';

export type * from './citeproc-types';

let loaded: CiteprocModule | undefined;
let packageVersion: { read: string | undefined } | undefined;

/** Where citeproc is looked for: next to this module, else the working folder's node_modules (bundles). */
function requireFromEither<T>(id: string): T {
  let lastError: unknown;
  for (const base of [import.meta.url, `${process.cwd()}/package.json`]) {
    try {
      return createRequire(base)(id) as T;
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}

export function citeproc(): CiteprocModule {
  if (loaded) return loaded;
  try {
    loaded = requireFromEither<CiteprocModule>('citeproc');
  } catch (e) {
    throw new Error(`citeproc-js is not installed: ${String(e)}`, { cause: e });
  }
  installCaseShortcut(loaded, citeprocFastPaths);
  installEscapeShortcut(loaded, citeprocFastPaths);
  return loaded;
}

/**
 * The installed citeproc's version, from its package.json (undefined when unreadable), read
 * without loading citeproc itself: a note cache key needs it before any engine is built.
 */
export function citeprocVersion(): string | undefined {
  if (!packageVersion) {
    try {
      packageVersion = { read: requireFromEither<{ version?: string }>('citeproc/package.json').version };
    } catch {
      packageVersion = { read: undefined }; // unreadable: the fast paths stay off
    }
  }
  return packageVersion.read;
}

/** Whether the citeproc fast paths run: the installed citeproc is the one they were checked against, and nobody switched them off. */
export function citeprocFastPaths(): boolean {
  return fastPathsOn('citeproc', citeprocVersion);
}
