/**
 * The sandboxed preload: the renderer's only door to the app. It exposes exactly three
 * functions as `window.dossier` — `call` (core contract), `shell` (shell contract) and `on`
 * (main-process events) — and refuses any name not in the contracts before anything is sent.
 * It never exposes ipcRenderer, Electron's event objects, or a way to pick the channel.
 *
 * Bundled as CommonJS by scripts/build-electron.mjs; in a sandboxed renderer `require` offers
 * only `electron` (and events/timers/url), so this file imports nothing else from Node.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_NAMES, SHELL_CALL_NAMES } from '../api/call-names';
import type { CallArgs, CallName, CallResults, Envelope } from '../api/contract';
import type { DossierBridge } from '../api/shell/bridge-types';
import { CHANNELS, EVENT_NAMES, type DossierEventName, type DossierEvents, type EventMessage } from '../api/shell/events';
import type { ShellArgs, ShellCallName, ShellResults } from '../api/shell/contract';

const callNames = new Set<string>(CALL_NAMES);
const shellNames = new Set<string>(SHELL_CALL_NAMES);
const eventNames = new Set<string>(EVENT_NAMES);

function refused<T>(message: string): Promise<Envelope<T>> {
  return Promise.resolve({ ok: false, error: { code: 'validation', message, field: 'call' } });
}

/** A rejected invoke (main threw, or the window is closing) still answers with an envelope. */
async function invoke<T>(channel: string, ...args: unknown[]): Promise<Envelope<T>> {
  try {
    return (await ipcRenderer.invoke(channel, ...args)) as Envelope<T>;
  } catch (e) {
    return { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
  }
}

function call<K extends CallName>(name: K, ...args: CallArgs<K>): Promise<Envelope<CallResults[K]>> {
  if (typeof name !== 'string' || !callNames.has(name)) return refused(`unknown call "${String(name)}"`);
  return invoke(CHANNELS.call, name, args);
}

function shell<K extends ShellCallName>(name: K, ...args: ShellArgs<K>): Promise<Envelope<ShellResults[K]>> {
  if (typeof name !== 'string' || !shellNames.has(name)) return refused(`unknown shell call "${String(name)}"`);
  if (name === 'operation:cancel') return invoke(CHANNELS.cancel, args[0]);
  return invoke(CHANNELS.shell, name, args);
}

type Listener = (payload: unknown) => void;
const listeners = new Map<DossierEventName, Set<Listener>>();

ipcRenderer.on(CHANNELS.event, (_event: IpcRendererEvent, message: EventMessage) => {
  const set = message && typeof message === 'object' ? listeners.get(message.type) : undefined;
  if (!set) return;
  for (const listener of [...set]) {
    try {
      listener(message.payload);
    } catch (e) {
      console.error(`dossier: a listener for ${message.type} threw`, e);
    }
  }
});

function on<K extends DossierEventName>(event: K, listener: (payload: DossierEvents[K]) => void): () => void {
  if (typeof event !== 'string' || !eventNames.has(event)) throw new TypeError(`unknown event "${String(event)}"`);
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  const l = listener as Listener;
  set.add(l);
  return () => {
    set.delete(l);
  };
}

const api = { call, shell, on } satisfies DossierBridge;

contextBridge.exposeInMainWorld('dossier', api);
