import { fork } from 'node:child_process';
import type { CoreChannel } from './client';

/**
 * The core as a Node child process: what tests drive, and what the command line could keep
 * running. `serialization: 'advanced'` carries structured clones (a file's bytes as a
 * Uint8Array), as Electron's utilityProcess port does.
 */
export function nodeCoreChannel(entry: string, env: NodeJS.ProcessEnv = process.env): CoreChannel {
  const child = fork(entry, [], { serialization: 'advanced', env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let exitListener: ((how: string) => void) | undefined;
  let exited: string | undefined;
  // A message sent while the child is dying fails with EPIPE; its exit is what the client acts on,
  // so the send error is not a second failure (unhandled, it would end the parent).
  child.on('error', () => undefined);
  child.once('exit', (code, signal) => {
    exited = signal ? `signal ${signal}` : `exit code ${code}`;
    exitListener?.(exited);
  });
  return {
    post: (m) => {
      if (child.connected) child.send(m, () => undefined);
    },
    onMessage: (l) => child.on('message', l),
    onExit: (l) => {
      exitListener = l;
      if (exited) l(exited);
    },
    kill: () => void child.kill('SIGKILL'),
  };
}
