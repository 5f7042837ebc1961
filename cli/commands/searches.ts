import type { Command } from '../command';
import { UsageError, need } from '../command';
import { table } from '../table';
import { FILTER_OPTIONS, queryFromOptions } from './facts';

/** Saved searches, kept in the library: the app's sidebar and the command line share them. */
export const searchesCommand: Command = {
  name: ['searches'],
  summary: 'list saved searches, save one (searches save NAME [filters]) or remove one (searches rm NAME)',
  usage: 'dossier searches [save NAME [filters as for dossier facts] | rm NAME]',
  help: `  save NAME            save the filters given (--search, --tag, --kind … as for dossier facts)
                       under NAME; an existing search of that name is replaced
  rm NAME              remove a saved search
Run one with: dossier facts --saved NAME`,
  options: FILTER_OPTIONS,
  access: (ctx) => (ctx.positionals[0] === 'save' || ctx.positionals[0] === 'rm' ? 'write' : 'read'),
  run(ctx) {
    const lib = ctx.library();
    const action = ctx.positionals[0];
    if (action === 'save') {
      const query = queryFromOptions(ctx.values, lib);
      if (Object.keys(query).length === 0) throw new UsageError('give the filters to save, e.g. --search "grain corridor" --tag grain');
      const saved = lib.saveSearch(need(ctx, 1, 'NAME'), query);
      if (ctx.json) return saved;
      ctx.out(`Saved search "${saved.name}". Run it with: dossier facts --saved "${saved.name}"`);
      return undefined;
    }
    if (action === 'rm') {
      const gone = lib.removeSavedSearch(need(ctx, 1, 'NAME'));
      if (ctx.json) return { removed: gone.id };
      ctx.out(`Removed saved search "${gone.name}".`);
      return undefined;
    }
    if (action !== undefined) throw new UsageError(`unknown action "${action}"; valid: save, rm (or none to list)`);
    const list = lib.listSavedSearches();
    if (ctx.json) return list;
    if (!list.length) return ctx.out('No saved searches.');
    ctx.out(
      table(
        ['name', 'search'],
        list.map((s) => [s.name, JSON.stringify(s.query)]),
      ),
    );
    return undefined;
  },
};
