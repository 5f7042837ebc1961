import type { CoreChannel } from '../api/host/client';

/** What of Electron's `utilityProcess` the shell uses (injected, so the glue is tested with a fake). */
export interface UtilityProcessApi {
  fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'inherit' | 'pipe' | 'ignore' }): UtilityChild;
}

interface UtilityChild {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/**
 * The core as an Electron utilityProcess (api/host/entry.ts, bundled as out/main/core.js): a
 * Chromium-launched child with Node, no window and no access to the shell's IPC. Main keeps the
 * window, dialogs and grants; the core gets messages only from main.
 */
export function utilityCoreChannel(utilityProcess: UtilityProcessApi, entry: string): CoreChannel {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Dossier core', stdio: 'inherit' });
  let exited: string | undefined;
  let exitListener: ((how: string) => void) | undefined;
  child.on('exit', (code: number) => {
    exited = `exit code ${code}`;
    exitListener?.(exited);
  });
  return {
    post: (m) => {
      if (!exited) child.postMessage(m);
    },
    onMessage: (l) => void child.on('message', l),
    onExit: (l) => {
      exitListener = l;
      if (exited) l(exited);
    },
    kill: () => void child.kill(),
  };
}
