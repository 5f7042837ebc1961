import { dirname, resolve } from 'node:path';
import { removeLeftovers } from '../../db/leftovers';
import { Cancelled, cancelOnSigint, isAbort } from '../cancel';
import type { Command } from '../command';
import { need } from '../command';
import { fields } from '../table';

export const backupCommand: Command = {
  name: ['backup'],
  summary: 'write a checked copy of the library while it stays in use',
  usage: 'dossier backup PATH',
  async run(ctx) {
    const dest = resolve(need(ctx, 0, 'PATH'));
    removeLeftovers([dirname(dest)]); // .partial files of backups that were killed
    const cancel = cancelOnSigint();
    const r = await ctx
      .library()
      .backup(dest, { signal: cancel.signal })
      .catch((e: unknown) => {
        throw isAbort(e) ? new Cancelled('cancelled; nothing was changed') : e;
      })
      .finally(() => cancel.release());
    if (ctx.json) return r;
    ctx.out(`Backed up the library to ${r.path} (${(r.bytes / 1024).toFixed(0)} KiB, integrity checked).`);
    return undefined;
  },
};

export const checkCommand: Command = {
  name: ['check'],
  summary: "check the library's integrity, foreign keys and search index",
  usage: 'dossier check',
  run(ctx) {
    const r = ctx.library().check();
    if (ctx.json) return r;
    ctx.out(
      fields([
        ['library', ctx.libraryPath],
        ['schema version', String(r.schemaVersion)],
        ['sources', String(r.counts.sources)],
        ['facts', String(r.counts.facts)],
        ['tags', String(r.counts.tags)],
        ['briefings', String(r.counts.briefings)],
        ['integrity', r.integrity.length ? r.integrity.join('; ') : 'ok'],
        ['foreign keys', r.foreignKeys.length ? `${r.foreignKeys.length} broken reference(s)` : 'ok'],
        ['search index', r.searchIndexMismatch ? `${r.searchIndexMismatch} row(s) out of step` : 'ok'],
      ]),
    );
    if (!r.ok) process.exitCode = 2;
    return undefined;
  },
};

export const markingsCommand: Command = {
  name: ['markings'],
  summary: "show the library's handling-marking scheme, or switch it (us, uk, custom)",
  usage: 'dossier markings [set us|uk|custom [--levels "PUBLIC, INTERNAL, RESTRICTED"]]',
  options: { levels: { type: 'string' } },
  run(ctx) {
    const lib = ctx.library();
    let scheme = lib.markingScheme();
    if (ctx.positionals[0] === 'set') {
      const levels = ctx.values.levels;
      scheme = lib.setMarkingScheme(need(ctx, 1, 'scheme (us, uk or custom)'), typeof levels === 'string' ? levels : undefined);
    }
    if (ctx.json) return scheme;
    ctx.out(`${scheme.name} (${scheme.id}), lowest to highest:\n` + scheme.levels.map((l) => `  ${l.id.padEnd(20)} banner "${l.banner}", portion (${l.portion})`).join('\n'));
    return undefined;
  },
};
