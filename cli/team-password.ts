import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { DossierError } from '../core/errors';
import { readInput } from './read-input';

/**
 * The team server password for the command line: from DOSSIER_TEAM_PASSWORD, from a file only
 * its owner can read (--password-file, or DOSSIER_TEAM_PASSWORD_FILE), or typed at a prompt
 * that does not echo. Never an option's value (visible in `ps` and shell history) and never
 * stored in the library file: the library keeps the connection string without it.
 */
const TEAM_PASSWORD_ENV = 'DOSSIER_TEAM_PASSWORD';
const TEAM_PASSWORD_FILE_ENV = 'DOSSIER_TEAM_PASSWORD_FILE';

export const TEAM_PASSWORD_HELP = `  --password-file F    the team server password: the first line of file F, which only
                       you may read (chmod 600). Or set ${TEAM_PASSWORD_ENV}, or type it
                       at the prompt. There is no --password option (ps, shell history).`;

export async function teamPassword(passwordFile: string | undefined, env: NodeJS.ProcessEnv, who: string): Promise<string> {
  const file = passwordFile ?? env[TEAM_PASSWORD_FILE_ENV];
  if (file) return readPasswordFile(file);
  const fromEnv = env[TEAM_PASSWORD_ENV];
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY && process.stderr.isTTY) return promptHidden(`Password for ${who}: `);
  throw new DossierError(
    'validation',
    `password: none given for ${who}; set ${TEAM_PASSWORD_ENV}, or give --password-file F (a file only you can read)`,
    'password',
  );
}

async function readPasswordFile(file: string): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  // As ssh does for keys: a password others can read is not a secret any more.
  if (info && process.platform !== 'win32' && (info.mode & 0o077) !== 0)
    throw new DossierError('validation', `--password-file: ${file} can be read by other users; run: chmod 600 ${file}`, 'password-file');
  const text = (await readInput(file)).toString('utf8');
  const password = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
  if (!password) throw new DossierError('validation', `--password-file: ${file} is empty; its first line must be the password`, 'password-file');
  return password;
}

function promptHidden(question: string): Promise<string> {
  process.stderr.write(question);
  // A muted output stream: readline echoes into it, nothing reaches the terminal.
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
