import { spawn, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built command line (`npm run build`, which `npm test` and `npm run drill` run first). */
const CLI = join(__dirname, '..', '..', 'dist', 'cli', 'dossier.js');
export const BUILT = existsSync(CLI);
export const NOT_BUILT_NOTE = BUILT ? '' : ' — skipped: the command line is not built (npm run build)';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Run as another user (the drills run as root, which ignores file permissions). */
  uid?: number;
  gid?: number;
  env?: NodeJS.ProcessEnv;
}

/** One run of `dossier ARGS` in its own process, to the end. */
export function runBuiltCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const child = spawnCli(args, opts);
  return finished(child);
}

export function spawnCli(args: string[], opts: CliOptions = {}) {
  const options: SpawnOptions = {
    stdio: ['ignore', 'pipe', 'pipe'],
    // One citation engine: the drills share two cores with other work.
    env: { ...process.env, DOSSIER_RENDER_THREADS: '1', DOSSIER_DEBUG: '', ...opts.env },
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid ?? opts.uid } : {}),
  };
  return spawn(process.execPath, [CLI, ...args], options);
}

export function finished(child: ReturnType<typeof spawnCli>): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * What every failing command must print: one line, no stack, no "unexpected error". `check`
 * reports on stdout instead, one line per problem (`report: true`).
 */
export function messageProblem(r: CliResult, opts: { report?: boolean } = {}): string | undefined {
  // A usage error (exit 1) adds the command's usage line under its message, by design.
  const text = r.stderr.replace(/\n$/, '').replace(r.code === 1 ? /\nusage: [^\n]*$/ : /$^/, '');
  if (/unexpected error|internal error|^\s+at /im.test(text + r.stdout)) return `not a handled error: ${(text || r.stdout).slice(0, 300)}`;
  if (opts.report && r.code !== 0 && text.length === 0 && r.stdout.trim()) return undefined;
  if (r.code !== 0 && text.length === 0) return 'failed without a message';
  if (r.code !== 0 && text.includes('\n')) return `message is not one line: ${JSON.stringify(text.slice(0, 300))}`;
  return undefined;
}

/** Waits until `ready()` holds, polling; false when `timeoutMs` passes first or `stop()` holds. */
export async function waitFor(ready: () => boolean, timeoutMs: number, stop: () => boolean = () => false): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (ready()) return true;
    if (stop()) return false;
    await new Promise((r) => setTimeout(r, 2));
  }
  return ready();
}

/** Runs at most `n` of the given jobs at once (the drills' processes share two cores with other work). */
export function limiter(n: number): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  return async (job) => {
    if (running >= n) await new Promise<void>((r) => queue.push(r));
    running++;
    try {
      return await job();
    } finally {
      running--;
      queue.shift()?.();
    }
  };
}
