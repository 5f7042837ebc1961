import { runCli } from './main';
import { startRenderThread, useRenderThread } from './render-thread';

/** Entry point of the `dossier` executable: real process streams and exit code. */
async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A reader that stops early (`dossier facts | head`) closes the pipe: Node then reports EPIPE
 * as an unhandled error and the process dies mid-command. The command finishes instead (an
 * export still writes its file) and only its further output is dropped.
 */
let stdoutClosed = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  stdoutClosed = true;
});

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => {
    if (!stdoutClosed) process.stdout.write(t.endsWith('\n') ? t : t + '\n');
  },
  stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  stdin: readStdin,
  env: process.env,
  // The second engine's script is built next to this one (scripts/build.mjs).
  ...(useRenderThread(process.env) ? { renderThread: () => startRenderThread(new URL('./render-worker.js', import.meta.url)) } : {}),
});
process.exitCode = process.exitCode ?? code;
if (code !== 0) process.exitCode = code;
