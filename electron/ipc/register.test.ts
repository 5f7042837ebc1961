import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../api/shell/events';
import { registerIpc } from './register';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function setup() {
  const handlers = new Map<string, Handler>();
  const core = vi.fn(async (name: string, args: unknown) => ({ ok: true as const, value: { name, args } }));
  const shell = vi.fn(async (name: string, args: unknown) => ({ ok: true as const, value: { name, args } }));
  registerIpc({ handle: (channel: string, h: Handler) => void handlers.set(channel, h) } as never, {
    windowId: () => 7,
    core,
    shell,
    log: { warn: () => undefined },
  });
  return { handlers, core, shell };
}

const mainFrame = { url: 'app://dossier/index.html', parent: null };
const ours = { sender: { id: 7 }, senderFrame: mainFrame };

describe('IPC handlers', () => {
  it('registers exactly the three channels', () => {
    expect([...setup().handlers.keys()].sort()).toEqual([CHANNELS.call, CHANNELS.cancel, CHANNELS.shell].sort());
  });

  it('dispatches calls from the main frame of our window', async () => {
    const { handlers, core, shell } = setup();
    expect(await handlers.get(CHANNELS.call)!(ours, 'facts:get', ['f1'])).toEqual({ ok: true, value: { name: 'facts:get', args: ['f1'] } });
    expect(core).toHaveBeenCalledWith('facts:get', ['f1']);
    await handlers.get(CHANNELS.shell)!(ours, 'app:info', []);
    expect(shell).toHaveBeenCalledWith('app:info', []);
    await handlers.get(CHANNELS.cancel)!(ours, 'op-12345678');
    expect(shell).toHaveBeenLastCalledWith('operation:cancel', ['op-12345678']);
  });

  it('refuses a subframe, a foreign origin, a vanished frame or another webContents before dispatching', async () => {
    const { handlers, core } = setup();
    const forged = [
      { sender: { id: 7 }, senderFrame: { url: 'app://dossier/index.html', parent: mainFrame } },
      { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: { id: 7 }, senderFrame: { url: 'app://dossier.evil/', parent: null } },
      { sender: { id: 7 }, senderFrame: null },
      { sender: { id: 8 }, senderFrame: mainFrame },
    ];
    for (const event of forged) {
      expect(await handlers.get(CHANNELS.call)!(event, 'facts:get', ['f1'])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(core).not.toHaveBeenCalled();
  });

  it('turns a dispatcher that throws into an error envelope, never a rejected invoke', async () => {
    const { handlers, core } = setup();
    core.mockRejectedValueOnce(new Error('boom'));
    expect(await handlers.get(CHANNELS.call)!(ours, 'facts:get', ['f1'])).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });
});
