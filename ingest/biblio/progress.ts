import type { ImportOptions } from '../document';

/** Cancelling throws the platform's AbortError, so a shell tells "stopped" from "bad file". */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('The import was cancelled', 'AbortError');
}

/**
 * Reports progress through `opts.onProgress` for a loop of `total` steps: every step for small
 * jobs, about a thousand reports for big ones (a progress bar needs no more), always the last.
 */
export function progressReporter(opts: ImportOptions, phase: (done: number, total: number) => string, total: number): (done: number) => void {
  const report = opts.onProgress;
  if (!report) return () => {};
  const every = Math.max(1, Math.floor(total / 1000));
  return (done) => {
    if (done % every === 0 || done === total) report({ phase: phase(done, total), done, total });
  };
}
