import { randomUUID } from 'node:crypto';
import type { DossierEvents } from '../api/shell/events';
import type { OperationKind } from './types';

/**
 * Long operations (import, export, backup, restore): each has an id, reports progress as
 * `operation:*` events and can be cancelled. Cancelling aborts the operation's AbortSignal;
 * the work checks it between steps (importers between pages, export and backup between
 * phases) and stops with an AbortError. A write already under way is finished, never cut in
 * half: every file the app writes is written to a temporary name and renamed.
 */
export type Emit = <K extends keyof DossierEvents>(type: K, payload: DossierEvents[K]) => void;

export interface OperationContext {
  readonly opId: string;
  readonly signal: AbortSignal;
  progress(phase: string, done?: number, total?: number): void;
  /** Throws AbortError when the user cancelled. */
  checkpoint(): void;
}

class OperationCancelled extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super('cancelled');
  }
}

export function isAbort(e: unknown): boolean {
  return !!e && typeof e === 'object' && (e as { name?: string }).name === 'AbortError';
}

export class Operations {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly emit: Emit,
    private readonly minProgressIntervalMs = 50,
    private readonly now: () => number = Date.now,
  ) {}

  newId(): string {
    return `main-${randomUUID()}`;
  }

  get size(): number {
    return this.running.size;
  }

  isRunning(opId: string): boolean {
    return this.running.has(opId);
  }

  cancel(opId: string): boolean {
    const c = this.running.get(opId);
    if (!c) return false;
    c.abort();
    return true;
  }

  cancelAll(): void {
    for (const c of this.running.values()) c.abort();
  }

  async run<T>(kind: OperationKind, opId: string, label: string, work: (ctx: OperationContext) => Promise<T>): Promise<T> {
    if (this.running.has(opId)) throw new Error(`operation ${opId} is already running`);
    const controller = new AbortController();
    this.running.set(opId, controller);
    let lastAt = -Infinity;
    let lastPhase = '';
    const ctx: OperationContext = {
      opId,
      signal: controller.signal,
      progress: (phase, done = 0, total) => {
        const t = this.now();
        // Throttled, but a new phase and the last step always get through.
        if (phase === lastPhase && t - lastAt < this.minProgressIntervalMs && (total === undefined || done < total)) return;
        lastAt = t;
        lastPhase = phase;
        this.emit('operation:progress', { opId, phase, done, ...(total !== undefined ? { total } : {}) });
      },
      checkpoint: () => {
        if (controller.signal.aborted) throw new OperationCancelled();
      },
    };
    this.emit('operation:started', { opId, kind, label });
    try {
      const result = await work(ctx);
      this.emit('operation:finished', { opId, kind, outcome: 'ok' });
      return result;
    } catch (e) {
      const cancelled = isAbort(e) || controller.signal.aborted;
      this.emit('operation:finished', {
        opId,
        kind,
        outcome: cancelled ? 'cancelled' : 'failed',
        message: cancelled ? 'Cancelled' : ((e as Error)?.message ?? String(e)),
      });
      if (cancelled && !isAbort(e)) throw new OperationCancelled();
      throw e;
    } finally {
      this.running.delete(opId);
    }
  }
}
