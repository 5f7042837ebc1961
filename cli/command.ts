import type { ParseArgsConfig } from 'node:util';
import type { Library } from '../db/library';
import type { RenderThread } from './render-thread';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** What a command gets: parsed options and positionals, the library opened on first use. */
export interface Context {
  values: Values;
  positionals: string[];
  json: boolean;
  library(): Library;
  libraryPath: string;
  out(text: string): void;
  readStdin(): Promise<Buffer>;
  /** The process environment (tests pass their own). */
  env: NodeJS.ProcessEnv;
  /** Set by a command that finished but found a problem to report (e.g. 2 from `check`). */
  exitCode?: number;
  /** A second citation engine on its own thread, where the process can start one. */
  renderThread?(): RenderThread;
}

export interface Command {
  /** Words that select the command, e.g. ["source", "add"]. */
  name: string[];
  summary: string;
  usage: string;
  /** Extra lines of help: option descriptions, examples. */
  help?: string;
  options?: OptionSpec;
  /** Does not need a library (e.g. templates list). */
  noLibrary?: boolean;
  /**
   * `read`: the library is opened read-only (a missing file is an error, never a new library;
   * a library on read-only media works). Default `write`. A function decides from the options.
   */
  access?: Access | ((ctx: Pick<Context, 'values' | 'positionals'>) => Access);
  /** The result (printed with --json), or a promise of it. */
  run(ctx: Context): unknown;
}

/**
 * `preview`: read-only when the library exists, else an empty library in memory (a dry run needs none).
 * `record`: a read that also records what it did (an export stores its version): opened for
 * writing when the file and its folder can be written, else read-only, recording nothing.
 */
export type Access = 'read' | 'write' | 'preview' | 'record';

export function accessOf(command: Command, ctx: Pick<Context, 'values' | 'positionals'>): Access {
  const a = command.access ?? 'write';
  return typeof a === 'function' ? a(ctx) : a;
}

/** A mistake in how the command was typed: exit code 1 with the usage line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function str(v: Values, key: string): string | undefined {
  const x = v[key];
  return typeof x === 'string' ? x : undefined;
}

export function list(v: Values, key: string): string[] {
  const x = v[key];
  if (x === undefined) return [];
  return (Array.isArray(x) ? x : [x]).map(String);
}

export function flag(v: Values, key: string): boolean {
  return v[key] === true;
}

export function need(ctx: Context, index: number, what: string): string {
  const p = ctx.positionals[index];
  if (p === undefined || p === '') throw new UsageError(`missing ${what}`);
  return p;
}
