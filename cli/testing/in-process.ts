import { runCli } from '../main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the command line in this process against one library, as a person would type it. */
export async function runInProcess(library: string, args: readonly string[], stdin = ''): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(['--library', library, ...args], {
    stdout: (t) => (out += t + '\n'),
    stderr: (t) => (err += t + '\n'),
    stdin: async () => Buffer.from(stdin),
    env: {},
  });
  return { code, out, err };
}
