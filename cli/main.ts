import type { RenderThread } from './render-thread';
import { parseArgs } from 'node:util';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DossierError, errorCode } from '../core/errors';
import { defaultLibraryPath } from '../core/paths';
import { removeLeftovers } from '../db/leftovers';
import { Library } from '../db/library';
import type { Command, Context } from './command';
import { UsageError, accessOf } from './command';
import { describeLibraryError } from '../db/sqlite-errors';
import { Cancelled } from './cancel';
import { COMMANDS } from './commands/index';
import { attachDashValues } from './dash-values';

const GLOBAL_OPTIONS = {
  library: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin(): Promise<Buffer>;
  env: NodeJS.ProcessEnv;
  /** Starts a second citation engine on another thread (the built command line has one). */
  renderThread?: () => RenderThread;
}

/** Runs one command line; returns the exit code (0 ok, 1 usage, 2 data or validation). */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const words = commandWords(argv);
  const command = findCommand(words);
  const json = argv.includes('--json');
  let library: Library | undefined;
  try {
    if (!command) {
      if (words.length === 0 || argv.includes('--help') || argv.includes('-h')) {
        io.stdout(mainHelp());
        return words.length === 0 && !argv.includes('--help') && !argv.includes('-h') ? 1 : 0;
      }
      throw new UsageError(`unknown command "${words.join(' ')}"`);
    }
    const parsed = parseCommandArgs(command, argv);
    if (parsed.values.help) {
      io.stdout(commandHelp(command));
      return 0;
    }
    const libraryPath = resolve(typeof parsed.values.library === 'string' ? parsed.values.library : defaultLibraryPath(io.env));
    if (!command.noLibrary) removeLeftovers([dirname(libraryPath)]); // temporary files of killed runs
    const ctx: Context = {
      values: parsed.values,
      positionals: parsed.positionals,
      json: parsed.values.json === true,
      libraryPath,
      library: () => (library ??= openFor(command, parsed, libraryPath, io)),
      out: (t) => io.stdout(t),
      readStdin: () => io.stdin(),
      env: io.env,
      ...(io.renderThread ? { renderThread: io.renderThread } : {}),
    };
    const result = await command.run(ctx);
    if (ctx.json) io.stdout(JSON.stringify(result ?? null, null, 2));
    return ctx.exitCode ?? 0;
  } catch (e) {
    // SQLite's own codes are about the library; a file system error may be about any file.
    const sqlite = errorCode(e).startsWith('SQLITE_');
    return reportError(sqlite ? describeLibraryError(libraryPathOf(argv, io), e, 'use') : e, command, json, io);
  } finally {
    library?.close();
  }
}

/** Opens the library read-only for commands that only read, and says what opening did. */
function openFor(command: Command, ctx: Pick<Context, 'values' | 'positionals'>, path: string, io: Io): Library {
  const access = accessOf(command, ctx);
  const notice = (m: string) => io.stderr(`dossier: ${m}`);
  if (access === 'preview' && !(existsSync(path) && statSync(path).size > 0)) return Library.open(':memory:');
  if (access === 'record') return openToRecord(path, notice);
  return Library.open(path, { readonly: access !== 'write', notice });
}

/**
 * A read that records what it did (an export keeps its version and the file's hash): judged as
 * a read first, so a missing, foreign or damaged file is refused exactly as any read refuses it
 * and nothing is written; then, where the file and its folder may be written, opened again for
 * writing. A library only readable here is exported from without a record.
 */
function openToRecord(path: string, notice: (m: string) => void): Library {
  const read = Library.open(path, { readonly: true, notice });
  if (!writable(path)) return read;
  read.close();
  return Library.open(path, { notice });
}

/** An existing library whose file and folder (its journal goes there) this process may write. */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The library a failed command was about, for its message (before or after parsing). */
function libraryPathOf(argv: string[], io: Io): string {
  const i = argv.indexOf('--library');
  const given = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--library='))?.slice('--library='.length);
  return resolve(given ?? defaultLibraryPath(io.env));
}

/** The words before the first option that select a command, e.g. ["brief", "add"]. */
function commandWords(argv: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--library') {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    words.push(a);
    if (words.length === 2) break;
  }
  return words;
}

/** The longest command name that prefixes the words typed ("brief add" before "brief"). */
function findCommand(words: string[]): Command | undefined {
  let best: Command | undefined;
  for (const c of COMMANDS) {
    if (c.name.every((w, i) => words[i] === w) && (!best || c.name.length > best.name.length)) best = c;
  }
  return best;
}

function parseCommandArgs(command: Command, argv: string[]) {
  let parsed;
  try {
    const options = { ...GLOBAL_OPTIONS, ...command.options };
    parsed = parseArgs({ args: attachDashValues(argv, options), options, allowPositionals: true, strict: true });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message.split('\n')[0].replace(/^TypeError \[\w+\]: /, ''));
  }
  // Drop the command's own words from the positionals (the first occurrences, in order).
  const positionals = [...parsed.positionals];
  for (const w of command.name) positionals.splice(positionals.indexOf(w), 1);
  return { values: parsed.values as Context['values'], positionals };
}

function reportError(e: unknown, command: Command | undefined, json: boolean, io: Io): number {
  let code: number;
  let message: string;
  let payload: Record<string, unknown>;
  if (e instanceof UsageError) {
    code = 1;
    message = `dossier: ${e.message}\nusage: ${command ? command.usage : 'dossier COMMAND [options]; dossier --help lists commands'}`;
    payload = { code: 'usage', message: e.message };
  } else if (e instanceof Cancelled) {
    code = 130; // what a shell reports for a command stopped by Ctrl+C
    message = `dossier: ${e.message}`;
    payload = { code: 'cancelled', message: e.message };
  } else if (e instanceof DossierError) {
    code = 2;
    message = `dossier: ${e.message}`;
    payload = { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) };
  } else {
    // A bug or an unexpected system error: one line for the user, the stack only on request.
    code = 2;
    const err = e as Error;
    message = `dossier: unexpected error: ${err?.message ?? String(e)}` + (io.env.DOSSIER_DEBUG ? `\n${err?.stack ?? ''}` : '');
    payload = { code: 'internal', message: err?.message ?? String(e) };
  }
  io.stderr(message);
  if (json) io.stdout(JSON.stringify({ error: payload }, null, 2));
  return code;
}

function mainHelp(): string {
  const w = Math.max(...COMMANDS.map((c) => c.name.join(' ').length));
  return `Dossier — a library of sourced facts that become cited briefings.

usage: dossier [--library PATH] [--json] COMMAND [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.join(' ').padEnd(w)}  ${c.summary}`).join('\n')}

Global options:
  --library PATH   library file (default: your data folder; DOSSIER_LIBRARY overrides)
  --json           print one JSON document instead of tables
  --help           help for any command, e.g. dossier import --help

Exit codes: 0 ok, 1 usage error, 2 data or validation error, 130 cancelled (Ctrl+C).`;
}

function commandHelp(c: Command): string {
  return `usage: ${c.usage}\n\n${c.summary[0].toUpperCase()}${c.summary.slice(1)}.${c.help ? `\n\n${c.help}` : ''}\n\nGlobal options: --library PATH, --json, --help`;
}
