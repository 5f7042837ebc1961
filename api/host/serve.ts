import { isDossierError } from '../../core/errors';
import { CORE_ARITY, type CoreOptions, type CoreService, invokeCore, isCoreMethod } from './core-service';
import type { FromCore, MessageEnd, WireError } from './protocol';

/**
 * The core process's side of the port: one CoreService, made from the options of the first
 * `init` message, answering requests in any order. Each request has its own AbortController,
 * so a `cancel` stops that call at its next checkpoint; a heartbeat is answered at once, which
 * a stuck event loop cannot do (the main process then restarts the core).
 */
export function serveCore(port: MessageEnd<FromCore>, make: (options: CoreOptions) => CoreService): void {
  let service: CoreService | undefined;
  const running = new Map<number, AbortController>();

  port.onMessage((raw) => {
    const m = raw as { t?: unknown; id?: unknown; n?: unknown; method?: unknown; args?: unknown; options?: unknown };
    if (m === null || typeof m !== 'object') return;
    if (m.t === 'ping' && typeof m.n === 'number') return port.post({ t: 'pong', n: m.n });
    if (m.t === 'init' && !service && m.options && typeof m.options === 'object') {
      service = make(m.options as CoreOptions);
      service.onEvent((e) => port.post({ t: 'event', ...e }));
      return port.post({ t: 'ready', pid: process.pid });
    }
    if (m.t === 'cancel' && typeof m.id === 'number') return running.get(m.id)?.abort();
    if (m.t !== 'req' || typeof m.id !== 'number') return;
    const id = m.id;
    if (!service) return port.post({ t: 'res', id, ok: false, error: { code: 'internal', message: 'The core was not started' } });
    if (!isCoreMethod(m.method) || !Array.isArray(m.args) || m.args.length > CORE_ARITY[m.method]) {
      return port.post({
        t: 'res',
        id,
        ok: false,
        error: { code: 'validation', message: `unknown core call or wrong arguments: ${String(m.method).slice(0, 40)}` },
      });
    }
    const abort = new AbortController();
    running.set(id, abort);
    const progress = (phase: string, done?: number, total?: number) =>
      port.post({ t: 'progress', id, phase, ...(done !== undefined ? { done } : {}), ...(total !== undefined ? { total } : {}) });
    invokeCore(service, m.method, m.args, { progress, signal: abort.signal })
      .then(
        (value) => port.post({ t: 'res', id, ok: true, value }),
        (e: unknown) => port.post({ t: 'res', id, ok: false, error: wireError(e) }),
      )
      .finally(() => running.delete(id));
  });
}

function wireError(e: unknown): WireError {
  if ((e as Error)?.name === 'AbortError') return { code: 'cancelled', message: 'Cancelled' };
  if (isDossierError(e)) return { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) };
  return { code: 'internal', message: (e as Error)?.message ?? String(e) };
}
