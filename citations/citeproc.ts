/**
 * The slice of citeproc-js (the `citeproc` package, CommonJS, untyped) that Dossier uses,
 * with types. Loaded through createRequire so neither TypeScript nor a bundler has to
 * understand the 25,000-line CommonJS file.
 *
 * Besides the public API (Engine, processCitationCluster, updateItems, makeBibliography)
 * the fast paths in citeproc-fast.ts reach a few internals (registry, process_CitationCluster,
 * disambiguate); they are typed here too so every use is visible in one place. The package
 * version is pinned in package.json and equivalence tests compare the fast paths with
 * citeproc's own rebuildProcessorState.
 */
import { createRequire } from 'node:module';
import type { CiteprocModule } from './citeproc-types';
import { installCaseShortcut, installEscapeShortcut } from './citeproc-string-shortcuts';

export type * from './citeproc-types';

let loaded: CiteprocModule | undefined;

export function citeproc(): CiteprocModule {
  if (loaded) return loaded;
  const bases = [import.meta.url, `${process.cwd()}/package.json`];
  let lastError: unknown;
  for (const base of bases) {
    try {
      loaded = createRequire(base)('citeproc') as CiteprocModule;
      break;
    } catch (e) {
      lastError = e;
    }
  }
  if (!loaded) throw new Error(`citeproc-js is not installed: ${String(lastError)}`);
  installCaseShortcut(loaded);
  installEscapeShortcut(loaded);
  return loaded;
}
