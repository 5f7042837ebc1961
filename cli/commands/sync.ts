import { invalid } from '../../core/errors';
import type { Command } from '../command';
import { UsageError, flag, list, str } from '../command';
import { oneOf } from '../choices';
import { table } from '../table';
import { TEAM_PASSWORD_HELP } from '../team-password';
import { connect } from './team';

export const shareCommand: Command = {
  name: ['share'],
  summary: 'share facts with your team: by id, tag, source or briefing (with the sources they need)',
  usage: 'dossier share --team T (--ids ID… | --tag TAG | --source S | --brief B)',
  help: `A fact goes with its source; a briefing with the facts it cites and their sources; links
between shared facts go too. Shared rows go up at the next: dossier sync`,
  options: {
    team: { type: 'string' },
    ids: { type: 'string', multiple: true },
    tag: { type: 'string' },
    source: { type: 'string' },
    brief: { type: 'string' },
  },
  run(ctx) {
    const lib = ctx.library();
    const link = lib.teamLink();
    if (!link) throw invalid('team', 'this library is not linked to a team; link it with: dossier team link URL --team T');
    const team = str(ctx.values, 'team');
    if (!team) throw new UsageError('give the team: --team T');
    if (team !== link.teamName) throw invalid('team', `this library is linked to team "${link.teamName}", not "${team}"`);
    const ids = list(ctx.values, 'ids').flatMap((s) => s.split(/[\s,]+/).filter(Boolean));
    const tag = str(ctx.values, 'tag');
    const source = str(ctx.values, 'source');
    const brief = str(ctx.values, 'brief');
    const given = [ids.length > 0, tag, source, brief].filter(Boolean).length;
    if (given !== 1) throw new UsageError('say what to share with one of --ids, --tag, --source or --brief');
    const selector = ids.length ? { ids } : tag ? { tag } : source ? { source } : { brief: brief as string };
    const shared = lib.shareWithTeam(link.teamId, selector);
    if (ctx.json) return shared;
    const parts = Object.entries(shared)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`);
    ctx.out(
      parts.length ? `Shared with "${team}": ${parts.join(', ')}. They go up at the next: dossier sync` : 'Nothing new to share: all of it is shared already.',
    );
    return undefined;
  },
};

export const syncCommand: Command = {
  name: ['sync'],
  summary: "send your changes to the team server and take the team's; --conflicts lists what needs a decision",
  usage: 'dossier sync [--json] | sync --conflicts | sync --resolve ID --keep mine|theirs',
  help: `${TEAM_PASSWORD_HELP}
  --conflicts          list open conflicts: the same field changed on two machines, an edit to
                       something deleted elsewhere
  --resolve ID --keep mine|theirs
                       settle one: "mine" puts your value back (it goes up at the next sync),
                       "theirs" keeps the team's`,
  options: { conflicts: { type: 'boolean' }, resolve: { type: 'string' }, keep: { type: 'string' }, 'password-file': { type: 'string' } },
  access: (ctx) => (ctx.values.conflicts === true ? 'read' : 'write'),
  async run(ctx) {
    const lib = ctx.library();
    if (flag(ctx.values, 'conflicts')) {
      const open = lib.listConflicts({ open: true });
      if (ctx.json) return open;
      if (!open.length) return ctx.out('No open conflicts.');
      ctx.out(
        table(
          ['id', 'what', 'field', 'yours', 'team', 'by'],
          open.map((c) => [c.id.slice(0, 8), `${c.entity} ${c.entityId.slice(0, 8)}`, c.field ?? c.kind, show(c.mine), show(c.theirs), c.byUser ?? '']),
        ),
      );
      ctx.out('Settle one with: dossier sync --resolve ID --keep mine|theirs');
      return undefined;
    }
    const resolve = str(ctx.values, 'resolve');
    if (resolve) {
      const keep = oneOf('--keep', str(ctx.values, 'keep') ?? '', ['mine', 'theirs']) as 'mine' | 'theirs';
      const done = lib.resolveConflict(conflictId(lib.listConflicts({ open: true }), resolve), keep);
      if (ctx.json) return done;
      ctx.out(keep === 'mine' ? 'Kept your value; it goes up at the next sync.' : "Kept the team's value.");
      return undefined;
    }
    const link = lib.teamLink();
    if (!link) throw invalid('team', 'this library is not linked to a team; link it with: dossier team link URL --team T');
    // Loaded here, not at the top: the sync (and the team server's client) is no other command's.
    const { syncOnce } = await import('../../team/sync');
    const server = await connect(ctx, link.server);
    try {
      const r = await syncOnce(lib, server);
      if (ctx.json) return r;
      if (r.revoked) {
        ctx.out(`You are no longer a member of "${link.teamName}": removed ${r.removed} of the team's rows from this library; your own facts are kept.`);
        return undefined;
      }
      ctx.out(`Pushed ${r.pushed}, pulled ${r.pulled}, removed ${r.removed}; ${r.conflicts} new conflict${r.conflicts === 1 ? '' : 's'}.`);
      if (r.uploadedOriginals || r.fetchedOriginals) {
        ctx.out(`Stored originals: ${r.uploadedOriginals} file${r.uploadedOriginals === 1 ? '' : 's'} sent, ${r.fetchedOriginals} received.`);
      }
      for (const x of r.refused) ctx.out(`  ! not taken by the team: ${x.entity} ${x.id.slice(0, 8)}: ${x.reason}`);
      if (r.refused.length) ctx.out('  Each is kept as a conflict (your value as "mine"), or, if the team never had the row, as a personal row.');
      if (r.pending) ctx.out(`${r.pending} change${r.pending === 1 ? '' : 's'} made during the sync wait for the next one.`);
      if (r.openConflicts) ctx.out(`${r.openConflicts} open conflict${r.openConflicts === 1 ? '' : 's'}: dossier sync --conflicts`);
      return undefined;
    } finally {
      await server.close();
    }
  },
};

/** The listing shows ids cut to 8 characters: an open conflict's id may be given by its start. */
function conflictId(open: readonly { id: string }[], given: string): string {
  const matches = open.filter((c) => c.id.startsWith(given));
  if (matches.length > 1) throw invalid('resolve', `"${given}" is the start of ${matches.length} open conflicts' ids; give more of it`);
  return matches[0]?.id ?? given;
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
