import { describe, expect, it, vi } from 'vitest';
import { IdleWork } from './idle-work';

describe('work kept for a pause', () => {
  it('runs its tasks in the order first added, a task added again under its name replacing the waiting one', async () => {
    const work = new IdleWork(5);
    const ran: string[] = [];
    work.add('engine', () => void ran.push('engine 1'));
    work.add('writer', async () => {
      await Promise.resolve();
      ran.push('writer');
    });
    work.add('engine', () => void ran.push('engine 2'));
    expect(ran).toEqual([]);
    await work.settled();
    expect(ran).toEqual(['engine 2', 'writer']);
  });

  it('waits while renders keep coming, and runs once they pause', async () => {
    vi.useFakeTimers();
    try {
      const work = new IdleWork(30);
      let ran = false;
      work.add('engine', () => void (ran = true));
      // Each render restarts the pause.
      for (let k = 0; k < 5; k++) {
        await vi.advanceTimersByTimeAsync(20);
        work.postpone();
      }
      expect(ran).toBe(false);
      await vi.advanceTimersByTimeAsync(30);
      expect(ran).toBe(true);
      await work.settled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('goes on after a task that fails', async () => {
    const work = new IdleWork(1);
    const ran: string[] = [];
    work.add('a', () => {
      throw new Error('the style file is gone');
    });
    work.add('b', () => void ran.push('b'));
    await work.settled();
    expect(ran).toEqual(['b']);
  });

  it('drops what waits when cancelled, and settles at once', async () => {
    const work = new IdleWork(1);
    let ran = false;
    work.add('engine', () => void (ran = true));
    work.cancel();
    await work.settled();
    expect(ran).toBe(false);
  });

  it('runs a task added while another runs, in the same pause', async () => {
    const work = new IdleWork(1);
    const ran: string[] = [];
    work.add('first', async () => {
      work.add('second', () => void ran.push('second'));
      await Promise.resolve();
      ran.push('first');
    });
    await work.settled();
    expect(ran).toEqual(['first', 'second']);
  });
});
