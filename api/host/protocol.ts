import type { CoreEvent, CoreMethod, CoreOptions } from './core-service';

/**
 * The messages between the main process and the core process (Electron's utilityProcess, or a
 * Node child process for tests and the command line). Structured-clone data only: a file's
 * bytes travel as a Uint8Array, never as a path the core did not already have.
 */
export type ToCore =
  | { t: 'init'; options: CoreOptions }
  | { t: 'req'; id: number; method: CoreMethod; args: unknown[] }
  | { t: 'cancel'; id: number }
  /** A heartbeat: a core whose event loop is stuck (a parser that loops) never answers it. */
  | { t: 'ping'; n: number };

export interface WireError {
  code: string;
  message: string;
  field?: string;
}

export type FromCore =
  | { t: 'ready'; pid: number }
  | { t: 'res'; id: number; ok: true; value: unknown }
  | { t: 'res'; id: number; ok: false; error: WireError }
  | { t: 'progress'; id: number; phase: string; done?: number; total?: number }
  | { t: 'pong'; n: number }
  /** Unasked news (the team sync's state), for the main process to pass to the window. */
  | ({ t: 'event' } & CoreEvent);

/** The two ends of a message channel, whatever carries it (utilityProcess port, Node IPC, a test pair). */
export interface MessageEnd<Out> {
  post(message: Out): void;
  onMessage(listener: (message: unknown) => void): void;
}
