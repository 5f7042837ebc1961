import { DossierError } from '../../core/errors';

/**
 * Cancellation and refusal, the same way in every importer.
 *
 * Cancelling throws a DOMException named "AbortError" — the platform's own convention, which
 * `fetch`, streams and Electron already use — so a shell can tell "the user stopped it" apart
 * from a DossierError ("the file is bad") with one `name === 'AbortError'` check.
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('The import was cancelled', 'AbortError');
}

/** A file Dossier cannot import: a validation error naming the file and the problem. */
export function unreadable(fileName: string, problem: string): DossierError {
  return new DossierError('validation', `${fileName}: ${problem}`, 'file');
}

/** A size for a message: "52.4 MB", or a byte count below a megabyte. */
export function megabytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${n.toLocaleString('en')} bytes`;
}

/** Lets a long synchronous loop give the event loop (and a cancel button) a turn. */
export function nextTick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
