/**
 * The switch over every place Dossier replaces a library's internals for speed: citeproc-js
 * (citations/citeproc-fast.ts, citeproc-string-shortcuts.ts, the cold document load) and the
 * WordprocessingML written as text the way `docx` writes it (export/docx/wordml.ts and the
 * parts built on it).
 *
 * Each fast path was written against, and is checked by equivalence tests against, one exact
 * version of its library. Any other version may have moved the internals it reaches into, so
 * the fast path is turned off — slower, never wrong — and that is said once on stderr. It is
 * never a reason to fail. `DOSSIER_NO_FAST_PATHS=1` (or setFastPaths(false)) turns every fast
 * path off, to tell a fast-path bug from a library bug; the equivalence tests run both ways.
 */

/** The library versions the fast paths were written against (equal to package.json's pins). */
export const FAST_PATH_VERSIONS = { citeproc: '2.4.63', docx: '9.15.2' } as const;

export type FastPathLibrary = keyof typeof FAST_PATH_VERSIONS;

let forced: boolean | undefined;
const decided = new Map<FastPathLibrary, boolean>();

/** Forces every fast path on or off (tests, benchmarks); undefined goes back to the environment. */
export function setFastPaths(on: boolean | undefined): void {
  forced = on;
}

let envOff: boolean | undefined;

/** Read once: the shortcuts ask on every string citeproc outputs, and process.env is slow to read. */
function switchedOff(): boolean {
  if (envOff === undefined) {
    const env = typeof process === 'undefined' ? undefined : process.env.DOSSIER_NO_FAST_PATHS;
    envOff = env !== undefined && env !== '' && env !== '0';
  }
  return envOff;
}

/**
 * Whether the fast paths for `library` may run. `installedVersion` is asked once per process
 * (undefined when it cannot be read, which counts as a mismatch).
 */
export function fastPathsOn(library: FastPathLibrary, installedVersion: () => string | undefined): boolean {
  if (forced !== undefined) return forced;
  if (switchedOff()) return false;
  let on = decided.get(library);
  if (on === undefined) {
    const installed = installedVersion();
    on = installed === FAST_PATH_VERSIONS[library];
    if (!on) {
      process.emitWarning(
        `${library} ${installed ?? '(version unreadable)'} is not the ${FAST_PATH_VERSIONS[library]} Dossier's fast paths were checked against: they are off (output is the same, only slower)`,
        { code: 'DOSSIER_FAST_PATHS_OFF' },
      );
    }
    decided.set(library, on);
  }
  return on;
}
