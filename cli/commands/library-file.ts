import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DossierError } from '../../core/errors';
import { Library } from '../../db/library';
import { assertNotInUse, restoreLibrary } from '../../db/restore';
import type { Command } from '../command';
import { need } from '../command';

export const initCommand: Command = {
  name: ['init'],
  summary: 'create a new, empty library (the path given by --library, or the default)',
  usage: 'dossier init [--library PATH]',
  help: `Read commands never create a library; init (or the first command that adds to one) does.
An existing library is never replaced.`,
  noLibrary: true,
  run(ctx) {
    const path = ctx.libraryPath;
    if (existsSync(path) && statSync(path).size > 0) {
      throw new DossierError('conflict', `${path} already exists; a library is never replaced by init. Use --library to make another.`);
    }
    const lib = Library.open(path);
    lib.close();
    if (ctx.json) return { library: path, created: true };
    ctx.out(`Created an empty library at ${path}.`);
    return undefined;
  },
};

export const restoreCommand: Command = {
  name: ['restore'],
  summary: 'replace the library with a backup, keeping the current file as a dated copy',
  usage: 'dossier restore BACKUP [--library PATH]',
  help: `The backup is checked first (SQLite's integrity check, and that it is a Dossier library);
a backup that fails is refused and nothing changes. The current library and its journal files
are kept beside it as <library>.before-restore-<date>, then the backup takes the library's
place in one atomic rename. Close the Dossier app first: a library in use is refused.
In the app: File ▸ Restore Backup….`,
  noLibrary: true,
  run(ctx) {
    const backup = resolve(need(ctx, 0, 'BACKUP'));
    const path = ctx.libraryPath;
    if (!existsSync(backup)) throw new DossierError('not_found', `No backup at ${backup}.`);
    if (existsSync(path)) assertNotInUse(path);
    const r = restoreLibrary(path, backup);
    if (ctx.json) return r;
    ctx.out(`Restored ${backup} into ${path}.` + (r.keptAs ? `\nThe library as it was is kept as ${r.keptAs}.` : ''));
    return undefined;
  },
};
