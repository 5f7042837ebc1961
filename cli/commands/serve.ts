import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { CoreClient } from '../../api/host/client';
import { join } from 'node:path';
import { userDataDir, userStyleDir, userTemplateDir } from '../../core/paths';
import type { Command } from '../command';

/**
 * `dossier serve`: the command line's long-running mode. The core runs in its own process —
 * the same entry the desktop app starts as a utilityProcess — and stays warm between calls, so
 * a script or an editor integration pays the start-up once. One API call per line of JSON on
 * standard input, one answer per line on standard output, in the order they finish.
 */
export const serveCommand: Command = {
  name: ['serve'],
  summary: 'keep the core running: API calls as JSON lines on standard input, answers on standard output',
  usage: 'dossier serve',
  help: `Each line in:   {"id": 1, "call": "facts:search", "args": [{"text": "corridor"}]}
Each line out:  {"id": 1, "ok": true, "value": …} or {"id": 1, "ok": false, "error": {"code", "message", "field"}}
The calls and their arguments are the app's (api/contract.ts), validated the same way. The core
runs in a child process: if it crashes or hangs it is restarted with the library reopened, the
calls in flight answer with code "core_restarted", and a line {"event": "core:restarted",
"message": …} says so. The mode ends when standard input closes.`,
  noLibrary: true,
  async run(ctx) {
    // dist/cli/dossier.js or dist/chunks/*.js → dist/api/host/entry.js (scripts/build.mjs).
    const entry = fileURLToPath(new URL('../api/host/entry.js', import.meta.url));
    // The core's client loads for this command only, not with every command line.
    const { CoreClient } = await import('../../api/host/client');
    const { nodeCoreChannel } = await import('../../api/host/node-channel');
    const write = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
    const core = new CoreClient({
      spawn: () => nodeCoreChannel(entry, ctx.env),
      options: { backupRoot: join(userDataDir(ctx.env), 'backups'), templateDir: userTemplateDir(ctx.env), styleDir: userStyleDir(ctx.env) },
      onRestart: (r) => write({ event: 'core:restarted', message: r.message }),
    });
    const status = await core.request('open', [ctx.libraryPath]);
    if (status.state !== 'open') {
      await core.stop();
      throw new Error(`${ctx.libraryPath}: ${'message' in status ? status.message : 'could not be opened'}`);
    }
    const pending = new Set<Promise<void>>();
    let lineNo = 0;
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      lineNo++;
      if (!line.trim()) continue;
      const answered = answer(core, line, lineNo).then((a) => {
        write(a);
      });
      pending.add(answered);
      void answered.finally(() => pending.delete(answered));
    }
    await Promise.all(pending);
    await core.stop();
    return undefined;
  },
};

async function answer(core: CoreClient, line: string, lineNo: number): Promise<unknown> {
  let request: { id?: unknown; call?: unknown; args?: unknown };
  try {
    request = JSON.parse(line) as typeof request;
  } catch {
    return { id: null, ok: false, error: { code: 'validation', message: `line ${lineNo}: not JSON` } };
  }
  const id = typeof request?.id === 'string' || typeof request?.id === 'number' ? request.id : null;
  if (typeof request?.call !== 'string')
    return { id, ok: false, error: { code: 'validation', message: `line ${lineNo}: "call" must name an API call`, field: 'call' } };
  try {
    const r = await core.request('call', [request.call, request.args ?? []]);
    return { id, ...r };
  } catch (e) {
    const { CoreCallError } = await import('../../api/host/client');
    return { id, ok: false, error: e instanceof CoreCallError ? e.error : { code: 'internal', message: (e as Error).message } };
  }
}
