import type { MenuCommand } from '../../../api/shell/events';
import type { LibraryStatus } from '../../../api/host/types';

/**
 * The payload of the shell's `menu:command` event, or undefined when it is not one this
 * version knows. The preload checks event names, not payloads: a malformed command (or one from
 * a newer shell) must not send the workspace somewhere odd.
 */
export function parseMenuCommand(payload: unknown): MenuCommand | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const p = payload as { command?: unknown; briefingId?: unknown };
  switch (p.command) {
    case 'briefing:new':
    case 'briefing:switch':
    case 'export':
    case 'find':
      return { command: p.command };
    case 'briefing:open':
      return typeof p.briefingId === 'string' && p.briefingId.trim() !== '' ? { command: 'briefing:open', briefingId: p.briefingId } : undefined;
    default:
      return undefined;
  }
}

/**
 * What the workspace does after `library:changed`: reload everything it shows when a library is
 * open, or say why none is (the shell's own dialog offers the way out).
 */
export function libraryChange(payload: unknown): { reload: true } | { reload: false; message: string } {
  const p = (payload && typeof payload === 'object' ? payload : {}) as Partial<{ state: LibraryStatus['state']; message: unknown; path: unknown }>;
  if (p.state === 'open') return { reload: true };
  const why = typeof p.message === 'string' && p.message ? p.message : 'no library is open';
  return { reload: false, message: p.state === 'closed' ? 'The library was closed.' : `The library could not be opened: ${why}` };
}

/**
 * A menu command handed to the view that acts on it (the open briefing's export panel or
 * switcher, the library's search box). `target` names the view it is meant for, so a request
 * left over after the user moved elsewhere is dropped, never acted on later; `seq` tells two
 * apart.
 */
export interface ViewRequest {
  seq: number;
  action: 'export' | 'switch' | 'find';
  target: string;
}
