import type { Page } from '@playwright/test';
import type { DossierEventName, DossierEvents } from '../../api/shell/events';

/**
 * Gives the page's bridge the desktop shell's event subscription (`window.dossier.on`, as the
 * preload exposes it), so a test can play the main process: `emitShellEvent(page, 'import:ready', …)`.
 * Opt-in per test: without it the page has no `on`, like the app outside Electron.
 *
 * Call before `app.open()`. The init script runs after the harness's own (registration order)
 * and wraps the bridge it created; like the preload, a listener gets the payload only and an
 * unknown event name is refused.
 */
export async function enableShellEvents(page: Page, names: readonly DossierEventName[]): Promise<void> {
  await page.addInitScript(
    (known: string[]) => {
      type Listener = (payload: unknown) => void;
      const w = window as unknown as { dossier: Record<string, unknown>; __dossierEmit(event: string, payload: unknown): number };
      const listeners = new Map<string, Set<Listener>>();
      const on = (event: string, listener: Listener) => {
        if (!known.includes(event)) throw new TypeError(`unknown event "${event}"`);
        let set = listeners.get(event);
        if (!set) listeners.set(event, (set = new Set()));
        set.add(listener);
        return () => {
          set.delete(listener);
        };
      };
      w.dossier = Object.freeze({ ...w.dossier, on });
      // Returns how many listeners received it, so a test knows the app was listening.
      w.__dossierEmit = (event, payload) => {
        const set = [...(listeners.get(event) ?? [])];
        for (const l of set) l(payload);
        return set.length;
      };
    },
    [...names],
  );
}

/** Sends an event as the main process would; resolves to the number of listeners that got it. */
export function emitShellEvent<K extends DossierEventName>(page: Page, event: K, payload: DossierEvents[K]): Promise<number> {
  return page.evaluate(([e, p]) => (window as unknown as { __dossierEmit(event: string, payload: unknown): number }).__dossierEmit(e, p), [
    event,
    payload,
  ] as const);
}
