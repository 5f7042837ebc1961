/**
 * Ctrl+C for the commands that promise to undo themselves (import, export, backup).
 *
 * While such a command runs, SIGINT only aborts its AbortSignal: the command rolls back,
 * removes its temporary files and throws `Cancelled`, which the command line reports in one
 * line with exit code 130 (the shell's code for "stopped by Ctrl+C"). Node runs a signal
 * listener only between turns of the event loop, so a command must give the loop a turn
 * (`nextTick` in ingest/formats/abort.ts) before it checks the signal after synchronous work.
 *
 * A second Ctrl+C is the user insisting: the listener is gone by then, so Node's default
 * applies and the process ends at once. That is safe too: SQLite ignores an uncommitted
 * transaction, and the next start removes the temporary files (db/leftovers.ts).
 */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
}

export interface Cancellation {
  signal: AbortSignal;
  /** Stops listening; call it when the command is done, whatever the outcome. */
  release(): void;
}

/** Listens for one Ctrl+C until `release`. */
export function cancelOnSigint(): Cancellation {
  const controller = new AbortController();
  const onSigint = () => {
    release();
    controller.abort(new DOMException('Ctrl+C', 'AbortError'));
  };
  const release = () => process.removeListener('SIGINT', onSigint);
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, release };
}

/** Was this error the signal's cancellation (an AbortError from any layer)? */
export function isAbort(e: unknown): boolean {
  return !!e && typeof e === 'object' && (e as { name?: unknown }).name === 'AbortError';
}
