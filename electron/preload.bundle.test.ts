import { build, type BuildOptions, type Metafile } from 'esbuild';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CALL_NAMES, SHELL_CALL_NAMES } from '../api/call-names';
import { CHANNELS } from '../api/shell/events';

/**
 * The preload as it ships: bundled by scripts/build-electron.mjs (it takes the call names from
 * api/call-names.ts, so no zod comes in) and run the way a sandboxed preload runs — a script whose `require` knows only
 * `electron` — to check it still knows every contract name, exposes only the bridge, and
 * requires nothing a sandbox lacks.
 */
type BuildScript = { preloadOptions(o: { quiet: boolean }): BuildOptions; forbiddenPreloadRequires(m: Metafile): string[] };

async function bundledPreload(): Promise<{ code: string; forbidden: string[] }> {
  const script = join(process.cwd(), 'scripts', 'build-electron.mjs');
  const { preloadOptions, forbiddenPreloadRequires } = (await import(/* @vite-ignore */ script)) as BuildScript;
  const r = await build({ ...preloadOptions({ quiet: true }), write: false, sourcemap: false });
  const out = r.outputFiles.find((f) => f.path.endsWith('.cjs'))!;
  return { code: out.text, forbidden: forbiddenPreloadRequires(r.metafile!) };
}

describe('the built preload bundle', () => {
  it('runs in a sandbox-like context and knows every contract name', async () => {
    const { code, forbidden } = await bundledPreload();
    expect(forbidden).toEqual([]);
    expect(code).not.toMatch(/\bzod\b.*locales|ZodError/);
    expect(code.length).toBeLessThan(50_000);

    const exposed = new Map<string, Record<string, (...a: unknown[]) => unknown>>();
    const sent: unknown[][] = [];
    const requested: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (k: string, v: Record<string, (...a: unknown[]) => unknown>) => exposed.set(k, v) },
      ipcRenderer: { invoke: async (...a: unknown[]) => (sent.push(a), { ok: true, value: null }), on: () => undefined },
    };
    const module = { exports: {} };
    const require = (id: string) => {
      requested.push(id);
      if (id === 'electron') return electron;
      throw new Error(`module not found in sandbox: ${id}`);
    };
    runInNewContext(code, { require, module, exports: module.exports, console });

    expect(new Set(requested)).toEqual(new Set(['electron']));
    expect([...exposed.keys()]).toEqual(['dossier']);
    const api = exposed.get('dossier')!;
    expect(Object.keys(api).sort()).toEqual(['call', 'on', 'shell']);

    for (const name of CALL_NAMES) await api.call(name);
    for (const name of SHELL_CALL_NAMES) await api.shell(name, 'op-12345678');
    expect(sent.filter((s) => s[0] === CHANNELS.call).map((s) => s[1])).toEqual(CALL_NAMES);
    expect(sent.filter((s) => s[0] === CHANNELS.shell).map((s) => s[1])).toEqual(SHELL_CALL_NAMES.filter((n) => n !== 'operation:cancel'));
    expect(sent.filter((s) => s[0] === CHANNELS.cancel)).toEqual([[CHANNELS.cancel, 'op-12345678']]);

    sent.length = 0;
    expect(await api.call('shell:exec')).toMatchObject({ ok: false });
    expect(await api.shell('facts:get')).toMatchObject({ ok: false });
    expect(sent).toEqual([]);
  });
});
