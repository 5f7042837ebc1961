import type { ImportProgress } from '../ingest/document';

/**
 * A one-line progress bar on standard error, redrawn in place, only when it is a terminal
 * (scripts and --json consumers get clean output). Returns the callback and a `done` to clear it.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { onProgress: (p: ImportProgress) => void; done(): void } {
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
