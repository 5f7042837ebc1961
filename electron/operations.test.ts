import { describe, expect, it } from 'vitest';
import type { DossierEvents } from '../api/shell/events';
import { Operations } from './operations';

function setup(interval = 50) {
  const events: { type: keyof DossierEvents; payload: unknown }[] = [];
  let t = 0;
  const ops = new Operations(
    (type, payload) => events.push({ type, payload }),
    interval,
    () => t,
  );
  return { ops, events, tick: (ms: number) => (t += ms) };
}

describe('long operations', () => {
  it('announce start, throttled progress and the outcome', async () => {
    const { ops, events, tick } = setup();
    const r = await ops.run('import', 'op-12345678', 'Importing', async (ctx) => {
      ctx.progress('Reading', 0, 3);
      ctx.progress('Reading', 1, 3); // within 50 ms: dropped
      tick(60);
      ctx.progress('Reading', 2, 3);
      ctx.progress('Reading', 3, 3); // the last step always goes through
      ctx.progress('Parsing'); // a new phase always goes through
      return 42;
    });
    expect(r).toBe(42);
    expect(events.map((e) => [e.type, (e.payload as { done?: number; phase?: string }).phase, (e.payload as { done?: number }).done])).toEqual([
      ['operation:started', undefined, undefined],
      ['operation:progress', 'Reading', 0],
      ['operation:progress', 'Reading', 2],
      ['operation:progress', 'Reading', 3],
      ['operation:progress', 'Parsing', 0],
      ['operation:finished', undefined, undefined],
    ]);
    expect(ops.size).toBe(0);
  });

  it('cancel aborts the signal; the operation ends as cancelled', async () => {
    const { ops, events } = setup();
    const p = ops.run('backup', 'op-12345678', 'Backing up', async (ctx) => {
      await new Promise((r) => setTimeout(r, 10));
      ctx.checkpoint();
      return 'done';
    });
    expect(ops.isRunning('op-12345678')).toBe(true);
    expect(ops.cancel('op-12345678')).toBe(true);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(events.at(-1)!.payload).toMatchObject({ outcome: 'cancelled' });
    expect(ops.cancel('op-12345678')).toBe(false);
  });

  it('reports failures and refuses a second operation with the same id', async () => {
    const { ops, events } = setup();
    const slow = ops.run('export', 'op-12345678', 'x', () => new Promise((r) => setTimeout(r, 5)));
    await expect(ops.run('export', 'op-12345678', 'x', async () => 1)).rejects.toThrow(/already running/);
    await slow;
    await expect(ops.run('export', 'op-2', 'x', async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(events.at(-1)!.payload).toMatchObject({ outcome: 'failed', message: 'disk full' });
  });
});
