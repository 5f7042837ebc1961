import type { PackSelector } from '../../team/pack/export-pack';
import type { Command } from '../command';
import { UsageError, list, need, str } from '../command';

export const packExportCommand: Command = {
  name: ['pack', 'export'],
  summary: 'write facts with their sources (and originals) to one fact pack, for a network that does not connect',
  usage: 'dossier pack export (--tag T | --brief B | --ids ID…) OUT',
  help: `  OUT                  the pack file, or a folder: the file is then named by the pack's highest
                       marking first, e.g. "SECRET-NOFORN grain 2026-12-04.dossierpack"
A fact goes with its source and via source; a briefing with the facts it cites; links between
the pack's facts go too. Bring changes back with: dossier pack import FILE`,
  options: { tag: { type: 'string' }, brief: { type: 'string' }, ids: { type: 'string', multiple: true } },
  async run(ctx) {
    const ids = list(ctx.values, 'ids').flatMap((s) => s.split(/[\s,]+/).filter(Boolean));
    const tag = str(ctx.values, 'tag');
    const brief = str(ctx.values, 'brief');
    if ([ids.length > 0, tag, brief].filter(Boolean).length !== 1) throw new UsageError('say what goes in the pack with one of --tag, --brief or --ids');
    const selector: PackSelector = ids.length ? { ids } : tag ? { tag } : { brief: brief as string };
    // The pack code (and its ZIP writer) loads only for the pack commands.
    const { exportPack } = await import('../../team/pack/export-pack');
    const r = await exportPack(ctx.library(), selector, need(ctx, 0, 'OUT (a pack file or a folder)'));
    if (ctx.json) return r;
    ctx.out(`Pack marked ${r.highestMarking ?? 'UNMARKED'}: ${r.path}`);
    ctx.out(
      `  ${count(r.counts.fact, 'fact')}, ${count(r.counts.source, 'source')}, ${count(r.counts.link, 'link')}, ${count(r.counts.briefing, 'briefing')}, ${count(r.originals, 'original')}`,
    );
    if (r.damagedOriginals) ctx.out(`  ! ${count(r.damagedOriginals, 'damaged original')} left out (see: dossier check)`);
    return undefined;
  },
};

export const packImportCommand: Command = {
  name: ['pack', 'import'],
  summary: 'merge a fact pack into this library: new rows added, changes merged, clashes kept as conflicts',
  usage: 'dossier pack import FILE',
  help: `All or nothing: a damaged or cut-short pack, one from a newer Dossier or one whose markings
this library's scheme cannot hold changes nothing. A field changed both here and in the pack
keeps yours and becomes a conflict: dossier sync --conflicts, then --resolve ID --keep mine|theirs`,
  async run(ctx) {
    const { importPack } = await import('../../team/pack/import-pack');
    const r = await importPack(ctx.library(), need(ctx, 0, 'FILE (a .dossierpack)'));
    if (ctx.json) return r;
    ctx.out(
      `Imported ${r.path} (marked ${r.highestMarking ?? 'UNMARKED'}): ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged; ${count(r.conflicts, 'conflict')}, ${count(r.originals, 'original')} added.`,
    );
    if (r.conflicts) ctx.out('See them with: dossier sync --conflicts');
    return undefined;
  },
};

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
