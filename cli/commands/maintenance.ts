import { dirname, resolve } from 'node:path';
import { removeLeftovers } from '../../db/leftovers';
import { Cancelled, cancelOnSigint, isAbort } from '../cancel';
import { BUILT_IN_SCHEMES } from '../../core/markings';
import { MARKING_DEFAULT_FIELDS } from '../../db/repo/settings';
import { oneOf } from '../choices';
import type { Command } from '../command';
import { flag, need } from '../command';
import { RESTORE_HINT } from '../../db/sqlite-errors';
import { fields } from '../table';

export const backupCommand: Command = {
  name: ['backup'],
  summary: 'write a checked copy of the library while it stays in use',
  usage: 'dossier backup PATH [--force]',
  help: `  --force              replace PATH if it exists (only once the new copy has passed its check)
Restore a backup with: dossier restore PATH`,
  options: { force: { type: 'boolean' } },
  async run(ctx) {
    const dest = resolve(need(ctx, 0, 'PATH'));
    removeLeftovers([dirname(dest)]); // .partial files of backups that were killed
    const cancel = cancelOnSigint();
    const r = await ctx
      .library()
      .backup(dest, { force: flag(ctx.values, 'force'), signal: cancel.signal })
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
  summary: "check the library's pages, references and search index; --repair rebuilds what can be",
  usage: 'dossier check [--repair]',
  help: `Reports each problem in words and exits 2 when there is one.
  --repair             keep a copy of the library (<library>.before-repair-<date>), then rebuild
                       derived data: the search index and SQL indexes. Facts, sources and
                       briefings are never changed; damage to them needs a backup:
                       ${RESTORE_HINT}.`,
  options: { repair: { type: 'boolean' } },
  run(ctx) {
    const lib = ctx.library();
    const repair = flag(ctx.values, 'repair') ? lib.repair() : undefined;
    const r = lib.check();
    if (r.problems.length) ctx.exitCode = 2;
    if (ctx.json) return { ...r, ...(repair ? { repair } : {}) };
    if (repair?.backup) ctx.out(`Kept the library as it was at ${repair.backup}; ${repair.repaired.join('; ')}.\n`);
    ctx.out(
      fields([
        ['library', ctx.libraryPath],
        ['schema version', String(r.schemaVersion)],
        ['sources', String(r.counts.sources)],
        ['facts', String(r.counts.facts)],
        ['tags', String(r.counts.tags)],
        ['briefings', String(r.counts.briefings)],
        ['result', r.problems.length ? `${r.problems.length} problem(s)` : 'ok'],
      ]),
    );
    for (const p of r.problems) ctx.out(`  ! ${p.message}${p.remedy === 'rebuild' ? ' (dossier check --repair)' : ''}`);
    if (r.problems.some((p) => p.remedy === 'restore')) ctx.out(`To mend the rest, ${RESTORE_HINT}.`);
    return undefined;
  },
};

export const markingsCommand: Command = {
  name: ['markings'],
  summary: "show the library's handling-marking scheme, or switch it (us, uk, custom); your defaults for the first-page block",
  usage: 'dossier markings [set us|uk|custom [--levels "PUBLIC, INTERNAL, RESTRICTED"]] | [default FIELD VALUE]',
  help: `  set SCHEME            switch scheme (refused while facts carry markings it does not have)
  default FIELD VALUE   your default for a first-page block line, used when a briefing leaves
                        it empty: ${MARKING_DEFAULT_FIELDS.join(', ')} (an empty VALUE clears it).
                        Per briefing: dossier brief set B --field classifiedBy=... --field declassifyOn=20501231
Markings carry controls after "//": S//NOFORN, S//REL TO USA, GBR, CUI//SP-PRVCY//FEDCON,
OFFICIAL-SENSITIVE COMMERCIAL.`,
  options: { levels: { type: 'string' } },
  run(ctx) {
    const lib = ctx.library();
    let scheme = lib.markingScheme();
    if (ctx.positionals[0] === 'set') {
      const levels = ctx.values.levels;
      scheme = lib.setMarkingScheme(
        oneOf('scheme', need(ctx, 1, 'scheme (us, uk or custom)'), [...BUILT_IN_SCHEMES.map((s) => s.id), 'custom']),
        typeof levels === 'string' ? levels : undefined,
      );
    } else if (ctx.positionals[0] === 'default') {
      const field = oneOf('field', need(ctx, 1, `field (${MARKING_DEFAULT_FIELDS.join(', ')})`), [...MARKING_DEFAULT_FIELDS]);
      lib.setMarkingDefault(field, ctx.positionals.slice(2).join(' '));
    }
    const defaults = lib.markingDefaults();
    if (ctx.json) return { ...scheme, defaults };
    const controls = (scheme.controls ?? []).map((c) => (c.portion !== c.banner ? `${c.banner} (${c.portion})` : c.banner));
    ctx.out(
      [
        `${scheme.name} (${scheme.id}), lowest to highest:`,
        ...scheme.levels.map(
          (l) => `  ${l.id.padEnd(20)} banner "${l.banner}", portion (${l.portion})${l.descriptors ? `; descriptors: ${l.descriptors.join(', ')}` : ''}`,
        ),
        ...(controls.length ? [`Controls: ${controls.join(', ')}`] : []),
        ...(scheme.categories ? [`CUI categories: ${scheme.categories.list.join(', ')}`] : []),
        ...Object.entries(defaults).map(([k, v]) => `Default ${k}: ${v}`),
      ].join('\n'),
    );
    return undefined;
  },
};
