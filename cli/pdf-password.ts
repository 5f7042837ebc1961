import { DossierError } from '../core/errors';
import { readInput } from './read-input';

/**
 * The password of an encrypted PDF, for `dossier import`: from the file named by
 * --password-file (its first line), else from the environment variable DOSSIER_PDF_PASSWORD.
 * There is deliberately no --password option: a command line is visible to every user of the
 * machine while the command runs (ps, /proc/PID/cmdline) and is kept in shell history.
 */
export const PASSWORD_ENV = 'DOSSIER_PDF_PASSWORD';

export const PASSWORD_HELP = `  --password-file F    the password of an encrypted PDF: the first line of file F
                       (or set ${PASSWORD_ENV}). There is no --password option: a
                       password on the command line is visible to other users of the
                       machine (ps) and is kept in your shell history.`;

export async function pdfPassword(passwordFile: string | undefined, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (passwordFile !== undefined) {
    const text = (await readInput(passwordFile)).toString('utf8');
    // The first line, without its line ending: `echo secret > f` writes a newline after it.
    const password = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    if (!password)
      throw new DossierError('validation', `--password-file: ${passwordFile} is empty; its first line must be the PDF's password`, 'password-file');
    return password;
  }
  const fromEnv = env[PASSWORD_ENV];
  return fromEnv ? fromEnv : undefined;
}
