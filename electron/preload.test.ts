import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES } from '../api/call-names';
import type { DossierBridge } from '../api/shell/bridge-types';
import { CHANNELS } from '../api/shell/events';

// The preload runs against a fake `electron`: what it exposes, and what it sends, is observed.
const exposed = new Map<string, unknown>();
const invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'answer' }));
const rendererListeners = new Map<string, (...a: unknown[]) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: (...a: unknown[]) => invoke(...a),
    on: (channel: string, l: (...a: unknown[]) => void) => rendererListeners.set(channel, l),
  },
}));

let api: DossierBridge;
beforeEach(async () => {
  exposed.clear();
  rendererListeners.clear();
  invoke.mockClear();
  vi.resetModules();
  await import('./preload');
  api = exposed.get('dossier') as DossierBridge;
});

describe('the preload bridge', () => {
  it('exposes exactly call, shell and on, as window.dossier, and nothing else', () => {
    expect([...exposed.keys()]).toEqual(['dossier']);
    expect(Object.keys(api).sort()).toEqual(['call', 'on', 'shell']);
    for (const v of Object.values(api)) expect(typeof v).toBe('function');
    // Listens on the event channel only.
    expect([...rendererListeners.keys()]).toEqual([CHANNELS.event]);
  });

  it('sends known core calls on dossier:call with their arguments', async () => {
    expect(await api.call('facts:get', 'f1')).toEqual({ ok: true, value: 'answer' });
    expect(invoke).toHaveBeenCalledWith(CHANNELS.call, 'facts:get', ['f1']);
    expect(CALL_NAMES.length).toBeGreaterThan(30);
  });

  it('refuses unknown names before anything is sent', async () => {
    const call = api.call as unknown as (name: string, ...a: unknown[]) => Promise<unknown>;
    const shell = api.shell as unknown as (name: string, ...a: unknown[]) => Promise<unknown>;
    for (const name of ['shell:exec', '__proto__', 'constructor', 'toString', 'dialog:saveFile', 42 as unknown as string]) {
      expect(await call(name), String(name)).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    for (const name of ['facts:get', 'fs:write', 'hasOwnProperty']) {
      expect(await shell(name), name).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(invoke).not.toHaveBeenCalled();
  });

  it('sends shell calls on dossier:shell, and cancellation on dossier:cancel', async () => {
    await api.shell('link:open', 'https://example.org/');
    expect(invoke).toHaveBeenLastCalledWith(CHANNELS.shell, 'link:open', ['https://example.org/']);
    await api.shell('operation:cancel', 'op-12345678');
    expect(invoke).toHaveBeenLastCalledWith(CHANNELS.cancel, 'op-12345678');
  });

  it('answers a failed invoke with an error envelope instead of throwing', async () => {
    invoke.mockRejectedValueOnce(new Error('window closing'));
    expect(await api.call('tags:list')).toEqual({ ok: false, error: { code: 'internal', message: 'window closing' } });
  });

  it("delivers events to listeners without Electron's event object, and unsubscribes", () => {
    const seen: unknown[] = [];
    const off = api.on('operation:progress', (p) => seen.push(p));
    const message = { type: 'operation:progress', payload: { opId: 'op-12345678', phase: 'Reading', done: 1 } };
    const electronEvent = { sender: 'the ipcRenderer itself', senderFrame: {} };
    rendererListeners.get(CHANNELS.event)!(electronEvent, message);
    rendererListeners.get(CHANNELS.event)!(electronEvent, { type: 'library:changed', payload: { state: 'closed' } });
    expect(seen).toEqual([message.payload]);
    off();
    rendererListeners.get(CHANNELS.event)!(electronEvent, message);
    expect(seen).toHaveLength(1);
  });

  it('refuses unknown event names and non-function listeners', () => {
    const on = api.on as unknown as (e: string, l: unknown) => unknown;
    expect(() => on('ipc:raw', () => undefined)).toThrow(/unknown event/);
    expect(() => on('menu:command', 'not a function')).toThrow(/function/);
  });
});
