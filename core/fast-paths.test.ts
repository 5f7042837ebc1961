import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module: which libraries were decided is per process. */
async function freshModule() {
  vi.resetModules();
  return import('./fast-paths');
}

describe('fast-path switch', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('is on for the exact version the fast paths were checked against', async () => {
    vi.stubEnv('DOSSIER_NO_FAST_PATHS', '');
    const { fastPathsOn, FAST_PATH_VERSIONS } = await freshModule();
    expect(fastPathsOn('citeproc', () => FAST_PATH_VERSIONS.citeproc)).toBe(true);
  });

  it('turns off for any other version, says so once, and never throws', async () => {
    vi.stubEnv('DOSSIER_NO_FAST_PATHS', '');
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const { fastPathsOn } = await freshModule();
    const asked = vi.fn(() => '2.4.64');
    expect(fastPathsOn('citeproc', asked)).toBe(false);
    expect(fastPathsOn('citeproc', asked)).toBe(false);
    expect(fastPathsOn('docx', () => undefined)).toBe(false);
    expect(asked).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0][0])).toMatch(/citeproc 2\.4\.64 is not the 2\.4\.63/);
    expect(String(warn.mock.calls[1][0])).toMatch(/docx \(version unreadable\)/);
  });

  it('DOSSIER_NO_FAST_PATHS=1 turns every fast path off, setFastPaths overrides both ways', async () => {
    vi.stubEnv('DOSSIER_NO_FAST_PATHS', '1');
    const { fastPathsOn, setFastPaths, FAST_PATH_VERSIONS } = await freshModule();
    expect(fastPathsOn('citeproc', () => FAST_PATH_VERSIONS.citeproc)).toBe(false);
    expect(fastPathsOn('docx', () => FAST_PATH_VERSIONS.docx)).toBe(false);
    setFastPaths(true);
    expect(fastPathsOn('docx', () => '0.0.0')).toBe(true);
    setFastPaths(undefined);
    expect(fastPathsOn('docx', () => FAST_PATH_VERSIONS.docx)).toBe(false);
  });

  it('the pinned versions are the installed ones (a dependency bump must revisit the fast paths)', async () => {
    const { FAST_PATH_VERSIONS } = await freshModule();
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.citeproc).toBe(FAST_PATH_VERSIONS.citeproc);
    expect(pkg.dependencies.docx).toBe(FAST_PATH_VERSIONS.docx);
  });
});
