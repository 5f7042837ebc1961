import type { ImportProgress } from '../ingest/document';

/**
 * A one-line progress bar on standard error, redrawn in place, only when it is a terminal
 * (scripts and --json consumers get clean output). Returns the callback and a `done` to clear it.
 * DOSSIER_PROGRESS=lines asks for the phases as lines instead, for a program driving the
 * command line (which then knows, for example, when to offer a Cancel that sends SIGINT).
 */
export function progressBar(
  stream: NodeJS.WriteStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): { onProgress: (p: ImportProgress) => void; done(): void } {
  if (env.DOSSIER_PROGRESS === 'lines') return progressLines(stream);
  if (!stream.isTTY) return { onProgress: () => undefined, done: () => undefined };
  let last = 0;
  const width = 30;
  return {
    onProgress(p) {
      const now = Date.now();
      if (now - last < 80 && p.done !== p.total) return;
      last = now;
      const frac = p.total ? Math.min(1, p.done / p.total) : 0;
      const bar = p.total ? `[${'#'.repeat(Math.round(frac * width)).padEnd(width, '.')}] ${Math.round(frac * 100)}%` : `${p.done}`;
      stream.write(`\r\x1b[2K${bar} ${p.phase}`.slice(0, (stream.columns || 100) + 10));
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}

/** One line per phase ("dossier: Saving 80539 facts"), not per step: a log, not a display. */
function progressLines(stream: NodeJS.WritableStream): { onProgress: (p: ImportProgress) => void; done(): void } {
  let last = '';
  return {
    onProgress(p) {
      if (p.phase === last) return;
      last = p.phase;
      stream.write(`dossier: ${p.phase}\n`);
    },
    done: () => undefined,
  };
}
