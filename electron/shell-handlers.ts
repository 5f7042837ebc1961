import type { Envelope } from '../api/contract';
import { DossierError } from '../core/errors';
import { type Desktop, toErrorEnvelope } from './desktop';
import { type AppInfo, SHELL_CALLS, type ShellCallName, type ShellResults } from '../api/shell/contract';

/**
 * The shell contract's dispatcher: the same discipline as api/handlers.ts — unknown names and
 * arguments that fail their schema are refused before anything runs, and every outcome is an
 * envelope (a cancelled operation is `{ code: 'cancelled' }`).
 */
type ShellHandlers = { [K in ShellCallName]: (...args: never[]) => ShellResults[K] | Promise<ShellResults[K]> };

export function createShellDispatcher(desktop: Desktop, appInfo: AppInfo): (name: string, args: unknown) => Promise<Envelope<unknown>> {
  const h = {
    'app:info': () => appInfo,
    'libraries:current': () => desktop.status,
    'libraries:recent': () => desktop.recentLibraries(),
    'libraries:open': () => desktop.chooseLibrary(),
    'libraries:create': () => desktop.createLibrary(),
    'libraries:switch': (path: string) => desktop.switchLibrary(path),
    'libraries:backups': () => desktop.backups(),
    'libraries:backupNow': (o: { opId: string }) => desktop.backupNow(o.opId),
    'libraries:restore': (o: { opId: string; name: string }) => desktop.restoreByName(o.opId, o.name),
    'dialog:saveFile': (o: Parameters<Desktop['saveDialog']>[0]) => desktop.saveDialog(o),
    'import:file': (o: { opId: string }) => desktop.importFromDialog(o.opId),
    'import:bytes': (o: { opId: string; name: string; bytes: Uint8Array }) => desktop.importDropped(o.opId, o.name, o.bytes),
    'export:briefing': (o: Parameters<Desktop['exportBriefing']>[0]) => desktop.exportBriefing(o),
    'file:open': (path: string) => desktop.openWritten(path),
    'file:showInFolder': (path: string) => desktop.showWritten(path),
    'link:open': (url: string) => desktop.openLink(url),
    'recent:briefings': () => desktop.recentBriefings(),
    'recent:briefingOpened': (id: string) => desktop.briefingOpened(id),
    'operation:cancel': (opId: string) => ({ cancelled: desktop.ops.cancel(opId) }),
  } satisfies { [K in ShellCallName]: unknown };
  const handlers = h as unknown as ShellHandlers;

  return async (name, args) => {
    try {
      if (typeof name !== 'string' || !Object.hasOwn(SHELL_CALLS, name)) throw new DossierError('validation', `unknown shell call "${String(name)}"`, 'call');
      const parsed = SHELL_CALLS[name as ShellCallName].safeParse(args);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new DossierError('validation', `${name}: argument ${issue.path.join('.') || '(all)'}: ${issue.message}`, issue.path.join('.'));
      }
      const fn = handlers[name as ShellCallName] as (...a: unknown[]) => unknown;
      return { ok: true, value: (await fn(...(parsed.data as unknown[]))) ?? null };
    } catch (e) {
      return toErrorEnvelope(e);
    }
  };
}
