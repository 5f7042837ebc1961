import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Envelope } from '../../api/contract';
import { CHANNELS } from '../../api/shell/events';
import { checkEvent } from '../security/ipc-guard';

/**
 * The main process's three handlers. Each checks its sender first — the main frame of the
 * Dossier window, on the app's own origin — then hands the name and arguments to a dispatcher
 * that validates them against the contract. Nothing here can throw back into Electron: every
 * answer is an envelope. The event object never leaves this function.
 */
type Dispatch = (name: string, args: unknown) => Promise<Envelope<unknown>>;

export interface IpcDeps {
  /** The webContents id of the Dossier window (undefined while there is none). */
  windowId(): number | undefined;
  core: Dispatch;
  /** Also answers `dossier:cancel`, as the shell call `operation:cancel` (same schema). */
  shell: Dispatch;
  log: { warn(m: string): void };
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, deps: IpcDeps): void {
  const guarded =
    (channel: string, run: (args: unknown[]) => Promise<Envelope<unknown>>) =>
    async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<Envelope<unknown>> => {
      const check = checkEvent(event, deps.windowId());
      if (!check.ok) {
        deps.log.warn(`refused ${channel} message: ${check.reason}`);
        return { ok: false, error: { code: 'forbidden', message: `refused: ${check.reason}` } };
      }
      try {
        return await run(args);
      } catch (e) {
        return { ok: false, error: { code: 'internal', message: (e as Error)?.message ?? String(e) } };
      }
    };

  ipcMain.handle(
    CHANNELS.call,
    guarded(CHANNELS.call, ([name, args]) => deps.core(String(name).slice(0, 100), args)),
  );
  ipcMain.handle(
    CHANNELS.shell,
    guarded(CHANNELS.shell, ([name, args]) => deps.shell(String(name).slice(0, 100), args)),
  );
  ipcMain.handle(
    CHANNELS.cancel,
    guarded(CHANNELS.cancel, ([opId]) => deps.shell('operation:cancel', [opId])),
  );
}
